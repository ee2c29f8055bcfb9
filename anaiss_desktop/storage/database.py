"""The SQLCipher connection: raw 256-bit key, durable pragmas, explicit transactions.

The key is passed as a raw key (``x'…'``), so SQLCipher runs no second KDF: the Argon2id cost is
paid once, when a key slot is unwrapped. Python strings cannot be wiped, so the hex form of the key
lives only for the duration of the ``PRAGMA key`` statement; the key itself stays in a caller-owned
``bytearray``.

``cipher_memory_security`` stays off (SQLCipher's default since 4.5). SQLCipher wipes its own key
material whatever the setting; the pragma adds a ``mlock`` and a wipe to *every* SQLite allocation,
which tripled the cost of the same queries against plain SQLite (benchmark ratio 3.2 instead of
1.1, SPEC §9) while protecting little here: the names the application shows pass through Python
and Qt strings, which are never locked or wiped either. Full-disk encryption, swap included, is
what covers process memory written to disk; the README says so.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from .errors import StorageError, WrongKeyOrNotDatabase, translate

KEY_BYTES = 32


def apply_key(conn: sqlcipher.Connection, key: bytearray) -> None:
    if len(key) != KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    statement = "PRAGMA key = \"x'" + key.hex() + "'\""
    try:
        conn.execute(statement)
    finally:
        del statement


class Database:
    """One open, keyed SQLCipher database.

    Use :meth:`transaction` for every write so a failure leaves nothing half-written. Reads go
    through :meth:`query` / :meth:`query_one`. Errors are translated into
    :class:`~anaiss_desktop.storage.errors.StorageError` subclasses when their cause is known.
    """

    def __init__(self, path: Path, conn: sqlcipher.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self._depth = 0

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, key: bytearray, *, create: bool = False) -> Database:
        """Open (or create) the database at ``path`` with ``key``.

        Raises :class:`WrongKeyOrNotDatabase` when the key does not fit or the file is foreign.
        """
        path = Path(path)
        if not create and not path.exists():
            raise WrongKeyOrNotDatabase("Le fichier de la station est introuvable.")
        try:
            conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
        except sqlcipher.Error as exc:
            raise translate(exc) from exc
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            apply_key(conn, key)
            # First real read: this is where a wrong key or a foreign file shows up.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA temp_store = MEMORY")  # no temp files with decrypted pages
            # 64 MiB of page cache: at 100,000 persons the default 2 MiB makes every search
            # keystroke read and decrypt pages again (p95 41 ms → 20 ms in the benchmark).
            conn.execute("PRAGMA cache_size = -65536")
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlcipher.Error):
                raise translate(exc) from exc
            raise
        return cls(path, conn)

    # -- use -----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """Run the block atomically (``BEGIN IMMEDIATE`` … ``COMMIT``); nested blocks join it."""
        with self._lock:
            outer = self._depth == 0
            try:
                if outer:
                    self._conn.execute("BEGIN IMMEDIATE")
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                if outer:
                    self._conn.execute("COMMIT")
            except BaseException as exc:
                if outer and self._conn.in_transaction:
                    with contextlib.suppress(sqlcipher.Error):
                        self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlcipher.Error):
                    raise translate(exc) from exc
                raise

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlcipher.Cursor:
        with self._lock:
            try:
                return self._conn.execute(sql, params)
            except sqlcipher.Error as exc:
                raise translate(exc) from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._lock:
            try:
                self._conn.executemany(sql, rows)
            except sqlcipher.Error as exc:
                raise translate(exc) from exc

    def executescript(self, script: str) -> None:
        with self._lock:
            try:
                self._conn.executescript(script)
            except sqlcipher.Error as exc:
                if self._conn.in_transaction:
                    with contextlib.suppress(sqlcipher.Error):
                        self._conn.execute("ROLLBACK")
                raise translate(exc) from exc

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple]:
        # Rows are read inside the guard: a damaged page can surface at any row, not only
        # at the first step.
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlcipher.Error as exc:
                raise translate(exc) from exc

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> tuple | None:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchone()
            except sqlcipher.Error as exc:
                raise translate(exc) from exc

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    @property
    def user_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` and ``cipher_integrity_check``; empty list when sound."""
        problems = [r[0] for r in self.query("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [r[0] for r in self.query("PRAGMA cipher_integrity_check")]
        return problems

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (before a file copy, after an erasure)."""
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlcipher.Error as exc:  # pragma: no cover - closing rarely fails
                raise translate(exc) from exc

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["Database", "StorageError", "KEY_BYTES"]
