"""Coded lists: always Non renseigné and Autre, codes never reused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from anaiss_desktop.domain.codes import (
    CODE_PATTERN,
    DEFAULT_CODES,
    LISTS,
    NOT_PROVIDED,
    OTHER,
    Code,
    can_retire,
    codes_of,
    ensure_system_codes,
    label_of,
    validate_new_code,
)


def test_every_list_has_a_french_title_and_default_codes_with_nr_and_other():
    assert LISTS["motif"] == "Motifs d'intervention"
    assert LISTS["origine"] == "Origine de la demande"
    assert LISTS["motif_cloture"] == "Motifs de clôture"
    for list_name in LISTS:
        codes = codes_of(list_name, DEFAULT_CODES)
        assert len(codes) >= 5, list_name
        by_code = {c.code: c for c in codes}
        assert by_code[NOT_PROVIDED].label == "Non renseigné"
        assert by_code[OTHER].label == "Autre (préciser)"
        assert by_code[NOT_PROVIDED].system and by_code[OTHER].system
        assert [c.code for c in codes][-2:] == [NOT_PROVIDED, OTHER]


def test_default_codes_are_well_formed_and_unique():
    seen = set()
    for code in DEFAULT_CODES:
        assert code.list_name in LISTS
        assert CODE_PATTERN.match(code.code), code
        assert code.code.isascii()
        assert code.label.strip()
        assert (code.list_name, code.code) not in seen
        seen.add((code.list_name, code.code))
        assert validate_new_code(code.list_name, code.code + "_2", code.label + " bis", []) == []


def test_default_typology_covers_a_health_insurance_social_service():
    labels = {c.label for c in codes_of("motif", DEFAULT_CODES)}
    assert {
        "Accès aux droits et aux soins",
        "Prévention de la désinsertion professionnelle",
        "Retour à domicile après hospitalisation",
        "Perte d'autonomie / vieillissement",
        "Maladie grave ou chronique",
        "Difficultés financières",
        "Logement",
        "Situation familiale",
    } <= labels
    outcomes = [c.label for c in codes_of("issue_aide", DEFAULT_CODES)]
    assert outcomes[:4] == ["En cours", "Accordée", "Refusée", "Abandonnée"]
    kinds = {c.label for c in codes_of("type_intervention", DEFAULT_CODES)}
    assert {
        "Entretien", "Visite à domicile", "Téléphone", "Courrier", "Réunion partenaire",
    } <= kinds


def test_a_well_formed_new_code_is_accepted():
    assert validate_new_code("motif", "SURENDETTEMENT", "Surendettement", DEFAULT_CODES) == []


@pytest.mark.parametrize("code", ["", "A", "ménage", "avec espace", "X" * 31, "ACCÈS", "abc"])
def test_code_format(code):
    problems = validate_new_code("motif", code, "Un libellé", DEFAULT_CODES)
    assert problems == [
        "Le code compte 2 à 30 caractères : lettres majuscules sans accent, chiffres ou _"
    ]


def test_a_code_is_never_reused_even_retired():
    retired = Code("motif", "ANCIEN", "Ancien motif", retired=True)
    problems = validate_new_code("motif", "ANCIEN", "Nouveau motif", [*DEFAULT_CODES, retired])
    assert problems == [
        "Le code ANCIEN existe déjà (retiré) : "
        "un code n'est jamais réutilisé, choisissez-en un autre"
    ]
    assert validate_new_code("motif", "LOGEMENT", "Habitat", DEFAULT_CODES) == [
        "Le code LOGEMENT existe déjà : un code n'est jamais réutilisé, choisissez-en un autre"
    ]
    # The same code in another list is another code.
    assert validate_new_code("origine", "ANCIEN", "Ancienne origine", [retired]) == []


def test_label_required_and_not_duplicating_an_active_one():
    assert validate_new_code("motif", "VIDE", "   ", DEFAULT_CODES) == [
        "Le libellé est obligatoire"
    ]
    assert validate_new_code("motif", "LOGT2", " logement ", DEFAULT_CODES) == [
        "Le libellé « logement » existe déjà dans cette liste"
    ]
    retired = Code("motif", "VIEUX", "Vieux motif", retired=True)
    assert validate_new_code("motif", "VIEUX_2", "Vieux motif", [retired]) == []
    assert validate_new_code("motif", "LONG", "x" * 121, []) == [
        "Le libellé dépasse 120 caractères"
    ]


def test_unknown_list():
    assert validate_new_code("couleur", "ROUGE", "Rouge", []) == ["Liste inconnue : couleur"]


def test_system_codes_cannot_be_retired():
    nr = next(c for c in DEFAULT_CODES if c.code == NOT_PROVIDED)
    other = next(c for c in DEFAULT_CODES if c.code == OTHER)
    assert "ne peuvent pas être retirés" in can_retire(nr)
    assert "ne peuvent pas être retirés" in can_retire(other)
    housing = next(c for c in DEFAULT_CODES if c.code == "LOGEMENT")
    assert can_retire(housing) is None
    assert can_retire(replace(housing, retired=True)) == "Ce code est déjà retiré"


def test_ensure_system_codes_adds_missing_and_restores_retired():
    codes = [
        Code("motif", "LOGEMENT", "Logement"),
        Code("motif", "NR", "Non renseigné", retired=True),
        Code("origine", "ENTOURAGE", "Entourage"),
    ]
    result = ensure_system_codes(codes)
    for list_name in LISTS:
        present = {c.code: c for c in result if c.list_name == list_name}
        assert present[NOT_PROVIDED].system and not present[NOT_PROVIDED].retired
        assert present[OTHER].system and not present[OTHER].retired
    assert [c.code for c in result[:3]] == ["LOGEMENT", "NR", "AUTRE"]
    assert ensure_system_codes(result) == result
    assert ensure_system_codes(DEFAULT_CODES) == list(DEFAULT_CODES)


def test_label_of():
    assert label_of("motif", "LOGEMENT", DEFAULT_CODES) == "Logement"
    assert label_of("motif", "INCONNU", DEFAULT_CODES) == "INCONNU"
