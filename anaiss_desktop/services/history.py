"""Rectification keeps a history (SPEC §7): recording the fields a change touches, and reading
them back to those who may read the fields.

Recording: the services that change a person or a dossier wrap the change in
:func:`tracking_person` / :func:`tracking_dossier`, inside their transaction. The record is read
before and after, compared field by field (:mod:`anaiss_desktop.domain.field_history`) and one
row per changed field is written with the account and the time, so the history cannot disagree
with what was saved: both are committed, or neither. Creating a record is not a change.

Reading: :class:`HistoryService` applies the access rule of the dossier (through
:class:`~anaiss_desktop.services.access.AccessGate`): whoever may open the dossier reads the
history of the fields they may read, no more (the secretary reads the changes of the identity
and the contact details, not of the follow-up). Each reading is logged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..domain.access import Action, Level
from ..domain.accounts import Role
from ..domain.dates import format_instant_fr
from ..domain.field_history import (
    DOSSIER,
    PERSON,
    changes,
    display,
    dossier_values,
    person_values,
    tracked_field,
)
from ..storage.accounts_repo import AccountRepository
from ..storage.codes_repo import CodeRepository
from ..storage.dossiers_repo import DossierRepository
from ..storage.history_repo import ChangeRow, HistoryRepository
from ..storage.persons_repo import PersonRepository
from .access import AccessGate
from .errors import InvalidInput, NotAllowed
from .session import Session

ACTION = "historique.consultation"


# -- recording ---------------------------------------------------------------------------------
@contextmanager
def tracking_person(session: Session, person_id: int) -> Iterator[None]:
    """Keep the old value of every field of the person the block changes.

    Use inside the transaction of the change; nothing is recorded if the block fails.
    """
    persons = PersonRepository(session.db)
    before = persons.get(person_id)
    yield
    after = persons.get(person_id)
    if before is None or after is None:
        return
    HistoryRepository(session.db).insert(
        PERSON, person_id, person_id, changes(person_values(before), person_values(after)),
        session.account.id, session.now_iso(),
    )


@contextmanager
def tracking_dossier(session: Session, dossier_id: int) -> Iterator[None]:
    """Keep the old value of every field of the dossier the block changes (status, referent,
    motifs…). Use inside the transaction of the change."""
    dossiers = DossierRepository(session.db)
    before = dossiers.get(dossier_id)
    yield
    after = dossiers.get(dossier_id)
    if before is None or after is None:
        return
    HistoryRepository(session.db).insert(
        DOSSIER, dossier_id, after.person_id,
        changes(dossier_values(before), dossier_values(after)),
        session.account.id, session.now_iso(),
    )


# -- reading -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryEntry:
    """One change of one field, in the words the dossier window uses.

    Args:
        id: the history row (a stable order for changes made in the same second).
        entity: ``"personne"`` or ``"dossier"``.
        field: the field's stored key; ``label`` is its French name.
        old_value, new_value: the values as read ("" for none).
        author: the full name of the account that made the change.
        changed_at: when (ISO instant, UTC); :attr:`when` is the local time in French.
    """

    id: int
    entity: str
    field: str
    label: str
    old_value: str
    new_value: str
    author: str
    changed_at: str

    @property
    def when(self) -> str:
        """"02/11/2026 10:00", local time."""
        return format_instant_fr(self.changed_at)


class HistoryService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of_person(self, person_id: int) -> list[HistoryEntry]:
        """The changes of the person's record, newest first, for the fields the reader may read
        (on any of the person's dossiers). Logged."""
        s = self._session
        s.require_ready()
        if PersonRepository(s.db).get(person_id) is None:
            raise InvalidInput("Cette personne n'existe pas (ou plus).")
        levels = self._person_levels(person_id)
        if Level.AGENDA not in levels:
            raise NotAllowed("Vous ne suivez pas cette personne : l'historique de sa fiche ne "
                             "vous est pas accessible.")
        entries = self._entries(HistoryRepository(s.db).of_entity(PERSON, person_id), levels)
        s.audit.append(s.account.login, ACTION, target=f"usager:#{person_id}")
        return entries

    def of_dossier(self, dossier_id: int) -> list[HistoryEntry]:
        """The changes of the dossier (status, referent, motifs…), newest first, for the
        fields the reader may read. Logged."""
        s = self._session
        gate = AccessGate(s)
        facts = gate.require(dossier_id, Level.AGENDA, Action.READ)
        levels = frozenset(level for level in Level if gate.allowed(facts, level))
        entries = self._entries(HistoryRepository(s.db).of_entity(DOSSIER, dossier_id), levels)
        dossier = DossierRepository(s.db).get(dossier_id)
        target = f"dossier:{dossier.number}" if dossier else f"dossier:#{dossier_id}"
        s.audit.append(s.account.login, ACTION, target=target,
                       detail="en suppléance" if gate.covering(facts) is not None else "")
        return entries

    def _person_levels(self, person_id: int) -> frozenset[Level]:
        """What the reader may read of the person: the union over the person's dossiers, as
        :class:`~anaiss_desktop.services.persons.PersonService` decides (a person with no
        dossier yet: its creator and a manager-social worker)."""
        s = self._session
        account = s.account
        dossiers = DossierRepository(s.db).of_person(person_id)
        if not dossiers:
            created_by = s.db.scalar("SELECT created_by FROM persons WHERE id = ?",
                                     (person_id,))
            if not (created_by == account.id or (account.is_manager and account.social_worker)):
                return frozenset({Level.IDENTITY})
            if account.role is Role.SECRETARY:
                return frozenset({Level.IDENTITY, Level.AGENDA})
            return frozenset(Level)
        gate = AccessGate(s)
        levels: set[Level] = set()
        for dossier in dossiers:
            facts = gate.facts(dossier.id)
            if facts is not None:
                levels |= {level for level in Level if gate.allowed(facts, level)}
        return frozenset(levels)

    def _entries(self, rows: list[ChangeRow], levels: frozenset[Level]) -> list[HistoryEntry]:
        if not rows:
            return []
        db = self._session.db
        labels = CodeRepository(db).labels()
        names = {a.id: a.full_name for a in AccountRepository(db).all()}

        def label_of(list_name: str, code: str) -> str:
            return labels.get((list_name, code), code)

        entries = []
        for row in rows:
            field = tracked_field(row.entity, row.field)
            if field.level not in levels:
                continue
            entries.append(HistoryEntry(
                row.id, row.entity, row.field, field.label,
                display(field, row.old_value, label_of, names),
                display(field, row.new_value, label_of, names),
                row.author, row.changed_at,
            ))
        return entries
