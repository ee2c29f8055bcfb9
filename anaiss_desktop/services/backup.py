"""Backup and restore of a whole station: one file on a chosen drive, restored only whole.

**The file** (``station-AAAA-MM-JJ-HHMM.anaiss-sauvegarde``) is a ZIP archive, stored without
compression (the database is encrypted, so it would not shrink), holding three entries in this
order:

- ``keyslots.json``: the station's key-slot file as it is on disk (the database key wrapped by
  each account's password and by the recovery key; lockout counters; audit anchor);
- ``station.db``: a copy of the SQLCipher database, **encrypted with the same key**, so the key
  slots above open it and nothing else is needed;
- ``manifest.json``, last, the entry that says the others are complete: ``format``
  (``"anaiss-sauvegarde"``), ``format_version``, ``application_version``, ``schema_version``
  (the database's ``user_version``), ``created_at`` (UTC), ``database_size``,
  ``database_sha256`` and ``keyslots_sha256``. It is read without any password, so it holds
  nothing about the service, the accounts or the persons: not the service's name, not a login.

The checksums catch a copy cut short or damaged by a drive; they do not authenticate (anyone
can rewrite a manifest). What protects the content is the encryption itself: each database page
carries SQLCipher's HMAC (checked page by page at restore, ``cipher_integrity_check``) and each
key slot is AES-GCM with the station's identity as associated data.

**A consistent copy while the application runs.** SQLite's online backup API
(``sqlite3_backup``, ``Connection.backup``) copies the database page by page through a second,
read-only use of the station: its own connection, keyed with the same raw key, holding **one
read transaction** for the whole copy. In WAL mode that transaction is a snapshot: the session
keeps writing (into the WAL) while the copy goes on, and the copy is the database exactly as it
was when the snapshot began, never half of a later transaction. The destination connection is
keyed with the same key, so SQLCipher re-encrypts every page as it writes it: the copy is
encrypted from its first byte, with the same key (``sqlcipher_export`` would do a logical copy
instead and lose ``user_version``; ``VACUUM INTO`` offers no progress and no cancel). The key
slots are read just before the snapshot, and the snapshot is taken again if the audit log moved
on meanwhile, so the copied audit log always fits the copied anchor (see
:mod:`anaiss_desktop.security.audit`).

**Where the bytes go.** The copy is made in the station's data folder under a hidden name
(:data:`~.station.BACKUP_COPY`), checked (``quick_check`` and ``cipher_integrity_check``), then
streamed into the archive on the target through
:func:`~.drive_write.write_streamed`: hidden ``.anaiss-….part`` name, ``fsync``, rename, read
back and compared, French message and nothing left on failure or cancel. The working copy is
removed in every case; a copy left by a process that was killed is removed by the next backup
and when the station is next opened (:func:`~.station.remove_backup_copy`), and an abandoned
``.part`` on the target by the next backup to that folder. Neither can be taken for a backup:
neither bears the final name. Memory use does not grow with the station: everything is streamed
in :data:`~.drive_write.CHUNK_BYTES` chunks.

**Restore** (:func:`restore`) checks the whole file first (:func:`read_manifest`), unwraps the
key with an account's password or the recovery key, and rebuilds the station in a hidden folder
beside the target (``.<name>.restauration-en-cours``). The database is opened there and passes
``PRAGMA integrity_check`` and ``cipher_integrity_check``, its audit log gets a ``restauration``
entry, and only then does it take the target's place by a rename. A station already in the
target folder is never deleted nor overwritten: it is renamed aside first
(``<dossier>-avant-restauration-AAAAMMJJ-HHMMSS``), and put back if the last rename fails.
A restore killed midway leaves only that hidden folder, which the next restore to the same place
clears first. The schema is not migrated here: the first login does it, copy first, as for any
station (:mod:`anaiss_desktop.storage.migrations`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlcipher3 import dbapi2 as sqlcipher

from .. import __version__
from ..security.atomic import fsync_dir
from ..security.audit import AuditLog, tail_matches_anchor
from ..security.hardening import wipe
from ..security.instance_lock import LOCK_NAME, InstanceLock
from ..security.keyslots import KeySlotFile, KeySlotsDamaged
from ..storage.accounts_repo import AccountRepository
from ..storage.database import Database, apply_key
from ..storage.errors import CorruptDatabase, DiskFull, WrongKeyOrNotDatabase, translate
from ..storage.migrations import latest_version
from ..storage.settings_repo import SettingsRepository
from .clock import Clock, format_local, parse_instant, system_clock
from .drive_write import (
    CHUNK_BYTES,
    NOT_A_FOLDER,
    HashingSink,
    WriteFailed,
    free_space_problem,
    remove_stale_parts,
    write_streamed,
)
from .errors import InvalidInput, ServiceError, WrongCredentials
from .session import Session
from .station import (
    BACKUP_COPY,
    DB_NAME,
    RECOVERY_ACTOR,
    SLOTS_NAME,
    StationPaths,
    remove_backup_copy,
)

BACKUP_SUFFIX = ".anaiss-sauvegarde"
FORMAT = "anaiss-sauvegarde"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
AUDIT_BACKUP = "sauvegarde"
AUDIT_RESTORE = "restauration"

#: Pages copied per step of the online backup (4 MiB at SQLCipher's 4 KiB pages): the unit
#: of progress and of cancel.
STEP_PAGES = 1024
#: Attempts at a snapshot whose audit log fits the key slots read just before it.
SNAPSHOT_ATTEMPTS = 5
MAX_MANIFEST_BYTES = 64 * 1024
MAX_SLOTS_BYTES = 16 * 1024 * 1024
#: Archive bookkeeping beyond the two files (headers, descriptors, manifest, directory).
ARCHIVE_OVERHEAD = 16 * 1024
STAGING_SUFFIX = ".restauration-en-cours"
#: Windows opens file descriptors in text mode unless told otherwise (it would turn \n into \r\n).
_BINARY = getattr(os, "O_BINARY", 0)

Progress = Callable[[int, int], "bool | None"]

# -- messages ----------------------------------------------------------------------------------
NOT_A_BACKUP = (
    f"Ce fichier n'est pas une sauvegarde ANAISS : choisissez un fichier « {BACKUP_SUFFIX} » "
    "écrit par « Sauvegarder » ou par anaiss-admin backup."
)
TRUNCATED = (
    "Cette sauvegarde est incomplète (fichier tronqué : copie interrompue ou support retiré) : "
    "elle ne peut pas être restaurée. Utilisez une autre sauvegarde."
)
ALTERED = (
    "Cette sauvegarde a été modifiée ou endommagée depuis sa création (son empreinte de contrôle "
    "ne correspond plus) : elle ne peut pas être restaurée. Utilisez une autre sauvegarde."
)
NEWER = (
    "Cette sauvegarde a été faite par une version plus récente d'ANAISS Desktop : mettez "
    "l'application à jour pour la restaurer."
)
UNOPENABLE = (
    "La base contenue dans cette sauvegarde ne s'ouvre pas avec ses propres clés ou est "
    "endommagée : elle ne peut pas être restaurée. Utilisez une autre sauvegarde."
)
WRONG_RECOVERY_KEY = "Clé de secours incorrecte."
SOURCE_DAMAGED = (
    "La base de la station présente un défaut : la sauvegarde n'a pas été écrite. Lancez la "
    "vérification d'intégrité (anaiss-admin verify) et prévenez votre responsable."
)


RESTORE_CANCELLED = "Restauration annulée : aucune station n'a été modifiée."


class BackupCancelled(ServiceError):
    """The person cancelled: nothing was left on the target (or nothing was restored)."""

    exit_code = 2
    default_message = "Sauvegarde annulée : aucun fichier n'a été laissé sur le support."


@dataclass(frozen=True)
class BackupManifest:
    """What a backup file says about itself, readable without any password (no content)."""

    format: str
    format_version: int
    application_version: str
    schema_version: int
    created_at: str
    database_sha256: str
    keyslots_sha256: str
    database_size: int

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=1).encode("utf-8")


@dataclass(frozen=True)
class RestoreResult:
    """Where the restored station is, and where the one it replaced was put (never deleted).

    Args:
        data_dir: the restored station's folder.
        set_aside: the previous contents of ``data_dir``, renamed; None when it was empty.
        manifest: what the restored file said about itself.
    """

    data_dir: Path
    set_aside: Path | None
    manifest: BackupManifest | None = None


# -- making a backup ---------------------------------------------------------------------------
class BackupService:
    """Writes a backup of the open station to a folder the person chose.

    Args:
        session: the signed-in account; any role may back up (the GUI asks the password again
            first, :meth:`Session.confirm_password`).
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def _local_now(self) -> datetime:
        return self._session.station.clock().astimezone()

    def default_name(self) -> str:
        """``station-AAAA-MM-JJ-HHMM.anaiss-sauvegarde``, in local time; never the service's
        name (the file name is read by anyone who sees the drive)."""
        return f"station-{self._local_now():%Y-%m-%d-%H%M}{BACKUP_SUFFIX}"

    def _free_name(self, folder: Path) -> str:
        name = self.default_name()
        stem = name[: -len(BACKUP_SUFFIX)]
        rank = 2
        while (folder / name).exists():
            name = f"{stem}-{rank}{BACKUP_SUFFIX}"
            rank += 1
        return name

    def last_backup(self) -> str | None:
        """When the last backup of this station was written (ISO instant), None if never."""
        return SettingsRepository(self._session.db).last_backup()

    def reminder(self) -> str | None:
        """A French sentence when a backup is due (never made, or older than the manager's
        reminder delay), else None."""
        settings = SettingsRepository(self._session.db)
        last = settings.last_backup()
        if last is None:
            return (
                "Aucune sauvegarde de la station n'a encore été faite : faites-en une sur une clé "
                "USB ou un disque rangé à l'écart du poste (Session › Sauvegarder la station…)."
            )
        delay = settings.keeping_settings().backup_reminder_days
        age = self._session.station.clock() - parse_instant(last)
        if age.days < delay:
            return None
        days = f"{age.days} jour{'s' if age.days > 1 else ''}"
        return (
            f"La dernière sauvegarde de la station a été faite {format_local(last)} (il y a "
            f"{days}) : faites-en une nouvelle (Session › Sauvegarder la station…)."
        )

    def make(self, folder: Path, progress: Progress | None = None) -> Path:
        """Write a backup file in ``folder`` and return its path.

        ``progress(done, total)`` is called from the calling thread as the work goes (units:
        bytes copied, written, then read back); returning ``False`` cancels: nothing is left on
        the target and :class:`BackupCancelled` is raised. A full, read-only or vanished drive
        raises :class:`~.drive_write.WriteFailed` (French message, nothing left).
        """
        s = self._session
        s.require_ready()
        s.require_recent_confirmation()
        folder = Path(folder)
        paths = s.station.paths
        if not folder.is_dir():
            raise WriteFailed(NOT_A_FOLDER)
        # A full drive is said before the copy, which takes a while on a big station.
        problem = free_space_problem(folder, _file_size(paths.database) + ARCHIVE_OVERHEAD)
        if problem:
            raise WriteFailed(problem)
        remove_backup_copy(paths.data_dir)
        _require_room_for_copy(paths)
        remove_stale_parts(folder, BACKUP_SUFFIX)
        copy = paths.data_dir / BACKUP_COPY
        tracker = _Tracker(progress)
        key = bytearray(s.key)  # a lock on another thread may wipe the session's key meanwhile
        created_at = s.now_iso()  # the snapshot is taken in the next instants
        try:
            snapshot = _copy_database(paths, key, copy, tracker)
            archive = _Archive(copy, snapshot, created_at, self._local_now(), tracker)
            written = write_streamed(
                folder, self._free_name(folder), snapshot.size + len(snapshot.slots)
                + ARCHIVE_OVERHEAD, archive.write, read_progress=tracker.reading,
            )
        finally:
            wipe(key)
            remove_backup_copy(paths.data_dir)
        tracker.finish()
        with s.db.transaction():
            SettingsRepository(s.db).set_last_backup(created_at)
        s.audit.append(
            s.account.login, AUDIT_BACKUP,
            detail=f"destination {written.path}, {written.size} octets, fichier sha256 "
                   f"{written.sha256}, base sha256 {archive.database_sha256}",
        )
        return written.path


def _require_room_for_copy(paths: StationPaths) -> None:
    """The working copy needs as much room on the station's disk as the database itself."""
    needed = _file_size(paths.database) + _file_size(Path(f"{paths.database}-wal"))
    try:
        free = shutil.disk_usage(paths.data_dir).free
    except OSError as exc:
        raise translate(exc) from exc
    if free < needed + ARCHIVE_OVERHEAD:
        raise DiskFull(
            f"Le disque du poste n'a pas assez de place pour préparer la sauvegarde (il faut "
            f"environ {max(1, needed // (1024 * 1024))} Mo libres à côté de la base) : rien n'a "
            "été écrit sur le support. Libérez de la place sur le poste puis recommencez."
        )


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Tracker:
    """One progress bar over the three passes: copy, write to the drive, read back."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._size = 0
        self.total = 0

    def start(self, database_size: int) -> None:
        self._size = database_size
        self.total = 3 * database_size + ARCHIVE_OVERHEAD
        self._report(0)

    def _report(self, done: int) -> None:
        if self._progress is not None and self._progress(min(self.total, done),
                                                         self.total) is False:
            raise BackupCancelled()

    def copied(self, done: int) -> None:
        self._report(done)

    def written(self, done: int) -> None:
        self._report(self._size + done)

    def reading(self, done: int) -> None:
        self._report(2 * self._size + done)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total)


@dataclass
class _Snapshot:
    slots: bytes
    schema_version: int
    size: int


def _connect(path: Path, key: bytearray) -> sqlcipher.Connection:
    """A raw SQLCipher connection keyed like :meth:`Database.open` (the backup API needs the
    connection objects themselves)."""
    try:
        conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher.Error as exc:
        raise translate(exc) from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        apply_key(conn, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA busy_timeout = 5000")
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlcipher.Error):
            raise translate(exc) from exc
        raise
    return conn


def _begin_snapshot(src: sqlcipher.Connection, paths: StationPaths) -> tuple[bytes, int, int]:
    """Open the read transaction the copy will see; return the key slots that fit it.

    The slot file is read first, then the snapshot begins: the audit log in the snapshot has
    then the anchored entry, or one more (an append whose anchor was not saved yet). Should
    two appends slip in between, the snapshot is taken again.
    """
    slots = b""
    for _attempt in range(SNAPSHOT_ATTEMPTS):
        try:
            slots = paths.keyslots.read_bytes()
        except OSError as exc:
            raise translate(exc) from exc
        try:
            anchor_file = KeySlotFile(paths.keyslots, json.loads(slots.decode("utf-8")))
            anchor = anchor_file.audit_anchor
        except (ValueError, KeyError, TypeError) as exc:
            raise KeySlotsDamaged() from exc
        src.execute("BEGIN")
        count = int(src.execute("SELECT count(*) FROM audit_log").fetchone()[0])
        row = src.execute("SELECT hash FROM audit_log WHERE id = ?", (anchor[0],)).fetchone()
        fits = tail_matches_anchor(count, row[0] if row else None, anchor)
        if fits or anchor_file.audit_broken_at:
            break
        src.execute("COMMIT")
    else:  # the log does not fit its anchor anyway: copy it as it is, verify will say so
        src.execute("BEGIN")
    version = int(src.execute("PRAGMA user_version").fetchone()[0])
    pages = int(src.execute("PRAGMA page_count").fetchone()[0])
    page_size = int(src.execute("PRAGMA page_size").fetchone()[0])
    return slots, version, pages * page_size


def _copy_database(
    paths: StationPaths, key: bytearray, copy: Path, tracker: _Tracker
) -> _Snapshot:
    """Copy the station's database into ``copy`` (same key), from one snapshot, and check it."""
    try:
        # Owner-only from the start: SQLite keeps the mode of an existing file.
        os.close(os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o600))
    except OSError as exc:
        raise translate(exc) from exc
    try:
        slots, version = _online_backup(paths, key, copy, tracker)
        check = _connect(copy, key)
        try:
            problems = [r[0] for r in check.execute("PRAGMA quick_check") if r[0] != "ok"]
            problems += [r[0] for r in check.execute("PRAGMA cipher_integrity_check")]
        finally:
            check.close()
    except sqlcipher.Error as exc:
        raise translate(exc) from exc
    if problems:
        raise CorruptDatabase(SOURCE_DAMAGED)
    return _Snapshot(slots, version, _file_size(copy))


def _online_backup(
    paths: StationPaths, key: bytearray, copy: Path, tracker: _Tracker
) -> tuple[bytes, int]:
    """SQLite's backup API, from a second connection holding one read transaction."""
    src = _connect(paths.database, key)
    try:
        dst = _connect(copy, key)
        try:
            dst.execute("PRAGMA synchronous = OFF")  # a working copy: checked, then streamed
            slots, version, size = _begin_snapshot(src, paths)
            tracker.start(size)

            def step(_status: int, remaining: int, total: int) -> None:
                tracker.copied(size * (total - remaining) // max(total, 1))

            try:
                src.backup(dst, pages=STEP_PAGES, progress=step)
            finally:
                with contextlib.suppress(sqlcipher.Error):
                    src.execute("COMMIT")  # ends the snapshot
            # The copy took the source's WAL flag; a self-contained file is simpler to restore.
            dst.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            dst.close()
    finally:
        src.close()
    return slots, version


def _zip_info(name: str, when: datetime, size: int = 0) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16
    info.file_size = size  # tells the writer ahead whether ZIP64 fields are needed
    return info


class _Archive:
    """Streams the archive into the target: key slots, database, then the manifest that
    vouches for both (so a file cut short has no manifest)."""

    def __init__(self, copy: Path, snapshot: _Snapshot, created_at: str, local_now: datetime,
                 tracker: _Tracker) -> None:
        self._copy = copy
        self._snapshot = snapshot
        self._created_at = created_at
        self._when = local_now
        self._tracker = tracker
        self.database_sha256 = ""

    def write(self, sink: HashingSink) -> None:
        snapshot = self._snapshot
        size = snapshot.size
        with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            zf.writestr(_zip_info(SLOTS_NAME, self._when, len(snapshot.slots)), snapshot.slots)
            with zf.open(_zip_info(DB_NAME, self._when, size), "w") as out:
                digest, done = _copy_chunks(self._copy, out, self._tracker.written)
            if done != size:
                raise CorruptDatabase(SOURCE_DAMAGED)
            self.database_sha256 = digest
            manifest = BackupManifest(
                format=FORMAT,
                format_version=FORMAT_VERSION,
                application_version=__version__,
                schema_version=snapshot.schema_version,
                created_at=self._created_at,
                database_sha256=digest,
                keyslots_sha256=hashlib.sha256(snapshot.slots).hexdigest(),
                database_size=size,
            )
            zf.writestr(_zip_info(MANIFEST_NAME, self._when), manifest.to_json())


def _copy_chunks(source: Path, out: Any, progress: Callable[[int], None]) -> tuple[str, int]:
    """Copy the working copy into ``out``; return its SHA-256 and size."""
    digest = hashlib.sha256()
    done = 0
    for chunk in _chunks(source):
        digest.update(chunk)
        out.write(chunk)
        done += len(chunk)
        progress(done)
    return digest.hexdigest(), done


def _chunks(path: Path) -> Iterator[bytes]:
    """The file's bytes in chunks. A read error here is the station's disk, not the drive's:
    it becomes a :class:`StorageError`, which the drive writer does not blame on the drive."""
    try:
        src = open(path, "rb")  # noqa: SIM115 - closed below; open errors translated
    except OSError as exc:
        raise translate(exc) from exc
    with src:
        while True:
            try:
                chunk = src.read(CHUNK_BYTES)
            except OSError as exc:
                raise translate(exc) from exc
            if not chunk:
                return
            yield chunk


# -- reading a backup file ---------------------------------------------------------------------
ByteProgress = Callable[[int], "bool | None"]


@dataclass(frozen=True)
class _Checked:
    manifest: BackupManifest
    slots: bytes


def read_manifest(path: Path, *, progress: Progress | None = None) -> BackupManifest:
    """What the backup file at ``path`` says about itself, after checking all of it.

    The container, the manifest and both checksums are verified, so the whole file is read;
    ``progress(done, total)`` follows the reading, returning ``False`` cancels
    (:class:`BackupCancelled`). Raises :class:`InvalidInput` with a French sentence for a
    missing or unreadable file, a file that is not a backup, a truncated or altered backup, or
    one made by a newer version. No password is needed: the manifest holds no content.
    """
    path = Path(path)
    total = _file_size(path) or 1

    def reading(done: int) -> bool | None:
        return None if progress is None else progress(min(done, total), total)

    return _check_file(path, reading).manifest


def _check_file(path: Path, progress: ByteProgress) -> _Checked:
    if not path.is_file():
        raise InvalidInput(f"Le fichier « {path} » est introuvable.")
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        raise InvalidInput(_unreadable(path)) from None
    if head != b"PK\x03\x04":  # every ZIP archive starts so; a database or a text does not
        raise InvalidInput(NOT_A_BACKUP)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError):
        # The directory at the end of the archive is missing: the copy was cut short.
        raise InvalidInput(TRUNCATED) from None
    except OSError:
        raise InvalidInput(_unreadable(path)) from None
    with zf:
        try:
            return _check_entries(zf, progress)
        except (zipfile.BadZipFile, ValueError, EOFError, KeyError, UnicodeDecodeError):
            raise InvalidInput(ALTERED) from None
        except OSError:
            raise InvalidInput(_unreadable(path)) from None


def _unreadable(path: Path) -> str:
    return f"Le fichier « {path} » ne peut pas être lu (droits insuffisants ou support retiré)."


def _check_entries(zf: zipfile.ZipFile, progress: ByteProgress) -> _Checked:
    names = zf.namelist()
    if MANIFEST_NAME not in names or zf.getinfo(MANIFEST_NAME).file_size > MAX_MANIFEST_BYTES:
        raise InvalidInput(NOT_A_BACKUP)
    manifest = _parse_manifest(zf.read(MANIFEST_NAME))
    if sorted(names) != sorted([SLOTS_NAME, DB_NAME, MANIFEST_NAME]):
        raise InvalidInput(ALTERED)
    if zf.getinfo(SLOTS_NAME).file_size > MAX_SLOTS_BYTES:
        raise InvalidInput(ALTERED)
    slots = zf.read(SLOTS_NAME)
    if hashlib.sha256(slots).hexdigest() != manifest.keyslots_sha256:
        raise InvalidInput(ALTERED)
    if zf.getinfo(DB_NAME).file_size != manifest.database_size:
        raise InvalidInput(ALTERED)
    if _stream_database(zf, manifest, None, progress) != manifest.database_sha256:
        raise InvalidInput(ALTERED)
    return _Checked(manifest, slots)


def _stream_database(
    zf: zipfile.ZipFile, manifest: BackupManifest, out: BinaryIO | None, progress: ByteProgress
) -> str:
    """Read the database entry in chunks (``zipfile`` checks its CRC at the end), copying it to
    ``out`` when given; return its SHA-256."""
    digest = hashlib.sha256()
    done = 0
    with zf.open(DB_NAME) as src:
        while chunk := src.read(CHUNK_BYTES):
            digest.update(chunk)
            if out is not None:
                out.write(chunk)
            done += len(chunk)
            if progress(done) is False:
                raise BackupCancelled(RESTORE_CANCELLED)
    if done != manifest.database_size:
        raise InvalidInput(ALTERED)
    return digest.hexdigest()


def _parse_manifest(raw: bytes) -> BackupManifest:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InvalidInput(ALTERED) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(NOT_A_BACKUP)
    try:
        version = _int(data["format_version"])
        if version > FORMAT_VERSION:
            raise InvalidInput(NEWER)
        manifest = BackupManifest(
            format=FORMAT,
            format_version=version,
            application_version=str(data["application_version"]),
            schema_version=_int(data["schema_version"]),
            created_at=str(data["created_at"]),
            database_sha256=_hex(data["database_sha256"]),
            keyslots_sha256=_hex(data["keyslots_sha256"]),
            database_size=_int(data["database_size"]),
        )
        parse_instant(manifest.created_at)
    except (KeyError, TypeError, ValueError):
        raise InvalidInput(ALTERED) from None
    if manifest.schema_version > latest_version():
        raise InvalidInput(NEWER)
    return manifest


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("not a count")
    return value


def _hex(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 64:
        raise ValueError("not a SHA-256")
    int(value, 16)
    return value.lower()


# -- restoring ---------------------------------------------------------------------------------
def restore(
    path: Path,
    data_dir: Path,
    *,
    login: str | None = None,
    password: str | None = None,
    recovery_key: str | None = None,
    clock: Clock = system_clock,
    progress: Progress | None = None,
) -> RestoreResult:
    """Rebuild the station saved in ``path`` into ``data_dir`` (see the module doc).

    Give ``login`` and ``password`` of an account of the saved station, or its
    ``recovery_key``. ``progress(done, total)`` follows the two readings of the file (check,
    then extraction); returning ``False`` cancels. Raises, with nothing touched:
    :class:`InvalidInput` for a bad file, :class:`WrongCredentials` for a wrong password or
    recovery key, :class:`BackupCancelled`, and
    :class:`~anaiss_desktop.storage.errors.StationBusy` when the station in ``data_dir`` is
    open. Storage failures are :class:`StorageError`; if the very last step fails, what was
    in ``data_dir`` is put back in place.
    """
    by_password = login is not None and password is not None
    if by_password == (recovery_key is not None) or (login is None) != (password is None):
        raise InvalidInput(
            "Indiquez l'identifiant et le mot de passe d'un compte de la station sauvegardée, "
            "ou sa clé de secours."
        )
    path = Path(path)
    data_dir = Path(data_dir).absolute()
    if data_dir.exists() and not data_dir.is_dir():
        raise InvalidInput(f"« {data_dir} » existe déjà et n'est pas un dossier.")
    _refuse_if_open(data_dir)
    size = _file_size(path) or 1
    total = 2 * size

    def checking(done: int) -> bool | None:
        return None if progress is None else progress(min(done, size), total)

    def extracting(done: int) -> bool | None:
        return None if progress is None else progress(min(size + done, total), total)

    checked = _check_file(path, checking)
    staging = data_dir.with_name(f".{data_dir.name}{STAGING_SUFFIX}")
    try:
        staging.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise translate(exc) from exc
    lock = InstanceLock(staging)
    lock.acquire()  # a second restore to the same place at the same time: StationBusy
    swapped = False
    try:
        _empty(staging)
        stamp = clock().astimezone().strftime("%Y%m%d-%H%M%S")
        aside = _aside_path(data_dir, stamp) if _has_contents(data_dir) else None
        _build(path, staging, checked, _Credentials(login, password, recovery_key), clock,
               aside, extracting)
        lock.release()  # Windows cannot rename a folder holding an open file
        set_aside = _swap(staging, data_dir, aside)
        swapped = True
    finally:
        lock.release()
        if not swapped:
            shutil.rmtree(staging, ignore_errors=True)
    if progress is not None:
        progress(total, total)
    return RestoreResult(data_dir, set_aside, checked.manifest)


@dataclass(frozen=True)
class _Credentials:
    login: str | None
    password: str | None
    recovery_key: str | None

    def unwrap(self, slots: KeySlotFile) -> bytearray:
        """The database key, or :class:`WrongCredentials` (no lockout here: whoever holds the
        file can try passwords offline anyway; the Argon2id cost is the protection)."""
        if self.recovery_key is not None:
            key = slots.unwrap_recovery(self.recovery_key)
            if key is None:
                raise WrongCredentials(WRONG_RECOVERY_KEY)
            return key
        assert self.login is not None and self.password is not None
        key = slots.unwrap(self.login, self.password)
        if key is None:
            raise WrongCredentials()
        return key


def _has_contents(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError as exc:
        raise translate(exc) from exc


def _refuse_if_open(data_dir: Path) -> None:
    """A station open in the application or a command is never moved (StationBusy)."""
    looks_like_station = any(
        (data_dir / name).exists() for name in (SLOTS_NAME, DB_NAME, LOCK_NAME)
    )
    if data_dir.is_dir() and looks_like_station:
        with InstanceLock(data_dir):
            pass


def _empty(folder: Path) -> None:
    """Clear what a restore killed midway left in the hidden staging folder (not the lock)."""
    try:
        for entry in folder.iterdir():
            if entry.name == LOCK_NAME:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    except OSError as exc:
        raise translate(exc) from exc


def _aside_path(data_dir: Path, stamp: str) -> Path:
    aside = data_dir.with_name(f"{data_dir.name}-avant-restauration-{stamp}")
    rank = 2
    while aside.exists():
        aside = data_dir.with_name(f"{data_dir.name}-avant-restauration-{stamp}-{rank}")
        rank += 1
    return aside


def _build(
    path: Path,
    staging: Path,
    checked: _Checked,
    credentials: _Credentials,
    clock: Clock,
    aside: Path | None,
    progress: ByteProgress,
) -> None:
    """The restored station, complete and checked, in ``staging``."""
    manifest = checked.manifest
    staged = StationPaths(staging)
    _write_new(staged.keyslots, checked.slots)
    try:
        slots = KeySlotFile.load(staged.keyslots)
    except KeySlotsDamaged:
        raise InvalidInput(UNOPENABLE) from None
    key = credentials.unwrap(slots)
    try:
        _extract_database(path, staged.database, manifest, progress)
        try:
            db = Database.open(staged.database, key)
        except WrongKeyOrNotDatabase:
            raise InvalidInput(UNOPENABLE) from None
        try:
            if db.user_version > latest_version():
                raise InvalidInput(NEWER)
            if db.integrity_check():
                raise InvalidInput(UNOPENABLE)
            actor = RECOVERY_ACTOR
            if credentials.login is not None:
                account = AccountRepository(db).by_login(credentials.login)
                if account is None or account.disabled:
                    raise WrongCredentials()
                actor = account.login
            detail = (f"depuis « {path.name} » (sauvegarde du {manifest.created_at}, base "
                      f"sha256 {manifest.database_sha256})")
            if aside is not None:
                detail += f" ; contenu précédent du dossier mis de côté : {aside.name}"
            AuditLog(db, slots, clock).append(actor, AUDIT_RESTORE, detail=detail)
            db.checkpoint()
        finally:
            db.close()
    finally:
        wipe(key)
    try:
        for name in (DB_NAME, SLOTS_NAME):
            _fsync(staging / name)
        fsync_dir(staging)
    except OSError as exc:
        raise translate(exc) from exc


def _write_new(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise translate(exc) from exc


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | _BINARY)  # Windows syncs only a handle open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _extract_database(
    path: Path, target: Path, manifest: BackupManifest, progress: ByteProgress
) -> None:
    """Copy the database entry out (owner-only), checking its SHA-256 again: the file may have
    changed since it was checked."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
        with os.fdopen(fd, "wb") as out, zipfile.ZipFile(path) as zf:
            digest = _stream_database(zf, manifest, out, progress)
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, KeyError, EOFError, ValueError):
        raise InvalidInput(ALTERED) from None
    except OSError as exc:
        raise translate(exc) from exc
    if digest != manifest.database_sha256:
        raise InvalidInput(ALTERED)


def _swap(staging: Path, data_dir: Path, aside: Path | None) -> Path | None:
    """Put the restored station in ``data_dir``. What was there is renamed aside first, and put
    back if the restored station cannot take its place."""
    set_aside = None
    try:
        if _has_contents(data_dir):
            assert aside is not None
            _refuse_if_open(data_dir)
            os.rename(data_dir, aside)
            set_aside = aside
        elif data_dir.is_dir():
            data_dir.rmdir()
        os.rename(staging, data_dir)
    except OSError as exc:
        if set_aside is not None and not data_dir.exists():
            with contextlib.suppress(OSError):
                os.rename(set_aside, data_dir)
        raise translate(exc) from exc
    with contextlib.suppress(OSError):
        fsync_dir(data_dir.parent)
    return set_aside
