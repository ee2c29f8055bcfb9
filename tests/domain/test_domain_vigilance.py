"""The vigilance hint: sensitive wording found where it was typed, with a neutral suggestion."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.vigilance import (
    CATEGORIES,
    DEFAULT_SUGGESTION,
    LEXICON_FILE,
    load_lexicon,
)
from anaiss_desktop.paths import resource

SMALL = """
# a comment
alcoolique | santé | décrire un fait observé
sans-papiers | nationalité / origine | « personne sans titre de séjour »
casier judiciaire | infractions | ne l'écrire que si nécessaire
casier | infractions | autre entrée, plus courte
délinquant | infractions |
"""


@pytest.fixture(scope="module")
def shipped():
    return load_lexicon(resource(LEXICON_FILE).read_text(encoding="utf-8"))


def spans(lexicon, text):
    return [(text[h.start:h.end], h.category) for h in lexicon.find(text)]


def test_finds_whole_words_accent_and_case_insensitively():
    lexicon = load_lexicon(SMALL)
    text = "Mr dit être ALCOOLIQUE ; pas « alcooliquement »."
    hints = lexicon.find(text)
    assert len(hints) == 1
    hint = hints[0]
    assert text[hint.start:hint.end] == hint.matched == "ALCOOLIQUE"
    assert (hint.category, hint.suggestion, hint.term) == (
        "santé", "décrire un fait observé", "alcoolique",
    )


@pytest.mark.parametrize(
    "typed", ["sans-papiers", "Sans Papiers", "SANS‑PAPIER", "sans   papiers", "sans_papiers"]
)
def test_expressions_ignore_hyphens_and_spacing(typed):
    lexicon = load_lexicon(SMALL)
    text = f"Personne {typed}, hébergée."
    assert spans(lexicon, text) == [(typed, "nationalité / origine")]


@pytest.mark.parametrize("typed", ["délinquante", "délinquants", "Délinquantes", "delinquant"])
def test_simple_plural_and_feminine_variants(typed):
    assert spans(load_lexicon(SMALL), f"un {typed}.") == [(typed, "infractions")]


def test_longest_expression_wins_and_offsets_follow_the_original_text():
    lexicon = load_lexicon(SMALL)
    text = "Œuvre : a un Casiers   Judiciaires, et un casier."
    hints = lexicon.find(text)
    assert [(h.matched, h.term) for h in hints] == [
        ("Casiers   Judiciaires", "casier judiciaire"),
        ("casier", "casier"),
    ]
    for hint in hints:
        assert text[hint.start:hint.end] == hint.matched


def test_offsets_survive_ligatures_and_decomposed_accents():
    lexicon = load_lexicon("éthylique | santé | x\nsœur | jugement | y")
    text = "Straße, Œdipe, la sœur e\u0301thylique."
    hints = lexicon.find(text)
    assert [h.matched for h in hints] == ["sœur", "e\u0301thylique"]
    assert [text[h.start:h.end] for h in hints] == ["sœur", "e\u0301thylique"]


def test_empty_suggestion_gets_a_general_advice():
    hint = load_lexicon(SMALL).find("délinquant")[0]
    assert hint.suggestion == DEFAULT_SUGGESTION


def test_malformed_lines_are_reported_not_fatal():
    lexicon = load_lexicon(
        "alcoolique\n | santé | x\nfou | | y\nalcoolique | santé | z\nsdf | x\nALCOOLIQUE | a | b"
    )
    assert [e.term for e in lexicon.entries] == ["alcoolique", "sdf"]
    assert lexicon.entries[1].suggestion == DEFAULT_SUGGESTION
    assert len(lexicon.problems) == 4
    assert lexicon.problems[0].startswith("ligne 1 : ")
    assert lexicon.problems[1] == "ligne 2 : le mot ou l'expression est vide"
    assert lexicon.problems[2] == "ligne 3 : la catégorie est vide"
    assert lexicon.problems[3] == "ligne 6 : « ALCOOLIQUE » figure déjà plus haut"


def test_an_empty_lexicon_finds_nothing():
    assert load_lexicon("").find("alcoolique") == []
    assert load_lexicon(SMALL).find("") == []


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_offsets_always_point_into_the_original_text(text):
    lexicon = load_lexicon(SMALL)
    for hint in lexicon.find(text + " alcoolique " + text):
        assert 0 <= hint.start < hint.end
        assert (text + " alcoolique " + text)[hint.start:hint.end] == hint.matched


def test_shipped_lexicon_loads_cleanly(shipped):
    assert shipped.problems == ()
    assert len(shipped.entries) >= 60
    assert {e.category for e in shipped.entries} == set(CATEGORIES)
    assert all(e.suggestion for e in shipped.entries)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monsieur se dit alcoolique depuis 10 ans.", [("alcoolique", "santé")]),
        ("Elle est schizophrène et dépressive.", [("schizophrène", "santé"),
                                                  ("dépressive", "santé")]),
        ("Famille de sans-papiers.", [("sans-papiers", "nationalité / origine")]),
        ("Mme est musulmane.", [("musulmane", "religion")]),
        ("Des délinquants ; un casier judiciaire chargé.", [
            ("délinquants", "infractions"), ("casier judiciaire", "infractions"),
        ]),
        ("Un fainéant, un profiteur, une manipulatrice.", [
            ("fainéant", "jugement"), ("profiteur", "jugement"), ("manipulatrice", "jugement"),
        ]),
        ("Mme dit subir des violences conjugales.", []),  # naming violence is not a judgement
        ("Dossier AAH : allocation aux adultes handicapés.", []),
        ("Il a assisté à la réunion.", []),
    ],
)
def test_shipped_lexicon_examples(shipped, text, expected):
    assert spans(shipped, text) == expected


def test_finding_logs_nothing(shipped, caplog):
    with caplog.at_level(logging.DEBUG):
        shipped.find("Monsieur Dupont, alcoolique, sans-papiers.")
    assert caplog.records == []


def test_suggestions_are_neutral(shipped):
    # The suggestions are shown to professionals and must not themselves be flagged.
    for entry in shipped.entries:
        flagged = [h.term for h in shipped.find(entry.suggestion)]
        assert flagged == [], (entry.term, flagged)
