"""A letter as an A4 PDF, made in memory with reportlab's platypus.

Laid out like a French administrative letter: the service's letterhead at the top left, the
recipient's address where a window envelope shows it (right-hand window, 110 mm from the left
edge, 50 mm from the top), place and date, subject, body, and the referent's signature block.
Pages after the first carry a short running header; every page says "page N sur M".

Nothing touches the disk: the PDF is returned as bytes, to be previewed, printed, stored in the
encrypted dossier or, on the user's explicit request, saved. The font is Bitstream Vera, shipped
inside reportlab and embedded in the PDF; a character it cannot draw (an emoji, a script it does
not cover) is named in a French message instead of printing a blank box.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from ..domain.letters import LetterText
from .letter_render import LetterProblem

FONT = "AnaissVera"
FONT_BOLD = "AnaissVeraBold"
FONT_ITALIC = "AnaissVeraItalic"

# Window envelope (DL / C5 with a right-hand window), in millimetres from the top-left corner.
WINDOW_LEFT_MM = 110
WINDOW_TOP_MM = 50
WINDOW_WIDTH_MM = 85
WINDOW_HEIGHT_MM = 35
BODY_TOP_MM = 100  # the body starts under the window on the first page


@lru_cache(maxsize=1)
def register_fonts() -> dict[str, Any]:
    """Register the Vera family once; return the regular face's character map."""
    import reportlab
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(reportlab.__file__).resolve().parent / "fonts"
    faces = {FONT: "Vera.ttf", FONT_BOLD: "VeraBd.ttf", FONT_ITALIC: "VeraIt.ttf",
             "AnaissVeraBoldItalic": "VeraBI.ttf"}
    fonts = {}
    for name, file in faces.items():
        font = TTFont(name, str(folder / file))
        pdfmetrics.registerFont(font)
        fonts[name] = font
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, "AnaissVeraBoldItalic")
    return fonts[FONT].face.charToGlyph


def unsupported_characters(text: str) -> list[str]:
    """The characters of ``text`` the letter's font cannot draw, in order of appearance."""
    glyphs = register_fonts()
    seen: list[str] = []
    for char in text:
        if char in "\n\r\t" or char in seen:
            continue
        if ord(char) not in glyphs and unicodedata.category(char) not in ("Zs", "Cf"):
            seen.append(char)
    return seen


_SCRIPTS = {"ARABIC": "écriture arabe", "HEBREW": "écriture hébraïque",
            "CJK": "idéogrammes", "HIRAGANA": "écriture japonaise",
            "KATAKANA": "écriture japonaise", "HANGUL": "écriture coréenne",
            "CYRILLIC": "alphabet cyrillique", "DEVANAGARI": "écriture devanagari",
            "THAI": "écriture thaï", "ARMENIAN": "alphabet arménien",
            "GEORGIAN": "alphabet géorgien", "ETHIOPIC": "écriture éthiopienne"}


def _describe(char: str) -> str:
    """A character as a French reader can find it in the text."""
    if unicodedata.category(char) in ("So", "Sk", "Cs") or ord(char) >= 0x1F000:
        return f"{char} (symbole ou émoji)"
    script = unicodedata.name(char, "").split(" ")[0]
    if script in _SCRIPTS:
        return f"{char} ({_SCRIPTS[script]})"
    return f"{char} (U+{ord(char):04X})"


def check_printable(letter: LetterText) -> None:
    """Raise :class:`LetterProblem` naming the characters the PDF could not show."""
    text = "\n".join((letter.subject, letter.body, *letter.recipient, *letter.signature,
                      *letter.letterhead, letter.place))
    missing = unsupported_characters(text)
    if missing:
        shown = ", ".join(_describe(c) for c in missing[:8])
        more = f" et {len(missing) - 8} autre(s)" if len(missing) > 8 else ""
        raise LetterProblem(
            f"Le courrier contient des caractères que l'imprimé ne peut pas reproduire : "
            f"{shown}{more}. Retirez-les ou remplacez-les (par exemple par une transcription "
            "en lettres latines), puis relancez l'aperçu.")


HEADING = "## "  # a paragraph starting so is a heading (the information notice has some)


def _paragraphs(text: str) -> list[tuple[bool, str]]:
    """(is heading, markup) per paragraph: blank lines separate paragraphs, a single line
    break stays a line break, "## " opens a heading."""
    blocks: list[tuple[bool, str]] = []
    current: list[str] = []

    def close() -> None:
        if current:
            heading = current[0].startswith(HEADING)
            if heading:
                current[0] = current[0][len(HEADING):]
            blocks.append((heading, "<br/>".join(escape(line, quote=False) for line in current)))
            current.clear()

    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        else:
            close()
    close()
    return blocks


def letter_pdf(letter: LetterText, *, author: str = "ANAISS Desktop") -> bytes:
    """The letter as PDF bytes. Raises :class:`LetterProblem` on a character it cannot draw."""
    return letters_pdf([letter], author=author)


def letters_pdf(letters: list[LetterText], *, author: str = "ANAISS Desktop") -> bytes:
    """Several letters in one PDF (a batch printed at once); each starts on a new page with
    its letterhead and window address, and counts its own pages."""
    register_fonts()
    for letter in letters:
        check_printable(letter)
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        KeepTogether,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    width, height = A4
    left, right, bottom = 22 * mm, 20 * mm, 22 * mm
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, spaceAfter=7,
                          alignment=TA_LEFT, splitLongWords=1)
    right_style = ParagraphStyle("date", parent=body, alignment=TA_RIGHT, spaceAfter=12)
    subject = ParagraphStyle("subject", parent=body, fontName=FONT_BOLD, spaceAfter=12)
    heading = ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, spaceBefore=4,
                             spaceAfter=4, keepWithNext=1)
    signature = ParagraphStyle("signature", parent=body, leftIndent=(WINDOW_LEFT_MM * mm) - left,
                               spaceAfter=0)
    signer = ParagraphStyle("signer", parent=signature, fontName=FONT_BOLD)

    def first_page(letter: LetterText, index: int) -> Any:
        def draw(canvas: Canvas, doc: Any) -> None:
            canvas.letter_index = index
            canvas.saveState()
            y = height - 16 * mm
            for number, line in enumerate(letter.letterhead):
                canvas.setFont(FONT_BOLD if number == 0 else FONT, 11 if number == 0 else 9)
                canvas.drawString(left, y, line)
                y -= 13 if number == 0 else 11
            top = height - WINDOW_TOP_MM * mm
            canvas.setFont(FONT, 10.5)
            for number, line in enumerate(letter.recipient[:6]):
                canvas.drawString(WINDOW_LEFT_MM * mm + 4 * mm, top - 8 * mm - number * 14, line)
            canvas.restoreState()
        return draw

    def later_page(letter: LetterText, index: int) -> Any:
        def draw(canvas: Canvas, doc: Any) -> None:
            canvas.letter_index = index
            canvas.saveState()
            canvas.setFont(FONT, 8)
            head = letter.letterhead[0] if letter.letterhead else ""
            canvas.drawString(left, height - 14 * mm, f"{head} — {letter.subject}"[:110])
            canvas.restoreState()
        return draw

    class NumberedCanvas(Canvas):
        """Writes "page N sur M" once each letter's number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.letter_index = 0

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for page in self._pages:
                totals[page["letter_index"]] = totals.get(page["letter_index"], 0) + 1
            seen: dict[int, int] = {}
            for page in self._pages:
                index = page["letter_index"]
                seen[index] = seen.get(index, 0) + 1
                self.__dict__.update(page)
                if totals[index] > 1:
                    self.setFont(FONT, 8)
                    self.drawRightString(width - right, 12 * mm,
                                         f"page {seen[index]} sur {totals[index]}")
                super().showPage()
            super().save()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, title=letters[0].title if len(letters) == 1
                          else "Courriers", author=author,
                          subject=letters[0].subject if len(letters) == 1 else "",
                          creator="ANAISS Desktop",
                          leftMargin=left, rightMargin=right, bottomMargin=bottom)
    first_frame = Frame(left, bottom, width - left - right, height - BODY_TOP_MM * mm - bottom,
                        leftPadding=0, rightPadding=0)
    later_frame = Frame(left, bottom, width - left - right, height - 24 * mm - bottom,
                        leftPadding=0, rightPadding=0)
    templates = []
    for index, letter in enumerate(letters):
        templates.append(PageTemplate(f"first{index}", [first_frame],
                                      onPage=first_page(letter, index)))
        templates.append(PageTemplate(f"later{index}", [later_frame],
                                      onPage=later_page(letter, index)))
    doc.addPageTemplates(templates)
    story: list[Any] = []
    for index, letter in enumerate(letters):
        if index:
            story += [NextPageTemplate(f"first{index}"), PageBreak()]
        story.append(NextPageTemplate(f"later{index}"))
        story.append(Paragraph(escape(f"{letter.place}, le {letter.date_text}" if letter.place
                                      else f"Le {letter.date_text}", quote=False), right_style))
        story.append(Paragraph("Objet : " + escape(letter.subject, quote=False), subject))
        story.extend(Paragraph(block, heading if is_heading else body)
                     for is_heading, block in _paragraphs(letter.body))
        story.append(Spacer(1, 6 * mm))
        story.append(KeepTogether([
            Paragraph(escape(line, quote=False), signature if number else signer)
            for number, line in enumerate(letter.signature)]))
    try:
        doc.build(story, canvasmaker=NumberedCanvas)
    except Exception as exc:  # reportlab's layout errors carry no personal data
        raise LetterProblem("Le courrier n'a pas pu être mis en page "
                            f"({type(exc).__name__}) : raccourcissez les lignes très longues.") \
            from None
    return buffer.getvalue()
