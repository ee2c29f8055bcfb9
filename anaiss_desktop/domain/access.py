"""Who may do what with a dossier and its notes (SPEC §2), as pure functions the services all call.

Every read or write of a dossier goes through :func:`dossier_access` (and, for a note, through
:func:`note_access`), so the rule has one home. The "Qui a accès ?" panel does not describe the
rule in words of its own: :func:`who_has_access` asks :func:`dossier_access` about every account,
so what the panel shows is what the services enforce.

Levels, after ANIS: the identity (everyone, to avoid duplicates and know "already followed by
X"), the administrative follow-up, the professional secret. The secretary sees only part of the
follow-up (contact details, appointments, letters; no summaries), so that part is a level of its
own here, :attr:`Level.AGENDA`.

Double management: a covering colleague (*suppléant*) designated on one dossier, or on all the
dossiers of an absent referent for a date range, has the referent's access while the designation
is active, and none outside it. Personal notes are never part of that access: they belong to
their author and the colleagues the author names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .accounts import Account, Role
from .dates import format_fr
from .records import NoteVisibility


class Level(str, Enum):
    IDENTITY = "identite"  # name, birth date, referent
    AGENDA = "agenda"  # contact details, appointments and follow-ups, letters
    FOLLOW_UP = "suivi"  # interventions and their summaries, aids, motifs, status
    SECRET = "secret"  # notes and evaluations (secret professionnel)

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {
    Level.IDENTITY: "Identité (nom, date de naissance, référent)",
    Level.AGENDA: "Coordonnées, rendez-vous et courriers",
    Level.FOLLOW_UP: "Suivi administratif (interventions, résumés, aides)",
    Level.SECRET: "Secret professionnel (notes « dossier »)",
}


class Action(str, Enum):
    READ = "lire"
    WRITE = "modifier"
    DELETE = "supprimer"


@dataclass(frozen=True)
class Cover:
    """A covering colleague's designation (double management).

    ``dossier_id`` set: that dossier only. ``referent_id`` set: every dossier of that referent
    (an absence). ``ends_on`` is inclusive; None means until withdrawn.
    """

    id: int
    colleague_id: int
    starts_on: date
    ends_on: date | None
    dossier_id: int | None = None
    referent_id: int | None = None
    withdrawn: bool = False

    def active_on(self, day: date) -> bool:
        return (not self.withdrawn and self.starts_on <= day
                and (self.ends_on is None or day <= self.ends_on))

    def applies_to(self, dossier_id: int, referent_id: int) -> bool:
        return self.dossier_id == dossier_id or (
            self.dossier_id is None and self.referent_id == referent_id)

    @property
    def period(self) -> str:
        """French: "du 02/11/2026 au 13/11/2026", or "à partir du 02/11/2026"."""
        if self.ends_on is None:
            return f"à partir du {format_fr(self.starts_on)}"
        return f"du {format_fr(self.starts_on)} au {format_fr(self.ends_on)}"


@dataclass(frozen=True)
class DossierFacts:
    """What the rule needs to know about one dossier: its referent and the designations of
    covering colleagues that apply to it (active or not; the rule looks at the date)."""

    referent_id: int
    covers: tuple[Cover, ...] = field(default=())


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str  # French: why it is allowed, or why not


def active_cover(account: Account, facts: DossierFacts, today: date) -> Cover | None:
    """The designation that makes ``account`` cover this dossier today, if any."""
    if account.disabled or not can_be_referent(account):
        return None
    mine = [c for c in facts.covers if c.colleague_id == account.id and c.active_on(today)]
    # The longest-lasting one is the one worth telling the user about.
    mine.sort(key=lambda c: c.ends_on or date.max, reverse=True)
    return mine[0] if mine else None


def _cover_reason(cover: Cover) -> str:
    if cover.ends_on is None:
        return "suppléant(e), sans date de fin"
    return f"suppléant(e) jusqu'au {format_fr(cover.ends_on)}"


def _inactive_cover_reason(account: Account, facts: DossierFacts, today: date) -> str | None:
    mine = [c for c in facts.covers if c.colleague_id == account.id and not c.withdrawn]
    if not mine:
        return None
    if any(c.starts_on > today for c in mine):
        first = min(c.starts_on for c in mine if c.starts_on > today)
        return f"la suppléance ne commence que le {format_fr(first)}"
    last = max(c.ends_on for c in mine if c.ends_on is not None)
    return f"la suppléance a pris fin le {format_fr(last)}"


def dossier_access(
    account: Account, facts: DossierFacts, level: Level, action: Action, today: date
) -> Decision:
    """Whether ``account`` may do ``action`` at ``level`` on a dossier, today, and why."""
    if account.disabled:
        return Decision(False, "compte désactivé")
    if level is Level.IDENTITY and action is Action.READ:
        return Decision(True, "identité visible de tous les comptes")
    if account.id == facts.referent_id and account.role is not Role.SECRETARY:
        return Decision(True, "référent(e) du dossier")
    cover = active_cover(account, facts, today)
    if cover is not None:
        return Decision(True, _cover_reason(cover))
    if account.is_manager and account.social_worker:
        return Decision(True, "responsable d'unité, travailleur social")
    if account.role is Role.SECRETARY:
        if level is Level.AGENDA:
            return Decision(True, "secrétariat : coordonnées, rendez-vous et courriers")
        return Decision(False, "le secrétariat ne voit ni les notes, ni les évaluations, "
                               "ni les résumés")
    if account.is_manager:
        return Decision(False, "un(e) responsable non travailleur social ne voit que "
                               "l'identité et les comptages")
    ended = _inactive_cover_reason(account, facts, today)
    if ended:
        return Decision(False, ended)
    return Decision(False, "ni référent(e), ni suppléant(e), ni responsable travailleur social")


@dataclass(frozen=True)
class NoteFacts:
    author_id: int
    visibility: NoteVisibility
    shared_with: frozenset[int] = frozenset()


def note_access(
    account: Account, facts: DossierFacts, note: NoteFacts, action: Action, today: date
) -> Decision:
    """Whether ``account`` may read (or change) one note of the dossier.

    A note is changed by its author only. A *dossier* note is read by whoever reads the
    professional secret of the dossier; a *personal* note by its author and the colleagues the
    author named (never the secretary), and by nobody else: not the covering colleague, not the
    manager.
    """
    if account.disabled:
        return Decision(False, "compte désactivé")
    if account.id == note.author_id:
        return Decision(True, "auteur de la note")
    if action is not Action.READ:
        return Decision(False, "seul(e) l'auteur d'une note la modifie")
    if note.visibility is NoteVisibility.PERSONAL:
        if account.id in note.shared_with and account.role is not Role.SECRETARY:
            return Decision(True, "note personnelle partagée par son auteur")
        return Decision(False, "note personnelle de son auteur")
    return dossier_access(account, facts, Level.SECRET, Action.READ, today)


@dataclass(frozen=True)
class AccessLine:
    """One account that can read one level of a dossier, and why (for "Qui a accès ?")."""

    level: Level
    account: Account
    reason: str


def who_has_access(
    accounts: Iterable[Account], facts: DossierFacts, today: date
) -> list[AccessLine]:
    """For every level, the accounts that can read it today: :func:`dossier_access` asked
    account by account, so the panel cannot say anything the services would not do."""
    accounts = list(accounts)
    lines: list[AccessLine] = []
    for level in Level:
        for account in accounts:
            decision = dossier_access(account, facts, level, Action.READ, today)
            if decision.allowed:
                lines.append(AccessLine(level, account, decision.reason))
    return lines


def can_read_access_log(account: Account, facts: DossierFacts) -> bool:
    """The dossier's access log (who opened, changed, printed it): the referent and a
    manager who is a social worker; a covering colleague's own actions are in it."""
    if account.disabled:
        return False
    if account.id == facts.referent_id and account.role is not Role.SECRETARY:
        return True
    return account.is_manager and account.social_worker


def can_designate_cover(account: Account, referent_id: int) -> bool:
    """A referent names their own covering colleague; a manager names one for anybody."""
    if account.disabled:
        return False
    return account.is_manager or (account.id == referent_id and can_be_referent(account))


def can_create_dossier(account: Account) -> bool:
    """Assistants open dossiers (they become referents); so does a manager-social worker."""
    if account.disabled:
        return False
    return account.role is Role.ASSISTANT or (account.is_manager and account.social_worker)


def can_be_referent(account: Account) -> bool:
    """Referents and covering colleagues are social workers: assistants, manager-social
    workers."""
    return can_create_dossier(account)
