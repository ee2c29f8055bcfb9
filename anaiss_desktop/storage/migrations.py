"""Numbered schema migrations, tracked with ``PRAGMA user_version``.

Each ``migrations/NNNN_name.sql`` file moves the schema from version NNNN-1 to NNNN inside one
transaction. Before upgrading an existing station the database file (still encrypted) is copied
aside, so a failed or regretted upgrade can be undone by hand.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .database import Database
from .errors import SchemaTooNew, translate

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    def script(self) -> str:
        return self.path.read_text(encoding="utf-8")


def discover(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Migrations found in ``folder``, in order; numbering must be 1, 2, 3… with no gap."""
    found = sorted(
        (Migration(int(m.group(1)), p) for p in folder.iterdir() if (m := _NAME.match(p.name))),
        key=lambda mig: mig.version,
    )
    for expected, mig in enumerate(found, start=1):
        if mig.version != expected:
            raise RuntimeError(f"migration numbering gap before {mig.path.name}")
    return found


def latest_version(folder: Path = MIGRATIONS_DIR) -> int:
    migrations = discover(folder)
    return migrations[-1].version if migrations else 0


def backup_before_migration(db: Database, backup_dir: Path, from_version: int) -> Path:
    """Copy the (encrypted) database file aside before touching its schema."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    db.checkpoint()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{db.path.stem}-v{from_version}-{stamp}{db.path.suffix}"
    try:
        shutil.copy2(db.path, target)
    except OSError as exc:
        raise translate(exc) from exc
    return target


def migrate(db: Database, backup_dir: Path | None, folder: Path = MIGRATIONS_DIR) -> Path | None:
    """Bring ``db`` to the latest schema; return the pre-migration copy if one was made."""
    migrations = discover(folder)
    current = db.user_version
    target = migrations[-1].version if migrations else 0
    if current > target:
        raise SchemaTooNew()
    if current == target:
        return None
    copy = None
    if current > 0 and backup_dir is not None:
        copy = backup_before_migration(db, backup_dir, current)
    for mig in migrations[current:]:
        db.executescript(
            "BEGIN IMMEDIATE;\n"
            + mig.script()
            + f"\nPRAGMA user_version = {mig.version};\nCOMMIT;"
        )
    return copy
