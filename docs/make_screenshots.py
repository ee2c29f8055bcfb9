"""Regenerate the screenshots shown in the README, offscreen, on a demonstration station.

    python docs/make_screenshots.py

Every picture comes from the real widgets on a real (throwaway) SQLCipher station, so the
README shows what a user sees today. Nothing is retouched by hand.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from anaiss_desktop.app import _apply_stylesheet, _install_translations  # noqa: E402
from anaiss_desktop.domain.accounts import Role  # noqa: E402
from anaiss_desktop.domain.records import (  # noqa: E402
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    PersonInput,
)
from anaiss_desktop.gui.admin import AdminDialog  # noqa: E402
from anaiss_desktop.gui.login_dialog import LoginDialog  # noqa: E402
from anaiss_desktop.gui.main_window import MainWindow  # noqa: E402
from anaiss_desktop.gui.prompts import RecordingPrompts  # noqa: E402
from anaiss_desktop.gui.setup_wizard import SetupWizard  # noqa: E402
from anaiss_desktop.gui.workers import TaskRunner  # noqa: E402
from anaiss_desktop.security.keyslots import generate_recovery_key  # noqa: E402
from anaiss_desktop.services.accounts import AccountService  # noqa: E402
from anaiss_desktop.services.covers import CoverService  # noqa: E402
from anaiss_desktop.services.demo import (  # noqa: E402
    DEMO_ACCOUNTS,
    DEMO_KDF,
    DEMO_SERVICE,
    create_demo_station,
)
from anaiss_desktop.services.dossiers import DossierService  # noqa: E402
from anaiss_desktop.services.errors import ServiceError  # noqa: E402
from anaiss_desktop.services.letters import LetterService  # noqa: E402
from anaiss_desktop.services.persons import PersonService  # noqa: E402
from anaiss_desktop.services.recovery_sheet import recovery_sheet_pdf  # noqa: E402
from anaiss_desktop.services.session import Session  # noqa: E402
from anaiss_desktop.services.station import Station  # noqa: E402


def _save(widget: QWidget, name: str) -> None:
    widget.show()
    QApplication.processEvents()
    path = DOCS / name
    widget.grab().save(str(path))
    print(f"docs/{name}")


def _wizard_recovery_page(tmp: Path, runner: TaskRunner) -> None:
    wizard = SetupWizard(tmp / "nouvelle", runner, RecordingPrompts(), kdf_params=DEMO_KDF)
    wizard.resize(760, 600)
    wizard.show()
    wizard.next()
    wizard.service_page.service_name_edit.setText("Service social de l'Assurance Maladie")
    wizard.service_page.address_edit.setPlainText("1 place de la République\n59000 Lille")
    wizard.next()
    page = wizard.account_page
    page.login_edit.setText("cdubois")
    page.full_name_edit.setText("Claire Dubois")
    page.password_edit.setText("Dubois2026")  # what the live feedback says to a weak choice
    _save(wizard, "assistant-premier-compte.png")
    page.password_edit.setText("Pilotage-Unite-2026!")
    page.confirm_edit.setText("Pilotage-Unite-2026!")
    wizard.next()
    wizard.next()  # creates the station, then shows its recovery key
    _save(wizard, "assistant-cle-de-secours.png")
    wizard.close()


def _recovery_sheet() -> None:
    """The printable sheet, rendered by pdftoppm (poppler-utils) when it is installed."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm absent : docs/cle-de-secours-pdf.png non régénérée")
        return
    pdf = recovery_sheet_pdf(
        generate_recovery_key(), DEMO_SERVICE, datetime(2026, 11, 2, 9, 30)
    )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sheet.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", str(source),
             str(DOCS / "cle-de-secours-pdf")],
            check=True,
        )
    print("docs/cle-de-secours-pdf.png")


# Example values for the free fields of the shipped letters (what a social worker would type).
LETTER_EXAMPLES = {
    "documents": "votre dernier avis d'imposition et une attestation de la CAF",
    "motif": "dossier de demande de logement social",
    "partenaire": "CCAS de Lille",
    "contact": "Mme Leroy, conseillère",
    "objet_liaison": "Pourriez-vous étudier une aide pour les frais de chauffage de cet hiver ?",
    "organisme": "Fonds de solidarité logement du Nord",
    "montant": "450 €",
    "objet_aide": "la facture d'énergie de novembre",
    "situation": "Les revenus du foyer ont baissé depuis l'arrêt de travail de septembre.",
}


def _letters(station: Station) -> None:
    """Every shipped letter as a person receives it, page 1 (and 2 when there is one),
    rendered by pdftoppm into docs/letters/."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm absent : docs/letters/ non régénéré")
        return
    worker = DEMO_ACCOUNTS[1]
    session = station.login(worker.login, worker.password)
    try:
        dossiers = DossierService(session)
        people = PersonService(session)
        person_id = people.create(PersonInput(
            usage_name="Dupont", first_names="Marie", sex="F", birth_date=date(1961, 4, 12),
            address="3 rue des Lilas", postal_code="59000", city="Lille"))
        dossier_id = dossiers.create(person_id, DossierInput(
            opened_on=date(2026, 10, 1), consent_on=date(2026, 10, 1), consent_mode="ORAL",
            notice_given=True, consent_share=True))
        day = session.today() + timedelta(days=7)
        dossiers.add_echeance(dossier_id, EcheanceInput(
            EcheanceKind.APPOINTMENT, f"{day.isoformat()}T14:30", "Bilan", "au service"))
        # The letter dialog as the social worker uses it: the text filled in, the preview.
        window = MainWindow(session, RecordingPrompts(), runner=TaskRunner(synchronous=True))
        window.resize(1100, 700)
        window.show()
        window.open_dossier(dossier_id)
        _wait(lambda: False, 0.3)
        dialog = window.dossier_tab(dossier_id).open_letter()
        dialog.resize(1150, 720)
        dialog.choose("proposition_rendez_vous")
        dialog.preview()
        _wait(lambda: False, 0.8)
        dialog.grab()  # offscreen, the PDF view paints its pages after a first paint
        _wait(lambda: False, 0.5)
        _save(dialog, "courrier-apercu.png")
        dialog.reject()
        window.close_for_controller()

        letters = LetterService(session)
        folder = DOCS / "letters"
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        with tempfile.TemporaryDirectory() as tmp:
            for choice in letters.choices(dossier_id):
                prepared = letters.prepare(dossier_id, choice.key, LETTER_EXAMPLES)
                pdf = letters.preview(dossier_id, choice.key, prepared.subject, prepared.body)
                source = Path(tmp) / f"{choice.key}.pdf"
                source.write_bytes(pdf)
                subprocess.run(["pdftoppm", "-png", "-r", "50", "-l", "2", str(source),
                                str(folder / choice.key)], check=True)
                print(f"docs/letters/{choice.key}-*.png")
    finally:
        session.close()


def _statistics(station: Station, tmp: Path) -> None:
    """The manager's statistics export, step by step, to a (pretend) USB stick; the one-page
    PDF summary it writes, rendered by pdftoppm."""
    from PySide6.QtCore import QDate

    from anaiss_desktop.gui.drives import Drive
    from anaiss_desktop.gui.stats.export_dialog import StatsExportDialog

    stick = tmp / "CLE-USB"
    stick.mkdir()
    drives = [Drive(stick, "CLE-USB", True, False, 7_800_000_000),
              Drive(tmp, "Disque local (C:)", False, False, 120_000_000_000)]
    manager = DEMO_ACCOUNTS[0]
    session = station.login(manager.login, manager.password)
    try:
        dialog = StatsExportDialog(session, TaskRunner(synchronous=True), RecordingPrompts(),
                                   drives=lambda: drives)
        dialog.resize(980, 720)
        dialog.show()
        today = session.today()
        dialog.from_edit.setDate(QDate(today.year, 1, 1))
        dialog.to_edit.setDate(QDate(today.year, today.month, 1))
        dialog.code_edit.setText("NORD-03")
        dialog.password_edit.setText(manager.password)
        _save(dialog, "statistiques-periode.png")
        dialog.compute()
        _wait(lambda: False, 0.3)
        _save(dialog, "statistiques-apercu.png")
        dialog.preview.setCurrentIndex(1)
        _wait(lambda: False, 0.5)
        dialog.grab()  # offscreen, the PDF view paints its pages after a first paint
        _wait(lambda: False, 0.5)
        _save(dialog, "statistiques-apercu-synthese.png")
        pdf = dialog.prepared.files.pdf
        dialog.next_button.click()
        _save(dialog, "statistiques-support.png")
        dialog.next_button.click()
        _save(dialog, "statistiques-termine.png")
        dialog.reject()
        if shutil.which("pdftoppm") is not None and pdf is not None:
            source = tmp / "synthese.pdf"
            source.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(source),
                            str(DOCS / "statistiques-synthese")], check=True)
            print("docs/statistiques-synthese.png")
    finally:
        session.close()


def _backup_and_restore(station: Station, tmp: Path) -> None:
    """« Sauvegarder la station… » to a (pretend) USB stick, then the wizard's restore road."""
    from anaiss_desktop.gui.backup_dialog import BackupDialog
    from anaiss_desktop.gui.drives import Drive
    from anaiss_desktop.gui.setup_wizard import PAGE_RESTORE
    from anaiss_desktop.gui.setup_wizard import SetupWizard as Wizard

    stick = tmp / "SAUVEGARDE"
    stick.mkdir()
    manager = DEMO_ACCOUNTS[0]
    session = station.login(manager.login, manager.password)
    try:
        drives = [Drive(stick, "SAUVEGARDE", True, False, 31_000_000_000)]
        dialog = BackupDialog(session, TaskRunner(synchronous=True), RecordingPrompts(),
                              drives=lambda: drives)
        dialog.resize(760, 480)
        dialog.show()
        dialog.password_edit.setText(manager.password)
        dialog.backup()
        _save(dialog, "sauvegarde.png")
        backup = dialog.written
        dialog.reject()
    finally:
        session.close()

    wizard = Wizard(tmp / "nouveau-poste", TaskRunner(synchronous=True), RecordingPrompts(),
                    kdf_params=DEMO_KDF)
    wizard.choose_backup_file = lambda: backup
    wizard.show()
    wizard.welcome_page.restore_radio.setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_RESTORE
    page = wizard.restore_page
    page.check_file(backup)
    page.login_edit.setText(manager.login)
    page.password_edit.setText(manager.password)
    _save(wizard, "restauration.png")
    wizard.next()
    _save(wizard, "restauration-terminee.png")
    wizard.accept()


def _wait(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)


def _daily_work(station: Station, runner: TaskRunner) -> None:
    """Home, search, a dossier and the interview entry, as a social worker sees them."""
    worker = DEMO_ACCOUNTS[1]
    session = station.login(worker.login, worker.password)
    window = MainWindow(session, RecordingPrompts(), runner=runner)
    window.resize(1100, 700)
    window.show()
    _wait(lambda: False, 0.3)
    _save(window, "mon-activite.png")

    window.search_box.field.setText("ma")
    _wait(lambda: window.search_box.popup.isVisible(), 3)
    _wait(lambda: False, 0.5)
    _save(window, "recherche.png")
    window.search_box.field.clear()
    window.search_box.popup.hide()

    dossier_id = session.db.scalar(
        "SELECT d.id FROM dossiers d WHERE d.referent_id = ? AND d.status = 'ouvert'"
        " ORDER BY (SELECT count(*) FROM interventions i WHERE i.dossier_id = d.id) DESC"
        " LIMIT 1",
        (session.account.id,),
    )
    window.open_dossier(int(dossier_id))
    _wait(lambda: False, 0.5)
    _save(window, "dossier.png")
    tab = window.dossier_tab(int(dossier_id))
    entry = tab.open_entry()
    _wait(lambda: False, 0.5)
    entry.resize(760, 680)
    _save(entry, "saisie-entretien.png")
    entry.close()

    # A move: the address changes, the history keeps the old one.
    from dataclasses import fields

    people = PersonService(session)
    person = people.get(tab.view.person.id)
    moved = {f.name: getattr(person, f.name) for f in fields(PersonInput)}
    moved.update(address="18 rue Nationale", postal_code="59800", city="Lille")
    people.update(person.id, PersonInput(**moved))
    tab.refresh()
    history = tab.open_history()
    _wait(lambda: False, 0.3)
    history.resize(860, 360)
    _save(history, "historique-modifications.png")
    history.close()

    export = tab.open_person_export()
    _wait(lambda: False, 0.3)
    export.resize(860, 600)
    _save(export, "export-donnees-personne.png")
    export.close()
    window.close_for_controller()
    session.close()


def _confidentiality(station: Station, runner: TaskRunner) -> None:
    """Double management and the levels, as each role sees them: the covering colleague's
    banner, the referent's absence report and "Qui a accès ?", the secretary's dossier, the
    unit as a manager who is not a social worker sees it."""
    manager, anne_demo, louis_demo, secretary_demo = DEMO_ACCOUNTS
    anne = station.login(anne_demo.login, anne_demo.password)
    louis_id = next(a.id for a in CoverService(anne).colleagues() if a.login == louis_demo.login)
    today = anne.today()
    CoverService(anne).designate_for_absence(anne.account.id, louis_id, today,
                                             today + timedelta(days=7))
    dossier_id = int(anne.db.scalar(
        "SELECT d.id FROM dossiers d WHERE d.referent_id = ? AND d.status = 'ouvert'"
        " ORDER BY (SELECT count(*) FROM interventions i WHERE i.dossier_id = d.id) DESC"
        " LIMIT 1", (anne.account.id,)))
    anne.close()

    def window_of(demo) -> tuple[Session, MainWindow]:
        session = station.login(demo.login, demo.password)
        window = MainWindow(session, RecordingPrompts(), runner=runner)
        window.resize(1100, 700)
        window.show()
        _wait(lambda: False, 0.3)
        return session, window

    def close(session: Session, window: MainWindow) -> None:
        window.close_for_controller()
        session.close()

    session, window = window_of(louis_demo)
    window.open_dossier(dossier_id)
    _wait(lambda: False, 0.5)
    _save(window, "dossier-suppleance.png")
    close(session, window)

    session, window = window_of(anne_demo)
    _save(window, "retour-absence.png")
    window.open_dossier(dossier_id)
    _wait(lambda: False, 0.3)
    tab = window.dossier_tab(dossier_id)
    tab.ui.tabs.setCurrentWidget(tab.access_tab)
    _wait(lambda: False, 0.5)
    _save(window, "qui-a-acces.png")
    close(session, window)

    session, window = window_of(secretary_demo)
    window.open_dossier(dossier_id)
    _wait(lambda: False, 0.5)
    _save(window, "dossier-secretariat.png")
    close(session, window)

    session, window = window_of(manager)
    _save(window, "unite-responsable.png")
    admin = AdminDialog(session, runner, RecordingPrompts(), window)
    admin.resize(980, 600)
    admin.tabs.setCurrentWidget(admin.covers)
    _wait(lambda: False, 0.3)
    _save(admin, "administration-suppleances.png")
    admin.close()
    close(session, window)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    _install_translations(app)
    _apply_stylesheet(app)
    runner = TaskRunner(synchronous=True)
    _recovery_sheet()
    with tempfile.TemporaryDirectory(prefix="anaiss-docs-") as folder:
        tmp = Path(folder)
        _wizard_recovery_page(tmp, runner)

        create_demo_station(tmp / "demo")
        station = Station(tmp / "demo", kdf_params=DEMO_KDF)
        try:
            login = LoginDialog(station, runner, demo_accounts=DEMO_ACCOUNTS)
            _save(login, "connexion-demo.png")
            login.close()

            manager = DEMO_ACCOUNTS[0]
            session = station.login(manager.login, manager.password)
            accounts = AccountService(session)
            accounts.create("jnoel", "Jeanne Noël", Role.ASSISTANT, social_worker=True,
                            temporary_password="Nouvelle-Arrivee-2026!")
            for _ in range(3):  # a locked account, as the manager finds it
                with contextlib.suppress(ServiceError):
                    station.login("jnoel", "oubli")
            window = MainWindow(session, RecordingPrompts(), runner=runner)  # lists filled now
            window.resize(960, 600)
            window.show()
            _wait(lambda: False, 0.3)
            _save(window, "fenetre-principale.png")

            admin = AdminDialog(session, runner, RecordingPrompts(), window)
            admin.resize(980, 760)
            for page, name in (
                (admin.accounts, "administration-comptes.png"),
                (admin.settings, "administration-parametres.png"),
                (admin.codes, "administration-listes-codees.png"),
                (admin.letter_templates, "administration-courriers-types.png"),
                (admin.retention, "administration-conservation.png"),
                (admin.audit, "administration-journal.png"),
            ):
                admin.tabs.setCurrentWidget(page)
                _save(admin, name)
            admin.close()
            window.close_for_controller()
            session.close()
            _daily_work(station, runner)
            _confidentiality(station, runner)
            _letters(station)
            _statistics(station, tmp)
            _backup_and_restore(station, tmp)
        finally:
            station.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
