"""The readable copy of a person's stored data (GDPR Art. 15) as PDF: the organisation's letterhead, the title and
who it is about, then every section (labelled values, or a table) and the information Art. 15 (1) asks for.

Nothing is cut: a long note wraps onto as many lines as it needs, a table row taller than a page continues on the
next, and each page repeats the table's head. Text is drawn on the canvas (documents/letter.py), never parsed as
markup: a name such as ``<b>Anna</b>`` is printed as typed. The texts come translated (services/privacy_content.py).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kommandesk.documents import fonts, letter
from kommandesk.documents.letter import CONTENT_WIDTH, INK, MARGIN_BOTTOM, MARGIN_X, MM, MUTED, PAGE_WIDTH, RULE
from kommandesk.domain.certificates import Issuer
from kommandesk.domain.privacy import Readable, ReadableSection, Table

SIZE = 8.5  # body text
HEAD = 7.5  # table heads and labels
LEADING = 1.3
PAD = 1.2 * MM
LABEL_WIDTH = 52 * MM
FOOTER_TOP = MARGIN_BOTTOM + 8 * MM  # the hairline above the footer
BOTTOM = FOOTER_TOP + 4 * MM  # the lowest text

Draw = Callable[[object, float], None]


@dataclass(frozen=True)
class _Block:
    height: float
    draw: Draw
    head: "_Block | None" = None  # repeated at the top of the next page (a table's head)
    keep_with_next: bool = False


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Every line of ``text`` (its own line breaks kept), wrapped to ``width``; never cut."""
    found: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        found += fonts.wrap(letter.clean(paragraph), font, size, width) or [""]
    while len(found) > 1 and not found[-1]:
        found.pop()
    return found


def _row_blocks(widths: Sequence[float], cells: Sequence[str], font: str, size: float, *, grey: float = INK,
                rule: float = 0.3, head: _Block | None = None, max_lines: int = 60) -> list[_Block]:
    """One row of cells as blocks of at most ``max_lines`` lines each (a row taller than a page is split)."""
    wrapped = [_lines(text, font, size, width - 2 * PAD) for width, text in zip(widths, cells)]
    total = max((len(lines) for lines in wrapped), default=1)
    step = size * LEADING
    blocks = []
    for start in range(0, total, max_lines):
        part = [lines[start:start + max_lines] for lines in wrapped]
        count = max((len(lines) for lines in part), default=1)
        height = count * step + 2 * PAD
        last = start + max_lines >= total

        def draw(canvas, top: float, part=part, height=height, last=last) -> None:
            left = MARGIN_X
            canvas.setFillGray(grey)
            for width, lines in zip(widths, part):
                y = top - PAD - size
                for line in lines:
                    letter.draw_line(canvas, line, left + PAD, y, font, size, right_to_left_at=left + width - PAD)
                    y -= step
                left += width
            canvas.setFillGray(INK)
            if last and rule > 0:
                canvas.setStrokeGray(RULE)
                canvas.setLineWidth(rule)
                canvas.line(MARGIN_X, top - height, MARGIN_X + sum(widths), top - height)
                canvas.setStrokeGray(0)

        blocks.append(_Block(height, draw, head=head))
    return blocks


def _widths(table: Table, regular: str, bold: str) -> list[float]:
    """Column widths from what the columns hold: each its natural width when all fit (the room left to the last
    column: a note, a reason, the changes); else each at least its longest word, and what is left shared in
    proportion to how much more each would need."""
    natural, least = [], []
    for index, title in enumerate(table.columns):
        cells = [letter.clean(row[index]) for row in table.rows if index < len(row)]
        widest = max([fonts.width(cell, regular, SIZE) for cell in cells] + [fonts.width(title, bold, HEAD)])
        word = max([fonts.width(part, regular, SIZE) for cell in cells for part in cell.split()]
                   + [fonts.width(part, bold, HEAD) for part in title.split()] + [0])
        natural.append(min(widest, CONTENT_WIDTH * 0.6) + 2 * PAD + 1)
        least.append(min(word, CONTENT_WIDTH * 0.3) + 2 * PAD + 1)
    if sum(natural) <= CONTENT_WIDTH:
        natural[-1] += CONTENT_WIDTH - sum(natural)
        return natural
    if sum(least) >= CONTENT_WIDTH:
        return [width * CONTENT_WIDTH / sum(least) for width in least]
    rest = CONTENT_WIDTH - sum(least)
    wanted = [width - low for width, low in zip(natural, least)]
    return [low + rest * more / sum(wanted) for low, more in zip(least, wanted)]


def _section_blocks(section: ReadableSection, regular: str, bold: str) -> list[_Block]:
    title = letter.clean(section.title)

    def draw_title(canvas, top: float) -> None:
        canvas.setFillColorRGB(*letter.ACCENT)
        letter.draw_line(canvas, title, MARGIN_X, top - 10.5, bold, 10.5, right_to_left_at=PAGE_WIDTH - MARGIN_X)
        canvas.setFillGray(INK)

    blocks = [_Block(10.5 * LEADING + 5 * MM, lambda canvas, top: draw_title(canvas, top - 4 * MM),
                     keep_with_next=True)]
    if section.fields:
        widths = (LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH)
        for label, value in section.fields:
            rows = _row_blocks(widths, (label, value), regular, SIZE)
            blocks += rows
    elif section.table is not None:
        widths = _widths(section.table, regular, bold)
        head_rows = _row_blocks(widths, section.table.columns, bold, HEAD, grey=MUTED, rule=0.7)
        head = _Block(head_rows[0].height, head_rows[0].draw, keep_with_next=True)
        blocks.append(head)
        for row in section.table.rows:
            blocks += _row_blocks(widths, row, regular, SIZE, head=head)
    else:
        blocks += _row_blocks((CONTENT_WIDTH,), (section.note,), regular, SIZE, grey=MUTED, rule=0)
    return blocks


def _paginate(blocks: Sequence[_Block], first_top: float, next_top: float) -> list[list[tuple[_Block, float]]]:
    pages: list[list[tuple[_Block, float]]] = [[]]
    y = first_top
    for index, block in enumerate(blocks):
        needed, ahead = block.height, index
        while blocks[ahead].keep_with_next and ahead + 1 < len(blocks):  # a title and a table's head stay with a row
            ahead += 1
            needed += blocks[ahead].height
        if y - needed < BOTTOM and pages[-1]:
            pages.append([])
            y = next_top
            if block.head is not None:
                pages[-1].append((block.head, y))
                y -= block.head.height
        pages[-1].append((block, y))
        y -= block.height
    return pages


def _heading(canvas, report: Readable, issuer: Issuer, logo, regular: str, bold: str, first: bool) -> float:
    y = letter.letterhead(canvas, issuer, logo, regular, bold)
    if not first:
        y = letter.text_block(canvas, [letter.clean(f"{report.title}: {report.person}")], MARGIN_X, y - 6 * MM,
                              CONTENT_WIDTH, bold, 9, max_lines=2, floor=7, grey=MUTED)
        return y - 3 * MM
    y = letter.document_title(canvas, [report.title], y - 10 * MM, bold, regular, size=18)
    y = letter.person_name(canvas, report.person, y - 6 * MM, bold, size=18)
    return letter.text_block(canvas, list(report.lines)[:1], MARGIN_X, y - 1, CONTENT_WIDTH, regular, 9.5,
                             align="centre", max_lines=1, grey=MUTED) - 1 if report.lines else y


def _footer(canvas, report: Readable, page: int, pages: int, regular: str) -> None:
    canvas.setStrokeGray(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, FOOTER_TOP, PAGE_WIDTH - MARGIN_X, FOOTER_TOP)
    canvas.setStrokeGray(0)
    canvas.setFillGray(MUTED)
    letter.draw_line(canvas, letter.clean(report.footer), MARGIN_X, FOOTER_TOP - 4 * MM, regular, 7.5)
    canvas.setFont(regular, 7.5)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, FOOTER_TOP - 4 * MM, report.page.format(page=page, pages=pages))
    canvas.setFillGray(INK)


def privacy_pdf(report: Readable, issuer: Issuer, logo_bytes: bytes | None = None) -> bytes:
    """The report as PDF bytes."""
    regular, bold = letter.configure()
    logo = letter.logo_image(logo_bytes, "data report")
    blocks: list[_Block] = []
    for line in report.lines[1:]:
        blocks += _row_blocks((CONTENT_WIDTH,), (line,), regular, 9.5, rule=0)
    for section in report.sections:
        blocks += _section_blocks(section, regular, bold)
    first_top = _heading(None, report, issuer, logo, regular, bold, True) - 3 * MM
    next_top = _heading(None, report, issuer, logo, regular, bold, False)
    pages = _paginate(blocks, first_top, next_top)
    buffer = io.BytesIO()
    canvas = letter.new_canvas(buffer, title=f"{report.title}: {letter.clean(report.person)}",
                               author=letter.clean(issuer.name), subject=letter.clean(report.footer))
    for number, placed in enumerate(pages, start=1):
        _heading(canvas, report, issuer, logo, regular, bold, number == 1)
        for block, top in placed:
            block.draw(canvas, top)
        _footer(canvas, report, number, len(pages), regular)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
