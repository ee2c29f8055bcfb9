"""SQL for accounts, password history and login records. Returns domain objects, checks nothing.

Access rules live in the services; this module only knows how rows map to :class:`Account`.
"""

from __future__ import annotations

from ..domain.accounts import Account, Role
from .database import Database

_COLUMNS = (
    "id, login, full_name, role, social_worker, disabled, must_change_password,"
    " password_changed_at, phone"
)


def _account(row: tuple) -> Account:
    return Account(
        id=row[0],
        login=row[1],
        full_name=row[2],
        role=Role(row[3]),
        social_worker=bool(row[4]),
        disabled=bool(row[5]),
        must_change_password=bool(row[6]),
        password_changed_at=row[7],
        phone=row[8],
    )


class AccountRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def by_login(self, login: str) -> Account | None:
        row = self._db.query_one(
            f"SELECT {_COLUMNS} FROM accounts WHERE login = ? COLLATE NOCASE", (login.strip(),)
        )
        return _account(row) if row else None

    def by_id(self, account_id: int) -> Account | None:
        row = self._db.query_one(f"SELECT {_COLUMNS} FROM accounts WHERE id = ?", (account_id,))
        return _account(row) if row else None

    def all(self) -> list[Account]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM accounts ORDER BY full_name COLLATE NOCASE")
        return [_account(r) for r in rows]

    def insert(
        self,
        login: str,
        full_name: str,
        role: Role,
        social_worker: bool,
        phone: str,
        must_change: bool,
        at: str,
    ) -> int:
        cur = self._db.execute(
            "INSERT INTO accounts(login, full_name, role, social_worker, phone,"
            " must_change_password, password_changed_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (login.strip(), full_name.strip(), role.value, int(social_worker), phone.strip(),
             int(must_change), at, at),
        )
        return int(cur.lastrowid)

    def update_profile(
        self, account_id: int, full_name: str, role: Role, social_worker: bool, phone: str
    ) -> None:
        self._db.execute(
            "UPDATE accounts SET full_name = ?, role = ?, social_worker = ?, phone = ?"
            " WHERE id = ?",
            (full_name.strip(), role.value, int(social_worker), phone.strip(), account_id),
        )

    def set_disabled(self, account_id: int, disabled: bool) -> None:
        self._db.execute(
            "UPDATE accounts SET disabled = ? WHERE id = ?", (int(disabled), account_id)
        )

    def set_password_changed(self, account_id: int, at: str, temporary: bool) -> None:
        self._db.execute(
            "UPDATE accounts SET password_changed_at = ?, must_change_password = ? WHERE id = ?",
            (at, int(temporary), account_id),
        )

    def count_active_managers(self) -> int:
        return int(
            self._db.scalar("SELECT count(*) FROM accounts WHERE role = 'manager' AND disabled = 0")
        )

    # -- password history ----------------------------------------------------------------------
    def add_password_hash(self, account_id: int, digest: str, at: str) -> None:
        self._db.execute(
            "INSERT INTO password_history(account_id, hash, set_at) VALUES (?, ?, ?)",
            (account_id, digest, at),
        )

    def recent_password_hashes(self, account_id: int, depth: int) -> list[str]:
        rows = self._db.query(
            "SELECT hash FROM password_history WHERE account_id = ? ORDER BY id DESC LIMIT ?",
            (account_id, depth),
        )
        return [r[0] for r in rows]

    # -- login records -------------------------------------------------------------------------
    def last_login(self, account_id: int) -> tuple[str, int] | None:
        """(at, failures before it) of the latest successful login, if any."""
        row = self._db.query_one(
            "SELECT at, failures_before FROM login_records WHERE account_id = ?"
            " ORDER BY id DESC LIMIT 1",
            (account_id,),
        )
        return (row[0], int(row[1])) if row else None

    def add_login(self, account_id: int, at: str, failures_before: int) -> None:
        self._db.execute(
            "INSERT INTO login_records(account_id, at, failures_before) VALUES (?, ?, ?)",
            (account_id, at, failures_before),
        )
