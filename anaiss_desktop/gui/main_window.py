"""The main window of a signed-in person: who is connected, what happened since last time.

It shows the previous connection and the failed attempts since (SPEC §3), warns before the
password expires, and offers lock, logout and the privacy screen (one key hides everything while
someone stands at the desk). Session changes (lock, logout) are requested by signal; the
application controller performs them, so this window never closes a database itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..domain.rotation import PasswordStatus
from ..services.clock import format_local
from ..services.session import Session
from .prompts import Prompts

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

    def __init__(self, session: Session, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._prompts = prompts
        self._quitting_by_controller = False
        self.setMinimumSize(880, 560)
        self._build_menus()
        self._build_pages()
        self.refresh()

    # -- construction --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        self.change_password_action = QAction(self.tr("Changer mon mot de passe…"), self)
        self.change_password_action.triggered.connect(self.change_password_requested)
        self.lock_action = QAction(self.tr("Verrouiller"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested)
        self.privacy_action = QAction(self.tr("Écran de confidentialité"), self)
        self.privacy_action.setShortcut(PRIVACY_KEY)
        self.privacy_action.setCheckable(True)
        self.privacy_action.toggled.connect(self.set_privacy_screen)
        self.logout_action = QAction(self.tr("Se déconnecter"), self)
        self.logout_action.triggered.connect(self.logout_requested)
        self.quit_action = QAction(self.tr("Quitter"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.quit_requested)
        for action in (self.change_password_action, None, self.lock_action, self.privacy_action,
                       None, self.logout_action, self.quit_action):
            if action is None:
                session_menu.addSeparator()
            else:
                session_menu.addAction(action)
        self.admin_menu = self.menuBar().addMenu(self.tr("&Administration"))
        self.admin_action = QAction(self.tr("Comptes, paramètres et journal…"), self)
        self.admin_action.triggered.connect(self.admin_requested)
        self.admin_menu.addAction(self.admin_action)
        help_menu = self.menuBar().addMenu(self.tr("&Aide"))
        about = QAction(self.tr("À propos d'ANAISS Desktop"), self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

    def _build_pages(self) -> None:
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)

        home = QWidget(self.pages)
        layout = QVBoxLayout(home)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)

        header = QHBoxLayout()
        self.user_label = QLabel(home)
        self.user_label.setObjectName("user_label")
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        header.addWidget(self.user_label, 1)
        self.lock_button = QPushButton(self.tr("Verrouiller (Ctrl+L)"), home)
        self.lock_button.clicked.connect(self.lock_requested)
        header.addWidget(self.lock_button)
        layout.addLayout(header)

        self.previous_login_label = QLabel(home)
        self.previous_login_label.setObjectName("previous_login_label")
        self.previous_login_label.setWordWrap(True)
        layout.addWidget(self.previous_login_label)

        self.rotation_frame = QFrame(home)
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

        title = QLabel(self.tr("Mon activité"), home)
        title.setObjectName("page_title")
        layout.addWidget(title)
        self.activity_label = QLabel(home)
        self.activity_label.setObjectName("activity_label")
        self.activity_label.setWordWrap(True)
        self.activity_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.activity_label, 1)
        self.pages.addWidget(home)

        privacy = QLabel(self.tr("Écran masqué — appuyez sur F12 pour reprendre."), self.pages)
        privacy.setObjectName("privacy_page")
        privacy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.privacy_page = privacy
        self.pages.addWidget(privacy)
        self.home_page = home

    # -- content -------------------------------------------------------------------------------
    @property
    def session(self) -> Session:
        return self._session

    def set_session(self, session: Session) -> None:
        """After an unlock the same person continues with a fresh session."""
        self._session = session
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
        lines = [
            self.tr("Service : {0}").format(info.service_name),
            self.tr("Votre mot de passe reste valable {0} jour(s).").format(verdict.days_left)
            if not verdict.status.must_change else "",
            self.tr("Verrouillage automatique après {0} min d'inactivité ; F12 masque l'écran.")
            .format(s.policy().idle_lock_minutes),
        ]
        if account.is_manager:
            lines.append(self.tr("Menu Administration : comptes, paramètres, journal d'audit."))
        self.activity_label.setText("\n".join(line for line in lines if line))

    def set_privacy_screen(self, hidden: bool) -> None:
        """Hide everything on screen (F12) without closing the session."""
        self.pages.setCurrentWidget(self.privacy_page if hidden else self.home_page)
        if self.privacy_action.isChecked() != hidden:
            self.privacy_action.setChecked(hidden)

    @property
    def privacy_screen_on(self) -> bool:
        return self.pages.currentWidget() is self.privacy_page

    # -- closing -------------------------------------------------------------------------------
    def close_for_controller(self) -> None:
        """Close without asking: the controller is already ending the session."""
        self._quitting_by_controller = True
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
