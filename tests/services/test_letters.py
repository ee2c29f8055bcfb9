"""Form letters through the services (issue 5): the shipped templates, filling, the sandbox,
the consent rule, the PDF (read back with pypdf), keeping, the manager's templates, bad input.

Real stations (conftest ``team``: the manager-social worker Claire, the assistants Anne Martin
and Louis Petit, the secretary Sophie Bernard); the clock is conftest's FakeClock (2026-11-02).
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from anaiss_desktop.domain.letters import KNOWN_FIELDS, parse_template
from anaiss_desktop.domain.records import (
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    PersonInput,
)
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import NotAllowed
from anaiss_desktop.services.letter_render import Group, LetterProblem, check_source, render
from anaiss_desktop.services.letters import (
    LetterService,
    LetterTemplateService,
    shipped_sources,
)
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

SHIPPED = ("attestation_suivi_social", "demande_aide_financiere", "fin_accompagnement",
           "liaison_partenaire", "notice_information", "proposition_rendez_vous",
           "relance_rendez_vous_manque")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def dossier_id(anne: Session) -> int:
    person_id = PersonService(anne).create(PersonInput(
        usage_name="Dupont", first_names="Marie", sex="F", birth_date=date(1961, 4, 12),
        address="3 rue des Lilas", postal_code="59000", city="Lille"))
    service = DossierService(anne)
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    service.add_echeance(dossier_id, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-10T14:30",
                                                   "Bilan", "au service"))
    return dossier_id


# -- the shipped templates ----------------------------------------------------------------------
def test_every_shipped_template_reads_and_checks():
    sources = shipped_sources()
    assert sorted(sources) == sorted(SHIPPED)
    for key, source in sources.items():
        template, problems = check_source(key, source)
        assert template is not None and problems == [], key
        assert set(template.fields) <= set(KNOWN_FIELDS), key


def test_a_new_station_holds_the_shipped_templates(anne):
    titles = {e.template.key: e.template.title for e in LetterTemplateService(anne).templates()}
    assert set(titles) == set(SHIPPED)
    assert titles["proposition_rendez_vous"] == "Proposition de rendez-vous"


# -- filling ----------------------------------------------------------------------------------
def test_the_appointment_letter_is_filled_with_the_dossier(anne, dossier_id):
    letter = LetterService(anne).prepare(dossier_id, "proposition_rendez_vous")
    assert letter.body.startswith("Madame,")
    assert "mardi 10 novembre 2026" in letter.body and "14 h 30" in letter.body
    assert letter.recipient == ("Madame Marie DUPONT", "3 rue des Lilas", "59000 LILLE")
    assert letter.warnings == ()


def test_a_missing_appointment_is_named_before_any_letter(anne):
    person_id = PersonService(anne).create(PersonInput(usage_name="Sans", first_names="Rdv"))
    dossier_id = DossierService(anne).create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    with pytest.raises(LetterProblem, match="« rdv.date » n'a pas de valeur : aucun rendez-vous"):
        LetterService(anne).prepare(dossier_id, "proposition_rendez_vous")
    letter = LetterService(anne).prepare(dossier_id, "attestation_suivi_social")
    assert "Rdv SANS" in letter.body  # no sex recorded: no civility, no "Madame, Monsieur Rdv"
    assert "né(e) le" not in letter.body  # no birth date: the phrase is left out
    assert letter.warnings  # the address block will be incomplete: said, not blocking


def test_free_fields_are_typed_in_the_preview(anne, dossier_id):
    service = LetterService(anne)
    bare = service.prepare(dossier_id, "proposition_rendez_vous")
    filled = service.prepare(dossier_id, "proposition_rendez_vous",
                             {"documents": "votre dernier avis d'imposition"})
    assert "avis d'imposition" not in bare.body and "avis d'imposition" in filled.body


def test_the_liaison_letter_needs_the_persons_consent(anne, dossier_id):
    service = LetterService(anne)
    assert "liaison_partenaire" not in {c.key for c in service.choices(dossier_id)}
    with pytest.raises(NotAllowed, match="accord de la personne"):
        service.prepare(dossier_id, "liaison_partenaire", {"partenaire": "CCAS"})
    dossier = DossierService(anne).open(dossier_id).dossier
    DossierService(anne).update(dossier_id, DossierInput(
        opened_on=dossier.opened_on, consent_on=date(2026, 10, 1), consent_share=True))
    assert "liaison_partenaire" in {c.key for c in service.choices(dossier_id)}
    letter = service.prepare(dossier_id, "liaison_partenaire",
                             {"partenaire": "CCAS de Lille", "objet_liaison": "Un rendez-vous."})
    assert "CCAS de Lille" in letter.body


# -- the PDF ----------------------------------------------------------------------------------
def test_the_pdf_holds_the_letter_as_a_person_reads_it(anne, dossier_id):
    service = LetterService(anne)
    letter = service.prepare(dossier_id, "proposition_rendez_vous")
    body = letter.body.replace("Madame,", "Madame,\n\nMerci pour votre appel de ce matin.", 1)
    pdf = service.preview(dossier_id, letter.key, letter.subject, body)
    text = pdf_text(pdf)
    for expected in ("Service social", "Madame Marie DUPONT", "3 rue des Lilas", "59000 LILLE",
                     "le 2 novembre 2026", "Objet : Proposition de rendez-vous",
                     "Merci pour votre appel de ce matin.", "Anne Martin"):
        assert expected in text, expected


def test_a_letter_is_kept_in_the_dossier_and_logged(anne, dossier_id):
    service = LetterService(anne)
    letter = service.prepare(dossier_id, "fin_accompagnement")
    letter_id, pdf = service.save(dossier_id, letter.key, letter.subject, letter.body)
    [kept] = service.letters(dossier_id)
    assert (kept.id, kept.title, kept.author) == (letter_id, "Fin d'accompagnement", "Anne Martin")
    assert service.pdf(letter_id) == pdf
    service.record(letter_id, "impression")
    actions = [e.action for e in anne.audit.entries()]
    assert actions[-3:] == ["courrier.creation", "courrier.consultation", "courrier.impression"]
    assert all("Dupont" not in e.detail and "DUPONT" not in e.detail for e in anne.audit.entries())
    view = DossierService(anne).open(dossier_id, again=True)
    assert [(i.kind, i.title) for i in view.timeline({"courrier"})] == [
        ("courrier", "Courrier : Fin d'accompagnement")]


@pytest.mark.parametrize("text", [
    "{{ personne.nom }} {% if x %} reste du texte tel quel",  # template syntax typed: literal
    "Un mot très long " + "A" * 2000,
    "Ligne\u00a0avec espace insécable et guillemets « » et tirets — –",
    "\n\n".join(f"Paragraphe {n} : " + "texte suivi " * 40 for n in range(60)),  # ~5 pages
])
def test_odd_text_gives_a_correct_pdf(anne, dossier_id, text):
    pdf = LetterService(anne).preview(dossier_id, "fin_accompagnement", "Objet", text)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    assert text.split()[0] in pdf_text(pdf)


@pytest.mark.parametrize(("text", "named"), [
    ("Merci 😀", "😀 (symbole ou émoji)"),
    ("Nom : مريم", "écriture arabe"),
    ("Nom : דוד", "écriture hébraïque"),
])
def test_characters_the_pdf_cannot_show_are_named(anne, dossier_id, text, named):
    with pytest.raises(LetterProblem, match="ne peut pas reproduire") as caught:
        LetterService(anne).save(dossier_id, "fin_accompagnement", "Objet", text)
    assert named in caught.value.message
    assert LetterService(anne).letters(dossier_id) == []  # nothing half-kept


def test_an_empty_address_gives_a_letter_all_the_same(anne):
    person_id = PersonService(anne).create(PersonInput(usage_name="Nomade"))
    dossier_id = DossierService(anne).create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    service = LetterService(anne)
    letter = service.prepare(dossier_id, "fin_accompagnement")
    assert letter.recipient == ("NOMADE",)
    assert "NOMADE" in pdf_text(service.preview(dossier_id, letter.key, letter.subject,
                                                letter.body))


# -- who may -----------------------------------------------------------------------------------
def test_the_secretary_writes_letters_signed_by_the_referent(secretary, dossier_id):
    service = LetterService(secretary)
    letter = service.prepare(dossier_id, "proposition_rendez_vous")
    letter_id, pdf = service.save(dossier_id, letter.key, letter.subject, letter.body)
    assert "Anne Martin" in pdf_text(pdf) and "Sophie Bernard" not in pdf_text(pdf)


def test_a_colleague_who_does_not_follow_the_dossier_gets_no_letter(louis, dossier_id):
    with pytest.raises(NotAllowed):
        LetterService(louis).prepare(dossier_id, "proposition_rendez_vous")
    with pytest.raises(NotAllowed):
        LetterService(louis).choices(dossier_id)


# -- the sandbox -------------------------------------------------------------------------------
ESCAPES = [
    "{{ personne.__class__.__mro__ }}",
    "{{ personne.nom.__class__.__base__.__subclasses__() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ personne.items() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{{ range(10**9)|list }}",
]


@pytest.mark.parametrize("body", ESCAPES)
def test_template_code_cannot_reach_python(body):
    template = parse_template("t", f"titre: T\nobjet: O\nchamps: personne.nom\n---\n{body}")
    context = {"personne": Group("personne", {"nom": "DUPONT"})}
    with pytest.raises(LetterProblem) as caught:
        render(template, context)
    assert "Traceback" not in caught.value.message and "<" not in caught.value.message


def test_a_syntax_error_is_refused_with_its_line(manager):
    source = ("titre: Essai\nobjet: Essai\nchamps: personne.nom\n---\nBonjour,\n\n"
              "{{ personne.nom \n")
    problems = LetterTemplateService.check("essai", source)
    assert problems and problems[0].startswith("Ligne 7 :")
    with pytest.raises(LetterProblem, match="Ligne 7"):
        LetterTemplateService(manager).save("essai", source)


def test_unknown_or_undeclared_fields_are_named(manager):
    source = "titre: E\nobjet: E\nchamps: personne.nom, personne.age\n---\n{{ referent.nom }}"
    problems = LetterTemplateService.check("e", source)
    assert "Champ inconnu dans « champs » : personne.age." in problems
    assert any("« referent.nom » est utilisé mais pas déclaré" in p for p in problems)


# -- the manager's templates -------------------------------------------------------------------
def test_the_manager_adds_duplicates_and_retires_templates(manager, anne, dossier_id):
    templates = LetterTemplateService(manager)
    templates.save("mot_simple", "titre: Mot simple\nobjet: Un mot\nchamps: personne.civilite\n"
                                 "---\n{{ personne.civilite }},\n\nUn mot.")
    templates.duplicate("mot_simple", "mot_simple_bis")
    assert templates.get("mot_simple_bis").template.title == "Mot simple (copie)"
    letter = LetterService(anne).prepare(dossier_id, "mot_simple")
    letter_id, _ = LetterService(anne).save(dossier_id, "mot_simple", letter.subject, letter.body)
    templates.set_retired("mot_simple", True)
    assert "mot_simple" not in {c.key for c in LetterService(anne).choices(dossier_id)}
    [kept] = LetterService(anne).letters(dossier_id)  # the letter made with it stays readable
    assert kept.title == "Mot simple" and LetterService(anne).pdf(letter_id)
    with pytest.raises(NotAllowed):
        LetterTemplateService(anne).save("x_y", "titre: X\nobjet: X\nchamps: aujourdhui\n---\nX")
    assert "Un mot." in templates.preview_text(templates.get("mot_simple_bis").source)


def test_the_information_notice_has_headings_not_markup(anne, dossier_id):
    service = LetterService(anne)
    letter = service.prepare(dossier_id, "notice_information")
    text = pdf_text(service.preview(dossier_id, letter.key, letter.subject, letter.body))
    assert "Vos droits" in text and "## " not in text
    assert "CNIL" in text and "deux ans" in text


def test_a_batch_for_a_day_uses_that_day_s_appointment(anne, dossier_id):
    DossierService(anne).add_echeance(dossier_id, EcheanceInput(
        EcheanceKind.APPOINTMENT, "2026-11-03T09:00", "Avant", "au service"))
    service = LetterService(anne)
    assert "mardi 3 novembre" in service.prepare(dossier_id, "proposition_rendez_vous").body
    result = service.batch([dossier_id], "proposition_rendez_vous",
                           appointment_on=date(2026, 11, 10))
    assert result.problems == [] and "mardi 10 novembre" in pdf_text(result.files[0][1])
    assert result.files[0][0].startswith("courriers-proposition_rendez_vous-20261102-")
    none = service.batch([dossier_id], "proposition_rendez_vous",
                         appointment_on=date(2026, 11, 12))
    assert none.letter_ids == [] and "jeudi" not in none.problems[0][1]
    assert "aucun rendez-vous n'est noté le 12 novembre 2026" in none.problems[0][1]
