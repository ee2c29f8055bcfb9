"""``anaiss-admin``: deployment and scripting on the same services as the GUI (SPEC §8).

Passwords and the recovery key are never arguments nor environment variables (they would show in
``ps``, shell history and logs): they are asked with a hidden prompt on a terminal, else read from
standard input, one per line, in the order each command documents. Exit codes are a contract for
scripts: 0 ok, 1 unexpected error, 2 usage or bad input, 3 wrong credentials, 4 account locked,
5 password expired or must be changed, 6 not allowed for this role, 7 storage problem.

Every command opens the station (which takes the one-instance lock), does one thing and closes the
session and the station in ``finally`` blocks, so no key stays in memory and no lock stays held.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TextIO

from . import __version__
from .cli_backup import add_backup_commands
from .cli_stats import add_stats_commands
from .domain.accounts import Role
from .domain.rotation import PasswordStatus
from .paths import resolve_data_dir
from .security import kdf
from .security.hardening import disable_core_dumps, restrict_new_files
from .services.accounts import AccountService
from .services.clock import Clock, format_local, system_clock
from .services.errors import (
    InvalidInput,
    NotAllowed,
    PasswordChangeRequired,
    ServiceError,
    StationExists,
)
from .services.session import Session
from .services.station import Station, create_station, station_exists
from .storage.errors import StorageError, classify
from .storage.settings_repo import StationInfo

PROG = "anaiss-admin"
DEFAULT_SERVICE_NAME = "Service social"

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_STORAGE = 7
EXIT_INTERRUPTED = 130

UNEXPECTED_MESSAGE = "Erreur inattendue : rien n'a été enregistré."
MISSING_PASSWORD = "Mot de passe attendu sur l'entrée standard."
MISSING_RECOVERY_KEY = "Clé de secours attendue sur l'entrée standard."

ROLE_CHOICES = {role.value: role for role in Role}


class UsageError(Exception):
    """Bad input detected by the command line itself (exit 2)."""


# argparse ships no French catalogue: its few usage errors are translated here.
_ARGPARSE_FR = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"one of the arguments (.*) is required", r"l'un de ces arguments est obligatoire : \1"),
    (r"argument (.*?): not allowed with argument (.*)", r"\1 ne peut pas être utilisé avec \2"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
     r"\1 : choix invalide : \2 (choix possibles : \3)"),
    (r"argument (.*?): expected one argument", r"\1 : une valeur est attendue"),
    (r"argument (.*?): invalid int value: (.*)", r"\1 : nombre entier attendu : \2"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
)


def _french(message: str) -> str:
    for pattern, replacement in _ARGPARSE_FR:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Parser(argparse.ArgumentParser):
    """argparse with French headings and error lines (argparse already exits with 2)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {_french(message)}\n")


# -- reading secrets --------------------------------------------------------------------------
class SecretReader:
    """Reads passwords: hidden prompt on a terminal, else one line of ``stream`` each.

    Args:
        stream: the text stream standing for standard input.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def interactive(self) -> bool:
        isatty = getattr(self._stream, "isatty", None)
        try:
            return bool(isatty and isatty())
        except (ValueError, OSError):  # a closed stream
            return False

    def _read(self, prompt: str, missing: str) -> str:
        if self.interactive:
            try:
                value = getpass.getpass(prompt)
            except EOFError as exc:
                raise UsageError(missing) from exc
        else:
            line = self._stream.readline()
            if not line:
                raise UsageError(missing)
            value = line.rstrip("\r\n")
        if not value:
            raise UsageError(missing)
        return value

    def password(self, prompt: str) -> str:
        return self._read(prompt, MISSING_PASSWORD)

    def new_password(self, prompt: str) -> str:
        """A password being chosen: on a terminal it is typed twice."""
        value = self._read(prompt, MISSING_PASSWORD)
        if self.interactive:
            again = self._read("Confirmez-le : ", MISSING_PASSWORD)
            if again != value:
                raise UsageError("Les deux saisies ne correspondent pas : rien n'a été modifié.")
        return value

    def recovery_key(self) -> str:
        return self._read("Clé de secours de la station : ", MISSING_RECOVERY_KEY).strip()


# -- parsing ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The whole command line, in one place."""
    data_dir_help = (
        "dossier de données de la station (par défaut : ANAISS_HOME, sinon le dossier "
        "de données de l'utilisateur)"
    )
    # --data-dir is accepted before or after the command name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DOSSIER", default=argparse.SUPPRESS, help=data_dir_help
    )

    parser = _Parser(
        prog=PROG,
        description="Administration d'une station ANAISS Desktop. Les mots de passe sont "
                    "demandés sans écho sur un terminal, sinon lus sur l'entrée standard, "
                    "un par ligne ; jamais en argument.",
        epilog="Codes de sortie : 0 succès, 1 erreur inattendue, 2 saisie ou usage incorrect, "
               "3 identifiant ou mot de passe incorrect, 4 compte verrouillé, 5 mot de passe "
               "expiré ou à changer, 6 action non permise pour ce rôle, 7 problème de stockage.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__}",
        help="afficher la version et quitter",
    )
    parser.add_argument("--data-dir", metavar="DOSSIER", default=None, help=data_dir_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes")
    commands.required = True

    def command(name: str, help_text: str, **kwargs) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=help_text, description=help_text, parents=[common], add_help=False,
            **kwargs,
        )
        sub.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
        return sub

    init = command(
        "init", "Créer la station et son/sa premier(ère) responsable d'unité "
                "(entrée standard : mot de passe du/de la responsable).",
    )
    init.add_argument("--manager", required=True, metavar="IDENTIFIANT",
                      help="identifiant du/de la responsable d'unité")
    init.add_argument("--name", required=True, metavar="NOM", help="nom et prénom")
    init.add_argument("--social-worker", action="store_true",
                      help="le/la responsable est aussi travailleur social")
    init.add_argument("--service", default=DEFAULT_SERVICE_NAME, metavar="NOM",
                      help=f"nom du service (par défaut : « {DEFAULT_SERVICE_NAME} »)")
    init.add_argument("--address", default="", metavar="TEXTE",
                      help="adresse postale du service (\\n sépare les lignes)")
    init.add_argument("--phone", default="", metavar="TEXTE", help="téléphone du service")
    init.set_defaults(handler=cmd_init)

    user = command("user", "Gérer les comptes.")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", title="actions")
    user_commands.required = True

    def user_command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = user_commands.add_parser(
            name, help=help_text, description=help_text, parents=[common], add_help=False
        )
        sub.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
        return sub

    add = user_command(
        "add", "Créer un compte avec un mot de passe temporaire (entrée standard : mot de "
               "passe du/de la responsable, puis mot de passe temporaire du compte).",
    )
    add.add_argument("login", metavar="IDENTIFIANT", help="identifiant du nouveau compte")
    add.add_argument("--name", required=True, metavar="NOM", help="nom et prénom")
    add.add_argument("--role", required=True, choices=sorted(ROLE_CHOICES),
                     help="rôle : assistant (assistant(e) social(e)), manager (responsable "
                          "d'unité), secretary (secrétariat)")
    add.add_argument("--social-worker", action="store_true",
                     help="le compte est celui d'un travailleur social")
    add.add_argument("--as", dest="actor", required=True, metavar="RESPONSABLE",
                     help="identifiant du/de la responsable qui crée le compte")
    add.set_defaults(handler=cmd_user_add)

    unlock = user_command(
        "unlock", "Déverrouiller un compte et lui donner un mot de passe temporaire "
                  "(entrée standard : mot de passe du/de la responsable ou clé de secours, "
                  "puis mot de passe temporaire).",
    )
    unlock.add_argument("login", metavar="IDENTIFIANT", help="compte à déverrouiller")
    who = unlock.add_mutually_exclusive_group(required=True)
    who.add_argument("--as", dest="actor", metavar="RESPONSABLE",
                     help="identifiant du/de la responsable qui déverrouille")
    who.add_argument("--recovery-key", action="store_true",
                     help="utiliser la clé de secours de la station (lue sur l'entrée standard)")
    unlock.set_defaults(handler=cmd_user_unlock)

    passwd = command(
        "passwd", "Changer son mot de passe, y compris expiré ou temporaire (entrée standard : "
                  "mot de passe actuel, puis nouveau).",
    )
    passwd.add_argument("--as", dest="actor", required=True, metavar="IDENTIFIANT",
                        help="votre identifiant")
    passwd.set_defaults(handler=cmd_passwd)

    login = command(
        "login", "Se connecter : affiche la connexion précédente et l'état du mot de passe "
                 "(entrée standard : mot de passe).",
    )
    login.add_argument("--as", dest="actor", required=True, metavar="IDENTIFIANT",
                       help="votre identifiant")
    login.set_defaults(handler=cmd_login)

    verify = command(
        "verify", "Vérifier l'intégrité de la base et du journal d'audit (entrée standard : "
                  "mot de passe).",
    )
    verify.add_argument("--as", dest="actor", required=True, metavar="IDENTIFIANT",
                        help="votre identifiant")
    verify.set_defaults(handler=cmd_verify)

    import_ = command(
        "import", "Importer des personnes et leurs dossiers depuis un fichier CSV UTF-8 "
                  "(colonnes : voir le README ; tout ou rien ; entrée standard : mot de passe).",
    )
    import_.add_argument("file", metavar="FICHIER.csv", help="le fichier à importer")
    import_.add_argument("--as", dest="actor", required=True, metavar="IDENTIFIANT",
                         help="votre identifiant (responsable, ou référent(e) de chaque ligne)")
    import_.set_defaults(handler=cmd_import)

    demo = command(
        "demo", "Remplir la station de personnes et dossiers fictifs réalistes, pour une "
                "démonstration ou une mesure (entrée standard : mot de passe du/de la "
                "responsable).",
    )
    demo.add_argument("--as", dest="actor", required=True, metavar="RESPONSABLE",
                      help="identifiant du/de la responsable")
    demo.add_argument("--persons", type=int, required=True, metavar="N",
                      help="nombre de personnes à créer")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="graine du tirage (mêmes données pour la même graine)")
    demo.set_defaults(handler=cmd_demo)

    add_stats_commands(command, common)
    add_backup_commands(command, common)
    return parser


# -- running ----------------------------------------------------------------------------------
class Context:
    """What every command needs: parsed arguments, the secret reader, output, test hooks."""

    def __init__(
        self,
        args: argparse.Namespace,
        reader: SecretReader,
        clock: Clock,
        kdf_params: kdf.KdfParams,
    ) -> None:
        self.args = args
        self.reader = reader
        self.clock = clock
        self.kdf_params = kdf_params
        self.data_dir: Path = resolve_data_dir(args.data_dir)

    def out(self, text: str = "") -> None:
        print(text, file=sys.stdout)

    def warn(self, text: str) -> None:
        print(text, file=sys.stderr)

    def open_station(self) -> Station:
        return Station(self.data_dir, clock=self.clock, kdf_params=self.kdf_params)

    def with_session(self, fn: Callable[[Session], int], *, ready: bool = True) -> int:
        """Open the station, sign in as ``--as`` and run ``fn``; always close both."""
        station = self.open_station()
        try:
            login = self.args.actor
            password = self.reader.password(f"Mot de passe de {login} : ")
            session = station.login(login, password)
            try:
                if ready:
                    self.notice_failures(session)
                    require_ready(session)
                    self.notice_expiring(session)
                return fn(session)
            finally:
                session.close()
        finally:
            station.close()

    def notice_failures(self, session: Session) -> None:
        failures = session.previous_login.failures_since
        if failures:
            self.warn(
                f"Attention : {failures} tentative(s) de connexion infructueuse(s) sur ce "
                "compte depuis sa dernière connexion."
            )

    def notice_expiring(self, session: Session) -> None:
        verdict = session.rotation()
        if verdict.status is PasswordStatus.EXPIRING:
            self.warn(f"{verdict.message} (anaiss-admin passwd --as {session.account.login})")


def require_ready(session: Session) -> None:
    """``Session.require_ready`` with the command that gets the person out of it."""
    try:
        session.require_ready()
    except PasswordChangeRequired as exc:
        raise PasswordChangeRequired(
            f"{exc.message} Changez-le avec : anaiss-admin passwd --as {session.account.login}"
        ) from exc


def cmd_init(ctx: Context) -> int:
    args = ctx.args
    if station_exists(ctx.data_dir):
        raise StationExists()
    password = ctx.reader.new_password(f"Mot de passe de {args.manager} : ")
    info = StationInfo(
        service_name=args.service,
        service_address=args.address.replace("\\n", "\n"),
        service_phone=args.phone,
    )
    recovery_key = create_station(
        ctx.data_dir,
        info=info,
        manager_login=args.manager,
        manager_name=args.name,
        manager_password=password,
        social_worker=args.social_worker,
        clock=ctx.clock,
        kdf_params=ctx.kdf_params,
    )
    ctx.out(f"Station « {info.service_name.strip()} » créée dans {ctx.data_dir}")
    ctx.out(f"Responsable d'unité : {args.manager.strip()}")
    ctx.out()
    ctx.out("CLÉ DE SECOURS DE LA STATION (affichée une seule fois) :")
    ctx.out()
    ctx.out(f"    {recovery_key}")
    ctx.out()
    ctx.out("Écrivez-la ou imprimez-la maintenant, puis rangez-la en lieu sûr, à l'écart du "
            "poste (coffre, enveloppe scellée).")
    ctx.out("Elle seule permet de déverrouiller un(e) responsable d'unité verrouillé(e) ; "
            "quiconque la détient peut ouvrir les données de la station.")
    return EXIT_OK


def cmd_user_add(ctx: Context) -> int:
    args = ctx.args
    role = ROLE_CHOICES[args.role]

    def run(session: Session) -> int:
        session.require_manager()
        temporary = ctx.reader.new_password(f"Mot de passe temporaire de {args.login} : ")
        account = AccountService(session).create(
            args.login, args.name, role,
            social_worker=args.social_worker, temporary_password=temporary,
        )
        ctx.out(
            f"Compte « {account.login} » créé ({account.role_label}) avec un mot de passe "
            "temporaire, à changer à la première connexion."
        )
        return EXIT_OK

    return ctx.with_session(run)


def cmd_user_unlock(ctx: Context) -> int:
    args = ctx.args
    if args.recovery_key:
        station = ctx.open_station()
        try:
            recovery_key = ctx.reader.recovery_key()
            temporary = ctx.reader.new_password(f"Mot de passe temporaire de {args.login} : ")
            station.unlock_with_recovery_key(recovery_key, args.login, temporary)
        finally:
            station.close()
        ctx.out(_unlocked_message(args.login))
        return EXIT_OK

    def run(session: Session) -> int:
        session.require_manager()
        temporary = ctx.reader.new_password(f"Mot de passe temporaire de {args.login} : ")
        AccountService(session).unlock(args.login, temporary)
        ctx.out(_unlocked_message(args.login))
        return EXIT_OK

    return ctx.with_session(run)


def _unlocked_message(login: str) -> str:
    return (
        f"Compte « {login.strip()} » déverrouillé avec un mot de passe temporaire, "
        f"à changer à la première connexion (anaiss-admin passwd --as {login.strip()})."
    )


def cmd_passwd(ctx: Context) -> int:
    station = ctx.open_station()
    try:
        login = ctx.args.actor
        current = ctx.reader.password(f"Mot de passe actuel de {login} : ")
        session = station.login(login, current)
        try:
            ctx.notice_failures(session)
            new = ctx.reader.new_password("Nouveau mot de passe : ")
            session.change_password(current, new)
            days = session.policy().max_password_age_days
        finally:
            session.close()
    finally:
        station.close()
    ctx.out(f"Mot de passe changé. Il sera valable {days} jours.")
    return EXIT_OK


def cmd_login(ctx: Context) -> int:
    def run(session: Session) -> int:
        account = session.account
        info = session.station_info()
        ctx.out(
            f"Connecté(e) : {account.full_name} ({account.role_label}), "
            f"station « {info.service_name} »."
        )
        previous = session.previous_login
        if previous.at:
            ctx.out(f"Connexion précédente : {format_local(previous.at)}.")
        else:
            ctx.out("Première connexion de ce compte.")
        ctx.out(f"Tentatives infructueuses depuis : {previous.failures_since}.")
        require_ready(session)
        verdict = session.rotation()
        if verdict.status is PasswordStatus.EXPIRING:
            ctx.out(verdict.message)
        return EXIT_OK

    return ctx.with_session(run, ready=False)


def cmd_verify(ctx: Context) -> int:
    def run(session: Session) -> int:
        problems = session.verify()
        if not problems:
            ctx.out("Intégrité vérifiée : base et journal d'audit intacts.")
            return EXIT_OK
        ctx.out("Problèmes d'intégrité détectés :")
        for problem in problems:
            ctx.out(f"- {problem}")
        ctx.warn(
            f"Intégrité compromise : {len(problems)} problème(s). Conservez ce poste en l'état "
            "et prévenez votre responsable ; restaurez la dernière sauvegarde."
        )
        return EXIT_STORAGE

    return ctx.with_session(run)


def _progress_printer(ctx: Context, what: str) -> Callable[[int, int], bool]:
    """Progress on standard error, about every 5 %, so a long run shows it is alive."""
    state = {"shown": -1}

    def progress(done: int, total: int) -> bool:
        percent = 100 * done // total if total else 100
        if percent // 5 != state["shown"] // 5 or done == total:
            state["shown"] = percent
            ctx.warn(f"{what} : {done}/{total} ({percent} %)")
        return True

    return progress


def cmd_import(ctx: Context) -> int:
    from .services.import_csv import ImportService, read_import_file

    path = Path(ctx.args.file)
    data = read_import_file(path)  # before any password: a missing file is said at once

    def run(session: Session) -> int:
        service = ImportService(session)
        preview = service.preview(data, path.name)
        if preview.problems:
            for line in preview.problem_lines():
                ctx.warn(line)
            ctx.warn(f"{len(preview.problems)} problème(s) : rien n'a été importé.")
            return NotAllowed.exit_code if preview.denied else EXIT_USAGE
        for line, candidate in preview.possible_duplicates:
            ctx.warn(f"ligne {line} : ressemble à {candidate.display_name} (fiche existante)")
        if preview.duplicates_note:
            ctx.warn(preview.duplicates_note)
        result = service.run(preview, progress=_progress_printer(ctx, "Import"))
        ctx.out(f"{result.persons} personne(s) et {result.dossiers} dossier(s) importés.")
        return EXIT_OK

    return ctx.with_session(run)


def cmd_demo(ctx: Context) -> int:
    from .services.demo_data import generate

    if ctx.args.persons < 1:
        raise UsageError("--persons attend un nombre positif.")

    def run(session: Session) -> int:
        session.require_manager()
        stats = generate(session, ctx.args.persons, seed=ctx.args.seed,
                         progress=_progress_printer(ctx, "Génération"))
        ctx.out(f"Données fictives créées : {stats.persons} personne(s), {stats.dossiers} "
                f"dossier(s), {stats.interventions} intervention(s), {stats.notes} note(s), "
                f"{stats.aids} aide(s), {stats.echeances} rendez-vous et échéance(s), "
                f"en {stats.seconds:.1f} s.".replace(".", ",", 1))
        return EXIT_OK

    return ctx.with_session(run)


def _report(message: str, problems: list[str] | None = None) -> None:
    if problems and len(problems) > 1:
        print("Saisie refusée :", file=sys.stderr)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
    else:
        print(message, file=sys.stderr)


def main(
    argv: list[str] | None = None,
    *,
    stdin: TextIO | None = None,
    clock: Clock | None = None,
    kdf_params: kdf.KdfParams | None = None,
) -> int:
    """Run one ``anaiss-admin`` command and return its exit code.

    ``clock`` and ``kdf_params`` exist for in-process tests only; they cannot be set from the
    command line or the environment.
    """
    disable_core_dumps()
    restrict_new_files()
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    try:
        ctx = Context(
            args,
            SecretReader(stdin if stdin is not None else sys.stdin),
            clock or system_clock,
            kdf_params or kdf.DEFAULT,
        )
        return args.handler(ctx)
    except UsageError as exc:
        _report(str(exc))
        return EXIT_USAGE
    except InvalidInput as exc:
        _report(exc.message, exc.problems)
        return exc.exit_code
    except ServiceError as exc:
        _report(exc.message)
        return exc.exit_code
    except StorageError as exc:
        _report(exc.message)
        return EXIT_STORAGE
    except KeyboardInterrupt:
        _report("Commande interrompue.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # last resort: never a traceback, nothing personal
        known = classify(exc)
        if known is not None:
            _report(known.message)
            return EXIT_STORAGE
        _report(UNEXPECTED_MESSAGE)
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
