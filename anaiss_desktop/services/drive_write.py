"""Files written to a drive the person chose (USB stick, shared folder): all of them or none.

Used by every act that makes data leave the encrypted store on purpose (statistics export,
later the backup). A USB stick can be pulled out or fill up at any moment, and what is left
behind must never be half a file that looks whole. So:

1. the folder and its free space are checked first (a full stick is said before writing);
2. each file is written to a hidden temporary name beside its target, flushed and synced;
3. only then are they renamed to their real names, and the folder is synced;
4. each file is read back and compared with what was meant (the page cache is dropped first
   where the system allows it, so the read goes to the device);
5. on any failure, every temporary file and every file this call created is removed, and the
   cause becomes a French sentence the person can act on (:class:`WriteFailed`).

The last file of the list is written last: callers put there the file that says the others are
complete (the statistics manifest).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..security.atomic import fsync_dir
from .errors import ServiceError

#: Room kept free on the target beyond the files themselves (file system bookkeeping).
MARGIN_BYTES = 64 * 1024
TEMP_PREFIX = ".anaiss-"
TEMP_SUFFIX = ".part"


class WriteFailed(ServiceError):
    """The files could not be written; nothing was left on the target."""

    exit_code = 7
    default_message = (
        "Les fichiers n'ont pas pu être écrits : rien n'a été laissé sur le support. "
        "Vérifiez-le puis recommencez."
    )


FULL = (
    "Le support est plein : rien n'a été laissé dessus. Libérez de la place ou choisissez un "
    "autre support."
)
READ_ONLY = (
    "Impossible d'écrire sur ce support (lecture seule, protégé en écriture ou droits "
    "insuffisants) : rien n'a été écrit. Choisissez un autre dossier."
)
GONE = (
    "Le support n'est plus accessible (clé retirée ?) : aucun fichier n'a été laissé. "
    "Rebranchez-le puis recommencez."
)
DEVICE = (
    "Erreur d'écriture sur le support (clé retirée ou défaillante) : aucun fichier n'a été "
    "laissé. Vérifiez le support puis recommencez."
)
MISMATCH = (
    "La relecture des fichiers ne correspond pas à ce qui a été écrit : le support est "
    "peut-être défaillant. Les fichiers ont été supprimés ; essayez un autre support."
)
NOT_A_FOLDER = (
    "Le dossier choisi n'existe plus ou n'est pas un dossier (support retiré ?) : rien n'a été "
    "écrit. Choisissez un autre dossier."
)

_BY_ERRNO = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EFBIG: FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.ENOENT: GONE,
    errno.ENODEV: GONE,
    errno.ENXIO: GONE,
    errno.ESTALE: GONE,
    errno.EIO: DEVICE,
}


def failure_message(exc: OSError) -> str:
    """The French sentence for a write that failed with ``exc``."""
    return _BY_ERRNO.get(exc.errno or 0, WriteFailed.default_message)


@dataclass(frozen=True)
class WrittenFile:
    """A file that is now on the target, read back and identical to what was meant."""

    path: Path
    size: int
    sha256: str


def existing(folder: Path, names: Sequence[str]) -> list[str]:
    """The names already present in ``folder`` (to ask before replacing them)."""
    return [n for n in names if (Path(folder) / n).exists()]


def free_space_problem(folder: Path, needed: int) -> str | None:
    """Why ``needed`` bytes will not fit in ``folder``, or None when they should."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        return failure_message(exc)
    if free < needed + MARGIN_BYTES:
        return (
            f"Le support n'a plus assez de place ({_size(free)} libres, {_size(needed)} "
            "nécessaires) : rien n'a été écrit. Libérez de la place ou choisissez un autre "
            "support."
        )
    return None


def write_files(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[WrittenFile]:
    """Write each ``(name, data)`` in ``folder``, all of them or none (see the module doc).

    Files of the same name are replaced (the caller asks first, see :func:`existing`).
    Raises :class:`WriteFailed` with the cause in French; the target is then as it was,
    except that a file this call was replacing may be gone when the failure came after its
    rename.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise WriteFailed(NOT_A_FOLDER)
    problem = free_space_problem(folder, sum(len(data) for _name, data in files))
    if problem:
        raise WriteFailed(problem)
    temps: list[Path] = []
    created: list[Path] = []
    try:
        for name, data in files:
            temp = folder / f"{TEMP_PREFIX}{name}{TEMP_SUFFIX}"
            temps.append(temp)
            _write_synced(temp, data)
        for (name, _data), temp in zip(files, temps, strict=True):
            target = folder / name
            existed = target.exists()
            os.replace(temp, target)
            if not existed:
                created.append(target)
        fsync_dir(folder)
        written = [_read_back(folder / name, data) for name, data in files]
    except OSError as exc:
        _remove(temps + created)
        raise WriteFailed(failure_message(exc)) from None
    except WriteFailed:
        _remove(temps + [folder / name for name, _data in files])
        raise
    except BaseException:
        _remove(temps + created)
        raise
    return written


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _read_back(path: Path, expected: bytes) -> WrittenFile:
    """Read ``path`` from the device (not from memory, where possible) and compare."""
    with open(path, "rb") as fh:
        if hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        data = fh.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != hashlib.sha256(expected).hexdigest():
        raise WriteFailed(MISMATCH)
    return WrittenFile(path, len(data), digest)


def _remove(paths: Sequence[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} Ko"
    return f"{n / (1024 * 1024):.1f} Mo".replace(".", ",")


# -- one big file, streamed --------------------------------------------------------------------
#: Read and write chunk for streamed files: large enough for a USB stick, small in memory.
CHUNK_BYTES = 1024 * 1024


class HashingSink:
    """What a producer writes a streamed file into: the temporary file on the target.

    It hashes every byte on the way, so the read-back compares the device with what was meant
    without a second copy in memory. It has no ``seek``: a ZIP writer given this sink streams
    each entry (sizes in a trailing descriptor) instead of going back to patch its header, so
    what is hashed is exactly what lands in the file.
    """

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._hash = hashlib.sha256()
        self._size = 0

    def write(self, data: bytes) -> int:
        self._fh.write(data)
        self._hash.update(data)
        self._size += len(data)
        return len(data)

    def tell(self) -> int:
        return self._size

    def flush(self) -> None:
        self._fh.flush()

    @property
    def size(self) -> int:
        return self._size

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def part_name(name: str) -> str:
    """The hidden name a file has on the target while it is being written."""
    return f"{TEMP_PREFIX}{name}{TEMP_SUFFIX}"


def write_streamed(
    folder: Path,
    name: str,
    needed: int,
    fill: Callable[[HashingSink], None],
    *,
    read_progress: Callable[[int], None] | None = None,
) -> WrittenFile:
    """Write one big file ``folder/name`` that ``fill`` produces chunk by chunk, whole or not
    at all (the steps of the module doc, for a file too big to hold in memory).

    ``needed`` is the expected size (checked against the free space first). ``fill`` writes
    into the sink and may raise to abandon (a cancel): the temporary file is then removed
    and the exception goes on. ``read_progress(bytes_read)`` is called while the file is read
    back; it may raise too, and the finished file is then removed as well.

    While it is written, the temporary file is locked (POSIX ``flock``; on Windows an open
    file cannot be deleted), so :func:`remove_stale_parts` never takes a living writer's file
    for the leftover of a killed one. Raises :class:`WriteFailed` with the cause in French.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise WriteFailed(NOT_A_FOLDER)
    problem = free_space_problem(folder, needed)
    if problem:
        raise WriteFailed(problem)
    temp = folder / part_name(name)
    target = folder / name
    created = False
    try:
        # O_BINARY: Windows would otherwise open the descriptor in text mode (\n → \r\n).
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(temp, flags, 0o600)
        with os.fdopen(fd, "wb") as fh:
            _lock_part(fh.fileno())
            sink = HashingSink(fh)
            fill(sink)
            fh.flush()
            os.fsync(fh.fileno())
        existed = target.exists()
        os.replace(temp, target)
        created = not existed
        fsync_dir(folder)
        return _read_back_streamed(target, sink.size, sink.hexdigest(), read_progress)
    except OSError as exc:
        _remove([temp, target] if created else [temp])
        raise WriteFailed(failure_message(exc)) from None
    except WriteFailed:
        _remove([temp, target])
        raise
    except BaseException:
        _remove([temp, target] if created else [temp])
        raise


def _lock_part(fd: int) -> None:
    if os.name == "posix":
        import fcntl

        with contextlib.suppress(OSError):  # a file system without locks: no protection
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _read_back_streamed(
    path: Path, size: int, digest: str, progress: Callable[[int], None] | None
) -> WrittenFile:
    """Read ``path`` from the device in chunks and compare its SHA-256 with ``digest``."""
    read_hash = hashlib.sha256()
    done = 0
    with open(path, "rb") as fh:
        if hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        while chunk := fh.read(CHUNK_BYTES):
            read_hash.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done)
    if done != size or read_hash.hexdigest() != digest:
        raise WriteFailed(MISMATCH)
    return WrittenFile(path, size, digest)


def remove_stale_parts(folder: Path, name_suffix: str) -> list[Path]:
    """Remove the temporary files of writes that were killed (power cut, process killed):
    hidden ``.anaiss-*<name_suffix>.part`` files that no living writer holds. Returns them.

    Never raises: a folder that cannot be listed or cleaned is left as it is.
    """
    removed: list[Path] = []
    try:
        parts = list(Path(folder).glob(f"{TEMP_PREFIX}*{name_suffix}{TEMP_SUFFIX}"))
    except OSError:
        return removed
    for part in parts:
        if _is_abandoned(part):
            with contextlib.suppress(OSError):
                part.unlink()
                removed.append(part)
    return removed


def _is_abandoned(part: Path) -> bool:
    if os.name != "posix":
        return True  # Windows refuses to delete a file a living writer holds open
    import fcntl

    try:
        fd = os.open(part, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: a backup is being written right now
    finally:
        os.close(fd)  # closing releases the lock taken just above
    return True
