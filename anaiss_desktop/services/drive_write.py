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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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
NOT_A_FOLDER = "Le dossier choisi n'existe pas ou n'est pas un dossier."

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
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
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
