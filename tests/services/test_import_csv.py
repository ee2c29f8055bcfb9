"""CSV import through the service, on a real station: all or nothing, every bad line named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ASSISTANT_LOGIN, MANAGER_LOGIN, MANAGER_PASSWORD, SECRETARY_LOGIN

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.records import DossierStatus, PersonInput
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.errors import InvalidInput, NotAllowed
from anaiss_desktop.services.import_csv import (
    AUDIT_ACTION,
    MAX_BYTES,
    NOT_UTF8,
    ImportCancelled,
    ImportService,
    column_key,
    read_import_file,
    sniff_separator,
)
from anaiss_desktop.services.persons import PersonService

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def count(session, table: str) -> int:
    return int(session.db.scalar(f"SELECT count(*) FROM {table}"))


def test_semicolon_file_with_bom_is_imported(manager):
    service = ImportService(manager)
    preview = service.preview(fixture("good_semicolon_bom.csv"), "export.csv")
    assert preview.problems == []
    assert preview.separator == ";"
    assert preview.columns[:3] == ["nom", "nom_naissance", "prenom"]
    assert [r.line for r in preview.rows] == [2, 4, 5, 7]  # an address spans lines 2-3
    assert preview.row_count == 4  # the ";;;;" line left by the spreadsheet is skipped
    dupont, nguyen, lefevre, benali = preview.rows
    assert dupont.person.birth_name == "Martin"
    assert dupont.person.address == "3, rue des Lilas\nBâtiment B"
    assert dupont.motif_code == "LOGEMENT"
    assert nguyen.person.sex == "M"
    assert nguyen.motif_code == "DIFFICULTES_FINANCIERES"  # label, accents ignored
    assert nguyen.status is DossierStatus.DORMANT
    assert lefevre.motif_code == "NR"
    assert lefevre.referent_name == "Claire Responsable"  # no referent: the importing manager
    assert lefevre.opened_on == date(2026, 11, 2)  # no opening date: today
    assert benali.motif_code == "RETOUR_DOMICILE"
    assert benali.status is DossierStatus.CLOSED

    persons_before = count(manager, "persons")
    result = service.run(preview)
    assert (result.persons, result.dossiers) == (4, 4)
    assert count(manager, "persons") == persons_before + 4
    rows = manager.db.query(
        "SELECT p.usage_name, p.birth_date, d.status, d.opened_on, d.status_on, d.closed_on,"
        " a.login, m.code FROM persons p JOIN dossiers d ON d.person_id = p.id"
        " JOIN accounts a ON a.id = d.referent_id JOIN dossier_motifs m ON m.dossier_id = d.id"
        " ORDER BY p.id"
    )
    assert rows == [
        ("Dupont", "1961-04-12", "ouvert", "2025-03-01", "2025-03-01", None, "amartin",
         "LOGEMENT"),
        ("Nguyen", "1978-11-30", "veille", "2024-09-15", "2024-09-15", None, "amartin",
         "DIFFICULTES_FINANCIERES"),
        ("Lefèvre", None, "ouvert", "2026-11-02", "2026-11-02", None, "responsable", "NR"),
        ("Benali", "1990-01-05", "clos", "2023-06-01", "2023-06-01", "2023-06-01",
         "responsable", "RETOUR_DOMICILE"),
    ]
    numbers = [r[0] for r in manager.db.query("SELECT number FROM dossiers ORDER BY id")]
    assert numbers == ["2025-000001", "2024-000001", "2026-000001", "2023-000001"]


def test_comma_file_with_french_dates_is_imported(anne):
    service = ImportService(anne)
    preview = service.preview(fixture("good_comma_fr_dates.csv"))
    assert preview.problems == []
    assert preview.separator == ","
    durand, moreau, haddad = preview.rows
    assert durand.person.birth_date == date(1955, 7, 5)
    assert durand.opened_on == date(2026, 2, 1)
    assert moreau.person.usage_name == "Moreau, épouse Petit"
    assert moreau.person.birth_date == date(1982, 3, 1)
    assert haddad.person.birth_date == date(2000, 2, 29)
    assert haddad.motif_code == "MALADIE_GRAVE"
    assert {r.referent_name for r in preview.rows} == {"Anne Martin"}
    assert service.run(preview).persons == 3
    assert count(anne, "dossiers") == 3
    # The imported persons are found like any other (search keys were written).
    assert PersonService(anne).find_duplicates(PersonInput("Durand", first_names="Paul",
                                                           birth_date=date(1955, 7, 5)))


def test_every_bad_line_is_reported_and_nothing_is_imported(manager):
    service = ImportService(manager)
    preview = service.preview(fixture("bad_rows.csv"))
    found = [(p.line, p.column) for p in preview.problems]
    assert found == [
        (3, "nom"), (4, "date_naissance"), (5, "motif"), (6, "referent"), (7, "sexe"),
        (8, "date_naissance"),
    ]
    texts = preview.problem_lines()
    assert texts[0] == "ligne 3, nom : le nom est obligatoire"
    assert texts[1] == "ligne 4, date_naissance : date « 31/02/2020 » : 31/02/2020 n'existe pas"
    assert "« Astrologie » inconnu" in texts[2]
    assert "aucun compte n'a l'identifiant « inconnu »" in texts[3]
    assert "« X » : F, M ou vide attendu" in texts[4]
    assert "JJ/MM/AAAA" in texts[5]
    assert [r.line for r in preview.rows] == [2]
    before = count(manager, "persons"), count(manager, "dossiers")
    with pytest.raises(InvalidInput) as info:
        service.run(preview)
    assert not preview.denied
    assert "6 problème(s)" in info.value.message
    assert "rien n'a été importé" in info.value.message
    assert (count(manager, "persons"), count(manager, "dossiers")) == before


def test_an_unknown_column_is_named_not_dropped(manager):
    preview = ImportService(manager).preview(fixture("unknown_column.csv"))
    unknown = [p for p in preview.problems if p.column in ("date_naissanse", "ville")]
    assert [p.line for p in unknown] == [1, 1]
    assert "colonne inconnue « date_naissanse » (vouliez-vous dire « date_naissance » ?)" in (
        unknown[0].message
    )
    assert "colonne inconnue « ville »" in unknown[1].message
    assert not preview.ok


def test_header_names_ignore_case_accents_and_spaces():
    assert column_key("Prénom") == "prenom"
    assert column_key(" DATE-NAISSANCE ") == "date_naissance"
    assert column_key("Code postal") == "code_postal"
    assert column_key("Référent") == "referent"
    assert sniff_separator("nom,prenom") == ","
    assert sniff_separator("nom;prenom;adresse, ville") == ";"
    assert sniff_separator("nom") == ";"


def test_structure_problems(manager):
    service = ImportService(manager)
    preview = service.preview(csv_bytes(
        "prenom;date_naissance;nom;nom",
        "Marie;1961-04-12;Dupont;Durand",
    ))
    assert [p.text() for p in preview.problems] == [
        "ligne 1, nom : la colonne « nom » apparaît deux fois",
    ]
    preview = service.preview(csv_bytes("prenom;commune", "Marie;Lille"))
    assert preview.problems[0].text() == "ligne 1, nom : la colonne « nom » est obligatoire"
    preview = service.preview(csv_bytes(
        "nom;commune",
        "Dupont;Lille;59000",
        'Durand;"Lille',
        "Petit;Roubaix",
    ))
    assert preview.problems[0].line == 2
    assert "3 valeurs pour 2 colonnes" in preview.problems[0].message
    assert preview.problems[1].line == 3
    assert "guillemets" in preview.problems[1].message
    preview = service.preview(csv_bytes(
        "nom;statut;date_ouverture;date_statut",
        "Dupont;fermé;;",
        "Durand;clos;2020-05-01;2019-01-01",
        "Petit;clos;2020-05-01;2021-01-31",
    ))
    assert [p.text() for p in preview.problems] == [
        "ligne 2, statut : statut « fermé » : ouvert, en veille, clos ou vide attendu",
        "ligne 3, date_statut : date « 01/01/2019 » antérieure à l'ouverture du dossier "
        "(01/05/2020)",
    ]
    assert preview.rows[0].status_on == date(2021, 1, 31)


def test_unreadable_files_are_refused_with_a_french_message(manager, tmp_path):
    service = ImportService(manager)
    with pytest.raises(InvalidInput) as info:
        service.preview(fixture("latin1.csv"))
    assert info.value.message == NOT_UTF8
    with pytest.raises(InvalidInput) as info:
        service.preview("nom;prenom\n".encode("utf-16"))
    assert info.value.message == NOT_UTF8
    with pytest.raises(InvalidInput) as info:
        service.preview(b"\xef\xbb\xbf\r\n")
    assert "vide" in info.value.message
    with pytest.raises(InvalidInput) as info:
        service.preview(b"nom;prenom\r\n")
    assert "aucune ligne" in info.value.message
    with pytest.raises(InvalidInput) as info:
        service.preview(b"nom\n" + b"x" * MAX_BYTES)
    assert "50 Mo" in info.value.message
    with pytest.raises(InvalidInput) as info:
        service.preview(b"nom\n" + b"a\n" * 200_001)
    assert "200\u202f000 lignes" in info.value.message
    with pytest.raises(InvalidInput) as info:
        read_import_file(tmp_path / "absent.csv")
    assert info.value.message == "Le fichier est introuvable."
    assert read_import_file(FIXTURES / "latin1.csv") == fixture("latin1.csv")


def test_cancel_through_progress_imports_nothing(manager):
    service = ImportService(manager)
    rows = [f"Personne{i};Test;1970-01-01" for i in range(450)]
    preview = service.preview(csv_bytes("nom;prenom;date_naissance", *rows))
    assert preview.ok
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 300

    before = count(manager, "persons"), count(manager, "dossiers"), count(manager, "counters")
    audit_before = len(manager.audit.entries())
    with pytest.raises(ImportCancelled) as info:
        service.run(preview, progress)
    assert info.value.message == "Import annulé : rien n'a été importé."
    assert seen[0] == (0, 450) and seen[-1][0] >= 300
    assert all(total == 450 for _, total in seen)
    assert (count(manager, "persons"), count(manager, "dossiers"),
            count(manager, "counters")) == before
    assert len(manager.audit.entries()) == audit_before
    # Done again to the end, it imports everything and reports the last row.
    seen.clear()
    assert service.run(preview, lambda d, t: seen.append((d, t)) or True).persons == 450
    assert seen[-1] == (450, 450)
    assert count(manager, "persons") == 450


def test_one_audit_entry_with_counts_and_no_names(manager):
    service = ImportService(manager)
    service.run(service.preview(fixture("good_semicolon_bom.csv"), "dupont-marie.csv"))
    entry = manager.audit.recent(1)[0]
    assert entry.action == AUDIT_ACTION == "import.csv"
    assert entry.actor == MANAGER_LOGIN
    assert entry.detail == "4 usager(s) et 4 dossier(s) importés"
    everything = " ".join(f"{e.target} {e.detail}" for e in manager.audit.entries())
    for personal in ("Dupont", "Nguyen", "Lefèvre", "Benali", "Marie", "dupont-marie",
                     "Lilas", "1961"):
        assert personal not in everything
    assert not [e for e in manager.audit.entries() if e.action == "usager.creation"]


def test_social_worker_imports_only_own_dossiers(station, anne):
    service = ImportService(anne)
    preview = service.preview(csv_bytes(
        "nom;referent",
        "Dupont;amartin",
        f"Durand;{MANAGER_LOGIN}",
        "Petit;",
    ))
    assert [(p.line, p.column) for p in preview.problems] == [(3, "referent")]
    assert "vos propres dossiers" in preview.problems[0].message
    assert preview.denied and preview.problems[0].denied
    # A preview made for other referents (by a manager) is refused outright.
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    try:
        handed = ImportService(manager).preview(fixture("good_semicolon_bom.csv"))
    finally:
        manager.close()
    before = count(anne, "persons")
    with pytest.raises(NotAllowed):
        service.run(handed)
    assert count(anne, "persons") == before


def test_who_may_import(manager, secretary):
    with pytest.raises(NotAllowed):
        ImportService(secretary).preview(fixture("good_comma_fr_dates.csv"))
    accounts = AccountService(manager)
    # Referents must be active social workers.
    preview = ImportService(manager).preview(csv_bytes(
        "nom;referent", f"Dupont;{SECRETARY_LOGIN}", "Durand;AMARTIN",
    ))
    assert [p.line for p in preview.problems] == [2]
    assert "ne peut pas être référent" in preview.problems[0].message
    assert preview.rows[0].referent_name == "Anne Martin"  # logins ignore case
    accounts.disable(ASSISTANT_LOGIN)
    with pytest.raises(InvalidInput) as info:
        ImportService(manager).run(preview.__class__(preview.rows, [], preview.columns))
    assert "relancez l'aperçu" in info.value.message
    preview = ImportService(manager).preview(csv_bytes("nom;referent", "Durand;amartin"))
    assert "est désactivé" in preview.problems[0].message


def test_manager_not_social_worker_must_name_referents(station, manager):
    accounts = AccountService(manager)
    boss = accounts.create("direction", "Paul Direction", Role.MANAGER,
                           temporary_password="Tableau-Bleu-Horizon-84")
    manager.set_password(boss, "Tableau-Bleu-Horizon-84", temporary=False)
    session = station.login("direction", "Tableau-Bleu-Horizon-84")
    try:
        preview = ImportService(session).preview(csv_bytes(
            "nom;referent", "Dupont;", "Durand;amartin",
        ))
        assert [(p.line, p.column) for p in preview.problems] == [(2, "referent")]
        assert "votre compte ne peut pas être référent" in preview.problems[0].message
        preview = ImportService(session).preview(csv_bytes("nom;referent", "Durand;amartin"))
        assert ImportService(session).run(preview).dossiers == 1
    finally:
        session.close()


def test_possible_duplicates_are_listed_without_blocking(manager):
    PersonService(manager).create(PersonInput("Dupont", first_names="Marie",
                                              birth_date=date(1961, 4, 12)))
    service = ImportService(manager)
    preview = service.preview(csv_bytes(
        "nom;prenom;date_naissance",
        "Dupond;Marie;12/04/1961",
        "Tartempion;Zoé;1999-09-09",
        "Tartempion;Zoé;09/09/1999",
    ))
    assert preview.ok and preview.duplicates_checked
    assert [(line, c.display_name) for line, c in preview.possible_duplicates] == [
        (2, "DUPONT Marie"),
    ]
    assert preview.file_duplicates == [(4, 3)]
    assert service.run(preview).persons == 3


def test_duplicate_check_is_skipped_for_large_files(manager, monkeypatch):
    monkeypatch.setattr("anaiss_desktop.services.import_csv.DUPLICATE_CHECK_MAX_ROWS", 2)
    PersonService(manager).create(PersonInput("Dupont", first_names="Marie"))
    preview = ImportService(manager).preview(csv_bytes(
        "nom;prenom", "Dupont;Marie", "Durand;Paul", "Petit;Luc",
    ))
    assert not preview.duplicates_checked
    assert preview.possible_duplicates == []
    assert "non faite" in preview.duplicates_note


def test_warnings_do_not_block(manager):
    preview = ImportService(manager).preview(csv_bytes(
        "nom;date_naissance;code_postal;courriel",
        "Dupont;2030-01-01;590;marie@",
    ))
    assert preview.ok
    assert {w.line for w in preview.warnings} == {2}
    assert len(preview.warnings) == 3


def test_duplicate_check_stops_when_it_takes_too_long(manager, monkeypatch):
    monkeypatch.setattr("anaiss_desktop.services.import_csv.DUPLICATE_CHECK_SECONDS", 0.0)
    PersonService(manager).create(PersonInput("Dupont", first_names="Marie"))
    preview = ImportService(manager).preview(csv_bytes(
        "nom;prenom", "Dupont;Marie", "Dupont;Marie", "Petit;Luc",
    ))
    assert not preview.duplicates_checked
    assert [line for line, _ in preview.possible_duplicates] == [2]
    assert "limitée aux 1 premières lignes valides (jusqu'à la ligne 2)" in (
        preview.duplicates_note
    )
    assert preview.ok  # a skipped check never blocks


def test_duplicate_check_waits_for_a_file_without_problems(manager):
    PersonService(manager).create(PersonInput("Dupont", first_names="Marie"))
    preview = ImportService(manager).preview(csv_bytes(
        "nom;prenom;sexe", "Dupont;Marie;F", "Durand;Paul;H",
    ))
    assert not preview.ok
    assert not preview.duplicates_checked and preview.possible_duplicates == []
    assert "quand le fichier n'aura plus de problème" in preview.duplicates_note
