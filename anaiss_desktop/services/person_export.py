"""« Exporter les données de la personne » : the right of access and portability (RGPD art. 15
and 20, SPEC §7).

The social worker who follows the person gathers what the station holds about them and hands it
over as two files of the same data: a readable PDF (:mod:`.person_export_pdf`) and a JSON file
whose schema is documented (``docs/export-donnees-personne.md``, ``format_version`` 1).

What goes in is what the exporting account may read, through the one access gate: the identity
and contact details, the household, and every dossier of the person the account reads at the
follow-up level (its interventions, aids, appointments and follow-ups, the list of its letters —
date, title and subject, never the letter's text). A dossier of the same person that the
account may not read is named (number and referent, the identity level every account sees) but
left out, and the document says whom to ask.

Notes are the professional secret: none goes in unless the exporter chose it on a review screen
(:meth:`PersonExportService.review`). Only notes the exporter may read are offered, and never a
colleague's personal note, even one shared with the exporter: its author decides about it.

Who may export: whoever reads one of the person's dossiers at the follow-up level — its
referent, an active covering colleague, a manager who is a social worker. The secretary and a
manager who is not a social worker may not. Writing the files (:meth:`PersonExportService.write`)
is the act that makes data leave the encrypted store: it is done all or none on the chosen
folder (:mod:`.drive_write`) and logged as ``usager.export_donnees`` with counts only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import APP_NAME, __version__
from ..domain.access import Action, Level, can_be_referent
from ..domain.records import Dossier, DossierStatus, NoteVisibility, Person
from ..storage.codes_repo import CodeRepository
from ..storage.covers_repo import CoverRepository
from ..storage.dossiers_repo import DossierRepository
from ..storage.letters_repo import LetterRepository
from ..storage.persons_repo import PersonRepository
from .access import AccessGate
from .drive_write import WrittenFile, write_files
from .errors import InvalidInput, NotAllowed, ServiceError
from .session import Session

FORMAT = "anaiss-donnees-personne"
FORMAT_VERSION = 1
AUDIT_ACTION = "usager.export_donnees"

REFUSED = (
    "Seul(e) le ou la référent(e), un(e) suppléant(e) pendant la suppléance ou un(e) "
    "responsable travailleur social exporte les données d'une personne : votre compte ne lit "
    "le suivi d'aucun de ses dossiers."
)
NOTE_NOT_OFFERED = (
    "Une des notes choisies ne peut pas être exportée par votre compte (note personnelle d'un(e) "
    "collègue, ou note retirée entre-temps) : rien n'a été exporté. Relancez la vérification des "
    "notes."
)

SEX_LABELS = {"F": "Féminin", "M": "Masculin"}
VISIBILITY_LABELS = {NoteVisibility.DOSSIER.value: "note du dossier",
                     NoteVisibility.PERSONAL.value: "note personnelle"}


def file_stem(person_id: int) -> str:
    """The files' name without extension: from the person's id, never their name (a file name
    is seen by anyone who browses the drive)."""
    return f"donnees-personne-{person_id:06d}"


def first_line(text: str, limit: int = 90) -> str:
    """The first non-empty line of a note, shortened for a list."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class ReviewNote:
    """A note the exporter may choose to include.

    Args:
        id: the note's id (what :meth:`PersonExportService.write` takes).
        dossier_number: the dossier it belongs to.
        created_at: when it was written (ISO instant).
        author: its author's full name.
        visibility: ``"dossier"`` or ``"personnelle"``.
        body: its text.
        intervention_on: the date of the intervention it was written with, if any.
    """

    id: int
    dossier_number: str
    created_at: str
    author: str
    visibility: str
    body: str
    intervention_on: date | None = None

    @property
    def first_line(self) -> str:
        return first_line(self.body)

    @property
    def visibility_label(self) -> str:
        return VISIBILITY_LABELS.get(self.visibility, self.visibility)


@dataclass(frozen=True)
class ExportReview:
    """What an export of this person would hold, before the notes are chosen.

    Args:
        person_id: the person.
        person_name: their name as lists show it.
        dossiers: numbers of the dossiers included (the exporter reads their follow-up).
        left_out: (number, referent) of the person's dossiers the exporter may not read.
        interventions, aids, echeances, letters, household: how many of each go in.
        notes: the notes the exporter may choose, newest first.
    """

    person_id: int
    person_name: str
    dossiers: tuple[str, ...]
    left_out: tuple[tuple[str, str], ...]
    interventions: int
    aids: int
    echeances: int
    letters: int
    household: int
    notes: tuple[ReviewNote, ...]


@dataclass(frozen=True)
class PersonExport:
    """The gathered data, as the JSON file holds it (the PDF is made from the same dict)."""

    person_id: int
    data: dict[str, Any]

    @property
    def stem(self) -> str:
        return file_stem(self.person_id)

    @property
    def dossier_count(self) -> int:
        return len(self.data["dossiers"])

    @property
    def note_count(self) -> int:
        return sum(len(d["notes"]) for d in self.data["dossiers"])

    def json_bytes(self) -> bytes:
        """UTF-8, indented, accents as they are (a person may open it in a text editor)."""
        return (json.dumps(self.data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def files(self) -> list[tuple[str, bytes]]:
        """(name, bytes) of the PDF and the JSON, the JSON last (written last)."""
        from .person_export_pdf import person_export_pdf

        return [(f"{self.stem}.pdf", person_export_pdf(self.data)),
                (f"{self.stem}.json", self.json_bytes())]


@dataclass(frozen=True)
class WrittenPersonExport:
    """Files written, read back and identical to what was meant."""

    folder: Path
    files: tuple[WrittenFile, ...]
    dossiers: int
    notes: int


# -- gathering ---------------------------------------------------------------------------------

def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


class _Labels:
    """Labels of the coded lists, read once per export (retired codes keep their label)."""

    def __init__(self, repo: CodeRepository) -> None:
        self._repo = repo
        self._cache: dict[str, dict[str, str]] = {}

    def label(self, list_name: str, code: str) -> str:
        if list_name not in self._cache:
            self._cache[list_name] = {c.code: c.label for c in self._repo.of_list(list_name)}
        return self._cache[list_name].get(code, code)

    def coded(self, list_name: str, code: str, text: str = "") -> dict[str, str]:
        """``{"code", "libelle", "precision"}``: the free text says what *Autre* was."""
        return {"code": code, "libelle": self.label(list_name, code), "precision": text or ""}


@dataclass(frozen=True)
class _Scope:
    """The person and which of their dossiers the exporter reads."""

    person: Person
    readable: tuple[Dossier, ...]
    left_out: tuple[Dossier, ...]


class PersonExportService:
    """The export use case (see the module docstring).

    Args:
        session: the signed-in session of the exporting social worker.
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- who may export ------------------------------------------------------------------------
    def _scope(self, person_id: int) -> _Scope | None:
        """The person and the dossiers the account reads at the follow-up level; None when the
        account may export nothing of this person."""
        s = self._session
        person = PersonRepository(s.db).get(person_id)
        if person is None:
            raise InvalidInput("Cette personne n'existe pas (ou plus).")
        gate = AccessGate(s)
        readable: list[Dossier] = []
        left_out: list[Dossier] = []
        dossiers = DossierRepository(s.db).of_person(person_id)
        for dossier in dossiers:
            facts = gate.facts(dossier.id)
            if facts is not None and gate.allowed(facts, Level.FOLLOW_UP, Action.READ):
                readable.append(dossier)
            else:
                left_out.append(dossier)
        if readable:
            return _Scope(person, tuple(readable), tuple(left_out))
        if dossiers:
            return None
        # A person without any dossier (created, never followed): as for the person's record,
        # the social worker who created them, or a manager-social worker.
        account = s.account
        created_by = s.db.scalar("SELECT created_by FROM persons WHERE id = ?", (person_id,))
        if account.disabled or not can_be_referent(account):
            return None
        if created_by == account.id or (account.is_manager and account.social_worker):
            return _Scope(person, (), ())
        return None

    def _require(self, person_id: int) -> _Scope:
        self._session.require_ready()
        scope = self._scope(person_id)
        if scope is None:
            raise NotAllowed(REFUSED)
        return scope

    def can_export(self, person_id: int) -> bool:
        """Whether the account may export this person's data (the dossier window asks, to offer
        the action only then; :meth:`write` checks again)."""
        try:
            return self._require(person_id) is not None
        except ServiceError:  # refused, person gone, password to change first
            return False

    # -- review --------------------------------------------------------------------------------
    def _offered_notes(self, scope: _Scope) -> list[ReviewNote]:
        """Notes of the included dossiers the exporter may read, except colleagues' personal
        notes (shared or not: their author decides about them)."""
        s = self._session
        gate = AccessGate(s)
        repo = DossierRepository(s.db)
        covers = CoverRepository(s.db)
        me = s.account.id
        offered: list[ReviewNote] = []
        for dossier in scope.readable:
            facts = gate.facts(dossier.id)
            if facts is None:
                continue
            note_facts = covers.note_facts(dossier.id)
            dates = {row[0]: date.fromisoformat(row[1]) for row in repo.interventions(dossier.id)}
            for note_id, intervention_id, created_at, author, visibility, body in repo.notes(
                    dossier.id):
                note = note_facts.get(note_id)
                if note is None or not gate.note_allowed(facts, note):
                    continue
                if note.visibility is NoteVisibility.PERSONAL and note.author_id != me:
                    continue
                offered.append(ReviewNote(note_id, dossier.number, created_at, author,
                                          visibility, body, dates.get(intervention_id)))
        offered.sort(key=lambda n: (n.created_at, n.id), reverse=True)
        return offered

    def review(self, person_id: int) -> ExportReview:
        """What the export holds, and the notes to choose from (none is chosen by default)."""
        scope = self._require(person_id)
        s = self._session
        repo = DossierRepository(s.db)
        letters = LetterRepository(s.db)
        counts = [0, 0, 0, 0]
        for dossier in scope.readable:
            counts[0] += len(repo.interventions(dossier.id))
            counts[1] += len(repo.aids(dossier.id))
            counts[2] += len(repo.echeances_of_dossier(dossier.id))
            counts[3] += len(letters.letters_of(dossier.id))
        return ExportReview(
            person_id=person_id,
            person_name=scope.person.display_name,
            dossiers=tuple(d.number for d in scope.readable),
            left_out=tuple((d.number, d.referent_name) for d in scope.left_out),
            interventions=counts[0], aids=counts[1], echeances=counts[2], letters=counts[3],
            household=len(scope.person.household),
            notes=tuple(self._offered_notes(scope)),
        )

    def notes_for_review(self, person_id: int) -> list[ReviewNote]:
        """The notes the exporter may choose to include, newest first."""
        return list(self.review(person_id).notes)

    # -- export --------------------------------------------------------------------------------
    def export(self, person_id: int, include_notes: Iterable[int] = ()) -> PersonExport:
        """The data, with the chosen notes only. Nothing leaves the store and nothing is logged
        here: :meth:`write` does both.

        Raises :class:`NotAllowed` when the account may not export, or when a chosen note is
        not one :meth:`review` offers.
        """
        scope = self._require(person_id)
        chosen = set(include_notes)
        offered = {n.id: n for n in self._offered_notes(scope)}
        if not chosen <= offered.keys():
            raise NotAllowed(NOTE_NOT_OFFERED)
        s = self._session
        labels = _Labels(CodeRepository(s.db))
        info = s.station_info()
        person = scope.person
        data: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "application": {"nom": APP_NAME, "version": __version__},
            "exporte_le": s.now_iso(),
            "date_export": s.today().isoformat(),
            "exporte_par": s.account.full_name,
            "service": {"nom": info.service_name, "adresse": info.service_address,
                        "telephone": info.service_phone},
            "personne": self._person(person, labels),
            "dossiers": [
                self._dossier(d, labels, [offered[i] for i in sorted(chosen)
                                          if offered[i].dossier_number == d.number])
                for d in scope.readable
            ],
            "dossiers_non_inclus": [{"numero": d.number, "referent": d.referent_name}
                                    for d in scope.left_out],
        }
        return PersonExport(person_id, data)

    def write(self, person_id: int, include_notes: Iterable[int], folder: Path
              ) -> WrittenPersonExport:
        """Make the PDF and the JSON, write them in ``folder`` (all or none, read back:
        :class:`~.drive_write.WriteFailed` carries the French reason) and log the export."""
        export = self.export(person_id, include_notes)
        written = write_files(Path(folder), export.files())
        s = self._session
        detail = (f"usager #{person_id} : {export.dossier_count} dossier(s), "
                  f"{export.note_count} note(s) incluse(s)")
        # One entry per dossier exported: each dossier's log shows it, and so does the absence
        # report of a referent whose covering colleague made the export.
        targets = [f"dossier:{d['numero']}" for d in export.data["dossiers"]]
        for target in targets or [f"usager:#{person_id}"]:
            s.audit.append(s.account.login, AUDIT_ACTION, target=target, detail=detail)
        return WrittenPersonExport(Path(folder), tuple(written), export.dossier_count,
                                   export.note_count)

    # -- the parts -----------------------------------------------------------------------------
    @staticmethod
    def _person(person: Person, labels: _Labels) -> dict[str, Any]:
        return {
            "id": person.id,
            "nom_usage": person.usage_name,
            "nom_naissance": person.birth_name,
            "prenoms": person.first_names,
            "date_naissance": _iso(person.birth_date),
            "sexe": person.sex or None,
            "adresse": person.address,
            "code_postal": person.postal_code,
            "ville": person.city,
            "telephone": person.phone,
            "courriel": person.email,
            "nir": person.nir,
            "situation_familiale": labels.coded("situation_familiale", person.family_code,
                                                person.family_text),
            "foyer": [{"nom": m.name, "lien": m.relation, "date_naissance": _iso(m.birth_date)}
                      for m in person.household],
            "cree_le": person.created_at,
            "modifie_le": person.updated_at,
        }

    def _dossier(self, dossier: Dossier, labels: _Labels, notes: list[ReviewNote]
                 ) -> dict[str, Any]:
        db = self._session.db
        repo = DossierRepository(db)
        full = repo.get(dossier.id) or dossier  # with its motifs
        closed = full.status is DossierStatus.CLOSED
        return {
            "numero": full.number,
            "statut": {"code": full.status.value, "libelle": full.status.label},
            "ouvert_le": full.opened_on.isoformat(),
            "statut_depuis": _iso(full.status_on),
            "clos_le": _iso(full.closed_on),
            "motif_cloture": labels.coded("motif_cloture", full.closing_code,
                                          full.closing_text) if closed else None,
            "referent": full.referent_name,
            "origine": labels.coded("origine", full.origin_code, full.origin_text),
            "motifs": [labels.coded("motif", m.code, m.free_text) for m in full.motifs],
            "consentement": {
                "recueilli_le": _iso(full.consent_on),
                "mode": labels.coded("mode_information", full.consent_mode),
                "notice_remise": full.notice_given,
                "accord_echanges_partenaires": full.consent_share,
            },
            "dernier_contact_le": _iso(full.last_contact_on),
            "interventions": [
                {"date": on_date, "type": labels.coded("type_intervention", kind_code, kind_text),
                 "duree_minutes": duration, "resume": summary, "auteur": author}
                for _id, on_date, kind_code, kind_text, duration, summary, author
                in repo.interventions(full.id)
            ],
            "aides": [
                {"type": labels.coded("type_aide", type_code, type_text),
                 "organisme": organisation, "demandee_le": requested_on,
                 "issue": labels.coded("issue_aide", outcome_code),
                 "issue_le": outcome_on, "montant_centimes": amount}
                for (_id, _intervention, type_code, type_text, organisation, requested_on,
                     outcome_code, outcome_on, amount) in repo.aids(full.id)
            ],
            "echeances": [
                {"type": {"code": e.kind.value, "libelle": e.kind.label}, "prevue_le": e.due_at,
                 "libelle": e.label, "lieu": e.place, "faite_le": e.done_at}
                for e in repo.echeances_of_dossier(full.id)
            ],
            "courriers": [
                {"date": letter.created_at, "titre": letter.title, "objet": letter.subject}
                for letter in LetterRepository(db).letters_of(full.id)
            ],
            "notes": [
                {"id": n.id, "date": n.created_at, "auteur": n.author,
                 "visibilite": n.visibility, "intervention_du": _iso(n.intervention_on),
                 "texte": n.body}
                for n in sorted(notes, key=lambda n: (n.created_at, n.id), reverse=True)
            ],
        }


def instant_fr(text: str | None) -> str:
    """An ISO date or instant as read in France: "02/11/2026", "02/11/2026 à 10:00" (local
    time); the text itself when it is not one."""
    if not text:
        return ""
    try:
        if len(text) <= 10:
            value = date.fromisoformat(text)
            return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y à %H:%M")
