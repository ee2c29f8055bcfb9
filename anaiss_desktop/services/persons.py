"""Persons (usagers): create without duplicates, change, merge two records, really delete.

Identity (names, birth date, referents) is visible to every account, so a duplicate is found
before it is made and "already followed by X" is known. The rest of a person's record is read
and changed by whoever may open one of their dossiers (or, for a person with no dossier yet,
by whoever created it and by a manager-social worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.access import Action, Level
from ..domain.duplicates import Likeness, PersonKey, likely_duplicates, search_keys
from ..domain.records import Person, PersonInput, person_blocking_problems
from ..storage.dossiers_repo import DossierRepository
from ..storage.persons_repo import PersonRepository
from .access import AccessGate
from .errors import InvalidInput, NotAllowed
from .history import tracking_person
from .session import Session


@dataclass(frozen=True)
class DuplicateCandidate:
    """A person who may be the one being created, at the identity level only."""

    person_id: int
    display_name: str
    birth_date: date | None
    referents: tuple[str, ...]
    likeness: Likeness


def _key(person: PersonInput, person_id: int | None = None) -> PersonKey:
    return PersonKey(person_id, person.usage_name, person.birth_name, person.first_names,
                     person.birth_date)


class PersonService:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _persons(self) -> PersonRepository:
        return PersonRepository(self._session.db)

    @property
    def _dossiers(self) -> DossierRepository:
        return DossierRepository(self._session.db)

    def _log(self, action: str, person_id: int, detail: str = "") -> None:
        s = self._session
        s.audit.append(s.account.login, action, target=f"usager:#{person_id}", detail=detail)

    def _allowed(self, person_id: int, action: Action, *, every: bool = False) -> bool:
        """May the account act on this person: on one of their dossiers (or on ``every`` one)?"""
        account = self._session.account
        dossiers = self._dossiers.of_person(person_id)
        if not dossiers:
            created_by = self._session.db.scalar(
                "SELECT created_by FROM persons WHERE id = ?", (person_id,)
            )
            return created_by == account.id or (account.is_manager and account.social_worker)
        gate = AccessGate(self._session)
        answers = [gate.allowed(gate.facts(d.id), Level.FOLLOW_UP, action) for d in dossiers]
        return all(answers) if every else any(answers)

    def _require(self, person_id: int, action: Action, *, every: bool = False) -> None:
        self._session.require_ready()
        if self._persons.get(person_id) is None:
            raise InvalidInput("Cette personne n'existe pas (ou plus).")
        if not self._allowed(person_id, action, every=every):
            raise NotAllowed(
                "Vous n'êtes pas référent(e) des dossiers de cette personne : seule son identité "
                "vous est visible."
            )

    def _refuse_covering_colleague(self, person_id: int) -> None:
        """Erasure cannot be undone: it is the referent's (or a manager-social worker's) act,
        never a covering colleague's, who works in the dossier for a while (SPEC §7)."""
        account = self._session.account
        if account.is_manager and account.social_worker:
            return
        gate = AccessGate(self._session)
        if any(gate.covering(gate.facts(d.id)) is not None
               for d in self._dossiers.of_person(person_id)):
            raise NotAllowed(
                "Une suppression définitive revient au ou à la référent(e) du dossier (ou à un(e) "
                "responsable travailleur social) : pas à la personne qui le ou la remplace."
            )

    # -- duplicates ----------------------------------------------------------------------------
    def find_duplicates(self, person: PersonInput, *, exclude: int | None = None,
                        threshold: float = 0.6) -> list[DuplicateCandidate]:
        """Persons who look like ``person`` (names, phonetics, birth date), best first."""
        self._session.require_ready()
        candidate = _key(person)
        keys = search_keys(candidate)
        ids = [i for i in self._persons.ids_by_blocking_keys(keys) if i != exclude]
        others = self._persons.get_many(ids)
        found = likely_duplicates(
            candidate, [_key(p, p.id) for p in others.values()], threshold=threshold
        )
        result = []
        for key, likeness in found:
            other = others[key.id]
            referents = tuple(sorted({d.referent_name for d in self._dossiers.of_person(key.id)}))
            result.append(DuplicateCandidate(key.id, other.display_name, other.birth_date,
                                             referents, likeness))
        return result

    # -- creating and changing -----------------------------------------------------------------
    def create(self, person: PersonInput) -> int:
        """A new person; the caller has shown :meth:`find_duplicates` first."""
        s = self._session
        s.require_ready()
        problems = person_blocking_problems(person)
        if problems:
            raise InvalidInput(problems=problems)
        with s.db.transaction():
            person_id = self._persons.insert(person, s.now_iso(), s.account.id)
        self._log("usager.creation", person_id)
        return person_id

    def get(self, person_id: int) -> Person:
        self._require(person_id, Action.READ)
        person = self._persons.get(person_id)
        assert person is not None
        return person

    def update(self, person_id: int, person: PersonInput) -> None:
        self._require(person_id, Action.WRITE)
        problems = person_blocking_problems(person)
        if problems:
            raise InvalidInput(problems=problems)
        s = self._session
        with s.db.transaction(), tracking_person(s, person_id):
            self._persons.update(person_id, person, s.now_iso())
        self._log("usager.modification", person_id)

    # -- merge and deletion --------------------------------------------------------------------
    def merge(self, keep_id: int, remove_id: int, merged: PersonInput) -> None:
        """One person instead of two: ``merged`` holds the fields chosen one by one; the
        dossiers (and their history) of ``remove_id`` move to ``keep_id``, then it is deleted."""
        if keep_id == remove_id:
            raise InvalidInput("Choisissez deux personnes différentes.")
        for person_id in (keep_id, remove_id):
            self._require(person_id, Action.WRITE, every=True)
        problems = person_blocking_problems(merged)
        if problems:
            raise InvalidInput(problems=problems)
        s = self._session
        with s.db.transaction():
            s.db.execute("UPDATE dossiers SET person_id = ? WHERE person_id = ?",
                         (keep_id, remove_id))
            with tracking_person(s, keep_id):
                self._persons.update(keep_id, merged, s.now_iso())
            self._persons.delete(remove_id)
        s.db.checkpoint()  # the removed record's pages leave the WAL too
        self._log("usager.fusion", keep_id, f"usager #{remove_id} fusionné")

    def delete(self, person_id: int, typed_name: str) -> None:
        """Really delete a person created by mistake, with all their dossiers and history.

        The person's usage name must be typed to confirm. Pages are overwritten
        (``secure_delete``) and the WAL folded; the audit keeps only the id.
        """
        self._require(person_id, Action.DELETE, every=True)
        self._refuse_covering_colleague(person_id)
        person = self._persons.get(person_id)
        assert person is not None
        if typed_name.strip().casefold() != person.usage_name.strip().casefold():
            raise InvalidInput("Saisissez le nom de la personne pour confirmer la suppression.")
        s = self._session
        with s.db.transaction():
            self._persons.delete(person_id)
        s.db.checkpoint()
        self._log("usager.suppression", person_id)
