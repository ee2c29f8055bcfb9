"""The readable half of a person's data export: an A4 PDF made in memory with platypus.

It is handed to the person (right of access, RGPD art. 15), so it speaks to them: what this
document is, where the same data is in a machine-readable form (the JSON file beside it, art.
20), how to ask for a correction. Then the data, section by section, as tables: identity and
contact details, household, and each dossier with its interventions, aids, appointments and
follow-ups, letters (listed, not reproduced) and the notes the social worker chose to include.
An empty field says "non renseigné" rather than vanish: the person sees what is recorded and what
is not.

It is made from the very dict the JSON file holds (:attr:`PersonExport.data`), so the two cannot
say different things. Dates are French (dd/mm/yyyy); long texts wrap, inside table cells too;
every page says "page N sur M". The font is Bitstream Vera, embedded (:func:`register_fonts`);
a character it cannot draw becomes "?" here, and the page says the JSON keeps the exact text.
Nothing touches the disk; reportlab is imported on first use (start-up time).
"""

from __future__ import annotations

import io
from html import escape
from typing import Any

from .letter_pdf import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from .person_export import SEX_LABELS, VISIBILITY_LABELS, file_stem, instant_fr

INK = "#1F2328"
MUTED = "#5A6270"
ACCENT = "#2E4A62"
RULE = "#C9CED4"
PANEL = "#EEF2F5"
HEAD = "#E3E8ED"

NOT_PROVIDED = "non renseigné"


def _money(cents: int | None) -> str:
    if cents is None:
        return ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", "\u202f")
    return f"{'-' if cents < 0 else ''}{grouped},{rest:02d} €"


def _duration(minutes: int | None) -> str:
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _coded(value: dict[str, str] | None) -> str:
    """A coded value as read: its label, with what *Autre* was when said."""
    if not value:
        return ""
    code = value.get("code") or ""
    label = "" if code == "NR" else value.get("libelle") or code
    precision = value.get("precision") or ""
    if precision and code == "AUTRE":
        return f"Autre : {precision}"
    if precision:
        return f"{label} ({precision})" if label else precision
    return label


def _of(name: str) -> str:
    """"de Marie DUPONT", "d'Odile VASSEUR": French elides "de" before a vowel."""
    return f"d'{name}" if name[:1].upper() in "AEIOUYÀÂÄÉÈÊËÎÏÔÖÛÙÜ" else f"de {name}"


class _Text:
    """Escapes text for reportlab's paragraph markup and replaces what the font cannot draw."""

    def __init__(self) -> None:
        self._glyphs = register_fonts()
        self.replaced = False

    def clean(self, text: str) -> str:
        out = []
        for char in text:
            if char in "\n\t" or ord(char) in self._glyphs or char == "\u202f":
                out.append(char)
            elif char == "\r":
                continue
            else:
                out.append("?")
                self.replaced = True
        return "".join(out)

    def markup(self, text: str) -> str:
        """Escaped, line breaks kept."""
        return "<br/>".join(escape(line, quote=False)
                            for line in self.clean(text).replace("\t", "    ").split("\n"))


def person_export_pdf(data: dict[str, Any]) -> bytes:
    """The PDF of an export's data (:attr:`PersonExport.data`), as bytes."""
    register_fonts()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        CondPageBreak,
        Frame,
        KeepTogether,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.doctemplate import BaseDocTemplate

    text = _Text()
    width, height = A4
    left = right = 18 * mm
    top, bottom = 16 * mm, 18 * mm
    usable = width - left - right

    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK,
                          splitLongWords=1, spaceAfter=4)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=0)
    small_bold = ParagraphStyle("small_bold", parent=small, fontName=FONT_BOLD)
    label_style = ParagraphStyle("label", parent=small, textColor=MUTED)
    empty_style = ParagraphStyle("empty", parent=small, fontName=FONT_ITALIC, textColor=MUTED)
    title_style = ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=17,
                                 leading=21, textColor=ACCENT, spaceAfter=4)
    sub_style = ParagraphStyle("sub", parent=body, textColor=MUTED, spaceAfter=1)
    h1 = ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16,
                        textColor=ACCENT, spaceBefore=10, spaceAfter=5, keepWithNext=1)
    h2 = ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=13,
                        textColor=INK, spaceBefore=8, spaceAfter=3, keepWithNext=1)
    note_head = ParagraphStyle("note_head", parent=small_bold, textColor=ACCENT, spaceBefore=4,
                               spaceAfter=2, keepWithNext=1)
    note_body = ParagraphStyle("note_body", parent=body, fontSize=9, leading=12.5,
                               leftIndent=8, spaceAfter=4)

    def p(value: str, style: ParagraphStyle = small) -> Paragraph:
        return Paragraph(text.markup(value), style)

    def value_cell(value: str) -> Paragraph:
        return p(value) if value.strip() else Paragraph(NOT_PROVIDED, empty_style)

    def rule_table(rows: list[list[Any]], widths: list[float], *, header: bool = True
                   ) -> Table:
        # splitInRow: a very long summary flows on to the next page instead of failing.
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT",
                      splitInRow=1)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(RULE)),
        ]
        if header:
            style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEAD)),
                      ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(ACCENT))]
        table.setStyle(TableStyle(style))
        return table

    def facts_table(rows: list[tuple[str, str]]) -> Table:
        return rule_table([[p(label, label_style), value_cell(value)] for label, value in rows],
                          [48 * mm, usable - 48 * mm], header=False)

    def data_table(headers: list[str], rows: list[list[str]], fractions: list[float],
                   empty: str) -> Any:
        if not rows:
            return Paragraph(escape(empty), empty_style)
        widths = [usable * f for f in fractions]
        return rule_table([[p(h, small_bold) for h in headers]]
                          + [[p(cell) for cell in row] for row in rows], widths)

    def panel(paragraphs: list[Paragraph]) -> Table:
        box = Table([[paragraphs]], colWidths=[usable], hAlign="LEFT")
        box.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(PANEL)),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, colors.HexColor(ACCENT)),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ("RIGHTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        return box

    person = data["personne"]
    service = data["service"]
    stem = file_stem(person["id"])
    full_name = " ".join(part for part in (person["prenoms"].strip(),
                                           person["nom_usage"].strip().upper()) if part)
    exported_on = instant_fr(data["date_export"])
    service_line = ", ".join(part for part in (
        service["nom"], *(line.strip() for line in service["adresse"].splitlines()),
        f"tél. {service['telephone']}" if service["telephone"] else "") if part.strip())

    story: list[Any] = [
        Paragraph(escape(text.clean(f"Données personnelles {_of(full_name)}")), title_style),
        p(f"Document établi le {exported_on} par {data['exporte_par']}", sub_style),
        p(f"Service : {service_line}", sub_style),
        Spacer(1, 4 * mm),
    ]

    about = [
        Paragraph("<b>Ce document</b>", ParagraphStyle("about_h", parent=small_bold,
                                                       fontSize=9.5, spaceAfter=3)),
        Paragraph(escape(
            "Il rassemble les informations vous concernant que le service a enregistrées dans "
            "son logiciel de suivi social, telles que la personne qui l'a établi peut les "
            f"consulter. Il vous est remis au titre de votre droit d'accès (article 15 du "
            f"règlement général sur la protection des données, RGPD). Le fichier "
            f"« {stem}.json » qui l'accompagne contient les mêmes données dans un format "
            "structuré, lisible par une machine, au titre du droit à la portabilité "
            "(article 20 du RGPD)."), small),
        Spacer(1, 2),
        Paragraph(escape(
            "Les notes de travail des professionnel(le)s n'y figurent que si la personne qui a "
            "établi le document a choisi de les inclure. Le texte des courriers n'est pas "
            "reproduit : leur liste est donnée, une copie peut être demandée au service."), small),
        Spacer(1, 2),
        Paragraph(escape(
            "Si une information est inexacte ou incomplète, vous pouvez en demander la "
            "rectification (article 16 du RGPD) à votre référent(e) ou par écrit au service, à "
            "l'adresse ci-dessus, en joignant ce document si vous le souhaitez. Vous pouvez "
            "aussi adresser une réclamation à la Commission nationale de l'informatique et des "
            "libertés (CNIL, www.cnil.fr)."), small),
    ]
    story.append(panel(about))

    # -- identity ------------------------------------------------------------------------------
    story.append(Paragraph("Identité et coordonnées", h1))
    address = "\n".join(line for line in (
        person["adresse"].strip(),
        " ".join(x for x in (person["code_postal"].strip(), person["ville"].strip()) if x),
    ) if line)
    story.append(facts_table([
        ("Nom d'usage", person["nom_usage"]),
        ("Nom de naissance", person["nom_naissance"]),
        ("Prénom(s)", person["prenoms"]),
        ("Date de naissance", instant_fr(person["date_naissance"])),
        ("Sexe", SEX_LABELS.get(person["sexe"] or "", "")),
        ("Adresse", address),
        ("Téléphone", person["telephone"]),
        ("Courriel", person["courriel"]),
        ("N° de sécurité sociale (NIR)", person["nir"]),
        ("Situation familiale", _coded(person["situation_familiale"])),
        ("Fiche créée le", instant_fr(person["cree_le"])),
        ("Dernière modification le", instant_fr(person["modifie_le"])),
    ]))
    story.append(Paragraph("Membres du foyer", h2))
    story.append(data_table(
        ["Nom", "Lien", "Date de naissance"],
        [[m["nom"], m["lien"], instant_fr(m["date_naissance"])] for m in person["foyer"]],
        [0.5, 0.3, 0.2], "Aucun membre du foyer enregistré."))

    # -- dossiers ------------------------------------------------------------------------------
    dossiers = data["dossiers"]
    if not dossiers:
        story.append(Paragraph("Dossiers", h1))
        story.append(Paragraph("Aucun dossier de suivi n'est ouvert à votre nom.", empty_style))
    for dossier in dossiers:
        story.append(CondPageBreak(60 * mm))
        story.append(Paragraph(escape(f"Dossier n° {dossier['numero']}"), h1))
        status = dossier["statut"]["libelle"]
        since = instant_fr(dossier["statut_depuis"] or dossier["ouvert_le"])
        status_text = f"{status} depuis le {since}" if since else status
        if dossier["clos_le"]:
            status_text = f"Clos le {instant_fr(dossier['clos_le'])}"
            reason = _coded(dossier["motif_cloture"])
            if reason:
                status_text += f" — {reason}"
        consent = dossier["consentement"]
        consent_text = ""
        if consent["recueilli_le"]:
            consent_text = f"recueilli le {instant_fr(consent['recueilli_le'])}"
            mode = _coded(consent["mode"])
            if mode:
                consent_text += f" ({mode})"
        story.append(facts_table([
            ("Statut", status_text),
            ("Ouvert le", instant_fr(dossier["ouvert_le"])),
            ("Référent(e)", dossier["referent"]),
            ("Origine de la demande", _coded(dossier["origine"])),
            ("Motif(s)", "\n".join(_coded(m) for m in dossier["motifs"] if _coded(m))),
            ("Information et consentement", consent_text),
            ("Notice d'information", "remise" if consent["notice_remise"] else "non remise"),
            ("Échanges avec les partenaires",
             "avec votre accord" if consent["accord_echanges_partenaires"]
             else "pas d'accord enregistré"),
            ("Dernier contact", instant_fr(dossier["dernier_contact_le"])),
        ]))

        interventions = dossier["interventions"]
        story.append(Paragraph(escape(f"Interventions ({len(interventions)})"), h2))
        story.append(data_table(
            ["Date", "Type", "Durée", "Résumé", "Par"],
            [[instant_fr(i["date"]), _coded(i["type"]), _duration(i["duree_minutes"]),
              i["resume"], i["auteur"]] for i in interventions],
            [0.12, 0.16, 0.08, 0.44, 0.20], "Aucune intervention enregistrée."))

        aids = dossier["aides"]
        story.append(Paragraph(escape(f"Aides et démarches ({len(aids)})"), h2))
        story.append(data_table(
            ["Aide", "Organisme", "Demandée le", "Issue", "Montant"],
            [[_coded(a["type"]),
              a["organisme"], instant_fr(a["demandee_le"]),
              " le ".join(x for x in (_coded(a["issue"]), instant_fr(a["issue_le"])) if x),
              _money(a["montant_centimes"])] for a in aids],
            [0.22, 0.24, 0.15, 0.25, 0.14], "Aucune aide enregistrée."))

        echeances = dossier["echeances"]
        story.append(Paragraph(escape(f"Rendez-vous et échéances ({len(echeances)})"), h2))
        story.append(data_table(
            ["Date", "Type", "Objet", "Lieu", "Fait le"],
            [[instant_fr(e["prevue_le"]), e["type"]["libelle"], e["libelle"], e["lieu"],
              instant_fr(e["faite_le"])[:10]] for e in echeances],
            [0.19, 0.18, 0.32, 0.19, 0.12], "Aucun rendez-vous ni échéance enregistré."))

        letters = dossier["courriers"]
        story.append(Paragraph(escape(f"Courriers ({len(letters)})"), h2))
        story.append(data_table(
            ["Date", "Courrier", "Objet"],
            [[instant_fr(c["date"])[:10], c["titre"], c["objet"]] for c in letters],
            [0.14, 0.38, 0.48], "Aucun courrier enregistré."))

        notes = dossier["notes"]
        if notes:
            story.append(Paragraph(escape(f"Notes ({len(notes)})"), h2))
            for note in notes:
                head = f"{instant_fr(note['date'])} — {note['auteur']} — " \
                       f"{VISIBILITY_LABELS.get(note['visibilite'], note['visibilite'])}"
                if note["intervention_du"]:
                    head += f" (intervention du {instant_fr(note['intervention_du'])})"
                # Paragraphs, not a table cell: a long note flows on to the next page.
                story.append(p(head, note_head))
                story.append(p(note["texte"], note_body))

    left_out = data["dossiers_non_inclus"]
    if left_out:
        story.append(Paragraph("Autres dossiers", h1))
        story.append(p(
            "Le service vous suit aussi dans le(s) dossier(s) ci-dessous, qui ne figurent pas "
            "dans ce document (leur contenu n'est pas consultable par la personne qui l'a "
            "établi). Demandez-les à la personne référente ou au service.", body))
        story.append(data_table(["Dossier", "Référent(e)"],
                                [[d["numero"], d["referent"]] for d in left_out],
                                [0.3, 0.7], ""))

    if text.replaced:
        story.append(Spacer(1, 4 * mm))
        story.append(KeepTogether([Paragraph(
            "Certains caractères que ce document ne peut pas afficher sont remplacés par « ? » ; "
            f"le fichier « {stem}.json » les contient tels qu'ils ont été saisis.",
            empty_style)]))

    footer_name = text.clean(service["nom"])
    footer_tail = text.clean(f" — données personnelles, document établi le {exported_on}")

    class NumberedCanvas(Canvas):
        """Writes "page N sur M" once the number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self.setFont(FONT, 7.5)
                self.setFillColor(colors.HexColor(MUTED))
                pages = f"page {number} sur {total}"
                room = (width - left - right - 12
                        - pdfmetrics.stringWidth(pages, FONT, 7.5))
                name = footer_name  # shortened first: the date must stay whole
                while (pdfmetrics.stringWidth(name + footer_tail, FONT, 7.5) > room
                       and len(name) > 1):
                    name = name[:-2] + "…"
                self.drawString(left, 10 * mm, name + footer_tail)
                self.drawRightString(width - right, 10 * mm, pages)
                self.setStrokeColor(colors.HexColor(RULE))
                self.setLineWidth(0.4)
                self.line(left, 13 * mm, width - right, 13 * mm)
                super().showPage()
            super().save()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, title=text.clean(f"Données personnelles {_of(full_name)}"),
        author=text.clean(service["nom"]), subject="Droit d'accès et portabilité (RGPD)",
        creator="ANAISS Desktop", leftMargin=left, rightMargin=right, topMargin=top,
        bottomMargin=bottom)
    frame = Frame(left, bottom, usable, height - top - bottom, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame])])
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
