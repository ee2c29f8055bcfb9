"""Form letters (courriers types): the template file format and the fields a letter may use.

A template is a small text file (``templates_courriers/README.md`` documents it for the people
who write them): a header of ``key: value`` lines, ``---``, then a Jinja2 body. Parsing and the
list of known fields live here, free of Jinja and of the PDF, so the same rules check a shipped
file, a manager's edit in the application and a template read back from the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Every field a letter may use, with what it holds (shown to the manager who edits templates).
KNOWN_FIELDS: dict[str, str] = {
    "personne.civilite": "Madame, Monsieur, ou « Madame, Monsieur » (sexe non renseigné)",
    "personne.appellation": "civilité, prénom et nom (Madame Marie DUPONT ; sans civilité si le "
                            "sexe n'est pas renseigné)",
    "personne.nom_complet": "prénom et nom d'usage (Marie DUPONT)",
    "personne.prenom": "prénom(s)",
    "personne.nom": "nom d'usage, en capitales",
    "personne.nom_naissance": "nom de naissance, en capitales",
    "personne.date_naissance": "date de naissance en toutes lettres",
    "personne.adresse": "adresse (numéro et voie)",
    "personne.code_postal": "code postal",
    "personne.commune": "commune",
    "dossier.numero": "numéro du dossier",
    "dossier.date_ouverture": "date d'ouverture du dossier",
    "referent.nom": "nom du ou de la référent(e)",
    "referent.telephone": "téléphone du ou de la référent(e) (sinon celui du service)",
    "referent.fonction": "fonction du ou de la référent(e) (assistante sociale…)",
    "service.nom": "nom du service",
    "service.adresse": "adresse du service",
    "service.telephone": "téléphone du service",
    "aujourdhui": "la date du jour en toutes lettres",
    "rdv.date": "date du prochain rendez-vous (mardi 3 décembre 2026)",
    "rdv.heure": "heure du prochain rendez-vous (14 h 30)",
    "rdv.lieu": "lieu du prochain rendez-vous",
    "rdv.objet": "objet du prochain rendez-vous",
}
FREE_PREFIX = "libre."
GROUPS = {"personne", "dossier", "referent", "service", "aujourdhui", "rdv", "libre"}

REQUIRED_HEADERS = ("titre", "objet", "champs")
KNOWN_HEADERS = (*REQUIRED_HEADERS, "description", "libres", "consentement_partage")
_KEY = re.compile(r"^[a-z][a-z0-9_]{1,60}$")
_FREE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


class TemplateFormatError(ValueError):
    """A template file or edit that cannot be read; the message is French and names the line."""


@dataclass(frozen=True)
class FreeField:
    """A value the person writing the letter types in the preview (``{{ libre.name }}``)."""

    name: str
    label: str


@dataclass(frozen=True)
class LetterTemplate:
    key: str
    title: str
    subject: str
    body: str
    fields: tuple[str, ...]
    description: str = ""
    free_fields: tuple[FreeField, ...] = ()
    needs_consent_to_share: bool = False
    retired: bool = False
    shipped: bool = False


def valid_key(key: str) -> str | None:
    """French reason why ``key`` cannot name a template, or None."""
    if not _KEY.match(key):
        return ("La clé d'un courrier s'écrit en minuscules sans accent, chiffres et « _ » "
                "(2 à 61 caractères), et commence par une lettre.")
    return None


def _free_fields(value: str, line: int) -> tuple[FreeField, ...]:
    fields = []
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        name, sep, label = part.partition("=")
        name, label = name.strip(), label.strip()
        if not sep or not _FREE_NAME.match(name) or not label:
            raise TemplateFormatError(
                f"Ligne {line} : « {part} » — un champ libre s'écrit « nom = libellé » (nom en "
                "minuscules sans accent).")
        fields.append(FreeField(name, label))
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise TemplateFormatError(f"Ligne {line} : un champ libre est déclaré deux fois.")
    return tuple(fields)


def parse_template(key: str, text: str, *, shipped: bool = False) -> LetterTemplate:
    """Read a template file's text. Raises :class:`TemplateFormatError` (French, with the line)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headers: dict[str, tuple[str, int]] = {}
    end = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line == "---":
            end = number
            break
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition(":")
        name = name.strip().lower()
        if not sep or name not in KNOWN_HEADERS:
            raise TemplateFormatError(
                f"Ligne {number} : « {line[:60]} » n'est pas une ligne d'en-tête connue "
                f"({', '.join(KNOWN_HEADERS)}), ou la ligne « --- » manque.")
        if name in headers:
            raise TemplateFormatError(f"Ligne {number} : « {name} » est déjà donné plus haut.")
        headers[name] = (value.strip(), number)
    if end is None:
        raise TemplateFormatError("La ligne « --- » qui sépare l'en-tête du texte manque.")
    for name in REQUIRED_HEADERS:
        if not headers.get(name, ("", 0))[0]:
            raise TemplateFormatError(f"L'en-tête « {name} » est obligatoire.")
    fields = tuple(f.strip() for f in headers["champs"][0].split(",") if f.strip())
    free = _free_fields(*headers["libres"]) if "libres" in headers else ()
    consent = headers.get("consentement_partage", ("non", 0))
    if consent[0].lower() not in ("oui", "non"):
        raise TemplateFormatError(f"Ligne {consent[1]} : « consentement_partage » vaut oui ou non.")
    body = "\n".join(lines[end:]).strip("\n")
    if not body.strip():
        raise TemplateFormatError("Le texte du courrier est vide.")
    return LetterTemplate(
        key=key, title=headers["titre"][0], subject=headers["objet"][0], body=body,
        fields=fields, description=headers.get("description", ("", 0))[0], free_fields=free,
        needs_consent_to_share=consent[0].lower() == "oui", shipped=shipped,
    )


def body_offset(text: str) -> int:
    """How many lines come before the body in a template file (to number body lines)."""
    lines = text.replace("\r\n", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        if raw.strip() == "---":
            return number
    return 0


def format_template(template: LetterTemplate) -> str:
    """The file text of a template (what the manager edits, what :func:`parse_template` reads)."""
    lines = [f"titre: {template.title}"]
    if template.description:
        lines.append(f"description: {template.description}")
    lines.append(f"objet: {template.subject}")
    lines.append(f"champs: {', '.join(template.fields)}")
    if template.free_fields:
        lines.append("libres: " + "; ".join(f"{f.name} = {f.label}"
                                             for f in template.free_fields))
    lines.append(f"consentement_partage: {'oui' if template.needs_consent_to_share else 'non'}")
    lines.append("---")
    return "\n".join(lines) + "\n" + template.body.rstrip("\n") + "\n"


def field_problems(template: LetterTemplate, used: set[str]) -> list[str]:
    """French problems with the fields: declared but unknown, used but not declared.

    ``used`` holds the dotted names the body reads (``personne.nom``, ``libre.montant``).
    """
    problems = []
    free = {FREE_PREFIX + f.name for f in template.free_fields}
    for name in template.fields:
        if name not in KNOWN_FIELDS and name not in free:
            problems.append(f"Champ inconnu dans « champs » : {name}.")
    declared = set(template.fields) | free
    for name in sorted(used - declared):
        if name.startswith(FREE_PREFIX):
            problems.append(f"Le champ libre « {name} » est utilisé mais pas déclaré dans "
                            "« libres ».")
        elif name in KNOWN_FIELDS:
            problems.append(f"Le champ « {name} » est utilisé mais pas déclaré dans « champs ».")
        else:
            problems.append(f"Champ inconnu : {name}.")
    return problems


@dataclass(frozen=True)
class LetterText:
    """A letter ready for the PDF: the text the person validated, nothing left to fill."""

    title: str
    subject: str
    body: str
    recipient: tuple[str, ...]  # lines of the address block
    place: str  # "Lille" for "Lille, le 28 novembre 2026"
    date_text: str
    signature: tuple[str, ...]  # name, function, service
    letterhead: tuple[str, ...] = field(default=())  # service name, address lines, phone
