"""The printable recovery-key sheet, made in memory (SPEC §3: the key is printed once).

The recovery key unwraps the database key on its own, so the sheet is the station's most
sensitive paper: it says plainly what the key is for, where to keep it and what happens if someone
else holds it. The PDF is built with reportlab in a ``BytesIO`` and never touches the disk; the
person decides where the bytes go. The same words feed :func:`recovery_sheet_html`, which the
set-up wizard hands to Qt for printing, so the paper reads the same either way.

reportlab is imported inside the function: it is slow to import and only needed here, once.
The built-in PDF fonts (Helvetica, Courier) know cp1252 only, so every text is first brought to
characters of that code page (French is fully covered; a stray "ł" becomes "l", an emoji "?").
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from html import escape

from ..storage.settings_repo import StationInfo

TITLE = "Clé de secours de la station"
CONFIDENTIAL = "Document confidentiel : ne pas photocopier, ne pas photographier."
TYPING_NOTE = (
    "À la saisie, les tirets, les espaces et les majuscules n'ont pas d'importance."
)
STORED_BOX = ("Rangée le :", "par :")


@dataclass(frozen=True)
class _Section:
    heading: str
    points: tuple[str, ...]


SECTIONS: tuple[_Section, ...] = (
    _Section(
        "À quoi sert cette clé ?",
        (
            "À déverrouiller le compte d'un ou d'une responsable d'unité bloqué "
            "(trois mots de passe erronés, ou mot de passe oublié).",
            "À restaurer une sauvegarde de la station.",
            "Elle a été affichée une seule fois, à la création de la station : "
            "le logiciel ne peut pas la montrer de nouveau.",
        ),
    ),
    _Section(
        "Où la ranger ?",
        (
            "Dans une armoire fermée à clé ou un coffre, loin du poste informatique.",
            "Jamais au même endroit que les sauvegardes (clé USB, disque externe).",
            "Ne la recopiez pas dans un fichier, un courriel ou un téléphone.",
        ),
    ),
    _Section(
        "Pourquoi tant de précautions ?",
        (
            "Toute personne qui détient cette clé et une copie des fichiers de la station "
            "peut lire tous les dossiers, sans aucun mot de passe.",
        ),
    ),
    _Section(
        "En cas de perte",
        (
            "En cas de perte, contactez votre responsable. Si la feuille a pu être vue ou "
            "copiée, signalez-le aussitôt.",
            "Pour vous en défaire, détruisez-la (broyeur) : ne la jetez pas telle quelle.",
        ),
    ),
)

# Characters outside cp1252 that have an obvious stand-in (NFKD handles accents and ligatures).
_STAND_INS = str.maketrans({
    "\u2009": " ", "\u200a": " ", "\u202f": "\u00a0", "\u2007": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u0142": "l", "\u0141": "L", "\u0111": "d", "\u0110": "D", "\u0131": "i",
    "\u2032": "'", "\u2033": '"',
})


def cp1252_safe(text: str) -> str:
    """``text`` with only characters the built-in PDF fonts can draw (never raises)."""
    out = []
    for ch in text.translate(_STAND_INS):
        if ch in "\n\t":
            out.append(ch)
            continue
        if unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        try:
            ch.encode("cp1252")
        except UnicodeEncodeError:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
            try:
                base.encode("cp1252")
            except UnicodeEncodeError:
                base = ""
            out.append(base or "?")
        else:
            out.append(ch)
    return "".join(out)


def key_groups(recovery_key: str) -> list[str]:
    """The key as groups of four characters, the way it is read aloud and typed back."""
    cleaned = "".join(ch for ch in recovery_key.upper() if ch.isalnum())
    return [cleaned[i : i + 4] for i in range(0, len(cleaned), 4)]


def _rows(groups: list[str], per_row: int = 4) -> list[list[str]]:
    return [groups[i : i + per_row] for i in range(0, len(groups), per_row)] or [[""]]


def format_created(created_at: datetime) -> str:
    """``02/11/2026 à 10:00`` in the station's local time."""
    local = created_at.astimezone() if created_at.tzinfo else created_at
    return local.strftime("%d/%m/%Y à %H:%M")


def _address_lines(info: StationInfo) -> list[str]:
    return [line.strip() for line in info.service_address.splitlines() if line.strip()]


def recovery_sheet_pdf(recovery_key: str, info: StationInfo, created_at: datetime) -> bytes:
    """One A4 page, as PDF bytes built in memory: the key, the service, what to do with it."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        KeepTogether,
        ListFlowable,
        ListItem,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(cp1252_safe(text), quote=False), style)

    ink = colors.HexColor("#1f2933")
    grey = colors.HexColor("#52606d")
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=11, leading=15, textColor=ink)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=grey)
    title = ParagraphStyle(
        "title", parent=base, fontName="Helvetica-Bold", fontSize=20, leading=24, spaceAfter=4
    )
    service = ParagraphStyle("service", parent=base, fontName="Helvetica-Bold", fontSize=12)
    heading = ParagraphStyle(
        "heading", parent=base, fontName="Helvetica-Bold", fontSize=12.5, leading=16,
        spaceBefore=12, spaceAfter=4,
    )
    key_style = ParagraphStyle(
        "key", fontName="Courier-Bold", fontSize=24, leading=30, alignment=TA_CENTER,
        textColor=colors.black,
    )
    note = ParagraphStyle("note", parent=small, alignment=TA_CENTER)

    story: list = [
        para(CONFIDENTIAL, small),
        Spacer(1, 0.3 * cm),
        para(TITLE, title),
        para(info.service_name, service),
    ]
    story += [para(line, base) for line in _address_lines(info)]
    if info.service_phone.strip():
        story.append(para(f"Tél. : {info.service_phone.strip()}", base))
    story += [
        Spacer(1, 0.15 * cm),
        para(f"Station créée le {format_created(created_at)}", base),
        Spacer(1, 0.7 * cm),
    ]

    key_rows = [[para(g, key_style) for g in row] for row in _rows(key_groups(recovery_key))]
    key_table = Table(key_rows, colWidths=[3.8 * cm] * len(key_rows[0]), hAlign="CENTER")
    key_table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f5f7fa")),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story += [key_table, Spacer(1, 0.15 * cm), para(TYPING_NOTE, note), Spacer(1, 0.2 * cm)]

    for section in SECTIONS:
        items = [ListItem(para(point, base), leftIndent=14) for point in section.points]
        story.append(KeepTogether([
            para(section.heading, heading),
            ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=14,
                         bulletFontSize=9),
        ]))

    label = ParagraphStyle("label", parent=base, fontName="Helvetica-Bold")
    line = "_" * 22
    stored = Table(
        [[para(f"{STORED_BOX[0]} {line}", label), para(f"{STORED_BOX[1]} {line}", label)]],
        colWidths=[8.2 * cm, 8.2 * cm], hAlign="CENTER",
    )
    stored.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1, ink),
        ("TOPPADDING", (0, 0), (-1, -1), 14),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
    ]))
    story += [Spacer(1, 1.0 * cm), stored]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4,
        leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.6 * cm, bottomMargin=1.6 * cm,
        title=cp1252_safe(TITLE), author="ANAISS Desktop", subject="", creator="ANAISS Desktop",
    )
    doc.build(story)
    return buffer.getvalue()


def recovery_sheet_html(recovery_key: str, info: StationInfo, created_at: datetime) -> str:
    """The same sheet as simple HTML (Qt's rich-text subset), for printing through Qt."""

    def h(text: str) -> str:
        return escape(text, quote=True)

    address = [h(line) for line in _address_lines(info)]
    if info.service_phone.strip():
        address.append(h(f"Tél. : {info.service_phone.strip()}"))
    parts = [
        f'<p style="color:#52606d; font-size:8pt;">{h(CONFIDENTIAL)}</p>',
        f'<h1 style="font-size:20pt;">{h(TITLE)}</h1>',
        f'<p style="font-size:12pt; margin-bottom:2px;"><b>{h(info.service_name)}</b></p>',
        f'<p style="margin-top:0px;">{"<br>".join(address)}</p>',
        f"<p>Station créée le {h(format_created(created_at))}</p>",
        "<p>&nbsp;</p>",
    ]
    rows = "".join(
        "<tr>" + "".join(
            '<td align="center" style="padding:6px 18px; font-family:\'Courier New\', monospace;'
            f' font-size:22pt; font-weight:bold;">{h(group)}</td>' for group in row
        ) + "</tr>"
        for row in _rows(key_groups(recovery_key))
    )
    # An outer one-cell table draws the frame; the inner one has no cell borders.
    parts.append(
        '<table align="center" border="1" cellspacing="0" cellpadding="8" '
        'style="border-style:solid; border-color:#000000;"><tr>'
        '<td style="background-color:#f5f7fa;">'
        f'<table border="0" cellspacing="0" cellpadding="2">{rows}</table>'
        "</td></tr></table>"
    )
    parts.append(f'<p align="center" style="font-size:8pt; color:#52606d;">{h(TYPING_NOTE)}</p>')
    for section in SECTIONS:
        parts.append(f'<h3 style="font-size:12pt; margin-top:14px;">{h(section.heading)}</h3><ul>')
        parts += [f"<li>{h(point)}</li>" for point in section.points]
        parts.append("</ul>")
    blank = "_" * 22
    parts.append("<p>&nbsp;</p>")
    parts.append(
        '<table border="1" cellspacing="0" cellpadding="14" width="100%" '
        'style="border-style:solid; border-color:#1f2933;"><tr>'
        f"<td><b>{h(STORED_BOX[0])} {blank}</b></td>"
        f"<td><b>{h(STORED_BOX[1])} {blank}</b></td></tr></table>"
    )
    return (
        '<html><body style="font-size:11pt; color:#1f2933;">' + "".join(parts) + "</body></html>"
    )
