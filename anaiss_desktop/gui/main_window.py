"""The main window of a signed-in person: "Mon activité", search from anywhere, open dossiers.

It shows the previous connection and the failed attempts since (SPEC §3), warns before the
password expires, and offers lock, logout and the privacy screen (one key hides everything while
someone stands at the desk). The central area is a set of tabs: the home screen stays first,
each opened dossier gets its own tab (Ctrl+W closes it). The search field in the header is one
shortcut away (Ctrl+F or Ctrl+K) from anywhere in the window.

Session changes (lock, logout) are requested by signal; the application controller performs
them, so this window never closes a database itself. When the session ends, what was typed is
saved first (:meth:`MainWindow.save_drafts`, called by the controller before an idle lock), then
every dossier tab and form of that session is closed: nothing of it stays on screen or in
memory behind the login dialog.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from .. import APP_NAME, __version__
from ..domain.rotation import PasswordStatus
from ..services.clock import format_local
from ..services.dossiers import DossierService
from ..services.session import Session
from .account.absences_dialog import AbsencesDialog
from .account.common import AccountDialog
from .account.history_dialog import HistoryDialog
from .account.notes_dialog import LeftNotesDialog
from .dossiers.home import HomeWidget
from .dossiers.new_person import NewPersonDialog
from .dossiers.person_form import PersonEditDialog
from .dossiers.search import SearchBox
from .messages import mute, user_message
from .prompts import Prompts
from .workers import TaskRunner

log = logging.getLogger(__name__)

PRIVACY_KEY = QKeySequence(Qt.Key.Key_F12)


def previous_login_text(session: Session) -> str:
    """"Dernière connexion le … ; N tentatives échouées depuis", as the person reads it."""
    prev = session.previous_login
    if prev.at is None:
        first = "Première connexion de ce compte sur cette station."
    else:
        first = f"Dernière connexion {format_local(prev.at)}."
    if prev.failures_since == 0:
        return first + " Aucune tentative échouée depuis."
    plural = "s" if prev.failures_since > 1 else ""
    return (
        f"{first} Attention : {prev.failures_since} tentative{plural} échouée{plural} "
        "depuis, avec votre identifiant. Si ce n'était pas vous, prévenez votre responsable."
    )


class MainWindow(QMainWindow):
    """Args:
        session: the signed-in session (replaced with :meth:`set_session` after an unlock).
        prompts: message boxes.
        parent: none in the application.
        runner: runs service calls off the GUI thread (a thread-pool runner when omitted).

    Signals:
        lock_requested(): the person asked to lock (Ctrl+L).
        logout_requested(): the person asked to sign out.
        quit_requested(): the window was closed or Quitter chosen.
        change_password_requested(): "Changer mon mot de passe…".
        admin_requested(): "Administration de la station…".
    """

    lock_requested = Signal()
    logout_requested = Signal()
    quit_requested = Signal()
    change_password_requested = Signal()
    admin_requested = Signal()

    def __init__(self, session: Session, prompts: Prompts, parent: QWidget | None = None,
                 *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._prompts = prompts
        self._runner = runner or TaskRunner()
        self._quitting_by_controller = False
        self._dossier_tabs: dict[int, QWidget] = {}
        self.new_person_dialog: NewPersonDialog | None = None
        self.person_dialogs: dict[int, PersonEditDialog] = {}
        # "Mon compte" dialogs, one of each kind at a time: "absences", "history", "notes".
        self.account_dialogs: dict[str, AccountDialog] = {}
        # "Courriers en série…" (gui.letters, imported on first use: QtPdf is loaded only then).
        self.batch_letters_dialog: QDialog | None = None
        # "Exporter les statistiques…" (gui.stats, imported on first use like the letters).
        self.stats_dialog: QDialog | None = None
        self.backup_dialog: QDialog | None = None
        self._hidden_windows: list[QWidget] = []
        self.setMinimumSize(960, 620)
        self._build_pages()
        self._build_menus()
        self.refresh()

    # -- construction --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        dossier_menu = self.menuBar().addMenu(self.tr("D&ossier"))
        self.new_person_action = QAction(self.tr("Nouvelle personne…"), self)
        self.new_person_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_person_action.triggered.connect(self.open_new_person)
        self.search_action = QAction(self.tr("Rechercher…"), self)
        self.search_action.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("Ctrl+K")])
        self.search_action.triggered.connect(self.focus_search)
        self.home_action = QAction(self.tr("Mon activité"), self)
        self.home_action.setShortcut(QKeySequence("Ctrl+1"))
        self.home_action.triggered.connect(self.show_home)
        self.close_tab_action = QAction(self.tr("Fermer l'onglet du dossier"), self)
        self.close_tab_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_tab_action.triggered.connect(self._on_close_tab_action_triggered)
        self.import_action = QAction(self.tr("Importer un fichier CSV…"), self)
        self.import_action.triggered.connect(self.open_import)
        self.batch_letters_action = QAction(self.tr("Courriers en série…"), self)
        self.batch_letters_action.setStatusTip(self.tr(
            "Le même courrier pour plusieurs personnes (par exemple les rendez-vous de demain)"))
        self.batch_letters_action.triggered.connect(self.open_batch_letters)
        for action in (self.new_person_action, self.search_action, None, self.home_action,
                       self.close_tab_action, None, self.batch_letters_action,
                       self.import_action):
            if action is None:
                dossier_menu.addSeparator()
            else:
                dossier_menu.addAction(action)

        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        self.absences_action = QAction(self.tr("Mes absences et suppléances…"), self)
        self.absences_action.triggered.connect(self.open_absences)
        self.history_action = QAction(self.tr("Ce que j'ai consulté…"), self)
        self.history_action.triggered.connect(self.open_history)
        self.left_notes_action = QAction(self.tr("Mes notes personnelles…"), self)
        self.left_notes_action.triggered.connect(self.open_left_notes)
        self.backup_action = QAction(self.tr("Sauvegarder la station…"), self)
        self.backup_action.triggered.connect(self.open_backup)
        self.change_password_action = QAction(self.tr("Changer mon mot de passe…"), self)
        self.change_password_action.triggered.connect(self.change_password_requested)
        self.lock_action = QAction(self.tr("Verrouiller"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested)
        self.privacy_action = QAction(self.tr("Écran de confidentialité"), self)
        self.privacy_action.setShortcut(PRIVACY_KEY)
        # F12 works from the window's dialogs too (new person, interview entry): the person in
        # front of the desk must not see what is typed in them either.
        self.privacy_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.privacy_action.setCheckable(True)
        self.privacy_action.toggled.connect(self.set_privacy_screen)
        self.logout_action = QAction(self.tr("Se déconnecter"), self)
        self.logout_action.triggered.connect(self.logout_requested)
        self.quit_action = QAction(self.tr("Quitter"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.quit_requested)
        for action in (self.absences_action, self.history_action, self.left_notes_action, None,
                       self.backup_action, None, self.change_password_action, None,
                       self.lock_action, self.privacy_action, None, self.logout_action,
                       self.quit_action):
            if action is None:
                session_menu.addSeparator()
            else:
                session_menu.addAction(action)
        self.admin_menu = self.menuBar().addMenu(self.tr("&Administration"))
        self.admin_action = QAction(self.tr("Comptes, paramètres et journal…"), self)
        self.admin_action.triggered.connect(self.admin_requested)
        self.admin_menu.addAction(self.admin_action)
        self.stats_action = QAction(self.tr("Exporter les statistiques…"), self)
        self.stats_action.triggered.connect(self.open_stats_export)
        self.admin_menu.addAction(self.stats_action)
        help_menu = self.menuBar().addMenu(self.tr("Aid&e"))
        about = QAction(self.tr("À propos d'ANAISS Desktop"), self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

    def _build_pages(self) -> None:
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)

        main = QWidget(self.pages)
        main.setObjectName("main_page")
        layout = QVBoxLayout(main)
        layout.setContentsMargins(14, 10, 14, 6)
        layout.setSpacing(8)

        header = QHBoxLayout()
        header.setSpacing(10)
        self.user_label = QLabel(main)
        self.user_label.setObjectName("user_label")
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        header.addWidget(self.user_label)
        header.addStretch(1)
        self.search_box = SearchBox(self._session, self._runner, self._prompts, main, main)
        self.search_box.setMinimumWidth(420)
        header.addWidget(self.search_box)
        self.lock_button = QPushButton(self.tr("Verrouiller (Ctrl+L)"), main)
        self.lock_button.clicked.connect(self.lock_requested)
        header.addWidget(self.lock_button)
        layout.addLayout(header)

        self.previous_login_label = QLabel(main)
        self.previous_login_label.setObjectName("previous_login_label")
        self.previous_login_label.setWordWrap(True)
        layout.addWidget(self.previous_login_label)

        self.rotation_frame = QFrame(main)
        self.rotation_frame.setObjectName("rotation_frame")
        self.rotation_frame.setFrameShape(QFrame.Shape.StyledPanel)
        rotation_row = QHBoxLayout(self.rotation_frame)
        self.rotation_label = QLabel(self.rotation_frame)
        self.rotation_label.setWordWrap(True)
        rotation_row.addWidget(self.rotation_label, 1)
        change_now = QPushButton(self.tr("Changer maintenant…"), self.rotation_frame)
        change_now.clicked.connect(self.change_password_requested)
        rotation_row.addWidget(change_now)
        layout.addWidget(self.rotation_frame)

        self.tabs = QTabWidget(main)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(False)
        self.home_page = HomeWidget(self._session, self._runner, self._prompts, self.tabs)
        self.tabs.addTab(self.home_page, self.tr("Mon activité"))
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.LeftSide, None)
        layout.addWidget(self.tabs, 1)
        self.pages.addWidget(main)
        self.main_page = main

        privacy = QLabel(self.tr("Écran masqué — appuyez sur F12 pour reprendre."), self.pages)
        privacy.setObjectName("privacy_page")
        privacy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.privacy_page = privacy
        self.pages.addWidget(privacy)

        self.status_label = QLabel(self)
        mute(self.status_label)
        self.statusBar().addPermanentWidget(self.status_label)

        self.home_page.dossier_requested.connect(self.open_dossier)
        self.search_box.dossier_requested.connect(self.open_dossier)
        self.tabs.tabCloseRequested.connect(self._on_tabs_tab_close_requested)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

    # -- content -------------------------------------------------------------------------------
    @property
    def session(self) -> Session:
        return self._session

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    def set_session(self, session: Session) -> None:
        """After an unlock the same person continues with a fresh session."""
        self._end_session_views()
        self._session = session
        self.search_box.set_session(session)
        self.home_page.set_session(session)
        self.tabs.setCurrentWidget(self.home_page)
        self.refresh()

    def refresh(self) -> None:
        s = self._session
        account = s.account
        info = s.station_info()
        self.setWindowTitle(f"{APP_NAME} — {info.service_name}")
        self.user_label.setText(f"{account.full_name} — {account.role_label}")
        self.previous_login_label.setText(previous_login_text(s))
        verdict = s.rotation()
        self.rotation_frame.setVisible(verdict.status is PasswordStatus.EXPIRING)
        self.rotation_label.setText(verdict.message)
        self.admin_menu.menuAction().setVisible(account.is_manager)
        # Letters are written by whoever writes in dossiers: social workers and the
        # secretariat (a manager who is not a social worker opens no dossier).
        self.batch_letters_action.setVisible(not account.is_manager or account.social_worker)
        parts = [info.service_name]
        if not verdict.status.must_change:
            parts.append(self.tr("mot de passe valable {0} jour(s)").format(verdict.days_left))
        parts.append(self.tr("verrouillage après {0} min d'inactivité").format(
            s.policy().idle_lock_minutes))
        parts.append(self.tr("F12 masque l'écran"))
        self.status_label.setText("  ·  ".join(parts))

    # -- search, home, new person --------------------------------------------------------------
    def focus_search(self) -> None:
        """Ctrl+F / Ctrl+K, from anywhere in the window."""
        if self.privacy_screen_on:
            return
        self.search_box.focus_search()

    def show_home(self) -> None:
        self.tabs.setCurrentWidget(self.home_page)
        self.home_page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_import(self) -> None:
        """Import persons and dossiers from a spreadsheet, with a preview (all or nothing)."""
        from .dossiers.import_dialog import ImportDialog

        dialog = ImportDialog(self._session, self._runner, self._prompts, self)
        dialog.imported.connect(self._on_imported)
        self.import_dialog = dialog
        dialog.open()

    def _on_imported(self, _persons: int, _dossiers: int) -> None:
        self.home_page.refresh()

    def open_new_person(self) -> None:
        """Dossier › Nouvelle personne… (Ctrl+N): one form at a time, offered its draft back."""
        if self.privacy_screen_on or not self._session.is_open:
            return
        dialog = self.new_person_dialog
        if dialog is not None and isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        dialog = NewPersonDialog(self._session, self._runner, self._prompts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.dossier_requested.connect(self.open_dossier)
        dialog.person_created.connect(self._on_person_created)
        dialog.finished.connect(self._on_new_person_finished)
        self.new_person_dialog = dialog
        dialog.show()
        dialog.offer_draft()

    def _on_person_created(self, _person_id: int) -> None:
        self.home_page.refresh()

    def _on_new_person_finished(self, _result: int) -> None:
        if self.new_person_dialog is self.sender():
            self.new_person_dialog = None

    def edit_person(self, person_id: int) -> None:
        """A dossier's "Modifier…" on the person: the person form, one window per person."""
        if self.privacy_screen_on or not self._session.is_open:
            return
        dialog = self.person_dialogs.get(person_id)
        if dialog is not None and isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        dialog = PersonEditDialog(self._session, self._runner, self._prompts, person_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_person_saved)
        dialog.finished.connect(self._on_person_dialog_finished)
        self.person_dialogs[person_id] = dialog
        dialog.show()

    # Slots are bound methods, never lambdas holding ``self``: a lambda connected to a child's
    # signal keeps the window alive from inside, which crashes PySide when the window goes.
    def _on_person_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        for person_id, known in list(self.person_dialogs.items()):
            if known is dialog or not isValid(known):
                del self.person_dialogs[person_id]

    def _on_person_saved(self, person_id: int) -> None:
        """Every open dossier of that person shows the new record; home lists the new name."""
        for widget in list(self._dossier_tabs.values()):
            if not isValid(widget):
                continue
            view = getattr(widget, "view", None)
            if view is not None and view.person.id == person_id:
                widget.refresh()
        self.home_page.refresh()

    # -- "Mon compte" -------------------------------------------------------------------------
    def open_absences(self) -> None:
        """Session › Mes absences et suppléances…"""
        self._open_account_dialog("absences")

    def open_history(self) -> None:
        """Session › Ce que j'ai consulté…"""
        self._open_account_dialog("history")

    def open_left_notes(self) -> None:
        """Session › Mes notes personnelles…"""
        self._open_account_dialog("notes")

    def _open_account_dialog(self, name: str) -> None:
        if self.privacy_screen_on or not self._session.is_open:
            return
        dialog = self.account_dialogs.get(name)
        if dialog is not None and isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        kind = {"absences": AbsencesDialog, "history": HistoryDialog,
                "notes": LeftNotesDialog}[name]
        dialog = kind(self._session, self._runner, self._prompts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_account_dialog_finished)
        if isinstance(dialog, HistoryDialog):
            dialog.dossier_requested.connect(self.open_dossier)
        self.account_dialogs[name] = dialog
        # Modeless, like the new person form: a window-modal dialog would block F12 (the
        # privacy screen), and the history leads to dossiers opened in this window.
        dialog.show()

    def _on_account_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        for name, known in list(self.account_dialogs.items()):
            if known is dialog or not isValid(known):
                del self.account_dialogs[name]

    def _dialogs(self) -> list[QWidget]:
        """The forms open outside the tabs (new person, person changes, "Mon compte",
        letters in series)."""
        dialogs: list[QWidget] = []
        if self.new_person_dialog is not None and isValid(self.new_person_dialog):
            dialogs.append(self.new_person_dialog)
        dialogs += [d for d in self.person_dialogs.values() if isValid(d)]
        dialogs += [d for d in self.account_dialogs.values() if isValid(d)]
        if self.batch_letters_dialog is not None and isValid(self.batch_letters_dialog):
            dialogs.append(self.batch_letters_dialog)
        if self.stats_dialog is not None and isValid(self.stats_dialog):
            dialogs.append(self.stats_dialog)
        if self.backup_dialog is not None and isValid(self.backup_dialog):
            dialogs.append(self.backup_dialog)
        return dialogs

    # -- backup --------------------------------------------------------------------------------
    def open_backup(self) -> None:
        """Session › Sauvegarder la station…: one window at a time, modeless."""
        if self.privacy_screen_on or not self._session.is_open:
            return
        dialog = self.backup_dialog
        if dialog is not None and isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        from .backup_dialog import BackupDialog

        dialog = BackupDialog(self._session, self._runner, self._prompts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_backup_dialog_finished)
        dialog.locked_out.connect(self.logout_requested)
        dialog.backed_up.connect(self._on_backed_up)
        self.backup_dialog = dialog
        dialog.show()

    def _on_backup_dialog_finished(self, _result: int) -> None:
        if self.backup_dialog is self.sender():
            self.backup_dialog = None

    def _on_backed_up(self, _path: str) -> None:
        self.home_page.refresh()  # the reminder goes

    # -- statistics ----------------------------------------------------------------------------
    def open_stats_export(self) -> None:
        """Administration › Exporter les statistiques…: one window at a time, modeless."""
        if self.privacy_screen_on or not self._session.is_open:
            return
        dialog = self.stats_dialog
        if dialog is not None and isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        from .stats.export_dialog import StatsExportDialog

        dialog = StatsExportDialog(self._session, self._runner, self._prompts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_stats_dialog_finished)
        dialog.locked_out.connect(self.logout_requested)
        self.stats_dialog = dialog
        dialog.show()

    def _on_stats_dialog_finished(self, _result: int) -> None:
        if self.stats_dialog is self.sender():
            self.stats_dialog = None

    # -- letters in series ---------------------------------------------------------------------
    def open_batch_letters(self) -> None:
        """Dossier › Courriers en série…: one window at a time, modeless (F12 hides it)."""
        if self.privacy_screen_on or not self._session.is_open:
            return
        dialog = self.batch_letters_dialog
        if dialog is not None and isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        from .letters.batch_dialog import BatchLettersDialog

        dialog = BatchLettersDialog(self._session, self._runner, self._prompts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_batch_letters_finished)
        dialog.dossiers_changed.connect(self._on_batch_letters_dossiers_changed)
        self.batch_letters_dialog = dialog
        dialog.show()

    def _on_batch_letters_finished(self, _result: int) -> None:
        if self.batch_letters_dialog is self.sender():
            self.batch_letters_dialog = None

    def _on_batch_letters_dossiers_changed(self, dossier_ids: list) -> None:
        """The open tabs of the dossiers that received a letter show it in their timeline."""
        for dossier_id in dossier_ids:
            widget = self.dossier_tab(dossier_id)
            if widget is not None and hasattr(widget, "refresh"):
                widget.refresh()

    # -- dossier tabs --------------------------------------------------------------------------
    def open_dossier(self, dossier_id: int) -> None:
        """Show a dossier in its own tab (the existing tab when it is already open)."""
        if not self._session.is_open or self.privacy_screen_on:
            return
        self._dossier_tabs = {k: w for k, w in self._dossier_tabs.items() if isValid(w)}
        existing = self._dossier_tabs.get(dossier_id)
        if existing is not None:
            self.tabs.setCurrentWidget(existing)
            return
        try:
            allowed = DossierService(self._session).can_open(dossier_id)
        except Exception as exc:  # a store problem is said, never raised into Qt
            self._prompts.error(self, self.tr("Dossier"), user_message(exc))
            return
        if not allowed:
            self._prompts.info(self, self.tr("Dossier"), self.tr(
                "Vous ne pouvez pas ouvrir ce dossier : seule l'identité de la personne vous "
                "est visible. Contactez sa ou son référent(e)."
            ))
            return
        try:
            from .dossiers.dossier_view import DossierWindow
        except ImportError:
            self.statusBar().showMessage(
                self.tr("L'affichage des dossiers n'est pas disponible dans cette version."),
                5000)
            return
        widget = DossierWindow(self._session, self._runner, self._prompts, dossier_id)
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dossier_tabs[dossier_id] = widget
        widget.windowTitleChanged.connect(self._on_dossier_title_changed)
        for name, slot in (("dossier_requested", self.open_dossier),
                           ("open_dossier_requested", self.open_dossier),
                           ("edit_person_requested", self.edit_person)):
            signal = getattr(widget, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)
        index = self.tabs.addTab(widget, widget.windowTitle() or self.tr("Dossier…"))
        self.tabs.setCurrentIndex(index)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def dossier_tab(self, dossier_id: int) -> QWidget | None:
        """The open tab of a dossier, if any."""
        widget = self._dossier_tabs.get(dossier_id)
        return widget if widget is not None and isValid(widget) else None

    def _on_dossier_title_changed(self, title: str) -> None:
        index = self.tabs.indexOf(self.sender())
        if index >= 0:
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, title)

    def close_tab(self, index: int) -> bool:
        """Close a dossier tab (never the home tab); False when the dossier refused to close."""
        widget = self.tabs.widget(index)
        if widget is None or widget is self.home_page:
            return False
        save = getattr(widget, "save_drafts", None)
        if save is not None:
            try:
                save()  # an interview being typed in this dossier stays as a draft
            except Exception as exc:
                log.error("Draft not saved when closing a tab: %s", type(exc).__name__)
        if not widget.close():  # the dossier may ask first
            return False
        if self.tabs.indexOf(widget) >= 0:
            self.tabs.removeTab(self.tabs.indexOf(widget))
        return True

    def _on_tabs_tab_close_requested(self, index: int) -> None:
        self.close_tab(index)

    def _on_close_tab_action_triggered(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _on_tabs_current_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.home_page and self._session.is_open:
            self.home_page.refresh()  # a dossier may have changed what home shows

    # -- drafts and the end of a session -------------------------------------------------------
    def save_drafts(self) -> None:
        """Save what is being typed in every open form, now (the controller calls this right
        before an idle lock). A form that cannot save is skipped, never blocks the lock."""
        if not self._session.is_open:
            return
        self.cancel_background_work()
        self._runner.wait()  # a query or a save still running finishes on the open store
        forms: list[QWidget] = self._dialogs()
        forms += [w for w in self._dossier_tabs.values() if isValid(w)]
        for form in forms:
            save = getattr(form, "save_drafts", None) or getattr(form, "save_draft_now", None)
            if save is None:
                continue
            try:
                save()
            except Exception as exc:
                log.error("Draft not saved before the lock: %s", type(exc).__name__)

    def cancel_background_work(self) -> None:
        """Ask long work to stop at its next step (letters in series stop after the one being
        made, a backup removes what it wrote): the session is about to end, and waiting for a
        whole batch or a large copy would be long."""
        batch = self.batch_letters_dialog
        if batch is not None and isValid(batch):
            batch.cancel_batch()
        backup = self.backup_dialog
        if backup is not None and isValid(backup):
            backup.cancel_backup()  # nothing is left on the drive; it can be started again

    def _end_session_views(self) -> None:
        """Close every form and dossier tab of the session: after a lock they must not stay."""
        dialogs = self._dialogs()
        self.new_person_dialog = None
        self.person_dialogs.clear()
        self.account_dialogs.clear()
        self.batch_letters_dialog = None
        self.stats_dialog = None
        self.backup_dialog = None
        for dialog in dialogs:
            dialog.close_for_session_end()
        for widget in list(self._dossier_tabs.values()):
            if not isValid(widget):
                continue
            end = (getattr(widget, "closed_for_session", None)
                   or getattr(widget, "close_for_session_end", None))
            if end is not None:
                try:
                    end()
                except Exception as exc:  # the session is over: nothing may stop the lock
                    log.error("Dossier tab not closed cleanly: %s", type(exc).__name__)
            index = self.tabs.indexOf(widget)
            if index >= 0:
                self.tabs.removeTab(index)
            widget.hide()
            widget.deleteLater()
        self._dossier_tabs.clear()
        self._hidden_windows = []
        self.search_box.clear()
        self.home_page.clear()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        # The controller hides the window when it locks the session (after closing it).
        if not event.spontaneous() and not self._session.is_open:
            self._end_session_views()
        super().hideEvent(event)

    # -- privacy screen ------------------------------------------------------------------------
    def set_privacy_screen(self, hidden: bool) -> None:
        """Hide everything on screen (F12) without closing the session."""
        if self.privacy_action.isChecked() != hidden:
            # The action's toggled signal calls back here: let that call do the work once
            # (twice would forget which dialogs it hid).
            self.privacy_action.setChecked(hidden)
            return
        self.pages.setCurrentWidget(self.privacy_page if hidden else self.main_page)
        if hidden:
            self._hidden_windows = [w for w in self._owned_windows() if w.isVisible()]
            for window in self._hidden_windows:
                window.hide()
            self.search_box.popup.hide()
            self.activateWindow()
        else:
            for window in self._hidden_windows:
                if isValid(window):
                    window.show()
                    window.raise_()
            self._hidden_windows = []

    def _owned_windows(self) -> list[QWidget]:
        """Dialogs of this window and of its dossiers (separate windows, so not in the pages)."""
        owned = []
        for widget in QApplication.topLevelWidgets():
            if widget is self or not widget.isWindow():
                continue
            parent = widget.parentWidget()
            while parent is not None and parent is not self:
                parent = parent.parentWidget()
            if parent is self:
                owned.append(widget)
        return owned

    @property
    def privacy_screen_on(self) -> bool:
        return self.pages.currentWidget() is self.privacy_page

    # -- closing -------------------------------------------------------------------------------
    def close_for_controller(self) -> None:
        """Close without asking: the controller is already ending the session."""
        self._quitting_by_controller = True
        self._end_session_views()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._quitting_by_controller:
            event.ignore()
            self.quit_requested.emit()
            return
        super().closeEvent(event)

    def _on_about_triggered(self) -> None:
        self._prompts.info(
            self,
            self.tr("À propos"),
            self.tr(
                "{0} {1}\nDossiers sociaux chiffrés (SQLCipher) pour un poste hors ligne.\n"
                "Licence EUPL-1.2."
            ).format(APP_NAME, __version__),
        )
