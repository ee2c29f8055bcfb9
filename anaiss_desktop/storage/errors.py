"""Sort storage failures into known causes the person can act on, versus bugs.

SQLite reports a wrong SQLCipher key exactly like a file that is not a database (SQLITE_NOTADB),
so both become :class:`WrongKeyOrNotDatabase`. Each known cause carries a French message meant for
the screen; the original exception is chained for the developer but never holds personal data
(SQLite messages quote no row values).
"""

from __future__ import annotations

import errno

from sqlcipher3 import dbapi2 as sqlcipher

# Primary SQLite result codes (the low byte of extended codes).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class StorageError(Exception):
    """A known storage problem; ``str(error)`` is a French sentence for the user."""

    default_message = "Problème de stockage des données."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self)


class WrongKeyOrNotDatabase(StorageError):
    default_message = (
        "Le fichier de la station ne peut pas être ouvert : la clé ne correspond pas, "
        "ou ce n'est pas une base ANAISS (fichier étranger ou endommagé)."
    )


class CorruptDatabase(StorageError):
    default_message = (
        "Le fichier de la station est endommagé. Restaurez la dernière sauvegarde "
        "ou contactez votre responsable."
    )


class DiskFull(StorageError):
    default_message = (
        "Le disque est plein : rien n'a été enregistré. Libérez de la place puis recommencez."
    )


class ReadOnlyStorage(StorageError):
    default_message = (
        "Le dossier de la station est en lecture seule : rien n'a été enregistré. "
        "Vérifiez les droits sur le dossier de données."
    )


class DiskIOError(StorageError):
    default_message = (
        "Erreur de lecture ou d'écriture sur le disque : rien n'a été enregistré. "
        "Vérifiez le support (clé retirée, disque défaillant)."
    )


class StationBusy(StorageError):
    default_message = (
        "La station est déjà ouverte par une autre fenêtre ou une autre commande. "
        "Fermez-la avant de recommencer."
    )


class CannotOpen(StorageError):
    default_message = "Le fichier de la station est introuvable ou inaccessible."


class SchemaTooNew(StorageError):
    default_message = (
        "Ce fichier a été créé par une version plus récente d'ANAISS Desktop. "
        "Mettez l'application à jour."
    )


_BY_CODE: dict[int, type[StorageError]] = {
    SQLITE_NOTADB: WrongKeyOrNotDatabase,
    SQLITE_CORRUPT: CorruptDatabase,
    SQLITE_FULL: DiskFull,
    SQLITE_READONLY: ReadOnlyStorage,
    SQLITE_IOERR: DiskIOError,
    SQLITE_BUSY: StationBusy,
    SQLITE_LOCKED: StationBusy,
    SQLITE_CANTOPEN: CannotOpen,
}

_BY_ERRNO: dict[int, type[StorageError]] = {
    errno.ENOSPC: DiskFull,
    errno.EROFS: ReadOnlyStorage,
    errno.EACCES: ReadOnlyStorage,
    errno.EPERM: ReadOnlyStorage,
    errno.EIO: DiskIOError,
    errno.ENOENT: CannotOpen,
}


def classify(exc: BaseException) -> StorageError | None:
    """Return the known cause behind ``exc``, or ``None`` when it looks like a bug."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, sqlcipher.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:
            cls = _BY_CODE.get(code & 0xFF)
            if cls is not None:
                return cls()
        text = str(exc).lower()
        for needle, cls in (
            ("not a database", WrongKeyOrNotDatabase),
            ("malformed", CorruptDatabase),
            ("disk is full", DiskFull),
            ("readonly", ReadOnlyStorage),
            ("disk i/o", DiskIOError),
            ("database is locked", StationBusy),
            ("unable to open", CannotOpen),
        ):
            if needle in text:
                return cls()
        return None
    if isinstance(exc, OSError) and exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]()
    return None


def translate(exc: BaseException) -> BaseException:
    """The exception to raise instead of ``exc``: a known :class:`StorageError` or ``exc``."""
    known = classify(exc)
    if known is None:
        return exc
    known.__cause__ = exc
    return known
