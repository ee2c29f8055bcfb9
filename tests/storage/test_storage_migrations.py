"""Numbered migrations: order, gaps, too-new files, rollback, and the copy made before upgrading."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from anaiss_desktop.storage.database import Database
from anaiss_desktop.storage.errors import SchemaTooNew
from anaiss_desktop.storage.migrations import (
    MIGRATIONS_DIR,
    backup_before_migration,
    discover,
    latest_version,
    migrate,
)

V1 = "CREATE TABLE dossiers(id INTEGER PRIMARY KEY, nom TEXT NOT NULL);\n"
V2 = (
    "ALTER TABLE dossiers ADD COLUMN prenom TEXT NOT NULL DEFAULT '';\n"
    "CREATE TABLE motifs(x);\n"
)
NAME = "Rosalie Vernier-Lefebvre"


@pytest.fixture
def key() -> bytearray:
    return bytearray(secrets.token_bytes(32))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    mig = tmp_path / "migrations"
    mig.mkdir()
    (mig / "0001_dossiers.sql").write_text(V1, encoding="utf-8")
    (mig / "README.md").write_text("not a migration", encoding="utf-8")
    return mig


@pytest.fixture
def db(tmp_path: Path, key: bytearray) -> Iterator[Database]:
    database = Database.open(tmp_path / "station.db", key, create=True)
    yield database
    database.close()


def test_shipped_migrations_are_numbered_without_gap():
    migrations = discover()
    assert migrations, "at least the first schema ships"
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert latest_version() == migrations[-1].version
    assert all(m.path.parent == MIGRATIONS_DIR for m in migrations)


def test_fresh_database_gets_the_latest_schema_without_a_copy(tmp_path, db):
    assert migrate(db, tmp_path / "copies") is None
    assert db.user_version == latest_version()
    tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"station", "settings", "accounts", "password_history", "login_records",
            "audit_log"} <= tables
    assert not (tmp_path / "copies").exists()


def test_migrating_twice_is_a_no_op(tmp_path, db, folder):
    assert migrate(db, tmp_path / "copies", folder) is None
    assert migrate(db, tmp_path / "copies", folder) is None
    assert db.user_version == 1


def test_other_files_are_ignored(folder):
    assert [m.path.name for m in discover(folder)] == ["0001_dossiers.sql"]


def test_a_gap_in_numbering_is_refused(folder):
    (folder / "0001_dossiers.sql").rename(folder / "0002_dossiers.sql")
    with pytest.raises(RuntimeError, match="gap"):
        discover(folder)


def test_newer_schema_is_refused_in_french(tmp_path, db, folder):
    db.execute("PRAGMA user_version = 7")
    with pytest.raises(SchemaTooNew) as info:
        migrate(db, tmp_path / "copies", folder)
    assert "version plus récente d'ANAISS Desktop" in info.value.message
    assert db.user_version == 7


def test_failed_migration_leaves_the_database_untouched(tmp_path, db, folder):
    (folder / "0001_dossiers.sql").write_text(V1 + "INSERT INTO nulle_part VALUES (1);\n")
    with pytest.raises(Exception, match="nulle_part"):
        migrate(db, tmp_path / "copies", folder)
    assert db.user_version == 0
    assert db.query("SELECT name FROM sqlite_master") == []
    with db.transaction():  # the connection is usable again: no transaction left open
        db.execute("CREATE TABLE ok(x)")


def test_copy_before_migration_is_encrypted_and_opens_with_the_key(tmp_path, db, key, folder):
    migrate(db, None, folder)
    with db.transaction():
        db.execute("INSERT INTO dossiers(nom) VALUES (?)", (NAME,))
    copy = backup_before_migration(db, tmp_path / "copies", 1)
    assert copy.parent == tmp_path / "copies"
    assert copy.name.startswith("station-v1-") and copy.suffix == ".db"
    data = copy.read_bytes()
    assert b"CREATE TABLE" not in data
    assert b"SQLite format 3" not in data
    assert NAME.encode() not in data
    with Database.open(copy, key) as old:
        assert old.user_version == 1
        assert old.scalar("SELECT nom FROM dossiers") == NAME


def test_upgrade_makes_an_encrypted_copy_first(tmp_path, db, key, folder):
    assert migrate(db, tmp_path / "copies", folder) is None  # fresh: nothing to keep
    with db.transaction():
        db.execute("INSERT INTO dossiers(nom) VALUES (?)", (NAME,))
    (folder / "0002_prenoms.sql").write_text(V2, encoding="utf-8")

    copy = migrate(db, tmp_path / "copies", folder)

    assert db.user_version == 2
    assert db.scalar("SELECT prenom FROM dossiers") == ""
    assert copy is not None and copy.exists()
    data = copy.read_bytes()
    assert b"CREATE TABLE" not in data
    assert NAME.encode() not in data
    with Database.open(copy, key) as old:
        assert old.user_version == 1
        assert old.scalar("SELECT nom FROM dossiers") == NAME
        columns = [r[1] for r in old.query("PRAGMA table_info(dossiers)")]
        assert "prenom" not in columns
