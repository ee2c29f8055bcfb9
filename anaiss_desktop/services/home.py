"""The home screen, "Mon activité": what a social worker opens the application for (SPEC §1:
"no overall view", "no day-to-day follow-up" were the first complaints about the old tools).

One call gives the signed-in account's open dossiers, today's appointments and follow-ups,
the overdue ones, the open dossiers without contact for too long and the recently opened
ones. Everything listed is the account's own (as referent or owner), at the identity level
plus dates, so nothing is written to the audit log; opening a line goes through
:class:`~.dossiers.DossierService`, which checks and logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.records import DossierStatus, Echeance
from ..storage.dossiers_repo import DossierRepository
from ..storage.search_repo import HomeRepository, LineRow
from .errors import InvalidInput
from .search import display_name
from .session import Session

RECENT_COUNT = 10


@dataclass(frozen=True)
class DossierLine:
    dossier_id: int
    number: str
    person_name: str
    birth_date: date | None
    status: DossierStatus
    last_contact_on: date | None
    referent_name: str


@dataclass(frozen=True)
class HomeView:
    """What the home screen shows. ``open_dossiers`` holds at most ``limit`` lines (in name
    order); ``open_count`` is their full number."""

    open_dossiers: list[DossierLine]
    open_count: int
    today: list[Echeance]
    overdue: list[Echeance]
    without_contact: list[DossierLine]
    recent: list[DossierLine]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _line(row: LineRow) -> DossierLine:
    return DossierLine(
        dossier_id=row.id, number=row.number, person_name=display_name(row.person),
        birth_date=_date(row.person.birth_date), status=DossierStatus(row.status),
        last_contact_on=_date(row.last_contact_on), referent_name=row.referent_name,
    )


class HomeService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def home(self, no_contact_days: int = 90, today: date | None = None,
             limit: int = 200) -> HomeView:
        """The signed-in account's day. ``today`` defaults to the station clock's local date;
        "without contact" means no intervention for more than ``no_contact_days`` days (or
        none at all and opened that long ago)."""
        s = self._session
        s.require_ready()
        if no_contact_days < 0:
            raise InvalidInput("Le délai sans contact ne peut pas être négatif.")
        today = today or s.station.clock().astimezone().date()
        me = s.account.id
        home = HomeRepository(s.db)
        dossiers = DossierRepository(s.db)
        day = today.isoformat()
        yesterday = (today - timedelta(days=1)).isoformat()
        before = (today - timedelta(days=no_contact_days)).isoformat()
        return HomeView(
            open_dossiers=[_line(r) for r in home.open_dossiers(me, limit)],
            open_count=home.open_count(me),
            today=dossiers.echeances_of_owner(me, day, since=day, limit=limit),
            overdue=dossiers.echeances_of_owner(me, yesterday, limit=limit),
            without_contact=[_line(r) for r in home.without_contact(me, before, limit)],
            recent=[_line(r) for r in home.recent(me, RECENT_COUNT)],
        )
