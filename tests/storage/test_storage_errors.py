"""Sorting storage failures into known causes with a French message, versus bugs."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from anaiss_desktop.storage.database import Database
from anaiss_desktop.storage.errors import (
    CannotOpen,
    CorruptDatabase,
    DiskFull,
    DiskIOError,
    ReadOnlyStorage,
    SchemaTooNew,
    StationBusy,
    StorageError,
    WrongKeyOrNotDatabase,
    classify,
    translate,
)


def _raw(path: Path, key: bytearray, **kwargs) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None, **kwargs)
    conn.execute("PRAGMA key = \"x'" + key.hex() + "'\"")
    return conn


@pytest.fixture
def key() -> bytearray:
    return bytearray(secrets.token_bytes(32))


@pytest.fixture
def db_path(tmp_path: Path, key: bytearray) -> Path:
    path = tmp_path / "s.db"
    with Database.open(path, key, create=True) as db:
        db.execute("CREATE TABLE t(x)")
    return path


# -- real SQLite errors ---------------------------------------------------------------------
def test_not_a_database(tmp_path, key):
    path = tmp_path / "junk.db"
    path.write_bytes(os.urandom(4096))
    conn = _raw(path, key)
    with pytest.raises(sqlcipher.DatabaseError) as info:
        conn.execute("SELECT count(*) FROM sqlite_master")
    conn.close()
    assert isinstance(classify(info.value), WrongKeyOrNotDatabase)


def test_read_only(db_path, key):
    conn = sqlcipher.connect(f"file:{db_path}?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA key = \"x'" + key.hex() + "'\"")
    with pytest.raises(sqlcipher.Error) as info:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    assert isinstance(classify(info.value), ReadOnlyStorage)


def test_full(db_path, key):
    conn = _raw(db_path, key)
    conn.execute("PRAGMA max_page_count = 3")
    with pytest.raises(sqlcipher.Error) as info:
        conn.executemany("INSERT INTO t VALUES (?)", [("y" * 1000,)] * 100)
    conn.close()
    assert isinstance(classify(info.value), DiskFull)


def test_busy(db_path, key):
    holder, other = _raw(db_path, key), _raw(db_path, key)
    other.execute("PRAGMA busy_timeout = 0")
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(sqlcipher.Error) as info:
        other.execute("BEGIN IMMEDIATE")
    holder.execute("ROLLBACK")
    holder.close()
    other.close()
    assert isinstance(classify(info.value), StationBusy)


def test_cannot_open(tmp_path):
    with pytest.raises(sqlcipher.Error) as info:
        sqlcipher.connect(str(tmp_path / "no" / "such" / "dir" / "x.db"))
    assert isinstance(classify(info.value), CannotOpen)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("file is not a database", WrongKeyOrNotDatabase),
        ("database disk image is malformed", CorruptDatabase),
        ("database or disk is full", DiskFull),
        ("attempt to write a readonly database", ReadOnlyStorage),
        ("disk I/O error", DiskIOError),
        ("database is locked", StationBusy),
        ("unable to open database file", CannotOpen),
    ],
)
def test_message_text_is_used_when_no_code_is_attached(text, expected):
    assert isinstance(classify(sqlcipher.OperationalError(text)), expected)


def test_sql_bugs_are_not_storage_problems():
    conn = sqlcipher.connect(":memory:")
    with pytest.raises(sqlcipher.Error) as info:
        conn.execute("SELEC 1")
    conn.close()
    assert classify(info.value) is None
    assert classify(sqlcipher.IntegrityError("UNIQUE constraint failed: accounts.login")) is None


# -- operating-system errors ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOSPC, DiskFull),
        (errno.EROFS, ReadOnlyStorage),
        (errno.EACCES, ReadOnlyStorage),
        (errno.EPERM, ReadOnlyStorage),
        (errno.EIO, DiskIOError),
        (errno.ENOENT, CannotOpen),
    ],
)
def test_errno_is_mapped(code, expected):
    assert isinstance(classify(OSError(code, os.strerror(code))), expected)


def test_real_missing_file_is_cannot_open(tmp_path):
    with pytest.raises(OSError) as info:
        (tmp_path / "absent").read_bytes()
    assert isinstance(classify(info.value), CannotOpen)


@pytest.mark.parametrize(
    "exc", [OSError(errno.EISDIR, "Is a directory"), ValueError("x"), KeyError("y"), RuntimeError()]
)
def test_unknown_causes_are_bugs(exc):
    assert classify(exc) is None
    assert translate(exc) is exc


def test_known_errors_pass_through_and_keep_their_cause():
    known = DiskFull()
    assert classify(known) is known
    original = OSError(errno.ENOSPC, "No space left on device")
    translated = translate(original)
    assert isinstance(translated, DiskFull)
    assert translated.__cause__ is original


@pytest.mark.parametrize(
    "cls",
    [
        WrongKeyOrNotDatabase,
        CorruptDatabase,
        DiskFull,
        ReadOnlyStorage,
        DiskIOError,
        StationBusy,
        CannotOpen,
        SchemaTooNew,
    ],
)
def test_every_known_error_speaks_french(cls):
    error = cls()
    assert isinstance(error, StorageError)
    assert error.message == str(error) == cls.default_message
    assert error.message.startswith(("Le ", "La ", "Ce ", "Erreur"))
    assert error.message.endswith(".")
    assert cls("Autre texte.").message == "Autre texte."
