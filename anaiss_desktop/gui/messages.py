"""How errors and short messages reach the person: French words, never a traceback.

One place decides the wording of a failure for every dialog: a service's or the storage's own
message when the cause is known, plain advice for a file that could not be written, and a calm
generic sentence for a bug, whose type alone is logged (its text could quote personal data).
"""

from __future__ import annotations

import errno
import logging

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from ..services.errors import InvalidInput, ServiceError
from ..storage.errors import StorageError, classify
from .password_feedback import grow_window_to_fit

log = logging.getLogger(__name__)

UNEXPECTED = "Erreur inattendue : rien n'a été enregistré."
ERROR_STYLE = "QLabel { color: #a4161a; }"
INFO_STYLE = "QLabel { color: #1b5e20; }"


def user_message(exc: BaseException) -> str:
    """The French text for an error: the known cause's own message, else a generic sentence.

    Several problems of an :class:`InvalidInput` go one per line. A bare ``OSError`` (read-only
    folder, full disk) is sorted like any storage failure.
    """
    if isinstance(exc, InvalidInput) and len(exc.problems) > 1:
        return "\n".join(exc.problems)
    if isinstance(exc, (ServiceError, StorageError)):
        return exc.message
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return (
            "Le dossier de données indiqué est un fichier, pas un dossier : rien n'a été "
            "enregistré. Relancez l'application avec un autre dossier de données."
        )
    known = classify(exc)
    if known is not None:
        return known.message
    log.error("Unexpected %s in a dialog task", type(exc).__name__)
    return UNEXPECTED


def save_error_message(exc: BaseException) -> str:
    """Why a PDF could not be written where the person chose, in words they can act on."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return (
                "Le support est plein : rien n'a été enregistré. Choisissez un autre emplacement."
            )
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return (
                "Impossible d'écrire à cet endroit (lecture seule ou droits insuffisants) : "
                "rien n'a été enregistré. Choisissez un autre dossier."
            )
        if exc.errno == errno.ENOENT:
            return (
                "Ce dossier n'existe plus (support retiré ?) : rien n'a été enregistré. "
                "Choisissez un autre dossier."
            )
        log.error("PDF not written: OSError errno=%s", exc.errno)
        return (
            "Le fichier n'a pas pu être enregistré : rien n'a été écrit. "
            "Vérifiez le support puis recommencez."
        )
    return user_message(exc)


def show_message(label: QLabel, text: str, *, error: bool = True) -> None:
    """Put ``text`` in an inline message label (hidden when empty), red or green."""
    label.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
    label.setText(text)
    label.setVisible(bool(text))
    if text:
        grow_window_to_fit(label)


def show_confirmation(label: QLabel, password: str, confirm: str) -> bool:
    """Say whether the confirmation matches (nothing while it is empty); True when it does."""
    matching = bool(confirm) and confirm == password
    if not confirm:
        show_message(label, "")
    elif matching:
        show_message(label, "Les deux saisies correspondent.", error=False)
    else:
        show_message(label, "Les deux saisies ne correspondent pas.")
    return matching


def mute(label: QLabel) -> None:
    """Secondary text: the palette's text colour softened towards the background.

    Derived from the palette so it follows dark themes, and kept dark enough for a contrast
    above 4.5:1 (WCAG AA), unlike the placeholder colour.
    """
    palette = label.palette()
    fg = palette.color(QPalette.ColorRole.WindowText)
    bg = palette.color(QPalette.ColorRole.Window)
    mixed = QColor(
        round(fg.red() * 0.65 + bg.red() * 0.35),
        round(fg.green() * 0.65 + bg.green() * 0.35),
        round(fg.blue() * 0.65 + bg.blue() * 0.35),
    )
    palette.setColor(QPalette.ColorRole.WindowText, mixed)
    label.setPalette(palette)
