"""The recovery-key sheet: one A4 page made in memory, readable words, safe characters."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import SERVICE
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from anaiss_desktop.security.keyslots import generate_recovery_key, normalise_recovery_key
from anaiss_desktop.services.recovery_sheet import (
    cp1252_safe,
    key_groups,
    recovery_sheet_html,
    recovery_sheet_pdf,
)
from anaiss_desktop.storage.settings_repo import StationInfo

CREATED = datetime(2026, 11, 2, 12, 0, tzinfo=timezone.utc)


def pdf_text(data: bytes) -> str:
    """All text, whitespace folded (a line may wrap anywhere)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_sheet_is_one_a4_page_with_key_service_and_instructions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    key = generate_recovery_key()
    data = recovery_sheet_pdf(key, SERVICE, CREATED)

    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = pdf_text(data)
    assert "Clé de secours de la station" in text
    for group in key.split("-"):
        assert group in text
    assert SERVICE.service_name in text
    assert "12 rue des Arts" in text and "59000 Lille" in text
    assert "03 20 00 00 00" in text
    assert "02/11/2026" in text
    for words in (
        "déverrouiller",
        "restaurer une sauvegarde",
        "armoire fermée à clé",
        "loin du poste",
        "même endroit que les sauvegardes",
        "peut lire tous les dossiers",
        "contactez votre responsable",
        "Rangée le :",
        "par :",
    ):
        assert words in text, words
    assert list(tmp_path.iterdir()) == []  # made in memory: nothing written


def test_key_groups_read_back_to_the_same_key():
    key = generate_recovery_key()
    groups = key_groups(key)
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert normalise_recovery_key(" ".join(groups)) == normalise_recovery_key(key)


def test_typographic_and_foreign_characters_do_not_crash():
    info = StationInfo(
        "Œuvre de l’enfance – « Łódź » & <Nord> 😀",
        "3\u202frue de l’Église\n\n  75001 Paris  ",
        "",
    )
    text = pdf_text(recovery_sheet_pdf(generate_recovery_key(), info, CREATED))
    assert "Œuvre de l’enfance" in text  # cp1252 has œ and ’: kept as typed
    assert "Lódz" in text  # ł and ź have no glyph in the built-in fonts: nearest letters
    assert "& <Nord>" in text  # markup characters are text, not Paragraph tags
    assert "rue de l’Église" in text and "75001 Paris" in text
    assert "Tél." not in text  # no phone given: no empty line for it


@given(st.text())
def test_cp1252_safe_always_encodes(text):
    cp1252_safe(text).encode("cp1252")


def test_html_version_has_the_same_key_and_escapes_markup():
    key = generate_recovery_key()
    html = recovery_sheet_html(key, StationInfo("A & B <Nord>", "1 rue X", "01"), CREATED)
    for group in key.split("-"):
        assert group in html
    assert "A &amp; B &lt;Nord&gt;" in html
    assert "contactez votre responsable" in html


@pytest.mark.slow
def test_reportlab_is_not_imported_at_start_up():
    code = (
        "import sys, anaiss_desktop.services.recovery_sheet; "
        "sys.exit(1 if 'reportlab' in sys.modules else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent)
    assert result.returncode == 0
