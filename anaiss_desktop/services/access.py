"""The one gate every service passes before reading or changing a dossier.

It gathers the facts the rule of :mod:`anaiss_desktop.domain.access` needs (the referent, the
covering colleagues' designations that apply) and asks the rule for today's date. Keeping the
gathering here means a covering period or a reassignment is seen the same way by the dossier,
the search, the persons and the "Qui a accès ?" panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.access import (
    Action,
    Cover,
    Decision,
    DossierFacts,
    Level,
    NoteFacts,
    active_cover,
    dossier_access,
    note_access,
)
from ..storage.covers_repo import CoverRepository
from ..storage.dossiers_repo import DossierRepository
from .errors import InvalidInput, NotAllowed
from .session import Session


@dataclass(frozen=True)
class MyCovers:
    """What the signed-in account covers today: single dossiers and absent referents."""

    dossier_ids: frozenset[int]
    referent_ids: frozenset[int]
    covers: tuple[Cover, ...]

    def facts(self, dossier_id: int, referent_id: int) -> DossierFacts:
        """The facts of one dossier as far as this account's designations go (enough for a
        decision about this account; the panel loads every designation instead)."""
        return DossierFacts(referent_id, tuple(
            c for c in self.covers if c.applies_to(dossier_id, referent_id)))


class AccessGate:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def today(self) -> date:
        return self._session.today()

    def facts(self, dossier_id: int) -> DossierFacts | None:
        """Referent and designations of the dossier; None if it does not exist."""
        db = self._session.db
        referent = DossierRepository(db).referent_of(dossier_id)
        if referent is None:
            return None
        return DossierFacts(referent, CoverRepository(db).for_dossier(dossier_id, referent))

    def decide(self, facts: DossierFacts, level: Level, action: Action) -> Decision:
        return dossier_access(self._session.account, facts, level, action, self.today)

    def allowed(self, facts: DossierFacts, level: Level, action: Action = Action.READ) -> bool:
        return self.decide(facts, level, action).allowed

    def require(self, dossier_id: int, level: Level, action: Action) -> DossierFacts:
        """Raise :class:`NotAllowed` unless the rule allows; the dossier's facts otherwise."""
        self._session.require_ready()
        facts = self.facts(dossier_id)
        if facts is None:
            raise InvalidInput("Ce dossier n'existe pas (ou plus).")
        decision = self.decide(facts, level, action)
        if not decision.allowed:
            raise NotAllowed(f"Accès refusé à ce dossier : {decision.reason}.")
        return facts

    def covering(self, facts: DossierFacts) -> Cover | None:
        """The designation under which the account works on this dossier today, if it is
        not its own dossier (the banner tells the user)."""
        account = self._session.account
        if account.id == facts.referent_id:
            return None
        return active_cover(account, facts, self.today)

    def my_covers(self) -> MyCovers:
        """The account's designations active today (search filters use them)."""
        today = self.today
        covers = tuple(c for c in CoverRepository(self._session.db).of_colleague(
            self._session.account.id) if c.active_on(today))
        return MyCovers(
            frozenset(c.dossier_id for c in covers if c.dossier_id is not None),
            frozenset(c.referent_id for c in covers if c.referent_id is not None),
            covers,
        )

    def note_allowed(self, facts: DossierFacts, note: NoteFacts,
                     action: Action = Action.READ) -> bool:
        return note_access(self._session.account, facts, note, action, self.today).allowed
