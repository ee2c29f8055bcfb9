"""What the author of a note decides about it: who else reads a personal note, handing one's
personal notes of a dossier over to a colleague (a departure, a reassignment), and the default
visibility of one's new notes.

Personal notes are the one thing no role, covering period or reassignment gives access to:
only their author does, here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.access import (
    Action,
    Level,
    NoteFacts,
    can_be_referent,
    dossier_access,
    note_access,
)
from ..domain.records import NoteVisibility
from ..storage.accounts_repo import AccountRepository
from ..storage.covers_repo import CoverRepository
from ..storage.dossiers_repo import DossierRepository
from .access import AccessGate
from .drafts import DraftService
from .errors import InvalidInput, NotAllowed
from .session import Session

DEFAULT_VISIBILITY_KEY = "pref:note_visibility"


@dataclass(frozen=True)
class SharedNote:
    """A personal note a colleague shared with me."""

    note_id: int
    dossier_id: int
    number: str
    person: str
    author: str
    created_at: str
    body: str


@dataclass(frozen=True)
class LeftBehind:
    """My personal notes in a dossier I no longer follow."""

    dossier_id: int
    number: str
    person: str
    referent_id: int
    referent: str
    notes: int


class NoteService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _note(self, note_id: int) -> tuple[int, NoteFacts]:
        s = self._session
        dossier_id = s.db.scalar("SELECT dossier_id FROM notes WHERE id = ?", (note_id,))
        if dossier_id is None:
            raise InvalidInput("Cette note n'existe pas (ou plus).")
        return int(dossier_id), CoverRepository(s.db).note_facts(int(dossier_id))[note_id]

    def share(self, note_id: int, account_ids: tuple[int, ...]) -> None:
        """Name the colleagues who read a personal note (replaces the previous list; empty:
        the author alone). The author only."""
        s = self._session
        s.require_ready()
        dossier_id, note = self._note(note_id)
        gate = AccessGate(s)
        facts = gate.facts(dossier_id)
        assert facts is not None
        if not note_access(s.account, facts, note, Action.WRITE, gate.today).allowed:
            raise NotAllowed("Seul(e) l'auteur d'une note décide qui la lit.")
        if note.visibility is not NoteVisibility.PERSONAL:
            raise InvalidInput("Une note « dossier » est lue par l'équipe du dossier : il n'y a "
                               "personne à nommer.")
        accounts = AccountRepository(s.db)
        for account_id in account_ids:
            account = accounts.by_id(account_id)
            if (account is None or account.disabled or not can_be_referent(account)
                    or account_id == s.account.id):
                raise InvalidInput("Une note personnelle se partage avec des travailleurs "
                                   "sociaux actifs de la station, jamais le secrétariat.")
        with s.db.transaction():
            DossierRepository(s.db).set_note_shares(note_id, account_ids)
        number = DossierRepository(s.db).get(dossier_id).number
        s.audit.append(s.account.login, "note.partage", target=f"dossier:{number}",
                       detail=f"note #{note_id} : {len(set(account_ids))} collègue(s)")

    def hand_over(self, dossier_id: int, to_account_id: int) -> int:
        """Give my personal notes of the dossier to a colleague who follows it (its new
        referent, typically); they become theirs. Returns how many."""
        s = self._session
        gate = AccessGate(s)
        gate.require(dossier_id, Level.IDENTITY, Action.READ)
        target = AccountRepository(s.db).by_id(to_account_id)
        facts = gate.facts(dossier_id)
        assert facts is not None
        if target is None or target.disabled or target.id == s.account.id:
            raise InvalidInput("Choisissez un(e) collègue actif(ve).")
        if not dossier_access(target, facts, Level.SECRET, Action.READ, gate.today).allowed:
            raise InvalidInput(f"{target.full_name} ne suit pas ce dossier : les notes ne "
                               "peuvent lui être transmises.")
        repo = DossierRepository(s.db)
        with s.db.transaction():
            count = repo.hand_over_notes(dossier_id, s.account.id, target.id, s.now_iso())
        if count:
            s.audit.append(s.account.login, "note.transmission",
                           target=f"dossier:{repo.get(dossier_id).number}",
                           detail=f"{count} note(s) → {target.login}")
        return count

    def left_behind(self) -> list[LeftBehind]:
        """Dossiers where I keep personal notes but no longer follow the dossier (it was
        reassigned, or my cover ended): I can hand them over to its referent or keep them."""
        s = self._session
        s.require_ready()
        gate = AccessGate(s)
        found = []
        for dossier_id, number, person, referent_id, referent, count in DossierRepository(
            s.db).personal_notes_of(s.account.id):
            facts = gate.facts(dossier_id)
            if facts is not None and not gate.allowed(facts, Level.FOLLOW_UP):
                found.append(LeftBehind(dossier_id, number, person, referent_id, referent, count))
        return found

    def shared_with_me(self) -> list[SharedNote]:
        """Personal notes colleagues shared with me, newest first, whether or not I follow the
        dossier: the author chose me as a reader of this note (not of the dossier)."""
        s = self._session
        s.require_ready()
        gate = AccessGate(s)
        found = []
        for row in DossierRepository(s.db).notes_shared_with(s.account.id):
            note_id, dossier_id = row[0], row[1]
            facts = gate.facts(dossier_id)
            note = CoverRepository(s.db).note_facts(dossier_id).get(note_id)
            if facts is not None and note is not None and gate.note_allowed(facts, note):
                found.append(SharedNote(*row))
        if found:
            s.audit.append(s.account.login, "note.lecture_partagee",
                           detail=f"{len(found)} note(s)")
        return found

    # -- preference ----------------------------------------------------------------------------
    def default_visibility(self) -> NoteVisibility:
        value = (DraftService(self._session).load(DEFAULT_VISIBILITY_KEY) or {}).get("value")
        return NoteVisibility.PERSONAL if value == NoteVisibility.PERSONAL.value \
            else NoteVisibility.DOSSIER

    def set_default_visibility(self, visibility: NoteVisibility) -> None:
        DraftService(self._session).save(DEFAULT_VISIBILITY_KEY, {"value": visibility.value})
