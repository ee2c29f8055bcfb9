"""Double management: naming a covering colleague (*suppléant*) on one dossier, or on all the
dossiers of an absent referent for a date range, and withdrawing the designation.

Only the designation is stored here; what it grants is decided by the access rule, day by day,
so a designation that ends needs no clean-up and the referent's absence report can read it
afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.access import Cover, can_be_referent, can_designate_cover
from ..domain.accounts import Account
from ..storage.accounts_repo import AccountRepository
from ..storage.covers_repo import CoverRepository
from ..storage.dossiers_repo import DossierRepository
from .errors import InvalidInput, NotAllowed
from .session import Session


def of_name(name: str) -> str:
    """"de Louis Petit", "d'Anne Martin": French elides "de" before a vowel."""
    first = name[:1].lower()
    return f"d'{name}" if first and first in "aeiouyàâäéèêëîïôöùûü" else f"de {name}"


@dataclass(frozen=True)
class CoverLine:
    """A designation with the names a person reads."""

    cover: Cover
    colleague: str
    referent: str  # the absent referent, or the dossier's referent
    dossier_number: str | None  # None: all the referent's dossiers

    @property
    def scope(self) -> str:
        if self.dossier_number:
            return f"dossier {self.dossier_number}"
        return f"tous les dossiers {of_name(self.referent)}"


class CoverService:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _repo(self) -> CoverRepository:
        return CoverRepository(self._session.db)

    def colleagues(self) -> list[Account]:
        """Who can be named: active social workers other than oneself."""
        me = self._session.account.id
        return [a for a in AccountRepository(self._session.db).all()
                if a.id != me and not a.disabled and can_be_referent(a)]

    def _check_colleague(self, colleague_id: int, referent_id: int) -> Account:
        colleague = AccountRepository(self._session.db).by_id(colleague_id)
        if colleague is None or colleague.disabled or not can_be_referent(colleague):
            raise InvalidInput("Le ou la suppléant(e) doit être un(e) travailleur social actif.")
        if colleague_id == referent_id:
            raise InvalidInput("Le ou la référent(e) ne peut pas être son propre suppléant.")
        return colleague

    @staticmethod
    def _check_dates(starts_on: date, ends_on: date | None) -> None:
        if ends_on is not None and ends_on < starts_on:
            raise InvalidInput("La fin de la suppléance précède son début.")

    def designate_on_dossier(self, dossier_id: int, colleague_id: int, starts_on: date,
                             ends_on: date | None = None) -> int:
        """Name a covering colleague on one dossier (by its referent or a manager)."""
        s = self._session
        s.require_ready()
        dossiers = DossierRepository(s.db)
        referent_id = dossiers.referent_of(dossier_id)
        if referent_id is None:
            raise InvalidInput("Ce dossier n'existe pas (ou plus).")
        if not can_designate_cover(s.account, referent_id):
            raise NotAllowed("Seul(e) le ou la référent(e) du dossier ou un(e) responsable "
                             "désigne un(e) suppléant(e).")
        colleague = self._check_colleague(colleague_id, referent_id)
        self._check_dates(starts_on, ends_on)
        with s.db.transaction():
            cover_id = self._repo.insert(colleague_id, starts_on, ends_on, dossier_id=dossier_id,
                                         created_by=s.account.id, at=s.now_iso())
        number = dossiers.get(dossier_id).number
        s.audit.append(s.account.login, "suppleance.designation", target=f"dossier:{number}",
                       detail=f"{colleague.login} {starts_on.isoformat()} → "
                              f"{ends_on.isoformat() if ends_on else '…'}")
        return cover_id

    def designate_for_absence(self, referent_id: int, colleague_id: int, starts_on: date,
                              ends_on: date) -> int:
        """Name a covering colleague on all of ``referent_id``'s dossiers for a date range
        (by the referent, before leaving, or by a manager)."""
        s = self._session
        s.require_ready()
        if not can_designate_cover(s.account, referent_id):
            raise NotAllowed("Seul(e) la personne absente ou un(e) responsable désigne un(e) "
                             "suppléant(e) pour tous ses dossiers.")
        referent = AccountRepository(s.db).by_id(referent_id)
        if referent is None or not can_be_referent(referent):
            raise InvalidInput("Seul(e) un(e) travailleur social a des dossiers à confier.")
        colleague = self._check_colleague(colleague_id, referent_id)
        if ends_on is None:
            raise InvalidInput("Une absence a une date de fin.")
        self._check_dates(starts_on, ends_on)
        with s.db.transaction():
            cover_id = self._repo.insert(colleague_id, starts_on, ends_on,
                                         referent_id=referent_id, created_by=s.account.id,
                                         at=s.now_iso())
        s.audit.append(s.account.login, "suppleance.designation", target=f"compte:{referent.login}",
                       detail=f"{colleague.login} {starts_on.isoformat()} → {ends_on.isoformat()}")
        return cover_id

    def withdraw(self, cover_id: int) -> None:
        """End a designation now (by whoever made it, the referent concerned, or a manager)."""
        s = self._session
        s.require_ready()
        repo = self._repo
        cover = repo.get(cover_id)
        if cover is None:
            raise InvalidInput("Cette suppléance n'existe pas (ou plus).")
        referent_id = cover.referent_id
        if referent_id is None:
            referent_id = DossierRepository(s.db).referent_of(cover.dossier_id or 0) or 0
        if not (can_designate_cover(s.account, referent_id)
                or repo.created_by(cover_id) == s.account.id):
            raise NotAllowed("Seul(e) le ou la référent(e), la personne qui l'a confiée ou un(e) "
                             "responsable retire une suppléance.")
        with s.db.transaction():
            repo.withdraw(cover_id, s.now_iso())
        s.audit.append(s.account.login, "suppleance.retrait", detail=f"suppléance #{cover_id}")

    # -- lists ---------------------------------------------------------------------------------
    def _lines(self, covers: tuple[Cover, ...], *, current_only: bool) -> list[CoverLine]:
        db = self._session.db
        today = self._session.today()
        names = {a.id: a.full_name for a in AccountRepository(db).all()}
        dossiers = DossierRepository(db)
        lines = []
        for c in covers:
            if current_only and (c.withdrawn or (c.ends_on is not None and c.ends_on < today)):
                continue
            if c.dossier_id is not None:
                dossier = dossiers.get(c.dossier_id)
                if dossier is None:
                    continue
                lines.append(CoverLine(c, names.get(c.colleague_id, "?"),
                                       dossier.referent_name, dossier.number))
            else:
                lines.append(CoverLine(c, names.get(c.colleague_id, "?"),
                                       names.get(c.referent_id or 0, "?"), None))
        return lines

    def of_dossier(self, dossier_id: int) -> list[CoverLine]:
        """Current and coming designations on the dossier (its referent's absences too)."""
        s = self._session
        s.require_ready()
        referent_id = DossierRepository(s.db).referent_of(dossier_id)
        if referent_id is None:
            return []
        return self._lines(self._repo.for_dossier(dossier_id, referent_id), current_only=True)

    def mine(self) -> list[CoverLine]:
        """What I cover now or soon, and who covers me now or soon."""
        s = self._session
        s.require_ready()
        me = s.account.id
        covers = {c.id: c for c in self._repo.of_colleague(me) + self._repo.of_referent(me)}
        return self._lines(tuple(covers[k] for k in sorted(covers)), current_only=True)

    def all(self) -> list[CoverLine]:
        """Every current or coming designation of the station (manager)."""
        self._session.require_manager()
        return self._lines(self._repo.all(), current_only=True)
