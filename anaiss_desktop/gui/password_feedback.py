"""Live password-strength feedback shown under a "new password" field while the person types.

The rule is the one the services enforce on saving (CNIL 2022, see
:mod:`anaiss_desktop.domain.password_policy`), so what this label says "solide" is exactly what
will be accepted, and what it lists is exactly what would be refused. Colours are tinted panels
with dark text (contrast above 4.5:1 on any palette) rather than alarming red boxes: the person
is still typing, not failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..services.password_rules import strength

# Padding is set with QLabel.setMargin, not in the style sheet: a word-wrapped label does not
# count style-sheet padding in its height and would clip its last line.
_STYLES = {
    "neutral": "",
    "weak": (
        "QLabel { color: #8a1c1c; background-color: #fbeaea; border-left: 3px solid #c0392b; }"
    ),
    "strong": (
        "QLabel { color: #1b5e20; background-color: #e8f4ea; border-left: 3px solid #2e7d32; }"
    ),
}


def grow_window_to_fit(widget: QWidget) -> None:
    """Make ``widget``'s window tall enough for its word-wrapped labels after a text change.

    Qt sizes a top-level window from its layout's minimum size, which ignores height-for-width:
    a wrapped label whose text grows while the window is shown would be clipped. The window
    only grows, never shrinks, so it does not jump while the person types.
    """
    window = widget.window()
    layout = window.layout()
    if not window.isVisible() or layout is None or not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(window.width())
    if needed > window.height():
        window.resize(window.width(), needed)


class FeedbackState(str, Enum):
    NEUTRAL = "neutral"  # nothing typed: the rule is shown as a hint
    WEAK = "weak"  # the password would be refused; the problems are listed
    STRONG = "strong"  # the password would be accepted


class PasswordFeedback(QLabel):
    """A word-wrapped label that explains, while typing, whether a password will be accepted.

    Call :meth:`update_for` from the password field's ``textChanged``. The same widget serves
    the first-run wizard, the accounts screen and the password dialogs.

    Args:
        parent: the owning widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.state = FeedbackState.NEUTRAL
        self._hint = self.tr(
            "Au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères "
            "spéciaux, ou 14 avec majuscules, minuscules et chiffres, ou une phrase de passe "
            "de 7 mots. Un mot de passe long est bienvenu."
        )
        self.update_for("", ())

    def hint_text(self) -> str:
        """What is shown before anything is typed: the rule, unless :meth:`set_hint` changed it."""
        return self._hint

    def set_hint(self, text: str) -> None:
        """Replace the empty-field hint (a form that already states the rule shows a tip)."""
        self._hint = text
        if self.state is FeedbackState.NEUTRAL:
            self.setText(text)
            self.setAccessibleDescription(text)

    def update_for(self, password: str, personal: Iterable[str]) -> bool:
        """Show what the rule says of ``password``; return True when it would be accepted.

        Args:
            password: what is typed so far (never stored by this widget).
            personal: login, names, service name: a password built on them is refused.
        """
        if not password:
            self._show(FeedbackState.NEUTRAL, self.hint_text())
            return False
        report = strength(password, personal)
        if report.acceptable:
            self._show(FeedbackState.STRONG, report.summary)
        else:
            self._show(FeedbackState.WEAK, "\n".join(report.problems))
        return report.acceptable

    @property
    def acceptable(self) -> bool:
        return self.state is FeedbackState.STRONG

    def _show(self, state: FeedbackState, text: str) -> None:
        style = _STYLES[state.value]
        if self.styleSheet() != style:  # restyling re-polishes: only when the state changes
            self.setStyleSheet(style)
            self.setMargin(0 if state is FeedbackState.NEUTRAL else 6)
        self.state = state
        if text != self.text():
            self.setText(text)
            self.setAccessibleDescription(text)
            grow_window_to_fit(self)
