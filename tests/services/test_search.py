"""Search as you type (names, dates, numbers) and full-text search, on a real station."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import (
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    OTHER_LOGIN,
    OTHER_PASSWORD,
    SECRETARY_LOGIN,
    SECRETARY_PASSWORD,
)

from anaiss_desktop.domain.records import (
    DossierInput,
    InterventionInput,
    NoteVisibility,
    PersonInput,
)
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.search import (
    MATCH_DATE,
    MATCH_NAME,
    MATCH_NUMBER,
    SearchService,
    parse_query,
)


@pytest.fixture
def people(anne):
    """Four persons, each with a dossier whose referent is Anne: person name → dossier id."""
    persons = PersonService(anne)
    dossiers = DossierService(anne)
    made = {}
    for person, opened in (
        (PersonInput(usage_name="Dupont", birth_name="Martin", first_names="Marie",
                     birth_date=date(1961, 4, 12), sex="F"), date(2026, 10, 1)),
        (PersonInput(usage_name="Dupond", first_names="Marc", birth_date=date(1975, 1, 3),
                     sex="M"), date(2025, 6, 1)),
        (PersonInput(usage_name="Lefèvre", first_names="Jean-Pierre",
                     birth_date=date(1950, 9, 30), sex="M"), date(2026, 2, 1)),
        (PersonInput(usage_name="Le Gall", first_names="Anaïs", sex="F"), date(2026, 3, 1)),
    ):
        person_id = persons.create(person)
        made[person.usage_name] = dossiers.create(person_id, DossierInput(opened_on=opened))
    return made


def _names(hits) -> list[str]:
    return [h.display_name for h in hits]


def test_names_by_prefix_in_any_order(anne, people):
    search = SearchService(anne)
    assert _names(search.search("dup")) == ["DUPOND Marc", "DUPONT Marie (née MARTIN)"]
    assert _names(search.search("marie dup")) == ["DUPONT Marie (née MARTIN)"]
    assert _names(search.search("DUPONT m")) == ["DUPONT Marie (née MARTIN)"]
    assert _names(search.search("ma du")) == ["DUPOND Marc", "DUPONT Marie (née MARTIN)"]
    assert search.search("dupontel") == []
    assert search.search("   ") == []
    hit = search.search("dupont")[0]
    assert hit.matched == MATCH_NAME
    assert hit.birth_date == date(1961, 4, 12)
    assert [d.number for d in hit.dossiers] == ["2026-000001"]


def test_accents_hyphens_and_birth_names(anne, people):
    search = SearchService(anne)
    assert _names(search.search("lefevre jean pierre")) == ["LEFÈVRE Jean-Pierre"]
    assert _names(search.search("LEFÈVRE jean-p")) == ["LEFÈVRE Jean-Pierre"]
    assert _names(search.search("pierre")) == ["LEFÈVRE Jean-Pierre"]
    assert _names(search.search("anais le-gall")) == ["LE GALL Anaïs"]
    assert _names(search.search("gall")) == ["LE GALL Anaïs"]
    # Found by her birth name, shown with it.
    assert _names(search.search("martin")) == ["DUPONT Marie (née MARTIN)"]


def test_birth_dates_in_every_usual_form(anne, people):
    search = SearchService(anne)
    for text in ("12/04/1961", "1961-04-12", "12041961", "12.04.1961", " 12/4/1961 "):
        hits = search.search(text)
        assert _names(hits) == ["DUPONT Marie (née MARTIN)"], text
        assert hits[0].matched == MATCH_DATE
    assert _names(search.search("dupont 12/04/1961")) == ["DUPONT Marie (née MARTIN)"]
    assert search.search("dupond 12/04/1961") == []
    assert search.search("31/02/1961") == []  # no such day: nothing, no error
    # A date being typed leaves the names typed before it in charge.
    assert _names(search.search("dupont 12/04")) == ["DUPONT Marie (née MARTIN)"]
    assert search.search("12/04") == []


def test_dossier_numbers_full_partial_and_bare(anne, people):
    search = SearchService(anne)
    hits = search.search("2026-000001")
    assert _names(hits) == ["DUPONT Marie (née MARTIN)"] and hits[0].matched == MATCH_NUMBER
    assert _names(search.search("2025-1")) == ["DUPOND Marc"]
    assert len(search.search("2026-00000")) == 3  # the numbers typed so far
    # A bare number: this year's first (the clock says 2026), then other years'.
    assert _names(search.search("1")) == ["DUPONT Marie (née MARTIN)", "DUPOND Marc"]
    assert _names(search.search("000003")) == ["LE GALL Anaïs"]
    assert search.search("999") == []
    assert search.search("0") == []


def test_parse_query_reads_what_was_typed():
    assert parse_query("2026-000123", 2026).numbers == ("2026-000123",)
    assert parse_query("123", 2026, (2026, 2024)).numbers == ("2026-000123", "2024-000123")
    assert parse_query("2026-12", 2026).number_prefix == "2026-12"
    query = parse_query("Le Gall 1961-04-12", 2026)
    assert query.tokens == ("le", "gall") and query.birth_date == date(1961, 4, 12)
    assert parse_query("", 2026).empty


def test_everyone_sees_identity_but_only_the_referent_may_open(team, anne, people):
    """"May open": the referent, a manager-social worker, and the secretary (for the
    appointments and letters, without notes or summaries)."""
    assert all(d.can_open for d in SearchService(anne).search("dupont")[0].dossiers)
    for login, password, may_open in (
        (OTHER_LOGIN, OTHER_PASSWORD, False),
        (SECRETARY_LOGIN, SECRETARY_PASSWORD, True),
        (MANAGER_LOGIN, MANAGER_PASSWORD, True),  # a manager who is a social worker
    ):
        session = team.login(login, password)
        try:
            before = len(session.audit.entries())
            hit = SearchService(session).search("dupont marie")[0]
            assert hit.display_name == "DUPONT Marie (née MARTIN)"
            (ref,) = hit.dossiers
            assert (ref.referent_name, ref.can_open) == ("Anne Martin", may_open), login
            assert ref.status.value == "ouvert"
            assert len(session.audit.entries()) == before  # not logged, keystroke by keystroke
        finally:
            session.close()


@pytest.fixture
def written(anne, people):
    """A summary, a dossier note and a personal note in Marie Dupont's dossier."""
    dossiers = DossierService(anne)
    dossier_id = people["Dupont"]
    dossiers.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 5), summary="Demande de logement social déposée",
        notes="Inquiétude forte au sujet du loyer"))
    dossiers.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 12), summary="Appel de suivi",
        notes="Hypothèse personnelle sur la situation", notes_visibility=NoteVisibility.PERSONAL))
    return dossier_id


def test_text_search_finds_summaries_and_notes_for_the_referent(anne, written):
    search = SearchService(anne)
    (hit,) = search.search_text("logement")
    assert (hit.kind, hit.number, hit.on_date) == ("résumé", "2026-000001", date(2026, 10, 5))
    assert hit.person_name == "DUPONT Marie (née MARTIN)"
    assert "[logement]" in hit.snippet
    (note,) = search.search_text("INQUIETUDE loy")  # accents, case, prefixes
    assert note.kind == "note" and "[Inquiétude]" in note.snippet
    assert [h.kind for h in search.search_text("hypothese")] == ["note"]
    assert search.search_text("   ") == []


def test_text_search_respects_access_and_logs_no_words(team, anne, written):
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        for words in ("logement", "inquietude", "hypothese"):
            assert SearchService(louis).search_text(words) == []
    finally:
        louis.close()
    manager = team.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    try:
        search = SearchService(manager)
        assert [h.kind for h in search.search_text("logement")] == ["résumé"]
        assert [h.kind for h in search.search_text("inquietude")] == ["note"]
        assert search.search_text("hypothese") == []  # Anne's personal note
        entry = manager.audit.entries()[-1]
        assert (entry.action, entry.detail) == ("recherche.texte", "0 résultat(s)")
        # Shared with the manager by its author: now readable.
        note_id = manager.db.scalar("SELECT id FROM notes WHERE visibility = 'personnelle'")
        with manager.db.transaction():
            manager.db.execute("INSERT INTO note_shares(note_id, account_id) VALUES (?, ?)",
                               (note_id, manager.account.id))
        assert [h.kind for h in search.search_text("hypothese")] == ["note"]
    finally:
        manager.close()
    SearchService(anne).search_text("loyer")
    entry = anne.audit.entries()[-1]
    assert (entry.action, entry.detail) == ("recherche.texte", "1 résultat(s)")
    logged = " ".join(e.target + " " + e.detail for e in anne.audit.entries())
    for word in ("logement", "loyer", "inquietude", "hypothese", "dupont"):
        assert word not in logged.casefold()
