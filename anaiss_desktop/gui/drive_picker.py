"""Choosing the drive a file goes to: removable drives first, any folder after a warning.

Shared by every act that writes outside the encrypted store on purpose (statistics export,
backup). The list is read again on demand (a stick plugged in after the window opened); a
read-only volume is shown but cannot be chosen; "Autre dossier…" adds a folder picked in the
system's dialog. A drive that is not removable is possible, with a warning: the files would
stay on the PC.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .drives import Drive, drive_of, list_drives

WARNING_STYLE = ("QLabel { background: #fbf5e6; color: #5c4400; border: 1px solid #e8d9ad;"
                 " border-radius: 4px; padding: 4px 8px; }")


def size_text(n: int) -> str:
    """"512 Ko", "47 Mo", "7,3 Go"."""
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} Ko"
    if n < 1024 ** 3:
        return f"{n / 1024 ** 2:.0f} Mo"
    return f"{n / 1024 ** 3:.1f} Go".replace(".", ",")


def ask_folder(parent: QWidget) -> Path | None:
    """The system's folder dialog, starting at the user's home."""
    folder = QFileDialog.getExistingDirectory(
        parent, parent.tr("Choisir un dossier"), str(Path.home()))
    return Path(folder) if folder else None


class DrivePicker(QWidget):
    """Args:
        intro: the sentence above the list.
        not_removable_warning: what is said when the chosen drive is not removable.
        parent: the dialog.
        drives: lists the drives (tests pass their own).
        choose_folder: asks for a folder by hand (tests pass their own).

    Signals:
        selection_changed(): another drive was chosen (or none).
    """

    selection_changed = Signal()

    def __init__(self, intro: str, not_removable_warning: str, parent: QWidget | None = None,
                 *, drives: Callable[[], list[Drive]] = list_drives,
                 choose_folder: Callable[[QWidget], Path | None] | None = None) -> None:
        super().__init__(parent)
        self._list_drives = drives
        self._choose_folder = choose_folder or ask_folder
        self._warning = not_removable_warning
        self._other: Drive | None = None
        intro_label = QLabel(intro, self)
        intro_label.setWordWrap(True)
        self.drive_list = QListWidget(self)
        self.drive_list.setObjectName("drive_list")
        self.drive_list.currentRowChanged.connect(self._on_drive_list_current_row_changed)
        self.refresh_button = QPushButton(self.tr("&Actualiser la liste"), self)
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.other_button = QPushButton(self.tr("Autre &dossier…"), self)
        self.other_button.clicked.connect(self._on_other_button_clicked)
        for button in (self.refresh_button, self.other_button):
            button.setAutoDefault(False)
        self.drive_warning = QLabel(self)
        self.drive_warning.setObjectName("drive_warning")
        self.drive_warning.setWordWrap(True)
        self.drive_warning.setStyleSheet(WARNING_STYLE)
        self.drive_warning.hide()
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.other_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro_label)
        layout.addWidget(self.drive_list, 1)
        layout.addLayout(row)
        layout.addWidget(self.drive_warning)

    def refresh(self) -> None:
        """List the drives again; a removable one (or the folder picked by hand) is chosen."""
        self.drive_list.clear()
        drives = list(self._list_drives())
        if self._other is not None:
            drives.append(self._other)
        for drive in drives:
            item = QListWidgetItem(self._text(drive), self.drive_list)
            item.setData(Qt.ItemDataRole.UserRole, drive)
            if drive.read_only:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        usable = [i for i, d in enumerate(drives) if not d.read_only]
        preferred = [i for i in usable if drives[i].removable]
        choice = preferred[0] if preferred else -1
        if self._other is not None:
            choice = len(drives) - 1
        self.drive_list.setCurrentRow(choice)
        self._on_drive_list_current_row_changed(choice)

    def _text(self, drive: Drive) -> str:
        kind = (self.tr("support amovible") if drive.removable
                else self.tr("disque interne ou réseau"))
        if drive.read_only:
            kind += self.tr(", lecture seule")
        return self.tr("%s — %s — %s libres — %s") % (
            drive.label, kind, size_text(drive.free_bytes), drive.root)

    def selected_drive(self) -> Drive | None:
        item = self.drive_list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.drive_list, self.refresh_button, self.other_button):
            widget.setEnabled(not busy)

    @Slot(int)
    def _on_drive_list_current_row_changed(self, _row: int) -> None:
        drive = self.selected_drive()
        self.drive_warning.setText(self._warning)
        self.drive_warning.setVisible(drive is not None and not drive.removable)
        self.selection_changed.emit()

    @Slot()
    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    @Slot()
    def _on_other_button_clicked(self) -> None:
        folder = self._choose_folder(self)
        if folder is None:
            return
        self._other = drive_of(Path(folder))
        self.refresh()
