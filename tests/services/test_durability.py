"""Durability: a process killed (SIGKILL) in the middle of work loses nothing it had committed.

Each test starts a real child process (``sys.executable -c …``) on a real station, lets it work,
kills it without warning at a chosen moment, then reopens the station in this process as the
next start of the application would: the integrity check passes (``Session.verify``: SQLite's
and SQLCipher's checks plus the audit chain), every row the child reported committed is there,
nothing uncommitted is, and no half-written file is left where it could be taken for a real one.

The child gets the cheap Argon2id cost of the tests (``FAST_KDF``) and its password on standard
input, like ``anaiss-admin``. It prints one line after each commit (or each progress step), so
the parent knows exactly what had been committed when it struck.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FAST_KDF, MANAGER_LOGIN, MANAGER_PASSWORD, SERVICE, FakeClock

from anaiss_desktop.services.backup import BACKUP_SUFFIX, BackupService, read_manifest
from anaiss_desktop.services.demo_data import generate
from anaiss_desktop.services.drive_write import TEMP_PREFIX, TEMP_SUFFIX
from anaiss_desktop.services.errors import InvalidInput
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import BACKUP_COPY, Station, create_station

pytestmark = pytest.mark.slow

KDF_JSON = json.dumps(FAST_KDF.to_dict())
WATCHDOG_SECONDS = 120

CHILD_PRELUDE = """
import json, sys
from anaiss_desktop.security.kdf import KdfParams
from anaiss_desktop.services.station import Station
data_dir, login, kdf = sys.argv[1], sys.argv[2], KdfParams.from_dict(json.loads(sys.argv[3]))
password = sys.stdin.readline().rstrip("\\n")
station = Station(data_dir, kdf_params=kdf)
session = station.login(login, password)
"""

# One person per transaction, through the service; the id is printed once it is committed.
CHILD_INSERTS = CHILD_PRELUDE + """
from anaiss_desktop.domain.records import PersonInput
from anaiss_desktop.services.persons import PersonService
service = PersonService(session)
number = 0
while True:
    number += 1
    person_id = service.create(PersonInput(usage_name=f"Durable{number:05d}"))
    print(person_id, number, flush=True)
"""

# One import of many rows: a single transaction, progress printed as rows are written.
CHILD_IMPORT = CHILD_PRELUDE + """
from anaiss_desktop.services.import_csv import ImportService
rows = int(sys.argv[4])
data = ("nom;prenom;date_naissance\\n" + "".join(
    f"Importe{i:06d};Marie;01/02/1980\\n" for i in range(rows))).encode()
service = ImportService(session)
preview = service.preview(data, "import.csv")
assert not preview.problems, preview.problem_lines()
service.run(preview, progress=lambda done, total: print(done, total, flush=True) or True)
print("fini", flush=True)
"""

# A backup to a slow drive: each progress step waits a little, as a USB 2 stick would.
CHILD_BACKUP = CHILD_PRELUDE + """
import time
from anaiss_desktop.services import backup
backup.STEP_PAGES = 64
def progress(done, total):
    print(done, total, flush=True)
    time.sleep(0.02)
    return True
backup.BackupService(session).make(sys.argv[4], progress)
print("fini", flush=True)
"""


class Child:
    """A child process whose standard output is read line by line."""

    def __init__(self, program: str, data_dir: Path, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", program, str(data_dir), MANAGER_LOGIN, KDF_JSON, *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self._watchdog = threading.Timer(WATCHDOG_SECONDS, self.proc.kill)
        self._watchdog.start()
        assert self.proc.stdin is not None
        self.proc.stdin.write(MANAGER_PASSWORD + "\n")
        self.proc.stdin.flush()

    def lines(self) -> Iterator[str]:
        assert self.proc.stdout is not None
        while line := self.proc.stdout.readline():
            yield line.rstrip("\n")
        self.proc.wait()
        assert self.proc.stderr is not None
        pytest.fail(f"the child ended before being killed:\n{self.proc.stderr.read()}")

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._watchdog.cancel()
        assert self.proc.returncode == -signal.SIGKILL
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def reopen(data_dir: Path, check: Callable[[Session], None]) -> None:
    """Open the station as the next start would, verify it and run ``check`` on it."""
    with Station(data_dir, clock=FakeClock(), kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            assert session.verify() == []
            check(session)
        finally:
            session.close()


def test_killed_between_commits_keeps_every_committed_row(recovery_key, data_dir):
    child = Child(CHILD_INSERTS, data_dir)
    committed: dict[int, int] = {}
    for line in child.lines():
        person_id, number = map(int, line.split())
        committed[person_id] = number
        if len(committed) == 40:
            break
    child.kill()  # somewhere in the 41st person, its audit entry or its anchor

    def check(session: Session) -> None:
        rows = dict(session.db.query(
            "SELECT id, usage_name FROM persons WHERE usage_name LIKE 'Durable%'"))
        for person_id, number in committed.items():
            assert rows[person_id] == f"Durable{number:05d}"
        # At most the one being written when the kill came may be there too, whole.
        assert len(rows) - len(committed) in (0, 1)

    reopen(data_dir, check)


def test_killed_during_a_long_import_leaves_the_station_as_before(recovery_key, data_dir):
    reopen(data_dir, lambda s: None)  # a first login, as a station in use would have
    child = Child(CHILD_IMPORT, data_dir, "20000")
    for line in child.lines():
        done, total = map(int, line.split())
        if done >= total // 4:
            break
    child.kill()

    def check(session: Session) -> None:
        # All or nothing: the import was one transaction, never committed.
        assert session.db.scalar(
            "SELECT count(*) FROM persons WHERE usage_name LIKE 'Importe%'") == 0
        assert session.db.scalar("SELECT count(*) FROM accounts") == 1
        assert all(e.action != "import.csv" for e in session.audit.recent(50))

    reopen(data_dir, check)


@pytest.fixture(scope="module")
def big_station(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A station big enough for a backup to take a while (about 15 MB); built once."""
    data_dir = tmp_path_factory.mktemp("grande") / "station"
    clock = FakeClock()
    create_station(data_dir, info=SERVICE, manager_login=MANAGER_LOGIN,
                   manager_name="Claire Responsable", manager_password=MANAGER_PASSWORD,
                   social_worker=True, clock=clock, kdf_params=FAST_KDF)
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        generate(session, 3000, seed=5)
        session.close()
    return data_dir


def backups(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(BACKUP_SUFFIX))


@pytest.mark.parametrize("moment", ["copie", "ecriture"])
def test_killed_during_a_backup_leaves_no_backup_and_a_sound_station(moment, big_station,
                                                                     tmp_path):
    data_dir = tmp_path / "station"
    shutil.copytree(big_station, data_dir)
    usb = tmp_path / "cle"
    usb.mkdir()
    child = Child(CHILD_BACKUP, data_dir, str(usb))
    for line in child.lines():
        done, total = map(int, line.split())
        copying = 0 < done < total // 3
        writing = total // 3 + 2 * 1024 * 1024 < done < 2 * total // 3
        if (moment == "copie" and copying) or (moment == "ecriture" and writing):
            break
    if moment == "copie":
        assert (data_dir / BACKUP_COPY).exists()  # the working copy, in the data folder
    parts = [n for n in os.listdir(usb) if n.startswith(TEMP_PREFIX)]
    child.kill()

    # No file bears a backup's name; a half-written one is hidden and is not a backup.
    assert backups(usb) == []
    if moment == "ecriture":
        assert len(parts) == 1 and parts[0].endswith(BACKUP_SUFFIX + TEMP_SUFFIX)
        with pytest.raises(InvalidInput):
            read_manifest(usb / parts[0])

    def check(session: Session) -> None:
        # Opening removed the working copy the killed backup left in the data folder.
        assert not any(n.startswith(BACKUP_COPY) for n in os.listdir(data_dir))
        assert session.db.scalar("SELECT count(*) FROM persons") == 3000
        assert BackupService(session).last_backup() is None
        path = BackupService(session).make(usb)  # the next backup sweeps the leftover
        assert sorted(os.listdir(usb)) == [path.name]
        assert read_manifest(path).database_size > 10 * 1024 * 1024

    reopen(data_dir, check)
