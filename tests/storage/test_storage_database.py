"""The SQLCipher connection: wrong key, foreign files, durable pragmas, atomic transactions."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from anaiss_desktop.storage.database import Database
from anaiss_desktop.storage.errors import CorruptDatabase, DiskFull, WrongKeyOrNotDatabase

SECRET_VALUE = "Dossier de Madame Rosalie Vernier-Lefebvre"
WRONG_KEY_TEXT = "Le fichier de la station ne peut pas être ouvert : la clé ne correspond pas"


def new_key() -> bytearray:
    return bytearray(secrets.token_bytes(32))


@pytest.fixture
def key() -> bytearray:
    return new_key()


@pytest.fixture
def db_path(tmp_path: Path, key: bytearray) -> Path:
    """An encrypted database holding one table with one recognisable row, then closed."""
    path = tmp_path / "station.db"
    with Database.open(path, key, create=True) as db:
        db.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        with db.transaction():
            db.execute("INSERT INTO notes(text) VALUES (?)", (SECRET_VALUE,))
    return path


@pytest.fixture
def db(db_path: Path, key: bytearray) -> Iterator[Database]:
    database = Database.open(db_path, key)
    yield database
    database.close()


def test_right_key_reads_back(db):
    assert db.scalar("SELECT text FROM notes") == SECRET_VALUE


def test_wrong_key_is_a_clear_french_error(db_path):
    with pytest.raises(WrongKeyOrNotDatabase) as info:
        Database.open(db_path, new_key())
    assert info.value.message.startswith(WRONG_KEY_TEXT)


def test_random_bytes_are_not_a_database(tmp_path, key):
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(WrongKeyOrNotDatabase):
        Database.open(path, key)


def test_plain_sqlite_file_is_not_a_station(tmp_path, key):
    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(WrongKeyOrNotDatabase):
        Database.open(path, key)


def test_missing_file_is_not_created_silently(tmp_path, key):
    with pytest.raises(WrongKeyOrNotDatabase) as info:
        Database.open(tmp_path / "absent.db", key)
    assert info.value.message == "Le fichier de la station est introuvable."
    assert not (tmp_path / "absent.db").exists()


def test_key_must_be_32_bytes(tmp_path):
    with pytest.raises(ValueError):
        Database.open(tmp_path / "x.db", bytearray(16), create=True)


def test_pragmas_make_it_durable(db):
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA synchronous") == 2  # FULL
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.scalar("PRAGMA secure_delete") == 1
    assert db.scalar("PRAGMA temp_store") == 2  # MEMORY: no temp files with clear pages
    assert db.scalar("PRAGMA busy_timeout") == 5000


def test_nothing_is_in_clear_on_disk(db_path, key):
    with Database.open(db_path, key) as db, db.transaction():
        db.execute("INSERT INTO notes(text) VALUES (?)", (SECRET_VALUE + " (suite)",))
        # While open, the WAL holds the new page: encrypted too.
        wal = Path(str(db_path) + "-wal")
        assert wal.exists()
    for path in db_path.parent.iterdir():
        data = path.read_bytes()
        assert SECRET_VALUE.encode() not in data, path.name
        assert b"CREATE TABLE" not in data, path.name
        assert b"SQLite format 3" not in data, path.name


def test_transaction_rolls_back_on_error(db):
    with pytest.raises(RuntimeError), db.transaction():
        db.execute("INSERT INTO notes(text) VALUES ('première')")
        raise RuntimeError("boom")
    assert db.scalar("SELECT count(*) FROM notes") == 1


def test_nested_transactions_join_the_outer_one(db):
    with pytest.raises(RuntimeError), db.transaction():
        db.execute("INSERT INTO notes(text) VALUES ('a')")
        with db.transaction():
            db.execute("INSERT INTO notes(text) VALUES ('b')")
        raise RuntimeError("boom")
    assert db.scalar("SELECT count(*) FROM notes") == 1
    with db.transaction(), db.transaction():
        db.execute("INSERT INTO notes(text) VALUES ('c')")
    assert db.scalar("SELECT count(*) FROM notes") == 2


def test_full_disk_is_a_french_message_and_nothing_half_written(db):
    """SQLite's page limit gives a real SQLITE_FULL, exactly what a full disk gives."""
    db.execute("PRAGMA max_page_count = 12")
    with pytest.raises(DiskFull) as info, db.transaction():
        for _ in range(2000):
            db.execute("INSERT INTO notes(text) VALUES (?)", ("x" * 500,))
    assert info.value.message.startswith("Le disque est plein : rien n'a été enregistré.")
    assert db.scalar("SELECT count(*) FROM notes") == 1


def test_foreign_keys_are_enforced(db):
    db.execute("CREATE TABLE parent(id INTEGER PRIMARY KEY)")
    db.execute("CREATE TABLE child(p INTEGER REFERENCES parent(id))")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        db.execute("INSERT INTO child VALUES (42)")


def test_user_version_and_integrity(db):
    assert db.user_version == 0
    db.execute("PRAGMA user_version = 3")
    assert db.user_version == 3
    assert db.integrity_check() == []


def _corrupt(path: Path, page: int) -> None:
    raw = bytearray(path.read_bytes())
    start = 4096 * page + 100
    for i in range(start, start + 100):
        raw[i] ^= 0xFF
    path.write_bytes(bytes(raw))


@pytest.fixture
def corrupted(tmp_path: Path, key: bytearray) -> Iterator[Database]:
    path = tmp_path / "big.db"
    with Database.open(path, key, create=True) as db:
        db.execute("CREATE TABLE t(x TEXT)")
        with db.transaction():
            db.executemany("INSERT INTO t VALUES (?)", [("x" * 100,)] * 500)
        db.checkpoint()
    _corrupt(path, page=8)
    database = Database.open(path, key)
    yield database
    database.close()


def test_corrupted_page_found_by_a_count_is_reported(corrupted):
    with pytest.raises(CorruptDatabase) as info:
        corrupted.scalar("SELECT count(*) FROM t")
    assert info.value.message.startswith("Le fichier de la station est endommagé.")


def test_corrupted_page_met_while_reading_rows_is_reported(corrupted):
    with pytest.raises(CorruptDatabase):
        corrupted.query("SELECT x FROM t")
