"""What a person can know about who reads what: the "Qui a accès ?" panel of a dossier, the
dossier's access log, their own consultation history, and the absence report a referent reads
on return (what the covering colleagues consulted and did).

All of it is read from the rule itself (:func:`~anaiss_desktop.domain.access.who_has_access`)
and from the audit log, so it cannot drift from what the services actually do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ..domain.access import AccessLine, Action, Level, can_read_access_log, who_has_access
from ..domain.audit_actions import action_label
from ..security.audit import AuditEntry
from ..storage.accounts_repo import AccountRepository
from ..storage.audit_repo import AuditRepository
from ..storage.covers_repo import CoverRepository
from ..storage.dossiers_repo import DossierRepository
from .access import AccessGate
from .drafts import DraftService
from .errors import NotAllowed
from .session import Session

ABSENCE_SEEN_KEY = "pref:absence_report_seen"
DOSSIER_PREFIX = "dossier:"


@dataclass(frozen=True)
class AccessPanel:
    """For each level, who can read it now and why; how personal notes are shared."""

    lines: list[AccessLine]
    active_accounts: int

    def of_level(self, level: Level) -> list[AccessLine]:
        return [line for line in self.lines if line.level is level]


@dataclass(frozen=True)
class LogLine:
    """One audit entry, as a person reads it."""

    entry_id: int
    at: str
    actor: str  # full name (the login when the account is gone)
    action: str  # French label
    dossier_number: str | None
    dossier_id: int | None
    person: str  # the person's name today ("" when unknown or erased)
    detail: str


@dataclass(frozen=True)
class AbsenceReport:
    lines: list[LogLine]
    last_id: int  # acknowledging the report marks everything up to here as read

    @property
    def colleagues(self) -> list[str]:
        return sorted({line.actor for line in self.lines})

    @property
    def dossiers(self) -> int:
        return len({line.dossier_number for line in self.lines})


class AccessInfoService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _names(self) -> dict[str, str]:
        return {a.login.lower(): a.full_name for a in AccountRepository(self._session.db).all()}

    def _lines(self, entries: list[AuditEntry]) -> list[LogLine]:
        names = self._names()
        numbers = sorted({e.target[len(DOSSIER_PREFIX):] for e in entries
                          if e.target.startswith(DOSSIER_PREFIX)})
        dossiers = DossierRepository(self._session.db).by_numbers(numbers)
        lines = []
        for e in entries:
            number = e.target[len(DOSSIER_PREFIX):] if e.target.startswith(DOSSIER_PREFIX) \
                else None
            found = dossiers.get(number or "")
            lines.append(LogLine(e.id, e.at, names.get(e.actor.lower(), e.actor),
                                 action_label(e.action), number, found[0] if found else None,
                                 found[1] if found else "", e.detail))
        return lines

    # -- the panel -----------------------------------------------------------------------------
    def who_has_access(self, dossier_id: int) -> AccessPanel:
        """Who can read each level of the dossier today, and why (anyone who may open it)."""
        gate = AccessGate(self._session)
        facts = gate.require(dossier_id, Level.AGENDA, Action.READ)
        accounts = [a for a in AccountRepository(self._session.db).all() if not a.disabled]
        return AccessPanel(who_has_access(accounts, facts, gate.today), len(accounts))

    # -- logs ----------------------------------------------------------------------------------
    def dossier_log(self, dossier_id: int, limit: int = 500) -> list[LogLine]:
        """Who opened, changed, printed or exported the dossier, newest first: for its
        referent and a manager who is a social worker."""
        s = self._session
        gate = AccessGate(s)
        facts = gate.require(dossier_id, Level.AGENDA, Action.READ)
        if not can_read_access_log(s.account, facts):
            raise NotAllowed("Le journal d'un dossier est lu par son ou sa référent(e) et par "
                             "un(e) responsable travailleur social.")
        dossier = DossierRepository(s.db).get(dossier_id)
        assert dossier is not None
        targets = [f"{DOSSIER_PREFIX}{dossier.number}", f"usager:#{dossier.person_id}"]
        return self._lines(AuditRepository(s.db).about(targets, limit))

    def my_history(self, limit: int = 300) -> list[LogLine]:
        """The dossiers I consulted and what I did in them, newest first."""
        s = self._session
        s.require_ready()
        entries = AuditRepository(s.db).by_actor(s.account.login, prefix=DOSSIER_PREFIX,
                                                  limit=limit)
        return self._lines(entries)

    # -- absence report ------------------------------------------------------------------------
    def absence_report(self, limit: int = 1000) -> AbsenceReport:
        """What covering colleagues consulted and did in my dossiers while they covered me,
        not yet marked as read. Empty when nobody covered me."""
        s = self._session
        s.require_ready()
        me = s.account
        seen = (DraftService(s).load(ABSENCE_SEEN_KEY) or {}).get("last_id", 0)
        today = s.today()
        covers = [c for c in CoverRepository(s.db).of_referent(me.id) if c.starts_on <= today]
        if not covers:
            return AbsenceReport([], seen)
        logins = {a.id: a.login for a in AccountRepository(s.db).all()}
        mine = set(s.db.query("SELECT number FROM dossiers WHERE referent_id = ?", (me.id,)))
        my_numbers = {row[0] for row in mine}
        numbers_of = DossierRepository(s.db)
        entries: dict[int, AuditEntry] = {}
        for cover in covers:
            login = logins.get(cover.colleague_id)
            if login is None:
                continue
            until = min(cover.ends_on or today, today) + timedelta(days=1)
            if cover.dossier_id is not None:
                dossier = numbers_of.get(cover.dossier_id)
                numbers = {dossier.number} if dossier else set()
            else:
                numbers = my_numbers
            for e in AuditRepository(s.db).by_actor(
                login, prefix=DOSSIER_PREFIX, since=cover.starts_on.isoformat(),
                until=until.isoformat(), after_id=seen, limit=limit,
            ):
                if e.target[len(DOSSIER_PREFIX):] in numbers:
                    entries[e.id] = e
        ordered = [entries[k] for k in sorted(entries, reverse=True)][:limit]
        return AbsenceReport(self._lines(ordered), max(entries, default=seen))

    def acknowledge_absence_report(self, report: AbsenceReport) -> None:
        """The referent has read the report: it stops showing on the home screen."""
        s = self._session
        s.require_ready()
        DraftService(s).save(ABSENCE_SEEN_KEY, {"last_id": report.last_id})
        s.audit.append(s.account.login, "absence.compte_rendu_lu",
                       detail=f"{len(report.lines)} action(s)")
