"""Form letters, from template to archived PDF (SPEC §5).

:class:`LetterTemplateService` is the manager's: the station's templates (shipped ones are
copied into the encrypted store, local ones added), checked before they are saved, retired
rather than deleted so old letters keep their title. :class:`LetterService` is the social
worker's and the secretary's: choose a template for a dossier, get its text filled in, edit it,
preview the PDF in memory, keep it in the dossier (text and PDF, encrypted), print or export it.
Every act is in the audit log, never the letter's content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..domain.access import Action, Level
from ..domain.accounts import Account, Role
from ..domain.dates import date_in_words, long_date
from ..domain.letters import (
    KNOWN_FIELDS,
    LetterTemplate,
    LetterText,
    TemplateFormatError,
    format_template,
    parse_template,
    valid_key,
)
from ..domain.records import Dossier, EcheanceKind, Person
from ..paths import templates_dir
from ..storage.accounts_repo import AccountRepository
from ..storage.database import Database
from ..storage.dossiers_repo import DossierRepository
from ..storage.letters_repo import LetterRepository, LetterRow
from ..storage.persons_repo import PersonRepository
from ..storage.settings_repo import StationInfo
from .access import AccessGate
from .errors import InvalidInput, NotAllowed
from .letter_pdf import check_printable, letter_pdf, letters_pdf
from .letter_render import Group, LetterProblem, check_source, check_template, render
from .session import Session

NO_APPOINTMENT = "aucun rendez-vous à venir n'est noté dans ce dossier"


# -- shipped templates -------------------------------------------------------------------------
def shipped_sources() -> dict[str, str]:
    """The template files shipped with the application, by key (file name without .txt)."""
    folder = templates_dir()
    if not folder.is_dir():
        return {}
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))}


def seed_letter_templates(db: Database, at: str) -> None:
    """Copy the shipped templates the store does not hold yet (never overwrite an edit)."""
    repo = LetterRepository(db)
    present = repo.template_keys()
    missing = {k: v for k, v in shipped_sources().items() if k not in present}
    if not missing:
        return
    with db.transaction():
        for key, source in missing.items():
            template, problems = check_source(key, source)
            if template is not None and not problems:
                repo.insert_template(key, source, shipped=True, at=at)


@dataclass(frozen=True)
class TemplateEntry:
    template: LetterTemplate
    source: str
    shipped: bool
    retired: bool


def _entry(stored) -> TemplateEntry | None:  # noqa: ANN001 - StoredTemplate
    try:
        template = parse_template(stored.key, stored.source, shipped=stored.shipped)
    except TemplateFormatError:
        return None
    template = LetterTemplate(**{**template.__dict__, "retired": stored.retired})
    return TemplateEntry(template, stored.source, stored.shipped, stored.retired)


class LetterTemplateService:
    """The station's templates: everyone reads them, a manager changes them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _repo(self) -> LetterRepository:
        return LetterRepository(self._session.db)

    def templates(self, *, include_retired: bool = False) -> list[TemplateEntry]:
        self._session.require_ready()
        entries = [e for e in map(_entry, self._repo.templates()) if e is not None]
        entries = [e for e in entries if include_retired or not e.retired]
        return sorted(entries, key=lambda e: e.template.title.lower())

    def get(self, key: str) -> TemplateEntry:
        self._session.require_ready()
        stored = self._repo.template(key)
        entry = _entry(stored) if stored else None
        if entry is None:
            raise InvalidInput("Ce courrier type n'existe pas (ou plus).")
        return entry

    @staticmethod
    def fields() -> dict[str, str]:
        """Every field a template may use, with what it holds."""
        return dict(KNOWN_FIELDS)

    @staticmethod
    def check(key: str, source: str) -> list[str]:
        """Every problem of a template's text, in French, with line numbers."""
        return check_source(key, source)[1]

    def preview_text(self, source: str) -> str:
        """The template filled with example values (the editor's live preview)."""
        self._session.require_ready()
        template, problems = check_source("apercu", source)
        if template is None or problems:
            raise LetterProblem("\n".join(problems))
        return render(template, sample_context(template, self._session.station_info()))

    def save(self, key: str, source: str, *, new: bool = False) -> None:
        """Add or change a template (manager). Refused with every problem if it does not check;
        ``new`` refuses a key already used (a new template never replaces another)."""
        s = self._session
        s.require_manager()
        reason = valid_key(key)
        if reason:
            raise InvalidInput(reason)
        template, problems = check_source(key, source)
        if template is None or problems:
            raise LetterProblem("\n".join(problems))
        repo = self._repo
        if new and repo.template(key) is not None:
            raise InvalidInput("Un courrier type porte déjà cette clé : choisissez-en une autre.")
        with s.db.transaction():
            if repo.template(key) is None:
                repo.insert_template(key, source, shipped=False, at=s.now_iso())
                action = "courrier_type.ajout"
            else:
                repo.update_template(key, source, s.now_iso())
                action = "courrier_type.modification"
        s.audit.append(s.account.login, action, target=f"courrier_type:{key}")

    def duplicate(self, key: str, new_key: str) -> None:
        entry = self.get(key)
        if self._repo.template(new_key) is not None:
            raise InvalidInput("Un courrier type porte déjà cette clé.")
        copy = LetterTemplate(**{**entry.template.__dict__,
                                 "title": entry.template.title + " (copie)"})
        self.save(new_key, format_template(copy), new=True)

    def set_retired(self, key: str, retired: bool) -> None:
        """Retire a template (no longer offered; letters already made keep it) or restore it."""
        s = self._session
        s.require_manager()
        self.get(key)
        with s.db.transaction():
            self._repo.set_retired(key, retired, s.now_iso())
        s.audit.append(s.account.login,
                       "courrier_type.retrait" if retired else "courrier_type.retour",
                       target=f"courrier_type:{key}")


# -- filling a letter --------------------------------------------------------------------------
def civility(person: Person) -> str:
    return {"F": "Madame", "M": "Monsieur"}.get(person.sex or "", "Madame, Monsieur")


def _address_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def place_of(info: StationInfo) -> str:
    """"Lille" from the service's address ("…\\n59000 Lille"), for "Lille, le …"."""
    lines = _address_lines(info.service_address)
    if not lines:
        return ""
    return re.sub(r"^\d{4,5}\s+", "", lines[-1]).strip(" ,") or ""


def function_of(account: Account) -> str:
    if account.role is Role.MANAGER:
        return "Responsable du service social" if account.social_worker else "Responsable d'unité"
    if account.role is Role.SECRETARY:
        return "Secrétariat du service social"
    return "Assistant(e) de service social"


def _person_group(person: Person) -> Group:
    first = " ".join(person.first_names.split())
    full = f"{first} {person.usage_name.upper()}".strip()
    return Group("personne", {
        "civilite": civility(person),
        "appellation": f"{civility(person)} {full}" if person.sex in ("F", "M") else full,
        "nom_complet": full,
        "prenom": first,
        "nom": person.usage_name.upper(),
        "nom_naissance": person.birth_name.upper(),
        "date_naissance": date_in_words(person.birth_date) if person.birth_date else "",
        "adresse": ", ".join(_address_lines(person.address)),
        "code_postal": person.postal_code.strip(),
        "commune": person.city.strip(),
    })


def _appointment_group(echeances: Sequence, today: date, on: date | None = None) -> Group:
    """The next appointment to come, or the one on day ``on`` (letters in series for a
    day's appointments: someone seen today and tomorrow gets tomorrow's in tomorrow's letter)."""
    coming = sorted((e for e in echeances if e.kind is EcheanceKind.APPOINTMENT
                     and e.done_at is None and e.due_at[:10] >= today.isoformat()
                     and (on is None or e.due_at[:10] == on.isoformat())),
                    key=lambda e: e.due_at)
    if not coming:
        return Group("rdv", {}, NO_APPOINTMENT if on is None else
                     f"aucun rendez-vous n'est noté le {date_in_words(on)} dans ce dossier")
    first = coming[0]
    day = date.fromisoformat(first.due_at[:10])
    hour = first.due_at[11:16]
    return Group("rdv", {
        "date": long_date(day),
        "heure": f"{int(hour[:2])} h {hour[3:]}" if hour else "",
        "lieu": first.place.strip() or "dans nos locaux",
        "objet": first.label.strip(),
    })


def build_context(person: Person, dossier: Dossier, referent: Account, info: StationInfo,
                  echeances: Sequence, today: date, free: Mapping[str, str],
                  template: LetterTemplate, appointment_on: date | None = None,
                  ) -> dict[str, object]:
    """Everything a template may read, for one dossier."""
    return {
        "personne": _person_group(person),
        "dossier": Group("dossier", {"numero": dossier.number,
                                     "date_ouverture": date_in_words(dossier.opened_on)}),
        "referent": Group("referent", {"nom": referent.full_name,
                                       "telephone": referent.phone or info.service_phone,
                                       "fonction": function_of(referent).lower()}),
        "service": Group("service", {"nom": info.service_name,
                                     "adresse": ", ".join(_address_lines(info.service_address)),
                                     "telephone": info.service_phone}),
        "aujourdhui": date_in_words(today),
        "rdv": _appointment_group(echeances, today, appointment_on),
        "libre": Group("libre", {f.name: (free.get(f.name) or "").strip()
                                 for f in template.free_fields}),
    }


def sample_context(template: LetterTemplate, info: StationInfo) -> dict[str, object]:
    """Example values for the template editor's preview (a fictitious person)."""
    from ..domain.records import Echeance

    today = date.today()
    person = Person(usage_name="Exemple", first_names="Camille", sex=None,
                    birth_date=date(1970, 1, 1), address="1 rue de l'Exemple",
                    postal_code="00000", city="Ville")
    dossier = Dossier(opened_on=today, number=f"{today.year}-000000")
    referent = Account(0, "exemple", "Prénom Nom", Role.ASSISTANT, True, False, False, "",
                       phone=info.service_phone)
    appointment = Echeance(EcheanceKind.APPOINTMENT, f"{today.isoformat()}T14:30", "Bilan",
                           "au service")
    free = {f.name: f"[{f.label}]" for f in template.free_fields}
    return build_context(person, dossier, referent, info, [appointment], today, free, template)


@dataclass(frozen=True)
class LetterChoice:
    key: str
    title: str
    description: str
    free_fields: tuple  # of FreeField


@dataclass(frozen=True)
class PreparedLetter:
    """A letter's text filled in, to be read and changed before the PDF."""

    key: str
    title: str
    subject: str
    body: str
    recipient: tuple[str, ...]
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class BatchResult:
    files: list[tuple[str, bytes]]  # (suggested file name, PDF)
    letter_ids: list[int]
    problems: list[tuple[str, str]]  # (dossier number, French message)
    cancelled: bool = False


class LetterService:
    def __init__(self, session: Session) -> None:
        self._session = session

    # -- what the dossier offers ---------------------------------------------------------------
    def _dossier(self, dossier_id: int, action: Action) -> tuple[Dossier, Person]:
        AccessGate(self._session).require(dossier_id, Level.AGENDA, action)
        db = self._session.db
        dossier = DossierRepository(db).get(dossier_id)
        assert dossier is not None
        person = PersonRepository(db).get(dossier.person_id)
        assert person is not None
        return dossier, person

    def _template(self, key: str) -> LetterTemplate:
        stored = LetterRepository(self._session.db).template(key)
        entry = _entry(stored) if stored else None
        if entry is None or entry.retired:
            raise InvalidInput("Ce courrier type n'est plus proposé.")
        return entry.template

    def choices(self, dossier_id: int) -> list[LetterChoice]:
        """The letters this dossier can get: active templates; the liaison letter only when
        the person agreed to information being shared."""
        dossier, _ = self._dossier(dossier_id, Action.READ)
        return [LetterChoice(e.template.key, e.template.title, e.template.description,
                             e.template.free_fields)
                for e in LetterTemplateService(self._session).templates()
                if not e.template.needs_consent_to_share or dossier.consent_share]

    def prepare(self, dossier_id: int, key: str, free: Mapping[str, str] | None = None,
                *, appointment_on: date | None = None) -> PreparedLetter:
        """The template filled in for this dossier (``rdv.*``: the next appointment, or the
        one on ``appointment_on``). Raises :class:`LetterProblem` naming the field that has
        no value; :class:`NotAllowed` for a liaison letter without consent."""
        dossier, person = self._dossier(dossier_id, Action.READ)
        template = self._template(key)
        if template.needs_consent_to_share and not dossier.consent_share:
            raise NotAllowed("Ce courrier partage des informations avec un partenaire : le "
                             "dossier ne note pas l'accord de la personne.")
        s = self._session
        db = s.db
        referent = AccountRepository(db).by_id(dossier.referent_id)
        assert referent is not None
        echeances = DossierRepository(db).echeances_of_dossier(dossier_id)
        context = build_context(person, dossier, referent, s.station_info(), echeances,
                                s.today(), free or {}, template, appointment_on)
        body = render(template, context)
        warnings = []
        if not person.address.strip() or not person.city.strip():
            warnings.append("L'adresse de la personne n'est pas complète : le bloc destinataire "
                            "sera incomplet.")
        return PreparedLetter(key, template.title, template.subject, body,
                              self._recipient(person), tuple(warnings))

    @staticmethod
    def _recipient(person: Person) -> tuple[str, ...]:
        first = " ".join(person.first_names.split())
        name = " ".join(p for p in (civility(person) if person.sex else "", first,
                                    person.usage_name.upper()) if p)
        city = " ".join(p for p in (person.postal_code.strip(), person.city.strip().upper()) if p)
        return tuple(line for line in (name, *_address_lines(person.address), city) if line)

    def _letter_text(self, dossier_id: int, key: str, subject: str, body: str) -> LetterText:
        s = self._session
        db = s.db
        dossier, person = self._dossier(dossier_id, Action.READ)
        template = self._template(key)
        info = s.station_info()
        signer = s.account
        if signer.role is Role.SECRETARY or (signer.is_manager and not signer.social_worker):
            # Prepared by the secretariat on the referent's behalf: the referent signs.
            signer = AccountRepository(db).by_id(dossier.referent_id) or signer
        letterhead = (info.service_name, *_address_lines(info.service_address),
                      *((f"Tél. {info.service_phone}",) if info.service_phone else ()))
        return LetterText(
            title=template.title, subject=subject.strip() or template.subject, body=body,
            recipient=self._recipient(person), place=place_of(info),
            date_text=date_in_words(s.today()),
            signature=(signer.full_name, function_of(signer), info.service_name),
            letterhead=letterhead,
        )

    def check(self, dossier_id: int, key: str, subject: str, body: str) -> None:
        """Raise :class:`LetterProblem` if the edited text cannot be printed."""
        check_printable(self._letter_text(dossier_id, key, subject, body))

    def preview(self, dossier_id: int, key: str, subject: str, body: str) -> bytes:
        """The PDF of the edited letter, in memory (nothing stored, nothing logged)."""
        if not body.strip():
            raise LetterProblem("Le texte du courrier est vide.")
        return letter_pdf(self._letter_text(dossier_id, key, subject, body),
                          author=self._session.station_info().service_name)

    def save(self, dossier_id: int, key: str, subject: str, body: str) -> tuple[int, bytes]:
        """Keep the letter in the dossier (final text and PDF, encrypted); (id, PDF)."""
        s = self._session
        AccessGate(s).require(dossier_id, Level.AGENDA, Action.WRITE)
        letter = self._letter_text(dossier_id, key, subject, body)
        if not body.strip():
            raise LetterProblem("Le texte du courrier est vide.")
        pdf = letter_pdf(letter, author=s.station_info().service_name)
        repo = LetterRepository(s.db)
        with s.db.transaction():
            letter_id = repo.insert_letter(dossier_id, key, letter.title, letter.subject, body,
                                           pdf, s.account.id, s.now_iso())
        number = DossierRepository(s.db).get(dossier_id).number
        s.audit.append(s.account.login, "courrier.creation", target=f"dossier:{number}",
                       detail=f"courrier #{letter_id} ({key})")
        return letter_id, pdf

    # -- letters kept in the dossier -----------------------------------------------------------
    def letters(self, dossier_id: int) -> list[LetterRow]:
        self._dossier(dossier_id, Action.READ)
        return LetterRepository(self._session.db).letters_of(dossier_id)

    def _letter(self, letter_id: int) -> tuple[int, str]:
        dossier_id = LetterRepository(self._session.db).letter_dossier(letter_id)
        if dossier_id is None:
            raise InvalidInput("Ce courrier n'existe pas (ou plus).")
        dossier, _ = self._dossier(dossier_id, Action.READ)
        return dossier_id, dossier.number

    def pdf(self, letter_id: int) -> bytes:
        """A kept letter's PDF (logged as a consultation)."""
        _, number = self._letter(letter_id)
        s = self._session
        content = LetterRepository(s.db).letter_content(letter_id)
        assert content is not None
        s.audit.append(s.account.login, "courrier.consultation", target=f"dossier:{number}",
                       detail=f"courrier #{letter_id}")
        return content[1]

    def record(self, letter_id: int, action: str, detail: str = "") -> None:
        """Log that a kept letter was printed ("impression") or saved to a file ("export")."""
        if action not in ("impression", "export"):
            raise ValueError(action)
        _, number = self._letter(letter_id)
        s = self._session
        s.audit.append(s.account.login, f"courrier.{action}", target=f"dossier:{number}",
                       detail=f"courrier #{letter_id}{' ' + detail if detail else ''}")

    # -- many dossiers at once -----------------------------------------------------------------
    def batch(self, dossier_ids: Sequence[int], key: str, free: Mapping[str, str] | None = None,
              *, one_file: bool = True, appointment_on: date | None = None,
              progress: Callable[[int, int], None] = lambda done, total: None,
              cancelled: Callable[[], bool] = lambda: False) -> BatchResult:
        """The same letter for several dossiers, each kept in its dossier; one PDF for all
        (to print at once) or one per dossier; ``appointment_on`` makes ``rdv.*`` that day's
        appointment (the list of a day's appointments). A dossier whose letter cannot be made is
        skipped and named in ``problems``; the others are made. Stops between two dossiers
        when ``cancelled()`` says so (the letters already kept stay, and are returned)."""
        texts: list[tuple[str, LetterText]] = []
        files: list[tuple[str, bytes]] = []
        ids: list[int] = []
        problems: list[tuple[str, str]] = []
        total = len(dossier_ids)
        stopped = False
        for done, dossier_id in enumerate(dossier_ids):
            if cancelled():
                stopped = True
                break
            number = DossierRepository(self._session.db).get(dossier_id)
            label = number.number if number else f"#{dossier_id}"
            try:
                prepared = self.prepare(dossier_id, key, free, appointment_on=appointment_on)
                letter_id, pdf = self.save(dossier_id, key, prepared.subject, prepared.body)
            except (InvalidInput, NotAllowed) as exc:
                problems.append((label, exc.message))
            else:
                ids.append(letter_id)
                if one_file:
                    texts.append((label, self._letter_text(dossier_id, key, prepared.subject,
                                                           prepared.body)))
                else:
                    files.append((f"courrier-{label}.pdf", pdf))
            progress(done + 1, total)
        if one_file and texts:
            stamp = self._session.station.clock().astimezone().strftime("%Y%m%d-%H%M")
            files.append((f"courriers-{key}-{stamp}.pdf",
                          letters_pdf([t for _, t in texts],
                                      author=self._session.station_info().service_name)))
        return BatchResult(files, ids, problems, stopped)


__all__ = ["BatchResult", "LetterChoice", "LetterService", "LetterTemplateService",
           "PreparedLetter", "TemplateEntry", "check_template", "seed_letter_templates",
           "shipped_sources"]
