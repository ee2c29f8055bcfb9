"""The "temporary password" field shared by the account dialogs.

The manager either types a password or presses *Générer*; a generated password is shown in clear
so it can be written down and handed over, a typed one stays masked unless *Afficher* is ticked.
The strength feedback is the one the services apply, so the dialog never accepts what the
service would refuse.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..password_feedback import PasswordFeedback
from .temporary_password import generate_temporary_password


class TemporaryPasswordField(QWidget):
    """A password line edit with *Générer*, *Afficher* and live strength feedback.

    Args:
        parent: the owning widget.

    Signals:
        changed(bool): the text changed; True when the password would be accepted.
    """

    changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._personal: tuple[str, ...] = ()
        self._acceptable = False
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Mot de passe temporaire"))
        self.password_edit.setMinimumWidth(220)
        # Fixed-width glyphs: a password read out or copied by hand is read character by character.
        self.password_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.generate_button = QPushButton(self.tr("&Générer"), self)
        self.generate_button.setObjectName("generate_button")
        self.generate_button.setToolTip(
            self.tr("Tire au hasard un mot de passe solide, affiché pour être remis à la personne.")
        )
        self.show_check = QCheckBox(self.tr("Affic&her"), self)
        self.show_check.setObjectName("show_check")
        self.feedback = PasswordFeedback(self)
        self.feedback.setObjectName("feedback_label")

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.password_edit, 0, 0)
        layout.addWidget(self.generate_button, 0, 1)
        layout.addWidget(self.show_check, 0, 2)
        layout.addWidget(self.feedback, 1, 0, 1, 3)
        layout.setColumnStretch(0, 1)
        self.setFocusProxy(self.password_edit)

        self.password_edit.textChanged.connect(self._on_password_edit_text_changed)
        self.generate_button.clicked.connect(self._on_generate_button_clicked)
        self.show_check.toggled.connect(self._on_show_check_toggled)

    # -- public API ----------------------------------------------------------------------------
    def set_personal_words(self, words: Iterable[str]) -> None:
        """Login, names and service name the password must not contain (re-checks at once)."""
        self._personal = tuple(w for w in words if w)
        self._refresh()

    def password(self) -> str:
        return self.password_edit.text()

    def is_acceptable(self) -> bool:
        return self._acceptable

    def generate(self) -> str:
        """Fill the field with a fresh strong password and show it in clear."""
        password = generate_temporary_password(self._personal)
        self.password_edit.setText(password)
        self.show_check.setChecked(True)
        return password

    def clear(self) -> None:
        """Overwrite then empty the field, and mask it again."""
        self.password_edit.setText("•" * len(self.password_edit.text()))
        self.password_edit.clear()
        self.show_check.setChecked(False)

    # -- slots ---------------------------------------------------------------------------------
    @Slot(str)
    def _on_password_edit_text_changed(self, _text: str) -> None:
        self._refresh()

    @Slot()
    def _on_generate_button_clicked(self) -> None:
        self.generate()

    @Slot(bool)
    def _on_show_check_toggled(self, checked: bool) -> None:
        self.password_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if checked else QLineEdit.EchoMode.Password
        )

    def _refresh(self) -> None:
        self._acceptable = self.feedback.update_for(self.password_edit.text(), self._personal)
        self.changed.emit(self._acceptable)
