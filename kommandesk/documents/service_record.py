"""The volunteer service record (Ehrenamtsnachweis) and the confirmation of hours for the Ehrenamtskarte NRW.

Both are letters of the organisation about one person: letterhead, title, the person's name, a sentence, tables,
the signature block and the footer with number, check value and QR code (shared with the certificate of attendance,
documents/letter.py). A long service record flows onto further pages: each repeats a short heading (title, name,
period) and the head of the table it continues, and says "Page 2 of 3"; the signature closes the last page.

"both": labels, sentences and table heads German first, English below; the areas of help in both languages; dates
and numbers in the table cells in German form only (a cell for each language would double every row).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kommandesk.documents import catalogue, letter
from kommandesk.documents.letter import CONTENT_WIDTH, MARGIN_X, MM, MUTED, RULE
from kommandesk.domain.certificates import Heading, HoursConfirmationContent, ServiceRecordContent

CELL_PAD = 1.5 * MM
ROW_SIZE = 9.5
HEAD_SIZE = 8.5
SECTION_GAP = 7 * MM

Draw = Callable[[object, float], None]  # (canvas, top)


@dataclass(frozen=True)
class _Column:
    width: float
    align: str = "left"  # or "right"


@dataclass(frozen=True)
class _Block:
    """Something of a known height in the flow: a sentence, a table's head, a row. ``head``: the head of the
    table the block belongs to, repeated at the top of a new page."""
    height: float
    draw: Draw
    head: _Block | None = None
    keep_with_next: bool = False  # a section title or a table head is not left alone at the bottom of a page


# -- the flow --------------------------------------------------------------------------------------------------

def _paginate(blocks: Sequence[_Block], first_top: float, next_top: float) -> list[list[tuple[_Block, float]]]:
    """The blocks page by page with their tops; the last page keeps room for the signature."""
    pages: list[list[tuple[_Block, float]]] = [[]]
    y = first_top
    index = 0
    while index < len(blocks):
        block = blocks[index]
        needed = block.height
        if block.keep_with_next and index + 1 < len(blocks):
            needed += blocks[index + 1].height
        if y - needed < letter.TEXT_BOTTOM and pages[-1]:
            pages.append([])
            y = next_top
            if block.head is not None and block.head is not block:
                pages[-1].append((block.head, y))
                y -= block.head.height
        pages[-1].append((block, y))
        y -= block.height
        index += 1
    if y < letter.SIGNATURE_TOP + 4 * MM:
        # the signature goes on a new page, and the last block (with its section title or table head) with it:
        # a signature alone on a page signs nothing in sight
        moved: list[_Block] = []
        last = pages[-1]
        while len(last) > 1 and (not moved or last[-1][0].keep_with_next):
            moved.insert(0, last.pop()[0])
        pages.append([])
        y = next_top
        if moved and moved[0].head is not None and moved[0].head is not moved[0]:
            pages[-1].append((moved[0].head, y))
            y -= moved[0].head.height
        for block in moved:
            pages[-1].append((block, y))
            y -= block.height
    return pages


def _text(texts: Sequence[str], font: str, size: float, *, align: str = "left", max_lines: int = 3,
          grey: float = letter.INK, gap: float = 0.0, keep_with_next: bool = False) -> _Block:
    height = -letter.text_block(None, texts, MARGIN_X, 0, CONTENT_WIDTH, font, size, align=align,
                                max_lines=max_lines, floor=7) + gap

    def draw(canvas, top: float) -> None:
        letter.text_block(canvas, texts, MARGIN_X, top, CONTENT_WIDTH, font, size, align=align, max_lines=max_lines,
                          floor=7, grey=grey)

    return _Block(height, draw, keep_with_next=keep_with_next)


def _row(columns: Sequence[_Column], cells: Sequence[Sequence[str]], font: str, size: float, *,
         grey: float = letter.INK, rule: float = 0.4, head: _Block | None = None) -> _Block:
    """One table row: each cell a text in one or more languages; a hairline below."""
    heights = []
    x = MARGIN_X
    for column, texts in zip(columns, cells):
        heights.append(-letter.text_block(None, texts, x, 0, column.width - 2 * CELL_PAD, font, size, max_lines=3,
                                          floor=7))
        x += column.width
    height = max(heights, default=0) + 2 * CELL_PAD

    def draw(canvas, top: float) -> None:
        left = MARGIN_X
        for column, texts in zip(columns, cells):
            letter.text_block(canvas, texts, left + CELL_PAD, top - CELL_PAD, column.width - 2 * CELL_PAD, font,
                              size, align=column.align, max_lines=3, floor=7, grey=grey)
            left += column.width
        canvas.setStrokeGray(RULE)
        canvas.setLineWidth(rule)
        canvas.line(MARGIN_X, top - height, MARGIN_X + sum(c.width for c in columns), top - height)
        canvas.setStrokeGray(0)

    return _Block(height, draw, head=head)


def _table_head(columns: Sequence[_Column], labels: Sequence[Sequence[str]], font: str) -> _Block:
    head = _row(columns, labels, font, HEAD_SIZE, grey=MUTED, rule=0.8)
    return _Block(head.height, head.draw, keep_with_next=True)


@dataclass(frozen=True)
class _Page:
    """What every page of the document says: its title, the person, a line about the period."""
    heading: Heading
    titles: list[str]
    period: list[str]
    born: list[str]
    signature: list[letter.SignatureWords]
    footer: list[letter.FooterWords]


def _first_heading(canvas, page: _Page, logo, regular: str, bold: str, title_size: float) -> float:
    y = letter.letterhead(canvas, page.heading.issuer, logo, regular, bold)
    y = letter.document_title(canvas, page.titles, y - 12 * MM, bold, regular, size=title_size)
    y = letter.person_name(canvas, page.heading.person.full_name, y - 7 * MM, bold, size=20)
    if page.born:
        y = letter.text_block(canvas, page.born, MARGIN_X, y - 1, CONTENT_WIDTH, regular, 10, align="centre",
                              max_lines=1, grey=MUTED)
    return y


def _next_heading(canvas, page: _Page, logo, regular: str, bold: str) -> float:
    y = letter.letterhead(canvas, page.heading.issuer, logo, regular, bold)
    y = letter.document_title(canvas, page.titles, y - 9 * MM, bold, regular, size=15)
    y = letter.text_block(canvas, [letter.clean(page.heading.person.full_name)], MARGIN_X, y - 4 * MM,
                          CONTENT_WIDTH, bold, 12, align="centre", max_lines=2, floor=8)
    y = letter.text_block(canvas, page.period, MARGIN_X, y - 1, CONTENT_WIDTH, regular, 9, align="centre",
                          max_lines=2, grey=MUTED)
    return y - 7 * MM


def _render(page: _Page, blocks: Sequence[_Block], logo_bytes: bytes | None, title_size: float,
            document: str) -> bytes:
    regular, bold = letter.configure()
    logo = letter.logo_image(logo_bytes, document)
    first_top = _first_heading(None, page, logo, regular, bold, title_size) - 5 * MM
    next_top = _next_heading(None, page, logo, regular, bold)
    pages = _paginate(blocks, first_top, next_top)
    buffer = io.BytesIO()
    canvas = letter.new_canvas(buffer, title=f"{page.titles[0]}: {letter.clean(page.heading.person.full_name)}",
                               author=letter.clean(page.heading.issuer.name), subject=page.heading.number)
    for number, placed in enumerate(pages, start=1):
        if number == 1:
            _first_heading(canvas, page, logo, regular, bold, title_size)
        else:
            _next_heading(canvas, page, logo, regular, bold)
        for block, top in placed:
            block.draw(canvas, top)
        if number == len(pages):
            letter.signature_block(canvas, page.signature, page.heading.issuer, letter.SIGNATURE_TOP, regular, bold)
        letter.footer(canvas, page.footer, page.heading, number, len(pages), regular, bold)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _page(heading: Heading, titles: list[str], period: list[str]) -> _Page:
    from babel.dates import format_date

    languages = letter.languages(heading.language)
    born = []
    if heading.person.birth_date:
        born = letter.unique([catalogue(lang).gettext("born on {date}").format(
            date=format_date(heading.person.birth_date, "long", locale=lang)) for lang in languages])
    return _Page(heading, titles, period, born,
                 [letter.signature_words(lang, heading.issuer, heading.issued_on) for lang in languages],
                 [letter.footer_words(lang, heading) for lang in languages])


def _hours(minutes: float, language: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(round(minutes / 60, 2), "#,##0.##", locale=language)


# -- the service record ----------------------------------------------------------------------------------------

def service_record_pdf(content: ServiceRecordContent, logo: bytes | None) -> bytes:
    """The volunteer service record as PDF bytes; the same content and logo give the same bytes."""
    from babel.dates import format_date, format_interval

    regular, bold = letter.configure()
    heading = content.heading
    languages = letter.languages(heading.language)
    main = languages[0]
    cats = [catalogue(lang) for lang in languages]
    organisation = letter.clean(heading.issuer.name)

    def each(make: Callable[[Callable[[str], str], str], str]) -> list[str]:
        return [make(cat.gettext, lang) for cat, lang in zip(cats, languages)]

    period = each(lambda _, lang: _("Period: {first} to {last}").format(
        first=format_date(content.period_from, "long", locale=lang),
        last=format_date(content.period_to, "long", locale=lang)))
    page = _page(heading, each(lambda _, lang: _("Volunteer service record")), period)
    blocks: list[_Block] = []
    blocks.append(_text(each(lambda _, lang: _("has volunteered with {organisation} from {first} to {last}.").format(
        organisation=organisation, first=format_date(content.period_from, "long", locale=lang),
        last=format_date(content.period_to, "long", locale=lang))), regular, 11, align="centre", gap=SECTION_GAP))

    blocks.append(_text(each(lambda _, lang: _("Activities")), bold, 10.5, max_lines=1, gap=2 * MM,
                        keep_with_next=True))
    if content.activities:
        columns = (_Column(CONTENT_WIDTH - 70 * MM), _Column(32 * MM, "right"), _Column(38 * MM, "right"))
        head = _table_head(columns, [each(lambda _, lang: _("Area of help")),
                                     each(lambda _, lang: _("Assignments")),
                                     each(lambda _, lang: _("Hours"))], regular)
        blocks.append(head)
        for activity in content.activities:
            areas = {"de": letter.clean(activity.area_de) or letter.clean(activity.area_en),
                     "en": letter.clean(activity.area_en) or letter.clean(activity.area_de)}
            blocks.append(_row(columns, [letter.unique([areas[lang] for lang in languages]),
                                         [str(activity.assignments)], [_hours(activity.minutes, main)]],
                               regular, ROW_SIZE, head=head))
        blocks.append(_row(columns, [each(lambda _, lang: _("Total")), [""],
                                     [_hours(content.total_minutes, main)]], bold, ROW_SIZE, rule=0.8))
    else:
        blocks.append(_text(each(lambda _, lang: _("No hours were recorded in this period.")), regular, 10))
    blocks[-1] = _Block(blocks[-1].height + SECTION_GAP, blocks[-1].draw, blocks[-1].head)

    if content.trainings:
        blocks.append(_text(each(lambda _, lang: _("Trainings completed")), bold, 10.5, max_lines=1, gap=2 * MM,
                            keep_with_next=True))
        columns = (_Column(CONTENT_WIDTH - 96 * MM), _Column(44 * MM), _Column(52 * MM, "right"))
        head = _table_head(columns, [each(lambda _, lang: _("Course")), each(lambda _, lang: _("Dates")),
                                     each(lambda _, lang: _("Time attended"))], regular)
        blocks.append(head)
        from kommandesk.documents.certificate import time_attended

        for training in content.trainings:
            title = [letter.clean(training.title)]
            days = ""
            if training.first_day and training.last_day and training.first_day != training.last_day:
                days = format_interval(training.first_day, training.last_day, "yMMMd", locale=main)
            elif training.first_day or training.last_day:
                days = format_date(training.first_day or training.last_day, "medium", locale=main)
            blocks.append(_row(columns, [[*title, letter.clean(training.reference)], [days],
                                         [time_attended(main, training.unit, training.attended_minutes)]],
                               regular, ROW_SIZE, head=head))
    return _render(page, blocks, logo, 24, "service record")


# -- the confirmation of hours for the Ehrenamtskarte ----------------------------------------------------------

def hours_confirmation_pdf(content: HoursConfirmationContent, logo: bytes | None) -> bytes:
    """The organisation's confirmation of hours for the Ehrenamtskarte NRW as PDF bytes."""
    from babel.dates import format_date
    from babel.numbers import format_decimal

    regular, bold = letter.configure()
    heading, check = content.heading, content.check
    languages = letter.languages(heading.language)
    main = languages[0]
    cats = [catalogue(lang) for lang in languages]
    organisation = letter.clean(heading.issuer.name)
    rule = check.rule

    def each(make: Callable[[Callable[[str], str], str], str]) -> list[str]:
        return [make(cat.gettext, lang) for cat, lang in zip(cats, languages)]

    first = check.years[-1].first_day if check.years else heading.issued_on
    last = check.years[0].last_day if check.years else heading.issued_on
    period = each(lambda _, lang: _("Period: {first} to {last}").format(
        first=format_date(first, "long", locale=lang), last=format_date(last, "long", locale=lang)))
    page = _page(heading, each(lambda _, lang: _(
        "Confirmation of voluntary work for the Ehrenamtskarte NRW")), period)
    blocks: list[_Block] = []
    blocks.append(_text([cat.ngettext(
        "The Ehrenamtskarte NRW asks for at least {weekly} hours a week on average or {yearly} hours a year, "
        "in the last year.",
        "The Ehrenamtskarte NRW asks for at least {weekly} hours a week on average or {yearly} hours a year, "
        "in each of the last {years} years.", rule.years).format(
            weekly=rule.weekly_hours, yearly=rule.yearly_hours, years=rule.years) for cat in cats],
        regular, 10, align="centre", gap=SECTION_GAP))
    columns = (_Column(CONTENT_WIDTH - 80 * MM), _Column(38 * MM, "right"), _Column(42 * MM, "right"))
    head = _table_head(columns, [each(lambda _, lang: _("Period")),
                                 each(lambda _, lang: _("Hours")),
                                 each(lambda _, lang: _("Hours a week on average"))], regular)
    blocks.append(head)
    for year in check.years:
        from babel.dates import format_interval

        blocks.append(_row(columns, [[format_interval(year.first_day, year.last_day, "yMMMd", locale=main)],
                                     [_hours(year.minutes, main)],
                                     [format_decimal(round(year.weekly_minutes / 60, 1), "#,##0.0", locale=main)]],
                           regular, ROW_SIZE, head=head))
    blocks[-1] = _Block(blocks[-1].height + SECTION_GAP, blocks[-1].draw, blocks[-1].head)
    blocks.append(_text(each(lambda _, lang: _(
        "{organisation} confirms the hours of voluntary work shown above, as the organisation recorded them.").format(
            organisation=organisation)), regular, 10.5, gap=3 * MM))
    if check.meets:
        blocks.append(_text(each(lambda _, lang: _("They meet the rule in each of the years shown.")),
                            regular, 10.5))
    return _render(page, blocks, logo, 18, "confirmation of hours")
