"""The certificate of attendance (Teilnahmebescheinigung): one A4 page per person and course.

From the top: letterhead; the title; the person's name, large and centred (date of birth when given); "has taken part
in the following training:" and the course title; course reference and funding; then, as a table of label and value,
the dates, the time attended, who led the course and the topics; at the bottom the place and date of issue beside
the signature line, and the footer with number, check value and QR code.

Topics: on the first page in one column, if need be with less space above the title, the name and the table,
smaller, or in two to four columns (short topics); when even that does not hold them (40 topics of 200 characters),
the page says so and they continue on further pages that repeat the heading (title, name, course), with the footer
-- number, check value, QR code -- on every page; the signature stays on the first. Nothing is cut. A certificate
with few topics is spread down the page instead.

"both": German first, English below each text, smaller and grey; on one page for a normal course.

:func:`attendance_pdf` makes one document per certificate; :class:`AttendanceBundle` puts many into one document
for printing (one font subset: a much smaller file), page for page the same drawing. Both write the same bytes for
the same content and logo, in any process: a reprint from the register is identical.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kommandesk.documents import catalogue, fonts
from kommandesk.documents import letter
from kommandesk.documents.letter import CONTENT_WIDTH, LEADING, MARGIN_X, MM, MUTED
from kommandesk.domain.certificates import AttendanceContent

LABEL_WIDTH = 34 * MM
VALUE_X = MARGIN_X + LABEL_WIDTH + 4 * MM
VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - 4 * MM
ROW_GAP = 3.2 * MM
COLUMN_GAP = 6 * MM
NARROW_GAP = 4 * MM  # between three or four columns of short topics
BULLET_INDENT = 3.8 * MM
TOPIC_GAP = 2.0  # points between two topics
# how the topics are tried on the first page, best first: (columns, size)
TOPIC_LAYOUTS = ((1, 9.5), (1, 8.5), (2, 9.5), (2, 8.5), (1, 7.5), (2, 7.5), (3, 8.0), (4, 7.5))
CONTINUED_SIZES = (9.0, 8.0, 7.5)  # topics that go on to other pages: the size that needs the fewest
MAX_TOPIC_LINES = 8  # a topic longer than that (never one the course form accepts) is cut with an ellipsis
MAX_DATES_LISTED = 6  # more session days are given as "from ... to ... (N dates)"
BODY_BOTTOM = letter.SIGNATURE_TOP + 6 * MM  # the lowest the topics go on the first page
DETAILS_GAP = 9 * MM  # between the course and the table of details
MAX_SPREAD = 36 * MM
SQUEEZE = 4.5 * MM  # taken from each of the three spaces when that keeps the topics on the first page


@dataclass(frozen=True)
class _Words:
    """Everything the certificate says in one language, worked out once."""
    title: str
    born: str
    took_part: str
    course_line: str
    dates_label: str
    dates: str
    time_label: str
    time: str
    trainers_label: str
    topics_label: str
    continued: str
    topics_continued: str
    signature: letter.SignatureWords
    footer: letter.FooterWords


def _words(language: str, content: AttendanceContent) -> _Words:
    from babel.dates import format_date

    translations = catalogue(language)
    _ = translations.gettext
    person = content.heading.person
    reference, funding = letter.clean(content.course_reference), letter.clean(content.funding_tag)
    if reference and funding:
        course_line = _("Course {reference}, funded by {funding}").format(reference=reference, funding=funding)
    elif reference:
        course_line = _("Course {reference}").format(reference=reference)
    else:
        course_line = _("Funded by {funding}").format(funding=funding) if funding else ""
    return _Words(
        title=_("Certificate of attendance"),
        born=(_("born on {date}").format(date=format_date(person.birth_date, "long", locale=language))
              if person.birth_date else ""),
        took_part=_("has taken part in the following training:"),
        course_line=course_line,
        dates_label=translations.pgettext("certificate", "Dates"), dates=_dates(language, content.session_days),
        time_label=_("Time attended"),
        time=time_attended(language, content.unit, content.attended_minutes, content.planned_minutes),
        trainers_label=_("Led by"), topics_label=_("Topics"),
        continued=_("The topics continue on the next page."),
        topics_continued=_("Topics (continued)"),
        signature=letter.signature_words(language, content.heading.issuer, content.heading.issued_on),
        footer=letter.footer_words(language, content.heading))


@lru_cache(maxsize=256)  # the same for everybody in a course
def _dates(language: str, days: tuple) -> str:
    from babel.dates import format_date
    from babel.lists import format_list

    translations = catalogue(language)
    if not days:
        return ""
    if len(days) <= MAX_DATES_LISTED:  # "3 March 2026", or "03.03.2026" in a list of more than three
        style = "long" if len(days) <= 3 else "medium"
        return format_list([format_date(day, style, locale=language) for day in days], locale=language)
    return translations.ngettext("from {first} to {last} ({count} date)", "from {first} to {last} ({count} dates)",
                                 len(days)).format(first=format_date(days[0], "long", locale=language),
                                                   last=format_date(days[-1], "long", locale=language),
                                                   count=len(days))


@lru_cache(maxsize=256)
def time_attended(language: str, unit_name: str, attended_minutes: int, planned_minutes: int = 0) -> str:
    """'12.5 hours of 15 planned', '16 Unterrichtseinheiten (UE) à 45 Minuten (der gesamte Kurs)'; without
    ``planned_minutes`` only the time ('12.5 hours')."""
    from babel.numbers import format_decimal

    from kommandesk.domain.trainings import TEACHING_UNIT_MINUTES, TimeUnit

    translations = catalogue(language)
    unit = TimeUnit(unit_name)
    attended, planned = unit.amount(attended_minutes), unit.amount(planned_minutes)
    # plural forms are chosen by whole numbers; a fraction ("1.5 hours", "1,5 Stunden") reads as plural in German
    # and English
    count = int(attended) if attended == int(attended) else 2
    values = {"attended": format_decimal(round(attended, 2), "#,##0.##", locale=language),
              "planned": format_decimal(round(planned, 2), "#,##0.##", locale=language),
              "minutes": TEACHING_UNIT_MINUTES}
    ngettext = translations.ngettext
    part = 0 < attended_minutes < planned_minutes
    whole = 0 < planned_minutes <= attended_minutes
    if unit is TimeUnit.HOURS:
        if part:
            text = ngettext("{attended} hour of {planned} planned", "{attended} hours of {planned} planned", count)
        elif whole:
            text = ngettext("{attended} hour (the whole course)", "{attended} hours (the whole course)", count)
        else:
            text = ngettext("{attended} hour", "{attended} hours", count)
    elif part:
        text = ngettext("{attended} teaching unit of {minutes} minutes, of {planned} planned",
                        "{attended} teaching units of {minutes} minutes, of {planned} planned", count)
    elif whole:
        text = ngettext("{attended} teaching unit of {minutes} minutes (the whole course)",
                        "{attended} teaching units of {minutes} minutes (the whole course)", count)
    else:
        text = ngettext("{attended} teaching unit of {minutes} minutes",
                        "{attended} teaching units of {minutes} minutes", count)
    return text.format(**values)


# -- drawing ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Topic:
    lines: list[str]
    height: float


@dataclass(frozen=True)
class _TopicPage:
    """The topics on one page: a size and one or two columns of them, from ``x``, each ``width`` wide."""
    size: float
    columns: tuple[tuple[_Topic, ...], ...]
    x: float = VALUE_X
    width: float = VALUE_WIDTH
    more: bool = False  # they continue on the next page
    gap: float = COLUMN_GAP

    @property
    def height(self) -> float:
        return max((sum(topic.height for topic in column) for column in self.columns), default=0.0)


def _topic(text: str, font: str, size: float, width: float) -> _Topic:
    lines = letter.fit_lines(text, font, size, width - BULLET_INDENT, MAX_TOPIC_LINES)
    return _Topic(lines, len(lines) * size * LEADING + TOPIC_GAP)


def _plan_topics(topics: Sequence[str], first: float, following: Callable[[], float], note: float,
                 regular: str, squeeze: float = 0.0) -> tuple[list[_TopicPage], bool]:
    """Topics for the first page (``first`` points high, or ``first + squeeze`` when the space above is made
    smaller: better than smaller type) and, when they do not fit there in any of :data:`TOPIC_LAYOUTS`, for
    continuation pages (``following()`` high, the full width); ``note``: the height of the line that says they
    continue. A topic is never split between pages. Returns the pages and whether the space above was squeezed."""
    if not topics:
        return [_TopicPage(9.5, ())], False
    for columns, size in TOPIC_LAYOUTS:
        gap = COLUMN_GAP if columns <= 2 else NARROW_GAP
        width = (VALUE_WIDTH - (columns - 1) * gap) / columns
        laid = [_topic(text, regular, size, width) for text in topics]
        if columns > 1 and any(len(topic.lines) > 2 for topic in laid):
            continue  # narrow columns are for short topics
        for room, squeezed in ((first, False), (first + squeeze, True)):
            split = _columns(laid, columns, room)
            if split is not None:
                return [_TopicPage(size, split, width=width, gap=gap)], squeezed
    # over several pages: the size that needs the fewest pages, the larger of two that need as many
    room = following()
    return min((_continued(topics, size, first, room, note, regular) for size in CONTINUED_SIZES), key=len), False


def _columns(laid: Sequence[_Topic], columns: int, height: float) -> tuple[tuple[_Topic, ...], ...] | None:
    """``laid`` in at most ``columns`` columns no higher than ``height``, as even as they go; None if they do not."""

    def fill(limit: float) -> list[list[_Topic]] | None:
        filled: list[list[_Topic]] = [[]]
        used = 0.0
        for topic in laid:
            if filled[-1] and used + topic.height > limit:
                filled.append([])
                used = 0.0
            filled[-1].append(topic)
            used += topic.height
        return filled if len(filled) <= columns and all(sum(t.height for t in c) <= height for c in filled) else None

    if fill(height) is None:
        return None
    low, high = sum(t.height for t in laid) / columns, height  # the lowest limit that still fits: even columns
    for _step in range(12):
        middle = (low + high) / 2
        if fill(middle) is None:
            low = middle
        else:
            high = middle
    return tuple(tuple(column) for column in fill(high))


def _continued(topics: Sequence[str], size: float, first: float, following: float, note: float,
               regular: str) -> list[_TopicPage]:
    pages: list[_TopicPage] = []
    remaining = list(topics)
    room, x, width = first - note, VALUE_X, VALUE_WIDTH
    while remaining:
        laid: list[_Topic] = []
        while remaining:
            topic = _topic(remaining[0], regular, size, width)
            if laid and topic.height > room:
                break
            laid.append(topic)
            room -= topic.height
            remaining.pop(0)
        pages.append(_TopicPage(size, (tuple(laid),), x, width, more=bool(remaining)))
        room, x, width = following - note, MARGIN_X, CONTENT_WIDTH
    return pages


def _draw_topics(canvas, page: _TopicPage, top: float, regular: str) -> float:
    size = page.size
    for index, column in enumerate(page.columns):
        x = page.x + index * (page.width + page.gap)
        y = top
        for topic in column:
            canvas.setFont(regular, size)
            canvas.drawString(x, y - size, "\u2022")
            letter.draw_fitted(canvas, letter.Fit(size, tuple(topic.lines)), x + BULLET_INDENT, y,
                               page.width - BULLET_INDENT, regular)
            y -= topic.height
    return top - page.height


def _row(canvas, labels: Sequence[str], values: Sequence[str], top: float, regular: str, *,
         max_lines: int = 3) -> float:
    """One row of the details table: the label left and grey, the value right of it; returns the row's bottom."""
    label_bottom = letter.text_block(canvas, labels, MARGIN_X, top, LABEL_WIDTH, regular, 9, max_lines=2, floor=7,
                                     grey=MUTED)
    value_bottom = letter.text_block(canvas, values, VALUE_X, top + 0.5, VALUE_WIDTH, regular, 10,
                                     max_lines=max_lines, floor=7.5)
    return min(label_bottom, value_bottom) - ROW_GAP


def _heading(canvas, content: AttendanceContent, words: Sequence[_Words], logo, regular: str, bold: str,
             extra: float = 0.0) -> float:
    """Letterhead, title, name, born, "has taken part", course title and line; returns the bottom. ``extra``:
    added to the space above the title and above the name, to spread a short certificate over the page."""
    y = letter.letterhead(canvas, content.heading.issuer, logo, regular, bold)
    y = letter.document_title(canvas, [w.title for w in words], y - 14 * MM - extra, bold, regular)
    y -= 9 * MM + extra
    y = letter.person_name(canvas, content.heading.person.full_name, y, bold)
    if words[0].born:
        y = letter.text_block(canvas, letter.unique([w.born for w in words]), MARGIN_X, y - 1, CONTENT_WIDTH, regular,
                              10, align="centre", max_lines=1, grey=MUTED)
    y = letter.text_block(canvas, [w.took_part for w in words], MARGIN_X, y - 5 * MM, CONTENT_WIDTH, regular, 11,
                          align="centre", max_lines=2)
    y -= 3 * MM
    title = letter.clean(content.course_title)
    fitted = letter.fit(title, bold, 15, CONTENT_WIDTH, 3, 11)
    if len(fonts.wrap(title, bold, fitted.size, CONTENT_WIDTH)) > 3:
        fitted = letter.fit(title, bold, 11, CONTENT_WIDTH, 5, 8)
    y = letter.draw_fitted(canvas, fitted, MARGIN_X, y, CONTENT_WIDTH, bold, "centre", leading=1.22)
    if words[0].course_line:
        y = letter.text_block(canvas, letter.unique([w.course_line for w in words]), MARGIN_X, y - 1.5 * MM,
                              CONTENT_WIDTH, regular, 9, align="centre", max_lines=2, floor=7, grey=MUTED)
    return y


def _continuation_heading(canvas, content: AttendanceContent, words: Sequence[_Words], logo, regular: str,
                          bold: str) -> float:
    """The heading of a page the topics continue on: letterhead, title, name and course, smaller."""
    y = letter.letterhead(canvas, content.heading.issuer, logo, regular, bold)
    y = letter.document_title(canvas, [w.title for w in words], y - 10 * MM, bold, regular, size=18)
    y -= 6 * MM
    y = letter.text_block(canvas, [letter.clean(content.heading.person.full_name)], MARGIN_X, y, CONTENT_WIDTH,
                          bold, 14, align="centre", max_lines=2, floor=9)
    y = letter.text_block(canvas, [letter.clean(content.course_title)], MARGIN_X, y - 1.5 * MM, CONTENT_WIDTH,
                          regular, 10, align="centre", max_lines=3, floor=7)
    return y - 8 * MM


def _details(canvas, content: AttendanceContent, words: Sequence[_Words], top: float, regular: str) -> float:
    y = top
    if words[0].dates:
        y = _row(canvas, [w.dates_label for w in words], letter.unique([w.dates for w in words]), y, regular)
    y = _row(canvas, [w.time_label for w in words], letter.unique([w.time for w in words]), y, regular, max_lines=2)
    trainers = letter.clean(content.trainers)
    if trainers:
        y = _row(canvas, [w.trainers_label for w in words], [trainers], y, regular, max_lines=2)
    return y


def draw_attendance(canvas, content: AttendanceContent, logo) -> int:
    """Draw the certificate's page(s) on ``canvas`` (each ended with showPage); returns the number of pages."""
    regular, bold = letter.configure()
    words = [_words(language, content) for language in letter.languages(content.heading.language)]
    topics = [t for t in (letter.clean(topic) for topic in content.topics) if t]
    note = -letter.text_block(None, [w.continued for w in words], 0, 0, VALUE_WIDTH, regular, 8.5, max_lines=2) \
        + 2 * MM

    def following() -> float:  # measured only when the topics do not fit on the first page
        top = letter.text_block(None, [w.topics_continued for w in words], 0,
                                _continuation_heading(None, content, words, logo, regular, bold), CONTENT_WIDTH,
                                regular, 9, max_lines=1) - ROW_GAP
        return top - letter.TEXT_BOTTOM

    # first the heights: the room for the topics on the first page; the three spaces above the title, the name and
    # the table can each give SQUEEZE
    top = _heading(None, content, words, logo, regular, bold) - DETAILS_GAP
    room = _details(None, content, words, top, regular) - BODY_BOTTOM
    plan, squeezed = _plan_topics(topics, room, following, note, regular, 3 * SQUEEZE)
    if squeezed:
        extra = -SQUEEZE
    elif len(plan) == 1:  # a short certificate is spread: up to half the room left, above title, name and table
        extra = min((room - plan[0].height) / 2, MAX_SPREAD) / 3
    else:
        extra = 0.0
    pages = len(plan)
    footer = [w.footer for w in words]
    for number, topic_page in enumerate(plan, start=1):
        if number == 1:
            top = _heading(canvas, content, words, logo, regular, bold, extra) - DETAILS_GAP - extra
            y = _details(canvas, content, words, top, regular)
            if topics:
                letter.text_block(canvas, [w.topics_label for w in words], MARGIN_X, y, LABEL_WIDTH, regular, 9,
                                  max_lines=2, floor=7, grey=MUTED)
            letter.signature_block(canvas, [w.signature for w in words], content.heading.issuer, letter.SIGNATURE_TOP,
                                   regular, bold)
        else:
            y = _continuation_heading(canvas, content, words, logo, regular, bold)
            y = letter.text_block(canvas, [w.topics_continued for w in words], MARGIN_X, y, CONTENT_WIDTH,
                                  regular, 9, max_lines=1, grey=MUTED) - ROW_GAP
        y = _draw_topics(canvas, topic_page, y, regular)
        if topic_page.more:
            letter.text_block(canvas, [w.continued for w in words], topic_page.x, y - 2 * MM, VALUE_WIDTH, regular,
                              8.5, max_lines=2, grey=MUTED)
        letter.footer(canvas, footer, content.heading, number, pages, regular, bold)
        canvas.showPage()
    return pages


def _title(content: AttendanceContent) -> str:
    main = letter.languages(content.heading.language)[0]
    return f"{catalogue(main).gettext('Certificate of attendance')}: {letter.clean(content.heading.person.full_name)}"


def attendance_pdf(content: AttendanceContent, logo: bytes | None) -> bytes:
    """One certificate as its own PDF; the same content and logo give the same bytes."""
    buffer = io.BytesIO()
    canvas = letter.new_canvas(buffer, title=_title(content), author=letter.clean(content.heading.issuer.name),
                               subject=content.heading.number)
    draw_attendance(canvas, content, letter.logo_image(logo, "certificate"))
    canvas.save()
    return buffer.getvalue()


class AttendanceBundle:
    """Many certificates in one PDF, for printing: ``add`` each, then ``finish`` for the bytes."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._canvas = None
        self._logos: dict[bytes, object] = {}
        self._finished = False
        self.count = 0
        self.pages = 0

    def add(self, content: AttendanceContent, logo: bytes | None) -> None:
        if self._finished:
            raise ValueError("the bundle is finished")
        if self._canvas is None:
            main = letter.languages(content.heading.language)[0]
            _ = catalogue(main).gettext
            self._canvas = letter.new_canvas(self._buffer, title=_("Certificates of attendance"),
                                             author=letter.clean(content.heading.issuer.name))
        image = None
        if logo:
            if logo not in self._logos:
                self._logos[logo] = letter.logo_image(logo, "certificate")
            image = self._logos[logo]
        self.pages += draw_attendance(self._canvas, content, image)
        self.count += 1

    def finish(self) -> bytes:
        """The document; a bundle with nothing added is refused (there is nothing to print)."""
        if self._canvas is None:
            raise ValueError("no certificate was added to the bundle")
        self._canvas.save()
        self._canvas, self._finished = None, True
        return self._buffer.getvalue()
