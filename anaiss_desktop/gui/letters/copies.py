"""A copy of a letter on disk: only when asked, after a warning, written whole or not at all.

The copy leaves the encrypted store (SPEC §3): the person is told first, and each copy is in the
audit log (the caller records it through :meth:`LetterService.record`). The files are written
like every file that leaves the store (:mod:`anaiss_desktop.services.drive_write`): hidden
temporary names, flushed, renamed, read back — a full disk or a pulled-out stick leaves no
half-written letter, and a series is written whole or not at all. Names are suggested from the
dossier number, never from the person's name (a file name is seen by anyone browsing the
stick).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ...services.drive_write import write_files

UNENCRYPTED_TITLE = "Copie non chiffrée"
UNENCRYPTED_TEXT = (
    "La copie enregistrée sur le disque ou la clé USB ne sera PAS chiffrée : toute personne "
    "qui accède à ce support pourra la lire. Enregistrez-la seulement si c'est nécessaire, sur "
    "un support protégé, et supprimez-la dès qu'elle n'est plus utile. La copie est notée dans "
    "le journal.\n\nContinuer ?"
)


def safe_file_name(name: str) -> str:
    """A file name every system accepts ("courrier-2026-000012.pdf")."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', "-", name).strip(" .-")
    return cleaned or "courrier.pdf"


def with_pdf_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def write_copy(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, whole or not at all, read back
    (:func:`~anaiss_desktop.services.drive_write.write_files`; raises its ``WriteFailed``)."""
    path = Path(path)
    write_files(path.parent, [(path.name, data)])


def write_copies(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Write each ``(name, data)`` in ``folder``; all of them or none, read back."""
    written = write_files(Path(folder), [(safe_file_name(name), data) for name, data in files])
    return [w.path for w in written]


def existing(folder: Path, names: Sequence[str]) -> list[str]:
    """The names already present in ``folder`` (to ask before replacing them)."""
    return [n for n in names if (Path(folder) / safe_file_name(n)).exists()]


def ask_save_path(parent: QWidget, title: str, default_name: str) -> Path | None:
    """The system's "save as" dialog (the default folder is the user's home)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / safe_file_name(default_name)),
        parent.tr("Document PDF (*.pdf)"),
    )
    return with_pdf_suffix(Path(path)) if path else None


def ask_folder(parent: QWidget, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(folder) if folder else None
