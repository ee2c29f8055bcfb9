"""SQL for persons (usagers), their household and their search index. Checks no access rule.

Each save rewrites the person's rows in ``person_search``: normalised name tokens (for search
as you type with an indexed range query) and the duplicate blocking keys of
:func:`~anaiss_desktop.domain.duplicates.search_keys` (phonetic names, birth date). All are
derived from the row, so they never hold anything the ``persons`` row does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..domain.duplicates import PersonKey, search_keys
from ..domain.names import name_tokens, normalise
from ..domain.nir import clean_nir
from ..domain.records import HouseholdMember, Person, PersonInput
from .database import Database

_COLUMNS = (
    "id, usage_name, birth_name, first_names, birth_date, sex, address, postal_code, city,"
    " phone, email, nir, family_code, family_text, created_at, updated_at"
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def sort_name(person: PersonInput) -> str:
    return normalise(f"{person.usage_name} {person.first_names}")


def search_rows(person: PersonInput) -> list[tuple[str, str]]:
    """(kind, value) rows indexing ``person``: tokens of all names, duplicate blocking keys."""
    tokens = name_tokens(person.usage_name, person.birth_name, person.first_names)
    rows = {("token", t) for t in tokens}
    key = PersonKey(None, person.usage_name, person.birth_name, person.first_names,
                    person.birth_date)
    rows |= {("phonetic", k) for k in search_keys(key)}
    return sorted(rows)


class PersonRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _person(self, row: tuple, household: tuple[HouseholdMember, ...]) -> Person:
        return Person(
            id=row[0], usage_name=row[1], birth_name=row[2], first_names=row[3],
            birth_date=_date(row[4]), sex=row[5], address=row[6], postal_code=row[7],
            city=row[8], phone=row[9], email=row[10], nir=row[11], family_code=row[12],
            family_text=row[13], created_at=row[14], updated_at=row[15], household=household,
        )

    def get(self, person_id: int) -> Person | None:
        row = self._db.query_one(f"SELECT {_COLUMNS} FROM persons WHERE id = ?", (person_id,))
        if row is None:
            return None
        members = tuple(
            HouseholdMember(name, relation, _date(born))
            for name, relation, born in self._db.query(
                "SELECT name, relation, birth_date FROM household_members WHERE person_id = ?"
                " ORDER BY id",
                (person_id,),
            )
        )
        return self._person(row, members)

    def get_many(self, person_ids: Iterable[int]) -> dict[int, Person]:
        ids = list(dict.fromkeys(person_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._db.query(f"SELECT {_COLUMNS} FROM persons WHERE id IN ({marks})", ids)
        return {row[0]: self._person(row, ()) for row in rows}

    def _values(self, person: PersonInput) -> tuple:
        return (
            person.usage_name.strip(), person.birth_name.strip(), person.first_names.strip(),
            _iso(person.birth_date), person.sex or None, person.address.strip(),
            person.postal_code.strip(), person.city.strip(), person.phone.strip(),
            person.email.strip(), clean_nir(person.nir), person.family_code,
            person.family_text.strip(), sort_name(person),
        )

    def insert(self, person: PersonInput, at: str, created_by: int | None) -> int:
        cur = self._db.execute(
            "INSERT INTO persons(usage_name, birth_name, first_names, birth_date, sex, address,"
            " postal_code, city, phone, email, nir, family_code, family_text, sort_name,"
            " created_at, created_by, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*self._values(person), at, created_by, at),
        )
        person_id = int(cur.lastrowid)
        self._write_children(person_id, person)
        return person_id

    def update(self, person_id: int, person: PersonInput, at: str) -> None:
        self._db.execute(
            "UPDATE persons SET usage_name = ?, birth_name = ?, first_names = ?, birth_date = ?,"
            " sex = ?, address = ?, postal_code = ?, city = ?, phone = ?, email = ?, nir = ?,"
            " family_code = ?, family_text = ?, sort_name = ?, updated_at = ? WHERE id = ?",
            (*self._values(person), at, person_id),
        )
        self._db.execute("DELETE FROM person_search WHERE person_id = ?", (person_id,))
        self._db.execute("DELETE FROM household_members WHERE person_id = ?", (person_id,))
        self._write_children(person_id, person)

    def _write_children(self, person_id: int, person: PersonInput) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO person_search(person_id, kind, value) VALUES (?, ?, ?)",
            [(person_id, kind, value) for kind, value in search_rows(person)],
        )
        self._db.executemany(
            "INSERT INTO household_members(person_id, name, relation, birth_date)"
            " VALUES (?, ?, ?, ?)",
            [
                (person_id, m.name.strip(), m.relation.strip(), _iso(m.birth_date))
                for m in person.household
                if m.name.strip()
            ],
        )

    def delete(self, person_id: int) -> None:
        """Really delete (cascades to dossiers, interventions, notes…; secure_delete is on)."""
        self._db.execute("DELETE FROM persons WHERE id = ?", (person_id,))

    def ids_by_blocking_keys(self, keys: Iterable[str], limit: int = 500) -> list[int]:
        """Persons sharing at least one blocking key: the duplicate candidates to score."""
        keys = sorted(set(keys))
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self._db.query(
            f"SELECT DISTINCT person_id FROM person_search WHERE kind = 'phonetic'"
            f" AND value IN ({marks}) LIMIT ?",
            (*keys, limit),
        )
        return [r[0] for r in rows]

    def count(self) -> int:
        return int(self._db.scalar("SELECT count(*) FROM persons"))
