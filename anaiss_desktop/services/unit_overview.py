"""The unit seen from above, for the accounts whose day is not a caseload: a manager who is not
a social worker sees counts per referent (no person named), the secretary the service's
appointments of the day (identity and agenda level, nothing more).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.access import DossierFacts, Level
from ..domain.records import Echeance
from ..storage.dossiers_repo import DossierRepository
from ..storage.unit_repo import UnitRepository
from .access import AccessGate
from .errors import NotAllowed
from .session import Session


@dataclass(frozen=True)
class ReferentCounts:
    referent: str
    open: int
    dormant: int
    closed_this_year: int
    overdue: int


class UnitOverviewService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def counts(self, today: date | None = None) -> list[ReferentCounts]:
        """Dossiers per referent: open, dormant, closed this year, overdue échéances (manager)."""
        s = self._session
        s.require_manager()
        today = today or s.today()
        rows = UnitRepository(s.db).counts_by_referent(date(today.year, 1, 1).isoformat(),
                                                       today.isoformat())
        return [ReferentCounts(*row) for row in rows]

    def appointments(self, day: date | None = None) -> list[Echeance]:
        """The service's appointments and follow-ups of ``day`` (today by default), for an
        account that reads every dossier's agenda (the secretary, a manager-social worker)."""
        s = self._session
        gate = AccessGate(s)
        s.require_ready()
        if not gate.allowed(DossierFacts(0), Level.AGENDA):
            raise NotAllowed("Le planning du service est réservé au secrétariat et au ou à la "
                             "responsable travailleur social.")
        return DossierRepository(s.db).echeances_of_unit((day or s.today()).isoformat())
