"""« Exporter les données de la personne » through the service: who may, what goes in (the chosen
notes only, never a colleague's personal note), the PDF and the JSON holding the same data, the
JSON valid against its documented schema, the audit entry without content, and a read-only
drive leaving nothing.

Real stations (conftest ``team``): Anne Martin is the referent, Louis Petit her colleague, Sophie
Bernard the secretary, Claire the manager-social worker; plus a manager who is not a social
worker. The clock is conftest's FakeClock (2026-11-02).
"""

from __future__ import annotations

import io
import json
import os
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    OTHER_LOGIN,
    OTHER_PASSWORD,
    SECRETARY_LOGIN,
    SECRETARY_PASSWORD,
)
from mounts import tmpfs
from pypdf import PdfReader

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.records import (
    AidInput,
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    HouseholdMember,
    InterventionInput,
    Motif,
    NoteVisibility,
    PersonInput,
)
from anaiss_desktop.services.access_info import AccessInfoService
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.drive_write import READ_ONLY, WriteFailed
from anaiss_desktop.services.errors import NotAllowed
from anaiss_desktop.services.letters import LetterService
from anaiss_desktop.services.person_export import (
    AUDIT_ACTION,
    FORMAT,
    PersonExportService,
    file_stem,
)
from anaiss_desktop.services.person_export_pdf import person_export_pdf
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "export-donnees-personne.schema.json"
BOSS_LOGIN, BOSS_PASSWORD = "direction", "Tableau-De-Bord-2026!"
SUMMARY = "Dossier CSS déposé à la caisse."
SECOND_SUMMARY = "Appel pour le relevé de la CAF."
DOSSIER_NOTE = "Fatigue importante, à revoir."
PERSONAL_NOTE = "Impression personnelle à vérifier."
LOUIS_SUMMARY = "Orientation vers le CCAS."
LOUIS_PERSONAL = "Avis de Louis, confidentiel."
LOUIS_DOSSIER_NOTE = "Remarque de Louis pendant la suppléance."
LETTER_BODY = "Corps du courrier à ne pas exporter."
PASSWORDS = {ASSISTANT_LOGIN: ASSISTANT_PASSWORD, OTHER_LOGIN: OTHER_PASSWORD,
             MANAGER_LOGIN: MANAGER_PASSWORD, SECRETARY_LOGIN: SECRETARY_PASSWORD,
             BOSS_LOGIN: BOSS_PASSWORD}


class World:
    def __init__(self, station: Station, clock: Any) -> None:
        self.station = station
        self.clock = clock
        self.ids: dict[str, int] = {}
        self.notes: dict[str, int] = {}

    def login(self, who: str) -> Session:
        return self.station.login(who, PASSWORDS[who])


def _note_id(session: Session, dossier_id: int, body: str) -> int:
    return int(session.db.scalar("SELECT id FROM notes WHERE dossier_id = ? AND body = ?",
                                 (dossier_id, body)))


@pytest.fixture
def world(team: Station, clock) -> World:
    """Odile Vasseur: Anne's dossier (interventions, aids, an appointment, a letter, a dossier
    note and a personal note of Anne's; while Louis covered it, a dossier note and a personal
    note of his shared with Anne) and Louis's own dossier; a manager who is not a social
    worker."""
    w = World(team, clock)
    manager = w.login(MANAGER_LOGIN)
    account = AccountService(manager).create(BOSS_LOGIN, "Bernard Direction", Role.MANAGER,
                                             temporary_password=BOSS_PASSWORD)
    manager.set_password(account, BOSS_PASSWORD, temporary=False)
    manager.close()

    anne = w.login(ASSISTANT_LOGIN)
    w.ids = {a.login: a.id for a in CoverService(anne).colleagues()}
    w.ids[ASSISTANT_LOGIN] = anne.account.id
    person = PersonService(anne).create(PersonInput(
        usage_name="Vasseur", birth_name="Lenoir", first_names="Odile",
        birth_date=date(1961, 4, 12), sex="F", address="3 rue des Lilas", postal_code="59000",
        city="Lille", phone="06 12 34 56 78", email="odile.vasseur@example.org",
        nir="261045935012385", family_code="VEUF",
        household=(HouseholdMember("Vasseur Jules", "petit-fils", date(2010, 6, 1)),),
    ))
    service = DossierService(anne)
    dossier = service.create(person, DossierInput(
        opened_on=date(2026, 10, 1), origin_code="MEDECIN_TRAITANT",
        motifs=(Motif("ACCES_DROITS_SOINS"), Motif("AUTRE", "Isolement")),
        consent_on=date(2026, 10, 1), consent_mode="ORAL", notice_given=True))
    service.add_intervention(dossier, InterventionInput(
        on_date=date(2026, 10, 20), kind_code="ENTRETIEN", duration_min=45, summary=SUMMARY,
        notes=DOSSIER_NOTE, aids=(AidInput("AIDE_FINANCIERE", organisation="CCAS de Lille",
                                           requested_on=date(2026, 10, 20),
                                           amount_cents=15050),)))
    service.add_intervention(dossier, InterventionInput(
        on_date=date(2026, 10, 21), kind_code="TELEPHONE", summary=SECOND_SUMMARY,
        notes=PERSONAL_NOTE, notes_visibility=NoteVisibility.PERSONAL))
    service.add_echeance(dossier, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-20T10:00",
                                                "Point sur le dossier", "Permanence de Lille"))
    LetterService(anne).save(dossier, "proposition_rendez_vous", "Rendez-vous", LETTER_BODY)
    CoverService(anne).designate_on_dossier(dossier, w.ids[OTHER_LOGIN], date(2026, 11, 2),
                                            date(2026, 11, 2))
    anne.close()

    louis = w.login(OTHER_LOGIN)
    DossierService(louis).add_intervention(dossier, InterventionInput(
        on_date=date(2026, 11, 2), kind_code="ENTRETIEN", summary="Visite de Louis.",
        notes=LOUIS_DOSSIER_NOTE))
    DossierService(louis).add_intervention(dossier, InterventionInput(
        on_date=date(2026, 11, 2), kind_code="TELEPHONE", notes=LOUIS_PERSONAL,
        notes_visibility=NoteVisibility.PERSONAL, notes_shared_with=(w.ids[ASSISTANT_LOGIN],)))
    own = DossierService(louis).create(person, DossierInput(opened_on=date(2026, 9, 1)))
    DossierService(louis).add_intervention(own, InterventionInput(
        on_date=date(2026, 9, 15), kind_code="ENTRETIEN", summary=LOUIS_SUMMARY))
    w.notes = {name: _note_id(louis, dossier, body) for name, body in (
        ("dossier", DOSSIER_NOTE), ("personal", PERSONAL_NOTE),
        ("louis_dossier", LOUIS_DOSSIER_NOTE), ("louis_personal", LOUIS_PERSONAL))}
    louis.close()
    w.ids.update(person=person, dossier=dossier, louis_dossier=own)
    clock.advance(days=1)  # Louis's cover is over
    return w


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Extracted text with line breaks and hyphen-free wrapping undone, for `in` checks."""
    return re.sub(r"\s+", " ", text)


# -- a tiny JSON Schema validator: the subset the schema file uses ------------------------------

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def validate(value: Any, schema: dict, root: dict, path: str = "$") -> list[str]:
    """Errors of ``value`` against ``schema`` (type, const, enum, pattern, minimum, required,
    properties, additionalProperties: false, items, anyOf, $ref to #/$defs)."""
    known = {"$schema", "title", "description", "$defs", "type", "const", "enum", "pattern",
             "minimum", "required", "properties", "additionalProperties", "items", "anyOf",
             "$ref"}
    unknown = set(schema) - known
    assert not unknown, f"le validateur de test ne connaît pas {unknown}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return validate(value, root["$defs"][name], root, path)
    errors: list[str] = []
    if "anyOf" in schema:
        if all(validate(value, option, root, path) for option in schema["anyOf"]):
            errors.append(f"{path}: aucune des formes permises")
        return errors
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, n) for n in names):
            return [f"{path}: type {type(value).__name__}, attendu {names}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} au lieu de {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} hors de {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"],
                                                                        value):
        errors.append(f"{path}: {value!r} ne suit pas {schema['pattern']}")
    if "minimum" in schema and isinstance(value, int) and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        errors += [f"{path}: clé manquante {key}" for key in schema.get("required", ())
                   if key not in value]
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            errors += [f"{path}: clé non documentée {key}" for key in value
                       if key not in properties]
        for key, sub in properties.items():
            if key in value:
                errors += validate(value[key], sub, root, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += validate(item, schema["items"], root, f"{path}[{index}]")
    return errors


# -- who may export ---------------------------------------------------------------------------

def test_referent_exports_everything_she_reads_and_only_the_chosen_notes(world: World) -> None:
    anne = world.login(ASSISTANT_LOGIN)
    service = PersonExportService(anne)
    person = world.ids["person"]
    assert service.can_export(person)

    offered = {n.id: n for n in service.notes_for_review(person)}
    assert set(offered) == {world.notes["dossier"], world.notes["personal"],
                            world.notes["louis_dossier"]}  # never Louis's personal note
    mine = offered[world.notes["personal"]]
    assert (mine.author, mine.visibility, mine.first_line) == (
        "Anne Martin", "personnelle", PERSONAL_NOTE)
    assert mine.intervention_on == date(2026, 10, 21)

    review = service.review(person)
    assert review.person_name.startswith("VASSEUR Odile")
    assert len(review.dossiers) == 1 and len(review.left_out) == 1
    assert (review.interventions, review.aids, review.echeances, review.letters,
            review.household) == (4, 1, 1, 1, 1)

    export = service.export(person, [world.notes["dossier"]])
    data = export.data
    assert data["format"] == FORMAT and data["format_version"] == 1
    assert data["personne"]["nom_usage"] == "Vasseur"
    assert data["personne"]["date_naissance"] == "1961-04-12"
    assert data["personne"]["situation_familiale"]["libelle"] == "Veuf / veuve"
    assert data["personne"]["foyer"] == [{"nom": "Vasseur Jules", "lien": "petit-fils",
                                          "date_naissance": "2010-06-01"}]
    (dossier,) = data["dossiers"]
    assert dossier["motifs"][1] == {"code": "AUTRE", "libelle": "Autre (préciser)",
                                    "precision": "Isolement"}
    assert [i["resume"] for i in dossier["interventions"]][-2:] == [SECOND_SUMMARY, SUMMARY]
    assert dossier["aides"][0]["montant_centimes"] == 15050
    assert dossier["echeances"][0]["lieu"] == "Permanence de Lille"
    assert dossier["courriers"][0]["titre"] and "texte" not in dossier["courriers"][0]
    assert [n["texte"] for n in dossier["notes"]] == [DOSSIER_NOTE]
    assert data["dossiers_non_inclus"] == [{"numero": data["dossiers_non_inclus"][0]["numero"],
                                            "referent": "Louis Petit"}]

    text = json.dumps(data, ensure_ascii=False)
    for absent in (PERSONAL_NOTE, LOUIS_PERSONAL, LOUIS_DOSSIER_NOTE, LOUIS_SUMMARY,
                   LETTER_BODY):
        assert absent not in text
    anne.close()


def test_pdf_and_json_hold_the_same_chosen_data(world: World) -> None:
    anne = world.login(ASSISTANT_LOGIN)
    chosen = [world.notes["personal"], world.notes["louis_dossier"]]
    export = PersonExportService(anne).export(world.ids["person"], chosen)
    files = dict(export.files())
    stem = file_stem(world.ids["person"])
    assert list(files) == [f"{stem}.pdf", f"{stem}.json"]
    assert "vasseur" not in stem.lower()
    assert json.loads(files[f"{stem}.json"]) == export.data

    text = flat(pdf_text(files[f"{stem}.pdf"]))
    number = export.data["dossiers"][0]["numero"]
    for present in ("Données personnelles d'Odile VASSEUR", number, SUMMARY, SECOND_SUMMARY,
                    PERSONAL_NOTE, LOUIS_DOSSIER_NOTE, "CCAS de Lille", "150,50 €",
                    "12/04/1961", "20/11/2026 à", "Permanence de Lille", "Vasseur Jules",
                    "article 15", "article 20", "rectification", f"{stem}.json",
                    "Service social régional Nord", "page 1 sur"):
        assert present in text, present
    for absent in (DOSSIER_NOTE, LOUIS_PERSONAL, LOUIS_SUMMARY, LETTER_BODY, "2026-11-20"):
        assert absent not in text, absent
    anne.close()


def test_the_json_follows_its_documented_schema(world: World) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    manager = world.login(MANAGER_LOGIN)  # reads both dossiers
    notes = [n.id for n in PersonExportService(manager).notes_for_review(world.ids["person"])]
    export = PersonExportService(manager).export(world.ids["person"], notes)
    assert len(export.data["dossiers"]) == 2 and export.note_count == 2  # dossier notes
    data = json.loads(export.json_bytes())
    assert validate(data, schema, schema) == []
    # The validator does find what is wrong.
    data["personne"]["surnom"] = "x"
    data["dossiers"][0]["ouvert_le"] = "01/10/2026"
    del data["service"]["nom"]
    assert len(validate(data, schema, schema)) == 3
    # Every key the schema names is explained in the French documentation.
    doc = SCHEMA.with_name("export-donnees-personne.md").read_text(encoding="utf-8")
    keys: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for sub in node.values():
                collect(sub)
        elif isinstance(node, list):
            for sub in node:
                collect(sub)

    collect(schema)
    assert [k for k in sorted(keys) if f"`{k}`" not in doc] == []
    manager.close()


def test_a_colleagues_personal_note_is_never_exported(world: World) -> None:
    anne = world.login(ASSISTANT_LOGIN)
    service = PersonExportService(anne)
    for wrong in (world.notes["louis_personal"], 999_999):
        with pytest.raises(NotAllowed, match="rien n'a été exporté"):
            service.export(world.ids["person"], [world.notes["dossier"], wrong])
    anne.close()


def test_secretary_and_plain_manager_are_refused(world: World) -> None:
    for who in (SECRETARY_LOGIN, BOSS_LOGIN):
        session = world.login(who)
        service = PersonExportService(session)
        assert not service.can_export(world.ids["person"])
        for call in (lambda s=service: s.review(world.ids["person"]),
                     lambda s=service: s.export(world.ids["person"])):
            with pytest.raises(NotAllowed, match="exporte les données"):
                call()
        session.close()


def test_covering_colleague_during_the_cover_only(world: World, tmp_path: Path) -> None:
    anne = world.login(ASSISTANT_LOGIN)
    person = PersonService(anne).create(PersonInput(usage_name="Carpentier", first_names="Lou"))
    dossier = DossierService(anne).create(person, DossierInput(opened_on=date(2026, 10, 1)))
    DossierService(anne).add_intervention(dossier, InterventionInput(
        on_date=date(2026, 10, 2), kind_code="ENTRETIEN", summary="Premier entretien.",
        notes="Note d'Anne."))
    today = anne.today()
    CoverService(anne).designate_on_dossier(dossier, world.ids[OTHER_LOGIN], today,
                                            today + timedelta(days=6))
    anne.close()

    louis = world.login(OTHER_LOGIN)
    service = PersonExportService(louis)
    assert service.can_export(person)
    export = service.export(person, [n.id for n in service.notes_for_review(person)])
    assert [n["texte"] for n in export.data["dossiers"][0]["notes"]] == ["Note d'Anne."]
    folder = tmp_path / "export"
    folder.mkdir()
    service.write(person, [], folder)
    world.clock.advance(days=7)
    assert not service.can_export(person)
    with pytest.raises(NotAllowed):
        service.export(person)
    louis.close()
    # Back from her absence, Anne reads that Louis exported the person's data.
    anne = world.login(ASSISTANT_LOGIN)
    report = AccessInfoService(anne).absence_report()
    actions = {line.action for line in report.lines}
    assert "Données d'une personne exportées (droit d'accès)" in actions
    anne.close()


# -- writing ----------------------------------------------------------------------------------

def test_write_logs_counts_never_content(world: World, tmp_path: Path) -> None:
    anne = world.login(ASSISTANT_LOGIN)
    folder = tmp_path / "export"
    folder.mkdir()
    written = PersonExportService(anne).write(world.ids["person"], [world.notes["dossier"]],
                                              folder)
    stem = file_stem(world.ids["person"])
    assert sorted(p.name for p in folder.iterdir()) == [f"{stem}.json", f"{stem}.pdf"]
    assert [f.path.name for f in written.files] == [f"{stem}.pdf", f"{stem}.json"]
    assert (written.dossiers, written.notes) == (1, 1)
    entry = anne.audit.recent(1)[0]
    number = DossierService(anne).open(world.ids["dossier"]).dossier.number
    assert (entry.actor, entry.action, entry.target) == (
        ASSISTANT_LOGIN, AUDIT_ACTION, f"dossier:{number}")
    assert entry.detail == f"usager #{world.ids['person']} : 1 dossier(s), 1 note(s) incluse(s)"
    assert anne.audit.verify() == []
    logged = "\n".join(f"{e.target} {e.detail}" for e in anne.audit.entries())
    for secret in ("Vasseur", "Odile", DOSSIER_NOTE, SUMMARY):
        assert secret not in logged
    anne.close()


def test_review_and_export_alone_log_nothing(world: World) -> None:
    anne = world.login(ASSISTANT_LOGIN)
    before = len(anne.audit.entries())
    service = PersonExportService(anne)
    service.review(world.ids["person"])
    service.export(world.ids["person"], [world.notes["dossier"]]).files()
    assert len(anne.audit.entries()) == before
    anne.close()


def test_long_texts_and_foreign_characters_still_make_a_pdf(world: World) -> None:
    anne = world.login(ASSISTANT_LOGIN)
    long_summary = " ".join(["Démarche longue et détaillée auprès de la caisse."] * 220)
    DossierService(anne).add_intervention(world.ids["dossier"], InterventionInput(
        on_date=date(2026, 11, 1), kind_code="ENTRETIEN", summary=long_summary,
        notes="Contact 🙂 سلام\n" + "Suite de la note. " * 400))
    note = _note_id(anne, world.ids["dossier"], "Contact 🙂 سلام\n" + ("Suite de la note. " * 400)
                    .strip())
    export = PersonExportService(anne).export(world.ids["person"], [note])
    assert "🙂 سلام" in export.json_bytes().decode("utf-8")
    pdf = person_export_pdf(export.data)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3
    text = flat(pdf_text(pdf))
    assert "Contact ? ????" in text and "remplacés par « ? »" in text
    assert f"page {len(reader.pages)} sur {len(reader.pages)}" in text
    anne.close()


@pytest.fixture
def read_only_drive(tmp_path: Path):
    with tmpfs(tmp_path / "cle", "ro,size=1m") as folder:
        yield folder


def test_read_only_drive_leaves_nothing_and_logs_nothing(world: World,
                                                         read_only_drive: Path) -> None:
    anne = world.login(ASSISTANT_LOGIN)
    before = len(anne.audit.entries())
    with pytest.raises(WriteFailed) as raised:
        PersonExportService(anne).write(world.ids["person"], [], read_only_drive)
    assert raised.value.message == READ_ONLY
    assert os.listdir(read_only_drive) == []
    assert len(anne.audit.entries()) == before
    anne.close()
