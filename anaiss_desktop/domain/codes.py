"""Coded lists (typologies): motifs, origins, intervention kinds, aids, outcomes...

97 % of the users of the historical tools "did not find the typology that fits" and 74 % typed
approximate information instead (SPEC §1). Hence three rules, enforced here:

* every list has *Non renseigné* (``NR``) and *Autre (préciser)* (``AUTRE``), which can never be
  retired: saying "I don't know" or "something else" is always possible and counted openly;
* the unit manager adds local codes to any list;
* a code, once used, is never reused for something else (even after it is retired), so that
  statistics from different years and stations stay comparable. Labels may be reworded; codes
  are short stable ASCII identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from anaiss_desktop.domain.names import normalise

NOT_PROVIDED = "NR"
NOT_PROVIDED_LABEL = "Non renseigné"
OTHER = "AUTRE"
OTHER_LABEL = "Autre (préciser)"
SYSTEM_CODES = {NOT_PROVIDED: NOT_PROVIDED_LABEL, OTHER: OTHER_LABEL}

CODE_PATTERN = re.compile(r"^[A-Z0-9_]{2,30}$")
MAX_LABEL_LENGTH = 120


@dataclass(frozen=True)
class Code:
    """One entry of a coded list.

    Args:
        list_name: key of ``LISTS`` ("motif", "origine"...).
        code: stable identifier stored in dossiers and statistics.
        label: French label shown to people (may be reworded over time).
        retired: no longer offered for new entries; still shown where already used.
        system: ``NR`` or ``AUTRE``, present in every list and never retired.
    """

    list_name: str
    code: str
    label: str
    retired: bool = False
    system: bool = False


LISTS: dict[str, str] = {
    "motif": "Motifs d'intervention",
    "origine": "Origine de la demande",
    "type_intervention": "Types d'intervention",
    "type_aide": "Types d'aide",
    "issue_aide": "Issue de l'aide",
    "situation_familiale": "Situation familiale",
    "mode_information": "Mode d'information de la personne",
    "motif_cloture": "Motifs de clôture",
}

# Default typology of a health-insurance social service (Assurance Maladie / CARSAT service
# social). System codes are appended to every list by ``ensure_system_codes``.
_DEFAULTS: dict[str, tuple[tuple[str, str], ...]] = {
    "motif": (
        ("ACCES_DROITS_SOINS", "Accès aux droits et aux soins"),
        ("PDP", "Prévention de la désinsertion professionnelle"),
        ("RETOUR_DOMICILE", "Retour à domicile après hospitalisation"),
        ("PERTE_AUTONOMIE", "Perte d'autonomie / vieillissement"),
        ("MALADIE_GRAVE", "Maladie grave ou chronique"),
        ("DIFFICULTES_FINANCIERES", "Difficultés financières"),
        ("LOGEMENT", "Logement"),
        ("SITUATION_FAMILIALE", "Situation familiale"),
    ),
    "origine": (
        ("PERSONNE", "La personne elle-même"),
        ("MEDECIN_TRAITANT", "Médecin traitant"),
        ("SERVICE_MEDICAL", "Service médical / médecin conseil"),
        ("ETABLISSEMENT_SANTE", "Établissement de santé (hôpital)"),
        ("EMPLOYEUR_MDT", "Employeur / médecine du travail"),
        ("CAISSE", "CPAM / caisse"),
        ("PARTENAIRE_SOCIAL", "Partenaire social (CCAS, département…)"),
        ("ENTOURAGE", "Entourage"),
    ),
    "type_intervention": (
        ("ENTRETIEN", "Entretien"),
        ("VISITE_DOMICILE", "Visite à domicile"),
        ("TELEPHONE", "Téléphone"),
        ("COURRIER", "Courrier"),
        ("REUNION_PARTENAIRE", "Réunion partenaire"),
    ),
    "type_aide": (
        ("AIDE_FINANCIERE", "Aide financière"),
        ("AIDE_DOMICILE", "Aide à domicile"),
        ("AIDE_TECHNIQUE", "Aide technique / matériel"),
        ("HEBERGEMENT_LOGEMENT", "Hébergement / logement"),
        ("DROITS", "Ouverture ou maintien de droits"),
        ("ORIENTATION_PARTENAIRE", "Orientation vers un partenaire"),
    ),
    "issue_aide": (
        ("EN_COURS", "En cours"),
        ("ACCORDEE", "Accordée"),
        ("REFUSEE", "Refusée"),
        ("ABANDONNEE", "Abandonnée"),
    ),
    "situation_familiale": (
        ("CELIBATAIRE", "Célibataire"),
        ("EN_COUPLE", "En couple"),
        ("MARIE_PACSE", "Marié(e) / pacsé(e)"),
        ("SEPARE_DIVORCE", "Séparé(e) / divorcé(e)"),
        ("VEUF", "Veuf / veuve"),
    ),
    "mode_information": (
        ("ORAL", "Entretien oral"),
        ("NOTICE_REMISE", "Notice remise en main propre"),
        ("COURRIER", "Courrier"),
    ),
    "motif_cloture": (
        ("OBJECTIFS_ATTEINTS", "Objectifs atteints"),
        ("RELAIS_PARTENAIRE", "Relais vers un partenaire"),
        ("DEMANDE_PERSONNE", "À la demande de la personne"),
        ("SANS_NOUVELLES", "Sans nouvelles"),
        ("DEMENAGEMENT", "Déménagement"),
        ("DECES", "Décès"),
    ),
}


def _system_code(list_name: str, code: str) -> Code:
    return Code(list_name, code, SYSTEM_CODES[code], system=True)


def ensure_system_codes(codes: Iterable[Code]) -> list[Code]:
    """The given codes with ``NR`` and ``AUTRE`` present, active and flagged in every list.

    Order is kept; a missing system code is appended after its list's last code (or at the end
    for an empty list). A system code found retired or unflagged is restored in place.
    """
    result: list[Code] = []
    for code in codes:
        if code.code in SYSTEM_CODES and (code.retired or not code.system):
            code = replace(code, retired=False, system=True)
        result.append(code)
    for list_name in LISTS:
        present = {c.code for c in result if c.list_name == list_name}
        missing = [_system_code(list_name, s) for s in SYSTEM_CODES if s not in present]
        if not missing:
            continue
        positions = [i for i, c in enumerate(result) if c.list_name == list_name]
        at = positions[-1] + 1 if positions else len(result)
        result[at:at] = missing
    return result


DEFAULT_CODES: tuple[Code, ...] = tuple(
    ensure_system_codes(
        Code(list_name, code, label)
        for list_name, entries in _DEFAULTS.items()
        for code, label in entries
    )
)


def codes_of(list_name: str, codes: Iterable[Code], include_retired: bool = False) -> list[Code]:
    """The codes of one list, in order (retired ones only when asked, e.g. to show old data)."""
    return [
        c for c in codes if c.list_name == list_name and (include_retired or not c.retired)
    ]


def label_of(list_name: str, code: str, codes: Iterable[Code]) -> str:
    """The label of a code, the code itself if unknown (never an empty cell)."""
    for c in codes:
        if c.list_name == list_name and c.code == code:
            return c.label
    return code


def validate_new_code(
    list_name: str, code: str, label: str, existing: Iterable[Code]
) -> list[str]:
    """Problems (French) with adding ``code`` / ``label`` to a list; empty when it can be added.

    ``existing`` holds every code known, retired ones included: a code is never reused.
    """
    problems: list[str] = []
    if list_name not in LISTS:
        problems.append(f"Liste inconnue : {list_name}")
    same_list = [c for c in existing if c.list_name == list_name]
    if not CODE_PATTERN.match(code or ""):
        problems.append(
            "Le code compte 2 à 30 caractères : lettres majuscules sans accent, chiffres ou _"
        )
    elif any(c.code == code for c in same_list):
        retired = any(c.code == code and c.retired for c in same_list)
        problems.append(
            f"Le code {code} existe déjà"
            + (" (retiré)" if retired else "")
            + " : un code n'est jamais réutilisé, choisissez-en un autre"
        )
    clean_label = " ".join((label or "").split())
    if not clean_label:
        problems.append("Le libellé est obligatoire")
    elif len(clean_label) > MAX_LABEL_LENGTH:
        problems.append(f"Le libellé dépasse {MAX_LABEL_LENGTH} caractères")
    elif any(normalise(c.label) == normalise(clean_label) for c in same_list if not c.retired):
        problems.append(f"Le libellé « {clean_label} » existe déjà dans cette liste")
    return problems


def can_retire(code: Code) -> str | None:
    """Why a code cannot be retired (French), or None when it can."""
    if code.system or code.code in SYSTEM_CODES:
        return (
            f"« {NOT_PROVIDED_LABEL} » et « {OTHER_LABEL} » existent dans chaque liste "
            "et ne peuvent pas être retirés"
        )
    if code.retired:
        return "Ce code est déjà retiré"
    return None
