"""A report for the funder as an A4 PDF (reportlab platypus): whatever sections the report holds, in their order.

First page: the organisation's name and address with its logo, the report's title, period, filters and the day it
was made, then any warnings (volunteers paid above the tax-free limit). Each section: its key figures in a grid, its
charts (documents/report_charts.py) and its tables -- the header row repeated on every page a table runs over, the
total row bold, "No data in this period." for a table without rows; the columns' widths and the text sizes come from
documents/report_tables.py. Every page ends with a footer: organisation,
title and period on the left, "Page N of M" on the right (the pages are counted before the footers are drawn).

Every text that comes from the report (names, titles, the organisation) is escaped before it goes into a
Paragraph: "<b>Anna</b> & Co" is printed as typed. Right-to-left names are shaped (documents.fonts.visual). The
report's own words are in the report's language (documents.catalogue), numbers and dates through babel in it too.

reportlab is imported on first use, never when this module is imported.
"""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from kommandesk.documents import catalogue, fonts
from kommandesk.documents.letter import ACCENT, INK, MM, MUTED, RULE, clean, configure, draw_logo, logo_image, \
    text_block
from kommandesk.documents.report_charts import chart_drawing
from kommandesk.documents.report_tables import CELL_PAD, CELL_SIZE, column_layout
from kommandesk.domain.reports import Report, Section, Table, format_value

PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
MARGIN_X = 18 * MM
MARGIN_TOP = 16 * MM
MARGIN_BOTTOM = 20 * MM  # the footer stands in it
FOOTER_Y = 11 * MM
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
LOGO_WIDTH, LOGO_HEIGHT = 45 * MM, 18 * MM
HEAD_FILL = (0.88, 0.92, 0.94)  # a light tint of the accent
STRIPE = 0.965
FIGURE_FILL = (0.95, 0.965, 0.97)
WARNING_FILL = (1.0, 0.95, 0.85)
WARNING_RULE = (0.80, 0.50, 0.10)


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes, in ``report.language``."""
    regular, bold = configure()
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    words = _words(report)
    styles = _styles(regular, bold)
    story = [*_header(report, words, styles, regular, bold)]
    for section in report.sections:
        story.extend(_section(section, report.language, words, styles, regular, bold))
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=clean(report.title),
        author=clean(report.organisation), subject=words["period"], creator="KommanDesk", invariant=1,
        pageCompression=1, initialFontName=regular, initialFontSize=9, lang=report.language)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer_left = " \u00b7 ".join(part for part in (clean(report.organisation), clean(report.title),
                                                     words["period_short"]) if part)
    document.build(story, canvasmaker=_counting_canvas(footer_left, words["page"], regular))
    return buffer.getvalue()


# -- words and styles --------------------------------------------------------------------------------------------

def _words(report: Report) -> dict[str, str]:
    from babel.dates import format_date

    _ = catalogue(report.language).gettext
    first = format_date(report.period.first, "long", locale=report.language)
    last = format_date(report.period.last, "long", locale=report.language)
    return {
        "period": _("Period: {first} to {last}").format(first=first, last=last),
        "period_short": _("{first} to {last}").format(
            first=format_date(report.period.first, "medium", locale=report.language),
            last=format_date(report.period.last, "medium", locale=report.language)),
        "filters": _("Filters: {filters}").format(filters=clean(report.filters)),
        "generated": _("Generated on {date}").format(
            date=format_date(report.generated_on, "long", locale=report.language)),
        "empty": _("Nothing was recorded in this period: the sections below show zeros."),
        "no_data": _("No data in this period."),
        "page": _("Page {page} of {pages}"),
    }


@lru_cache(maxsize=4)
def _styles(regular: str, bold: str) -> dict:
    from reportlab.lib.colors import Color
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    ink, muted, accent = Color(INK, INK, INK), Color(MUTED, MUTED, MUTED), Color(*ACCENT)
    base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=12, textColor=ink)
    return {
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=19, leading=23, textColor=accent,
                                spaceBefore=6 * MM, spaceAfter=2 * MM),
        "meta": ParagraphStyle("meta", base, fontSize=9.5, leading=13, textColor=ink),
        "muted": ParagraphStyle("muted", base, fontSize=8.5, leading=11.5, textColor=muted),
        "section": ParagraphStyle("section", base, fontName=bold, fontSize=13.5, leading=17, textColor=accent,
                                  spaceBefore=7 * MM, spaceAfter=1.5 * MM, keepWithNext=1),
        "caption": ParagraphStyle("caption", base, fontName=bold, fontSize=9.5, leading=12.5, spaceBefore=4 * MM,
                                  spaceAfter=1.5 * MM, keepWithNext=1),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10.5, textColor=muted, spaceBefore=1.5 * MM),
        "warning": ParagraphStyle("warning", base, fontSize=9, leading=12),
        "head": ParagraphStyle("head", base, fontName=bold, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.2),
        "head_right": ParagraphStyle("head_right", base, fontName=bold, fontSize=CELL_SIZE,
                                     leading=CELL_SIZE * 1.2, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.2),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=bold, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.2),
        "figure": ParagraphStyle("figure", base, fontName=bold, fontSize=15, leading=18, textColor=accent),
        "figure_label": ParagraphStyle("figure_label", base, fontSize=7.8, leading=9.6, textColor=muted),
    }


def _text(value: str) -> str:
    """User or report text as Paragraph markup: cleaned, right-to-left runs shaped, escaped."""
    return escape(fonts.visual(clean(value)))


# -- the first page ----------------------------------------------------------------------------------------------

def _header(report: Report, words: dict, styles: dict, regular: str, bold: str) -> list:
    from reportlab.platypus import Paragraph, Spacer

    flowables = [_letterhead(report, regular, bold),
                 Paragraph(_text(report.title), styles["title"]),
                 Paragraph(escape(words["period"]), styles["meta"])]
    if report.filters.strip():
        flowables.append(Paragraph(_text(words["filters"]), styles["meta"]))
    flowables.append(Paragraph(escape(words["generated"]), styles["muted"]))
    notes = list(report.warnings)
    if report.empty:
        notes.insert(0, words["empty"])
    if notes:
        flowables.append(Spacer(1, 4 * MM))
        flowables.append(_boxed([Paragraph(_text(note), styles["warning"]) for note in notes]))
    return flowables


def _letterhead(report: Report, regular: str, bold: str):
    """The organisation's name and address at the top left, its logo at the top right (drawn on the canvas with
    documents/letter.py: no markup is parsed), a hairline below."""
    from reportlab.platypus import Flowable

    logo = logo_image(report.logo, "report")

    class Letterhead(Flowable):
        def wrap(self, available_width, available_height):
            self.width = available_width
            self.text_width = available_width - (LOGO_WIDTH + 8 * MM if logo is not None else 0)
            self.height = max(-self._texts(None, 0), LOGO_HEIGHT if logo is not None else 0)
            return self.width, self.height

        def _texts(self, canvas, top):
            y = text_block(canvas, [clean(report.organisation)], 0, top, self.text_width, bold, 11.5,
                           max_lines=2, floor=8)
            return text_block(canvas, [clean(report.organisation_address)], 0, y - 1, self.text_width,
                              regular, 8.5, max_lines=2, floor=7, grey=MUTED)

        def draw(self):
            self._texts(self.canv, self.height)
            if logo is not None:
                draw_logo(self.canv, logo, self.width, self.height, LOGO_WIDTH, LOGO_HEIGHT)
            self.canv.setStrokeGray(RULE)
            self.canv.setLineWidth(0.5)
            self.canv.line(0, -2 * MM, self.width, -2 * MM)

    return Letterhead()


def _boxed(flowables: list):
    """Warnings in a light amber box with a darker rule on the left."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    box = Table([[item] for item in flowables], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9),  # never reportlab's Helvetica, not even for a blank cell
        ("BACKGROUND", (0, 0), (-1, -1), Color(*WARNING_FILL)),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, Color(*WARNING_RULE)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * MM), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * MM),
        ("TOPPADDING", (0, 0), (-1, 0), 2.2 * MM), ("BOTTOMPADDING", (0, -1), (-1, -1), 2.2 * MM),
    ]))
    return box


# -- sections ----------------------------------------------------------------------------------------------------

def _section(section: Section, language: str, words: dict, styles: dict, regular: str, bold: str) -> list:
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

    flowables = [CondPageBreak(45 * MM), Paragraph(_text(section.title), styles["section"]), _rule()]
    if section.figures:
        flowables.append(_figures(section, language, styles))
    for chart in section.charts:
        drawing = chart_drawing(chart, language, CONTENT_WIDTH)
        if drawing is not None:
            flowables.append(KeepTogether([Paragraph(_text(chart.title), styles["caption"]), drawing]))
    for table in section.tables:
        flowables.extend(_table(table, language, words, styles, regular, bold))
    flowables.append(Spacer(1, 2 * MM))
    return flowables


def _rule():
    from reportlab.lib.colors import Color
    from reportlab.platypus.flowables import HRFlowable

    return HRFlowable(width="100%", thickness=0.8, color=Color(*ACCENT), spaceBefore=0, spaceAfter=3 * MM)


def _figures(section: Section, language: str, styles: dict):
    """The key figures in a grid of tinted cells: the value large, its label below."""
    from reportlab.lib.colors import Color, white
    from reportlab.platypus import Paragraph, Table, TableStyle

    count = len(section.figures)
    per_row = count if count <= 4 else (3 if count in (5, 6, 9) else 4)
    cells = [[Paragraph(escape(format_value(figure.value, figure.kind, language)), styles["figure"]),
              Paragraph(_text(figure.label), styles["figure_label"])] for figure in section.figures]
    rows = [cells[start:start + per_row] for start in range(0, count, per_row)]
    rows[-1] = rows[-1] + [""] * (per_row - len(rows[-1]))
    grid = Table(rows, colWidths=[CONTENT_WIDTH / per_row] * per_row, hAlign="LEFT")
    commands = [("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEAFTER", (0, 0), (-2, -1), 5, white),
                ("LINEBELOW", (0, 0), (-1, -2), 5, white),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * MM), ("RIGHTPADDING", (0, 0), (-1, -1), 2 * MM),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * MM), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * MM)]
    for index in range(count):
        row, column = divmod(index, per_row)
        commands.append(("BACKGROUND", (column, row), (column, row), Color(*FIGURE_FILL)))
    grid.setStyle(TableStyle(commands))
    return grid


def _table(table: Table, language: str, words: dict, styles: dict, regular: str, bold: str) -> list:
    from reportlab.platypus import Paragraph

    flowables = [Paragraph(_text(table.title), styles["caption"])]
    if not table.rows:
        flowables.append(Paragraph(escape(words["no_data"]), styles["muted"]))
    else:
        flowables.append(_grid(table, language, styles, regular, bold))
    if table.note:
        flowables.append(Paragraph(_text(table.note), styles["note"]))
    return flowables


def _cell_texts(table: Table, language: str) -> list[list[str]]:
    """Every cell as it is printed (numbers through babel; texts cleaned and shaped)."""
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    return [[format_value(value, column.kind, language) if column.kind.numeric
             else fonts.visual(clean(format_value(value, column.kind, language)))
             for value, column in zip(row, table.columns)] for row in rows]


def _sized(style, size: float):
    if size == style.fontSize:
        return style
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-{size}", style, fontSize=size, leading=size * 1.2)


def _grid(table: Table, language: str, styles: dict, regular: str, bold: str):
    """The table: a header row repeated on every page, light stripes, numbers right-aligned, the total bold.
    A text that fits its column is drawn as it is (no markup parsed); a longer one wraps in an escaped
    Paragraph."""
    from reportlab.lib.colors import Color
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as Grid

    texts = _cell_texts(table, language)
    widths, body, head = column_layout(table, texts, regular, bold, CONTENT_WIDTH)
    has_total = table.total is not None
    data = [[Paragraph(_text(column.title), _sized(styles["head_right" if column.kind.numeric else "head"], head))
             for column in table.columns]]
    cell, cell_bold = _sized(styles["cell"], body), _sized(styles["cell_bold"], body)
    for number, row in enumerate(texts):
        total = has_total and number == len(texts) - 1
        font = bold if total else regular
        data.append([text if table.columns[index].kind.numeric
                     or stringWidth(text, font, body) <= widths[index] - 2 * CELL_PAD
                     else Paragraph(escape(text), cell_bold if total else cell) for index, text in enumerate(row)])
    grid = Grid(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    rule, ink = Color(RULE, RULE, RULE), Color(INK, INK, INK)
    commands = [
        ("FONT", (0, 0), (-1, -1), regular, body, body * 1.2),
        ("BACKGROUND", (0, 0), (-1, 0), Color(*HEAD_FILL)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, Color(*ACCENT)),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, rule),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2 if has_total else -1), [None, Color(STRIPE, STRIPE, STRIPE)]),
        ("TEXTCOLOR", (0, 1), (-1, -1), ink),
    ]
    commands += [("ALIGN", (index, 1), (index, -1), "RIGHT") for index, column in enumerate(table.columns)
                 if column.kind.numeric]
    if has_total:
        commands += [("FONT", (0, -1), (-1, -1), bold, body, body * 1.2), ("LINEABOVE", (0, -1), (-1, -1), 0.8, ink)]
    grid.setStyle(TableStyle(commands))
    return grid


# -- the footer --------------------------------------------------------------------------------------------------

def _counting_canvas(left: str, page_template: str, regular: str):
    """A canvas class that keeps every page until the document is done, then draws each page's footer with
    "Page N of M" -- the number of pages is known only at the end."""
    from reportlab.pdfgen.canvas import Canvas

    from kommandesk.documents.letter import fit_lines

    class CountingCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._kept_pages: list[dict] = []

        def showPage(self):
            self._kept_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._kept_pages)
            for state in self._kept_pages:
                self.__dict__.update(state)
                self._footer(self._pageNumber, pages)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, page: int, pages: int) -> None:
            size = 7.5
            number = page_template.format(page=page, pages=pages)
            number_width = fonts.width(number, regular, size)
            self.saveState()
            self.setStrokeGray(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, FOOTER_Y + 3.5 * MM, PAGE_WIDTH - MARGIN_X, FOOTER_Y + 3.5 * MM)
            self.setFillGray(MUTED)
            self.setFont(regular, size)
            line = fit_lines(left, regular, size, CONTENT_WIDTH - number_width - 8 * MM, 1)[0]
            self.drawString(MARGIN_X, FOOTER_Y, fonts.visual(line))
            self.drawRightString(PAGE_WIDTH - MARGIN_X, FOOTER_Y, number)
            self.restoreState()

    return CountingCanvas
