"""``anaiss-admin`` end to end, in process, on real SQLCipher stations.

Each test drives the command line the way a deployment script would: arguments, passwords one per
line on standard input, then the exit code and the French text on stdout/stderr. The FakeClock ages
passwords; the Argon2id cost is OWASP's minimum except in the one slow test, which runs the real
console script with the default cost.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FAST_KDF

from anaiss_desktop import __version__, cli
from anaiss_desktop.security.keyslots import KeySlotFile
from anaiss_desktop.services.clock import format_local
from anaiss_desktop.services.station import Station, StationPaths, station_exists
from anaiss_desktop.storage.database import Database

RECOVERY_KEY_RE = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}\b")
# Own accounts: every password must pass the strength rules against its login and names.
MANAGER_LOGIN = "cdubois"
MANAGER_PASSWORD = "Pilotage-Unite-2026!"
ASSISTANT_LOGIN = "amartin"
ASSISTANT_TEMP = "Temporaire-Solide-42!"
ASSISTANT_PASSWORD = "Accompagner-Chaque-Jour-7"
MANAGER_NEW = "Nouvelle-Annee-Unite-2027!"
MANAGER_TEMP = "Secours-Provisoire-88!"


@dataclass
class Result:
    code: int
    out: str
    err: str


def lines(*secrets: str) -> str:
    return "".join(f"{s}\n" for s in secrets)


@pytest.fixture
def admin(data_dir: Path, clock, capsys: pytest.CaptureFixture[str]):
    """Run one ``anaiss-admin`` command on the test station; passwords go to stdin."""

    def run(*args: str, stdin: str = "") -> Result:
        code = cli.main(
            ["--data-dir", str(data_dir), *args],
            stdin=io.StringIO(stdin),
            clock=clock,
            kdf_params=FAST_KDF,
        )
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return Result(code, out, err)

    return run


@pytest.fixture
def initialised(admin) -> str:
    """A station with its manager; returns the recovery key read from init's output."""
    result = admin(
        "init", "--manager", MANAGER_LOGIN, "--name", "Claire Dubois", "--social-worker",
        "--service", "Service social régional Nord", "--address", "12 rue des Arts\\n59000 Lille",
        stdin=lines(MANAGER_PASSWORD),
    )
    assert result.code == 0, result.err
    match = RECOVERY_KEY_RE.search(result.out)
    assert match, result.out
    return match.group(0)


@pytest.fixture
def with_assistant(admin, initialised: str) -> str:
    """Adds the assistant, who has already chosen their own password."""
    added = admin(
        "user", "add", ASSISTANT_LOGIN, "--name", "Anne Martin", "--role", "assistant",
        "--social-worker", "--as", MANAGER_LOGIN,
        stdin=lines(MANAGER_PASSWORD, ASSISTANT_TEMP),
    )
    assert added.code == 0, added.err
    changed = admin("passwd", "--as", ASSISTANT_LOGIN,
                    stdin=lines(ASSISTANT_TEMP, ASSISTANT_PASSWORD))
    assert changed.code == 0, changed.err
    return initialised


def fail_login(admin, login: str, times: int) -> list[Result]:
    wrong = lines("Pas-Le-Bon-Mot-2026!")
    return [admin("login", "--as", login, stdin=wrong) for _ in range(times)]


# -- init, version, data folder ---------------------------------------------------------------
def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"anaiss-admin {__version__}"


def test_init_output_labels_the_key_and_says_to_keep_it_safe(admin, data_dir):
    result = admin("init", "--manager", "chef", "--name", "Claire Chef",
                   stdin=lines(MANAGER_PASSWORD))
    assert result.code == 0, result.err
    assert "CLÉ DE SECOURS" in result.out
    assert "imprimez-la" in result.out and "lieu sûr" in result.out
    assert len(RECOVERY_KEY_RE.findall(result.out)) == 1
    login = admin("login", "--as", "chef", stdin=lines(MANAGER_PASSWORD))
    assert login.code == 0, login.err
    assert "« Service social »" in login.out  # the default service name


def test_init_uses_anaiss_home_without_data_dir(tmp_path, monkeypatch, clock, capsys):
    home = tmp_path / "maison"
    monkeypatch.setenv("ANAISS_HOME", str(home))
    code = cli.main(["init", "--manager", "chef", "--name", "Claire Chef"],
                    stdin=io.StringIO(lines(MANAGER_PASSWORD)), clock=clock, kdf_params=FAST_KDF)
    assert code == 0, capsys.readouterr().err
    assert station_exists(home)


def test_init_refuses_an_existing_station(admin, initialised):
    result = admin("init", "--manager", "autre", "--name", "Autre Chef",
                   stdin=lines(MANAGER_PASSWORD))
    assert result.code == 2
    assert "existe déjà" in result.err


def test_init_refuses_a_weak_password_and_creates_nothing(admin, data_dir):
    result = admin("init", "--manager", "chef", "--name", "Claire Chef", stdin=lines("soleil"))
    assert result.code == 2
    assert "12 caractères" in result.err
    assert not station_exists(data_dir)


def test_empty_stdin_is_bad_input(admin, initialised):
    result = admin("login", "--as", MANAGER_LOGIN, stdin="")
    assert result.code == 2
    assert "Mot de passe attendu sur l'entrée standard" in result.err


def test_usage_errors_exit_2_in_french(admin, initialised):
    result = admin("user", "add", "lpetit", "--name", "Louis Petit", "--role", "chef",
                   "--as", MANAGER_LOGIN)
    assert result.code == 2
    assert "choix invalide" in result.err
    assert admin("user", "unlock", "lpetit").code == 2


def test_data_dir_may_follow_the_command(initialised, data_dir, clock, capsys):
    code = cli.main(["login", "--as", MANAGER_LOGIN, "--data-dir", str(data_dir)],
                    stdin=io.StringIO(lines(MANAGER_PASSWORD)), clock=clock, kdf_params=FAST_KDF)
    assert code == 0, capsys.readouterr().err


# -- login, previous connection -------------------------------------------------------------------
def test_login_shows_previous_connection_and_failures_since(admin, initialised, clock):
    first = admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert first.code == 0, first.err
    assert "Claire Dubois" in first.out
    first_at = clock().isoformat(timespec="seconds")
    clock.advance(days=1)
    assert fail_login(admin, MANAGER_LOGIN, 1)[0].code == 3
    second = admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert second.code == 0, second.err
    assert f"Connexion précédente : {format_local(first_at)}." in second.out
    assert "Tentatives infructueuses depuis : 1." in second.out


# -- accounts, forced change, roles ----------------------------------------------------------------
def test_new_account_must_change_its_temporary_password(admin, initialised):
    added = admin(
        "user", "add", ASSISTANT_LOGIN, "--name", "Anne Martin", "--role", "assistant",
        "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD, ASSISTANT_TEMP),
    )
    assert added.code == 0, added.err
    assert "mot de passe temporaire" in added.out

    login = admin("login", "--as", ASSISTANT_LOGIN, stdin=lines(ASSISTANT_TEMP))
    assert login.code == 5
    assert "Première connexion de ce compte." in login.out  # shown before the refusal
    assert "temporaire" in login.err and "anaiss-admin passwd" in login.err
    verify = admin("verify", "--as", ASSISTANT_LOGIN, stdin=lines(ASSISTANT_TEMP))
    assert verify.code == 5

    changed = admin("passwd", "--as", ASSISTANT_LOGIN,
                    stdin=lines(ASSISTANT_TEMP, ASSISTANT_PASSWORD))
    assert changed.code == 0, changed.err
    assert "Mot de passe changé" in changed.out
    assert admin("login", "--as", ASSISTANT_LOGIN, stdin=lines(ASSISTANT_PASSWORD)).code == 0


def test_weak_temporary_password_is_refused(admin, initialised):
    result = admin(
        "user", "add", ASSISTANT_LOGIN, "--name", "Anne Martin", "--role", "assistant",
        "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD, "anne"),
    )
    assert result.code == 2
    assert "Saisie refusée" in result.err


def test_assistant_cannot_manage_accounts(admin, with_assistant):
    result = admin(
        "user", "add", "lpetit", "--name", "Louis Petit", "--role", "assistant",
        "--as", ASSISTANT_LOGIN, stdin=lines(ASSISTANT_PASSWORD, "Relais-Binome-2026!"),
    )
    assert result.code == 6
    assert "responsable d'unité" in result.err


def test_wrong_password_exits_3(admin, initialised):
    result = fail_login(admin, MANAGER_LOGIN, 1)[0]
    assert result.code == 3
    assert "Identifiant ou mot de passe incorrect" in result.err
    assert "Il reste 2 essai(s)" in result.err


# -- lockout and unlocking ----------------------------------------------------------------------
def test_third_failure_locks_across_restarts_and_manager_unlocks(admin, with_assistant):
    results = fail_login(admin, ASSISTANT_LOGIN, 3)
    assert [r.code for r in results] == [3, 3, 4]
    assert "verrouillé" in results[2].err
    # Each call is a new process run: the lock survived; even the right password is refused.
    locked = admin("login", "--as", ASSISTANT_LOGIN, stdin=lines(ASSISTANT_PASSWORD))
    assert locked.code == 4

    temp = "Deverrouille-Temp-2026!"
    unlocked = admin("user", "unlock", ASSISTANT_LOGIN, "--as", MANAGER_LOGIN,
                     stdin=lines(MANAGER_PASSWORD, temp))
    assert unlocked.code == 0, unlocked.err
    assert "déverrouillé" in unlocked.out
    assert admin("login", "--as", ASSISTANT_LOGIN, stdin=lines(temp)).code == 5
    new = "Nouveau-Depart-Serein-9"
    assert admin("passwd", "--as", ASSISTANT_LOGIN, stdin=lines(temp, new)).code == 0
    assert admin("login", "--as", ASSISTANT_LOGIN, stdin=lines(new)).code == 0


def test_locked_manager_unlocks_with_the_recovery_key_from_init(admin, initialised):
    assert [r.code for r in fail_login(admin, MANAGER_LOGIN, 3)] == [3, 3, 4]

    wrong = admin("user", "unlock", MANAGER_LOGIN, "--recovery-key",
                  stdin=lines("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", MANAGER_TEMP))
    assert wrong.code == 3
    assert "Clé de secours incorrecte" in wrong.err

    # Typed in lower case with spaces: still accepted.
    typed = initialised.lower().replace("-", " ")
    result = admin("user", "unlock", MANAGER_LOGIN, "--recovery-key",
                   stdin=lines(typed, MANAGER_TEMP))
    assert result.code == 0, result.err
    assert admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_TEMP)).code == 5
    assert admin("passwd", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_TEMP, MANAGER_NEW)).code == 0
    assert admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_NEW)).code == 0


def test_recovery_key_must_be_given(admin, initialised):
    result = admin("user", "unlock", MANAGER_LOGIN, "--recovery-key", stdin="")
    assert result.code == 2
    assert "Clé de secours attendue" in result.err


# -- rotation -----------------------------------------------------------------------------------
def test_expired_password_blocks_until_changed(admin, initialised, clock):
    clock.advance(days=366)
    login = admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert login.code == 5
    assert "expiré" in login.err
    blocked = admin("user", "add", ASSISTANT_LOGIN, "--name", "Anne Martin", "--role",
                    "assistant", "--as", MANAGER_LOGIN,
                    stdin=lines(MANAGER_PASSWORD, ASSISTANT_TEMP))
    assert blocked.code == 5

    changed = admin("passwd", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD, MANAGER_NEW))
    assert changed.code == 0, changed.err
    assert admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_NEW)).code == 0


def test_login_warns_before_expiry(admin, initialised, clock):
    clock.advance(days=355)
    result = admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert result.code == 0, result.err
    assert "Votre mot de passe expire dans" in result.out


def test_previous_passwords_cannot_be_reused(admin, initialised):
    assert admin("passwd", "--as", MANAGER_LOGIN,
                 stdin=lines(MANAGER_PASSWORD, MANAGER_NEW)).code == 0
    back = admin("passwd", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_NEW, MANAGER_PASSWORD))
    assert back.code == 2
    assert "5 derniers" in back.err
    same = admin("passwd", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_NEW, MANAGER_NEW))
    assert same.code == 2
    assert "différent" in same.err


# -- integrity and storage problems ------------------------------------------------------------
def tamper_audit_log(data_dir: Path) -> None:
    """What an attacker holding a password could do: drop the guard and rewrite history."""
    paths = StationPaths(data_dir)
    key = KeySlotFile.load(paths.keyslots).unwrap(MANAGER_LOGIN, MANAGER_PASSWORD)
    assert key is not None
    db = Database.open(paths.database, key)
    try:
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("UPDATE audit_log SET detail = ? WHERE id = 1", ("Service falsifié",))
    finally:
        db.close()


def test_verify_detects_a_tampered_audit_log(admin, initialised, data_dir):
    ok = admin("verify", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert ok.code == 0, ok.err
    assert ok.out.strip() == "Intégrité vérifiée : base et journal d'audit intacts."

    tamper_audit_log(data_dir)
    bad = admin("verify", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert bad.code == 7
    assert "l'entrée n° 1 a été modifiée" in bad.out
    assert "Intégrité compromise" in bad.err


def test_second_instance_is_refused(admin, initialised, data_dir, clock):
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF):
        result = admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert result.code == 7
    assert "déjà ouverte" in result.err
    # Once the other holder closes, the station opens again.
    assert admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD)).code == 0


def test_foreign_database_file_is_a_storage_problem(admin, initialised, data_dir):
    StationPaths(data_dir).database.write_bytes(os.urandom(8192))
    result = admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert result.code == 7
    assert "ne peut pas être ouvert" in result.err


def test_damaged_key_slot_file_is_a_storage_problem(admin, initialised, data_dir):
    StationPaths(data_dir).keyslots.write_text("{ pas du json", encoding="utf-8")
    result = admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert result.code == 7
    assert "fichier des clés" in result.err


def test_missing_station_is_a_storage_problem(admin):
    result = admin("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert result.code == 7
    assert "Aucune station" in result.err


def test_unexpected_error_is_short_and_impersonal(admin, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Dupont Marie, née le 01/02/1960")

    monkeypatch.setattr(cli, "create_station", broken)
    result = admin("init", "--manager", "chef", "--name", "Claire Chef",
                   stdin=lines(MANAGER_PASSWORD))
    assert result.code == 1
    assert result.err.strip() == cli.UNEXPECTED_MESSAGE
    assert "Dupont" not in result.out + result.err


# -- terminal prompts -----------------------------------------------------------------------------
class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_uses_hidden_prompts_and_confirms_new_passwords(
    monkeypatch, data_dir, clock, capsys
):
    prompts: list[str] = []
    answers = iter([MANAGER_PASSWORD, MANAGER_PASSWORD])

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(cli.getpass, "getpass", fake_getpass)
    args = ["--data-dir", str(data_dir), "init", "--manager", "chef", "--name", "Claire Chef"]
    assert cli.main(args, stdin=FakeTerminal(), clock=clock, kdf_params=FAST_KDF) == 0
    assert prompts == ["Mot de passe de chef : ", "Confirmez-le : "]

    answers = iter([MANAGER_PASSWORD, "Autre-Chose-Entierement-1", "Autre-Chose-Entierement-2"])
    prompts.clear()
    capsys.readouterr()
    code = cli.main(["--data-dir", str(data_dir), "passwd", "--as", "chef"],
                    stdin=FakeTerminal(), clock=clock, kdf_params=FAST_KDF)
    assert code == 2
    assert "ne correspondent pas" in capsys.readouterr().err
    assert prompts == [
        "Mot de passe actuel de chef : ", "Nouveau mot de passe : ", "Confirmez-le : "
    ]


# -- the real console script, default Argon2id cost --------------------------------------------
@pytest.mark.slow
def test_console_script_with_default_cost(tmp_path):
    script = Path(sys.executable).with_name("anaiss-admin")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "anaiss_desktop.cli"]
    env = {**os.environ, "ANAISS_HOME": str(tmp_path / "station"), "PYTHONIOENCODING": "utf-8"}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], input=stdin, capture_output=True, text=True, encoding="utf-8",
            env=env, timeout=120, check=False,
        )

    version = run("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"anaiss-admin {__version__}")

    init = run("init", "--manager", MANAGER_LOGIN, "--name", "Claire Dubois",
               stdin=lines(MANAGER_PASSWORD))
    assert init.returncode == 0, init.stderr
    assert RECOVERY_KEY_RE.search(init.stdout)
    slots = (tmp_path / "station" / "keyslots.json").read_text(encoding="utf-8")
    assert '"memory_kib": 262144' in slots  # the production cost, not the tests' one

    login = run("login", "--as", MANAGER_LOGIN, stdin=lines(MANAGER_PASSWORD))
    assert login.returncode == 0, login.stderr
    assert "Première connexion de ce compte." in login.stdout
    wrong = run("login", "--as", MANAGER_LOGIN, stdin=lines("Pas-Le-Bon-Mot-2026!"))
    assert wrong.returncode == 3
    assert "Traceback" not in wrong.stderr
