"""Likely duplicates proposed before a person is created, and the keys a repository indexes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.duplicates import (
    DEFAULT_THRESHOLD,
    PersonKey,
    date_key,
    likely_duplicates,
    likeness,
    search_keys,
)

BIRTH = date(1984, 5, 12)


def person(usage="", birth="", first="", born=None, id=None) -> PersonKey:
    return PersonKey(id=id, usage_name=usage, birth_name=birth, first_names=first, birth_date=born)


def test_same_name_first_name_and_birth_date_is_certain():
    a = person("Dupont", "Dupont", "Marie", BIRTH)
    result = likeness(a, person("DUPONT", "dupont", "marie", BIRTH, id=4))
    assert result.score == 1.0
    assert result.reasons == ["même nom de naissance", "même prénom", "même date de naissance"]


def test_accents_case_and_hyphens_do_not_matter():
    a = person("Le Gall-Lefèvre", "", "Jean-Noël", BIRTH)
    b = person("le gall lefevre", "", "JEAN NOEL", BIRTH)
    assert likeness(a, b).score == 1.0


def test_phonetic_names_are_proposed():
    a = person("Dupont", "", "Catherine", BIRTH)
    b = person("Dupond", "", "Katherine", BIRTH)
    result = likeness(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert "nom proche (phonétique)" in result.reasons
    assert "prénom proche (phonétique)" in result.reasons


def test_a_typo_in_the_name_is_proposed():
    typed_before = person("Martineau", "", "Paul", BIRTH)
    result = likeness(typed_before, person("Martinaeu", "", "Paul", BIRTH))
    assert result.score >= DEFAULT_THRESHOLD
    assert "nom proche (orthographe)" in result.reasons


def test_usage_name_matching_the_other_birth_name_counts_marriage():
    married = person("Martin", "Durand", "Sophie", BIRTH)
    before = person("Durand", "", "Sophie", BIRTH)
    result = likeness(married, before)
    assert result.score >= 0.9
    assert result.reasons[0].startswith("nom d'usage de l'un = nom de naissance de l'autre")
    assert likeness(before, married).score == result.score


def test_a_different_birth_date_lowers_the_score_strongly():
    a = person("Martin", "", "Jean", date(1950, 3, 1))
    b = person("Martin", "", "Jean", date(1982, 7, 9))
    result = likeness(a, b)
    assert result.score < 0.4
    assert "dates de naissance différentes" in result.reasons


def test_a_missing_birth_date_is_neutral():
    with_date = person("Martin", "", "Jean", BIRTH)
    without = person("Martin", "", "Jean")
    result = likeness(with_date, without)
    assert result.score == pytest.approx(0.8)
    assert result.score >= DEFAULT_THRESHOLD
    assert not any("date" in reason for reason in result.reasons)
    assert likeness(without, without).score == result.score


@pytest.mark.parametrize(
    ("other", "reason"),
    [
        (date(1984, 12, 5), "date de naissance proche (jour et mois inversés)"),
        (date(1984, 5, 13), "date de naissance proche (un chiffre différent)"),
        (date(1948, 5, 12), "date de naissance proche (deux chiffres inversés)"),
    ],
)
def test_close_birth_dates(other, reason):
    result = likeness(person("Petit", "", "Luc", BIRTH), person("Petit", "", "Luc", other))
    assert reason in result.reasons
    assert 0.9 <= result.score < 1.0


def test_same_name_and_date_with_another_first_name_stays_below_the_threshold():
    # Twins share a family name and a birth date.
    result = likeness(person("Petit", "", "Luc", BIRTH), person("Petit", "", "Paul", BIRTH))
    assert result.score < DEFAULT_THRESHOLD
    assert "prénoms différents" in result.reasons


def test_shared_first_name_among_several():
    result = likeness(person("Petit", "", "Jean-Pierre", BIRTH), person("Petit", "", "Jean", BIRTH))
    assert "prénom en commun" in result.reasons
    assert result.score >= 0.9


def test_name_and_first_name_swapped():
    typed_before = person("Martin", "", "Bernard", BIRTH)
    result = likeness(typed_before, person("Bernard", "", "Martin", BIRTH))
    assert result.reasons[0] == "nom et prénom inversés"
    assert result.score >= DEFAULT_THRESHOLD


def test_same_usage_name_but_unrelated_birth_names_is_not_a_duplicate():
    # Two sisters-in-law: married into the same family.
    a = person("Martin", "Durand", "Claire", None)
    b = person("Martin", "Lebrun", "Claire", None)
    assert likeness(a, b).score < DEFAULT_THRESHOLD


def test_unrelated_people():
    result = likeness(person("Durand", "", "Paul", BIRTH), person("Moreau", "", "Alice", None))
    assert result.score < 0.2


@st.composite
def people(draw):
    names = st.sampled_from(["Dupont", "Dupond", "Martin", "Le Gall", "Lefèvre", "", "Durand"])
    firsts = st.sampled_from(["Marie", "Jean-Pierre", "Catherine", "Katherine", ""])
    born = st.one_of(st.none(), st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 1, 1)))
    return person(draw(names), draw(names), draw(firsts), draw(born))


@given(people(), people())
def test_likeness_is_symmetric_and_bounded(a, b):
    ab, ba = likeness(a, b), likeness(b, a)
    assert 0.0 <= ab.score <= 1.0
    assert ab.score == ba.score


def test_likely_duplicates_best_first_above_threshold_and_not_itself():
    candidate = person("Dupont", "", "Marie", BIRTH, id=7)
    exact = person("Dupont", "", "Marie", BIRTH, id=1)
    phonetic = person("Dupond", "", "Marie", None, id=2)
    homonym = person("Dupont", "", "Marie", date(1931, 1, 1), id=3)
    stranger = person("Moreau", "", "Alice", BIRTH, id=4)
    itself = person("Dupont", "", "Marie", BIRTH, id=7)
    found = likely_duplicates(candidate, [stranger, phonetic, homonym, itself, exact])
    assert [p.id for p, _ in found] == [1, 2]
    assert found[0][1].score >= found[1][1].score
    assert [p.id for p, _ in likely_duplicates(candidate, [homonym], threshold=0.2)] == [3]


def test_search_keys_let_likely_duplicates_meet():
    a = person("Le Gall", "Dupont", "Marie", BIRTH)
    keys = search_keys(a)
    assert {"n:dupon", "n:gal", "n:legal", date_key(BIRTH)} <= keys
    assert "n:le" not in keys  # particles would pre-select everyone
    assert not any("mari" in key for key in keys)  # first names are not blocking keys
    for other in (
        person("Dupond", "", "Marie"),
        person("Legall", "", "M"),
        person("Moreau", "", "Marie", date(1984, 12, 5)),  # day and month swapped
    ):
        assert keys & search_keys(other), other


def test_search_keys_of_an_empty_person():
    assert search_keys(person()) == set()
