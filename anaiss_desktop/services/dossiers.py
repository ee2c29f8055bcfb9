"""The social worker's daily use cases on dossiers: open, create, change, record interventions,
appointments and follow-ups (SPEC §4).

Every method goes through :class:`~anaiss_desktop.services.access.AccessGate`, which asks the
one access rule of :mod:`anaiss_desktop.domain.access` and refuses with :class:`NotAllowed`;
every read of a dossier and every change is written to the audit log by number and id, never by
content. What a reader may not see is left out of the :class:`DossierView` here, not hidden by
the window.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..domain.access import Action, Cover, Level, can_be_referent, can_create_dossier
from ..domain.codes import LISTS, NOT_PROVIDED
from ..domain.records import (
    Dossier,
    DossierInput,
    DossierStatus,
    Echeance,
    EcheanceInput,
    InterventionInput,
    NoteVisibility,
    Person,
    TimelineItem,
)
from ..storage.accounts_repo import AccountRepository
from ..storage.codes_repo import CodeRepository
from ..storage.covers_repo import CoverRepository
from ..storage.dossiers_repo import DossierRepository
from ..storage.letters_repo import LetterRepository, LetterRow
from ..storage.persons_repo import PersonRepository
from .access import AccessGate
from .errors import InvalidInput, NotAllowed
from .history import tracking_dossier
from .session import Session


@dataclass(frozen=True)
class InterventionRow:
    id: int
    on_date: date
    kind_code: str
    kind_text: str
    duration_min: int | None
    summary: str
    author: str


@dataclass(frozen=True)
class NoteRow:
    id: int
    intervention_id: int | None
    created_at: str
    author: str
    visibility: str
    body: str
    author_id: int = 0
    shared_with: tuple[str, ...] = ()  # names of the colleagues a personal note is shared with
    shared_ids: tuple[int, ...] = ()  # and their account ids


@dataclass(frozen=True)
class AidRow:
    id: int
    intervention_id: int | None
    type_code: str
    type_text: str
    organisation: str
    requested_on: date | None
    outcome_code: str
    outcome_on: date | None
    amount_cents: int | None


@dataclass(frozen=True)
class DossierView:
    """Everything one opening of a dossier shows, already filtered by the access rule."""

    person: Person
    dossier: Dossier
    interventions: list[InterventionRow]
    notes: list[NoteRow]
    aids: list[AidRow]
    echeances: list[Echeance]
    other_dossiers: list[Dossier]
    # What the reader may read and change (the window shows only what is here anyway).
    readable: frozenset[Level] = frozenset(Level)
    writable: frozenset[Level] = frozenset(Level)
    # Set when the reader works on the dossier as its covering colleague (the banner).
    covering: Cover | None = None
    letters: list[LetterRow] = field(default_factory=list)  # newest first

    def timeline(self, kinds: set[str] | None = None) -> list[TimelineItem]:
        """Everything that happened, newest first; ``kinds`` filters (None: all)."""
        items: list[TimelineItem] = []
        d = self.dossier
        items.append(TimelineItem(d.opened_on.isoformat(), "ouverture", "Ouverture du dossier"))
        if d.status is not DossierStatus.OPEN and d.status_on:
            items.append(TimelineItem(
                d.status_on.isoformat(), "statut", f"Dossier {d.status.label.lower()}"
            ))
        for i in self.interventions:
            items.append(TimelineItem(
                i.on_date.isoformat(), "intervention", i.kind_text or i.kind_code, i.summary,
                i.id, i.author,
            ))
        for n in self.notes:
            items.append(TimelineItem(
                n.created_at, "note", "Note personnelle" if n.visibility == "personnelle"
                else "Note", n.body, n.id, n.author,
            ))
        for a in self.aids:
            items.append(TimelineItem(
                (a.requested_on or d.opened_on).isoformat(), "aide",
                a.type_text or a.type_code, a.organisation, a.id,
            ))
        for letter in self.letters:
            items.append(TimelineItem(
                letter.created_at, "courrier", f"Courrier : {letter.title}", letter.subject,
                letter.id, letter.author,
            ))
        for e in self.echeances:
            items.append(TimelineItem(
                e.due_at, e.kind.value, e.kind.label, e.label, e.id,
                extra={"fait": "oui" if e.done_at else "non"},
            ))
        if kinds is not None:
            items = [item for item in items if item.kind in kinds]
        return sorted(items, key=lambda item: (item.on, item.ref_id), reverse=True)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


class DossierService:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _repo(self) -> DossierRepository:
        return DossierRepository(self._session.db)

    def _log(self, action: str, target: str, detail: str = "") -> None:
        s = self._session
        s.audit.append(s.account.login, action, target=target, detail=detail)

    def _check(self, dossier_id: int, level: Level, action: Action) -> int:
        """The one gate: raise :class:`NotAllowed` unless the rule allows; return the referent."""
        return AccessGate(self._session).require(dossier_id, level, action).referent_id

    def _check_codes(self, *pairs: tuple[str, str]) -> None:
        """Refuse a code the list does not know (retired ones stay valid for old records)."""
        repo = CodeRepository(self._session.db)
        known: dict[str, set[str]] = {}
        for list_name, code in pairs:
            if list_name not in known:
                known[list_name] = {c.code for c in repo.of_list(list_name)}
            if code not in known[list_name]:
                raise InvalidInput(f"Code inconnu dans la liste « {LISTS[list_name]} » : {code}.")

    def _check_dossier_codes(self, data: DossierInput) -> None:
        self._check_codes(
            ("origine", data.origin_code), ("mode_information", data.consent_mode),
            *(("motif", m.code) for m in data.motifs),
        )

    def _check_shares(self, data: InterventionInput) -> None:
        """A personal note is shared with active social workers only, never the secretary."""
        if data.notes_visibility is not NoteVisibility.PERSONAL or not data.notes_shared_with:
            return
        accounts = AccountRepository(self._session.db)
        for account_id in data.notes_shared_with:
            account = accounts.by_id(account_id)
            if account is None or account.disabled or not can_be_referent(account):
                raise InvalidInput("Une note personnelle se partage avec des travailleurs "
                                   "sociaux actifs de la station, jamais le secrétariat.")

    def _check_intervention_codes(self, data: InterventionInput) -> None:
        self._check_codes(
            ("type_intervention", data.kind_code),
            *(("type_aide", a.type_code) for a in data.aids),
            *(("issue_aide", a.outcome_code) for a in data.aids),
        )

    def can_open(self, dossier_id: int) -> bool:
        gate = AccessGate(self._session)
        facts = gate.facts(dossier_id)
        return facts is not None and gate.allowed(facts, Level.AGENDA)

    # -- reading -------------------------------------------------------------------------------
    def open(self, dossier_id: int, *, again: bool = False) -> DossierView:
        """Open a dossier (logged; remembered in "recently opened").

        ``again`` reads a dossier already open on screen once more (after a change made in it):
        the access rule still applies, but it is the same consultation, not a new audit entry.
        """
        s = self._session
        gate = AccessGate(s)
        facts = gate.require(dossier_id, Level.AGENDA, Action.READ)
        readable = frozenset(level for level in Level if gate.allowed(facts, level))
        writable = frozenset(level for level in Level if gate.allowed(facts, level, Action.WRITE))
        repo = self._repo
        dossier = repo.get(dossier_id)
        assert dossier is not None
        person = PersonRepository(s.db).get(dossier.person_id)
        assert person is not None
        follow_up = Level.FOLLOW_UP in readable
        if not follow_up:
            person, dossier = without_follow_up(person, dossier)
        note_facts = CoverRepository(s.db).note_facts(dossier_id)
        names = {a.id: a.full_name for a in AccountRepository(s.db).all()}
        notes = []
        for r in repo.notes(dossier_id):
            note = note_facts[r[0]]
            # A personal note shared with a colleague is read in a dossier that colleague opens
            # for the follow-up; never by the secretary (the rule says so too).
            if follow_up and gate.note_allowed(facts, note):
                notes.append(NoteRow(*r, author_id=note.author_id, shared_with=tuple(
                    sorted(names.get(i, "?") for i in note.shared_with)),
                    shared_ids=tuple(sorted(note.shared_with))))
        view = DossierView(
            person=person,
            dossier=dossier,
            interventions=[
                InterventionRow(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6])
                for r in repo.interventions(dossier_id)
            ] if follow_up else [],
            notes=notes,
            aids=[
                AidRow(r[0], r[1], r[2], r[3], r[4], _date(r[5]), r[6], _date(r[7]), r[8])
                for r in repo.aids(dossier_id)
            ] if follow_up else [],
            echeances=repo.echeances_of_dossier(dossier_id),
            other_dossiers=[d for d in repo.of_person(person.id) if d.id != dossier_id],
            readable=readable,
            writable=writable,
            covering=gate.covering(facts),
            letters=LetterRepository(s.db).letters_of(dossier_id),
        )
        if not again:
            with s.db.transaction():
                repo.touch_recent(s.account.id, dossier_id, s.now_iso())
            self._log("dossier.ouverture", f"dossier:{dossier.number}",
                      "en suppléance" if view.covering is not None else "")
        return view

    # -- creating and changing -----------------------------------------------------------------
    def create(self, person_id: int, data: DossierInput, referent_id: int | None = None) -> int:
        """A new dossier for ``person_id``; the creator is the referent unless a
        manager-social worker names another social worker."""
        s = self._session
        s.require_ready()
        if not can_create_dossier(s.account):
            raise NotAllowed("Seul(e) un(e) assistant(e) social(e) ouvre un dossier.")
        referent_id = referent_id or s.account.id
        if referent_id != s.account.id:
            referent = AccountRepository(s.db).by_id(referent_id)
            if not (s.account.is_manager and referent and can_be_referent(referent)):
                raise NotAllowed("Le ou la référent(e) doit être un(e) travailleur social actif.")
        if PersonRepository(s.db).get(person_id) is None:
            raise InvalidInput("Cette personne n'existe pas (ou plus).")
        self._check_dossier_codes(data)
        with s.db.transaction():
            dossier_id = self._repo.insert(person_id, referent_id, data, s.now_iso())
        number = self._repo.get(dossier_id).number
        self._log("dossier.creation", f"dossier:{number}", f"usager #{person_id}")
        return dossier_id

    def update(self, dossier_id: int, data: DossierInput) -> None:
        self._check(dossier_id, Level.FOLLOW_UP, Action.WRITE)
        self._check_dossier_codes(data)
        s = self._session
        with s.db.transaction(), tracking_dossier(s, dossier_id):
            self._repo.update(dossier_id, data, s.now_iso())
        self._log("dossier.modification", self._target(dossier_id))

    def set_status(self, dossier_id: int, status: DossierStatus, on: date,
                   closing_code: str = "NR", closing_text: str = "") -> None:
        self._check(dossier_id, Level.FOLLOW_UP, Action.WRITE)
        if status is DossierStatus.CLOSED:
            self._check_codes(("motif_cloture", closing_code))
        s = self._session
        with s.db.transaction(), tracking_dossier(s, dossier_id):
            self._repo.set_status(dossier_id, status, on, closing_code, closing_text,
                                  s.now_iso())
        self._log("dossier.statut", self._target(dossier_id), status.value)

    def reassign(self, dossier_id: int, referent_id: int) -> None:
        """A manager gives the dossier to another social worker (a departure, a new sector).

        Logged. The former referent's personal notes stay theirs: only they can hand them over
        (:meth:`NoteService.hand_over`); the dossier notes go with the dossier.
        """
        s = self._session
        s.require_manager()
        current = self._repo.referent_of(dossier_id)
        if current is None:
            raise InvalidInput("Ce dossier n'existe pas (ou plus).")
        referent = AccountRepository(s.db).by_id(referent_id)
        if referent is None or referent.disabled or not can_be_referent(referent):
            raise InvalidInput("Le ou la référent(e) doit être un(e) travailleur social actif.")
        if referent_id == current:
            return
        former = AccountRepository(s.db).by_id(current)
        with s.db.transaction(), tracking_dossier(s, dossier_id):
            self._repo.set_referent(dossier_id, referent_id, s.now_iso())
        self._log("dossier.changement_referent", self._target(dossier_id),
                  f"{former.login if former else '#' + str(current)} → {referent.login}")

    def reassign_all(self, from_id: int, to_id: int, *, open_only: bool = True) -> int:
        """Give every dossier of ``from_id`` (the open and dormant ones by default) to
        ``to_id``: a departure. One audit entry per dossier. Returns how many."""
        s = self._session
        s.require_manager()
        statuses = tuple(st.value for st in DossierStatus
                         if not open_only or st is not DossierStatus.CLOSED)
        marks = ", ".join("?" * len(statuses))
        ids = [r[0] for r in s.db.query(
            f"SELECT id FROM dossiers WHERE referent_id = ? AND status IN ({marks}) ORDER BY id",
            (from_id, *statuses))]
        for dossier_id in ids:
            self.reassign(dossier_id, to_id)
        return len(ids)

    def _target(self, dossier_id: int) -> str:
        dossier = self._repo.get(dossier_id)
        return f"dossier:{dossier.number}" if dossier else f"dossier:#{dossier_id}"

    # -- interventions -------------------------------------------------------------------------
    def add_intervention(self, dossier_id: int, data: InterventionInput) -> int:
        level = Level.SECRET if data.notes.strip() else Level.FOLLOW_UP
        self._check(dossier_id, level, Action.WRITE)
        s = self._session
        if data.duration_min is not None and data.duration_min < 0:
            raise InvalidInput("La durée ne peut pas être négative.")
        self._check_intervention_codes(data)
        self._check_shares(data)
        with s.db.transaction():
            intervention_id = self._repo.insert_intervention(
                dossier_id, data, s.account.id, s.now_iso()
            )
        self._log("intervention.ajout", self._target(dossier_id),
                  f"intervention #{intervention_id}")
        return intervention_id

    def update_intervention(self, intervention_id: int, data: InterventionInput) -> None:
        dossier_id = self._repo.intervention_dossier(intervention_id)
        if dossier_id is None:
            raise InvalidInput("Cette intervention n'existe pas (ou plus).")
        self._check(dossier_id, Level.SECRET if data.notes.strip() else Level.FOLLOW_UP,
                    Action.WRITE)
        self._check_intervention_codes(data)
        self._check_shares(data)
        s = self._session
        with s.db.transaction():
            self._repo.update_intervention(dossier_id, intervention_id, data, s.account.id,
                                           s.now_iso())
        self._log("intervention.modification", self._target(dossier_id),
                  f"intervention #{intervention_id}")

    def delete_intervention(self, intervention_id: int) -> None:
        dossier_id = self._repo.intervention_dossier(intervention_id)
        if dossier_id is None:
            raise InvalidInput("Cette intervention n'existe pas (ou plus).")
        self._check(dossier_id, Level.FOLLOW_UP, Action.DELETE)
        s = self._session
        others = s.db.scalar("SELECT count(*) FROM notes WHERE intervention_id = ?"
                             " AND author_id <> ?", (intervention_id, s.account.id))
        if others:
            raise NotAllowed("Cette intervention porte la note d'un(e) collègue : seul son "
                             "auteur peut la retirer avant que l'intervention soit supprimée.")
        with s.db.transaction():
            self._repo.delete_intervention(dossier_id, intervention_id)
        self._log("intervention.suppression", self._target(dossier_id),
                  f"intervention #{intervention_id}")

    # -- échéances -----------------------------------------------------------------------------
    def add_echeance(self, dossier_id: int, data: EcheanceInput) -> int:
        self._check(dossier_id, Level.AGENDA, Action.WRITE)
        s = self._session
        if len(data.due_at) not in (10, 16):
            raise InvalidInput("Indiquez la date (et l'heure) de l'échéance.")
        with s.db.transaction():
            echeance_id = self._repo.insert_echeance(dossier_id, data, s.account.id, s.now_iso())
        self._log("echeance.ajout", self._target(dossier_id), f"{data.kind.value} #{echeance_id}")
        return echeance_id

    def set_echeance_done(self, echeance_id: int, done: bool = True) -> None:
        dossier_id = self._repo.echeance_dossier(echeance_id)
        if dossier_id is None:
            raise InvalidInput("Cette échéance n'existe pas (ou plus).")
        self._check(dossier_id, Level.AGENDA, Action.WRITE)
        s = self._session
        with s.db.transaction():
            self._repo.set_echeance_done(echeance_id, s.now_iso() if done else None)
        self._log("echeance.fait" if done else "echeance.a_faire", self._target(dossier_id),
                  f"échéance #{echeance_id}")


def without_follow_up(person: Person, dossier: Dossier) -> tuple[Person, Dossier]:
    """The record as a reader without the follow-up level may see it (the secretariat): the
    family situation, the household, the origin of the request, the motifs and the reason for
    closing are follow-up facts (SPEC §2), so they are left out, not just hidden on screen."""
    return (
        replace(person, family_code=NOT_PROVIDED, family_text="", household=()),
        replace(dossier, origin_code=NOT_PROVIDED, origin_text="", motifs=(),
                closing_code=NOT_PROVIDED, closing_text=""),
    )
