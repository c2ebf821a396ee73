"""The sign-in sheet of one course session: an A4 PDF to print and lay out at the door.

Every page repeats the organisation (with its logo), the course and the session (date, time, place, trainer), so a
loose page still says what it belongs to. Below: a numbered table -- No., last name, first name, signature -- of the
registered participants, then free rows for people who come without registering: at least
:data:`MIN_FREE_ROWS`, and the last page filled up. :data:`ROWS_PER_PAGE` rows on every page, "Page 2 of 3" below.

Drawn on the reportlab canvas: user text is never parsed as markup. Names are shaped for right-to-left scripts
(documents.fonts). reportlab is imported on first use.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from kommandesk.documents import catalogue
from kommandesk.documents import fonts
from kommandesk.documents.letter import configure, draw_line, draw_logo, fit_lines, logo_image
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.organisation import Organisation
from kommandesk.domain.trainings import TAKES_A_PLACE, Course
from kommandesk.i18n import _, normalise_language

ROWS_PER_PAGE = 20
MIN_FREE_ROWS = 5

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
MARGIN_X = 15 * MM
MARGIN_TOP = 12 * MM
MARGIN_BOTTOM = 9 * MM
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
HEADER_HEIGHT = 58 * MM  # organisation, title, course and session; the same on every page
TABLE_HEAD_HEIGHT = 7 * MM
ROW_HEIGHT = 10 * MM  # room for a signature
LOGO_WIDTH, LOGO_HEIGHT = 45 * MM, 16 * MM
# No., last name, first name, signature (the rest)
COLUMNS = (10 * MM, 48 * MM, 44 * MM, CONTENT_WIDTH - 102 * MM)
CELL_PAD = 1.6 * MM
NAME_SIZES = ((9.5, 2), (8.0, 2), (6.5, 3))  # (size, lines): a long name gets smaller before it is cut
LINE_GREY = 0.55
HEAD_GREY = 0.9


class SessionLike(Protocol):  # domain Session or the service's SessionRow
    day: dt.date
    start: dt.time
    end: dt.time
    place: str
    trainer: str
    cancelled: bool
    number: int | None


class PersonLike(Protocol):  # the service's Participant: first_name, last_name and (optionally) status
    first_name: str
    last_name: str


@dataclass(frozen=True)
class _Texts:
    """Everything the sheet says in its own language, worked out once."""
    title: str
    course_title: str  # user text, not translated
    number: str
    last_name: str
    first_name: str
    signature: str
    course_line: str
    session_line: str
    place_line: str
    trainer_line: str
    walk_ins: str
    page: str  # a template with {page} and {pages}
    footer: str


def on_sheet(participants: Iterable[PersonLike]) -> list[PersonLike]:
    """Who is printed: registered (and completed) participants in the order given; not the waiting list, not the
    cancelled."""
    return [p for p in participants if getattr(p, "status", None) is None or p.status in TAKES_A_PLACE]


def page_count(participants: int) -> int:
    rows = participants + MIN_FREE_ROWS
    return -(-rows // ROWS_PER_PAGE)


def signin_sheet(org: Organisation, course: Course, session: SessionLike, participants: Sequence[PersonLike],
                 language: str) -> bytes:
    """The sheet as PDF bytes in ``language`` ('de' or 'en'). ``participants`` in the order to print (the service
    sorts them by last name); waiting and cancelled registrations are left out."""
    if session.cancelled:  # the message is for the user: in the UI language
        raise KommanDeskError(_("Session {number} was cancelled: there is no sign-in sheet for it.").format(
            number=session.number or "?"))
    language = normalise_language(language)
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = configure()
    people = on_sheet(participants)
    pages = page_count(len(people))
    texts = _texts(catalogue(language).gettext, course, session, language)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1,
                    initialFontName=regular, initialFontSize=9)
    canvas.setTitle(f"{texts.title}: {course.title}")
    canvas.setAuthor(org.name)
    canvas.setSubject(texts.session_line)
    logo = logo_image(org.logo, "sign-in sheet")
    for page in range(pages):
        _header(canvas, org, texts, logo, regular, bold)
        _table(canvas, people, page * ROWS_PER_PAGE, regular, bold, texts)
        _footer(canvas, texts, page + 1, pages, regular)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _texts(_, course: Course, session: SessionLike, language: str) -> _Texts:
    """``_``: the messages of the sheet's language (not the UI's)."""
    from babel.dates import format_date, format_time

    day = format_date(session.day, "full", locale=language)
    start = format_time(session.start, "short", locale=language)
    end = format_time(session.end, "short", locale=language)
    reference = course.reference or ""
    course_line = (_("Course {reference}, funded by {funding}").format(reference=reference, funding=course.funding_tag)
                   if course.funding_tag else _("Course {reference}").format(reference=reference))
    return _Texts(
        title=_("Sign-in sheet"), course_title=course.title, number=_("No."), last_name=_("Last name"),
        first_name=_("First name"), signature=_("Signature"), course_line=course_line,
        session_line=_("Session {number}: {day}, {start}\u2013{end}").format(
            number=session.number or "", day=day, start=start, end=end),
        place_line=_("Place: {place}").format(place=session.place or "\u2013"),
        trainer_line=_("Trainer: {trainer}").format(trainer=session.trainer or course.trainers or "\u2013"),
        walk_ins=_("Not on the list? Please write your name in a free row."),
        page=_("Page {page} of {pages}"),
        footer=_("{course} \u2013 session {number}, {day}").format(
            course=reference, number=session.number or "", day=format_date(session.day, "medium", locale=language)),
    )


def _header(canvas, org: Organisation, texts, logo, regular: str, bold: str) -> None:
    top = PAGE_HEIGHT - MARGIN_TOP
    right = PAGE_WIDTH - MARGIN_X
    text_width = CONTENT_WIDTH
    if logo is not None:
        draw_logo(canvas, logo, right, top, LOGO_WIDTH, LOGO_HEIGHT)
        text_width -= LOGO_WIDTH + 4 * MM
    y = top - 10
    for line in fit_lines(org.name, bold, 10, text_width, 1):
        draw_line(canvas, line, MARGIN_X, y, bold, 10)
    if org.address_line:
        y -= 11
        for line in fit_lines(org.address_line, regular, 8, text_width, 1):
            draw_line(canvas, line, MARGIN_X, y, regular, 8)
    y = top - LOGO_HEIGHT - 4 * MM
    draw_line(canvas, texts.title, MARGIN_X, y, bold, 15)
    y -= 18
    for line in fit_lines(texts.course_title, bold, 11.5, CONTENT_WIDTH, 2):
        draw_line(canvas, line, MARGIN_X, y, bold, 11.5, right_to_left_at=right)
        y -= 14
    for text, lines in ((texts.course_line, 1), (texts.session_line, 1), (texts.place_line, 2),
                        (texts.trainer_line, 1)):
        for line in fit_lines(text, regular, 9.5, CONTENT_WIDTH, lines):
            draw_line(canvas, line, MARGIN_X, y, regular, 9.5)
            y -= 12.5


def _table(canvas, people: Sequence[PersonLike], first: int, regular: str, bold: str, texts) -> None:
    top = PAGE_HEIGHT - MARGIN_TOP - HEADER_HEIGHT
    bottom = top - TABLE_HEAD_HEIGHT - ROWS_PER_PAGE * ROW_HEIGHT
    edges = [MARGIN_X]
    for width in COLUMNS:
        edges.append(edges[-1] + width)
    canvas.setFillGray(HEAD_GREY)
    canvas.rect(MARGIN_X, top - TABLE_HEAD_HEIGHT, CONTENT_WIDTH, TABLE_HEAD_HEIGHT, stroke=0, fill=1)
    canvas.setFillGray(0)
    head_y = top - TABLE_HEAD_HEIGHT + 2.3 * MM
    for left, width, title in zip(edges, COLUMNS, (texts.number, texts.last_name, texts.first_name, texts.signature)):
        for line in fit_lines(title, bold, 9, width - 2 * CELL_PAD, 1):
            draw_line(canvas, line, left + CELL_PAD, head_y, bold, 9)
    canvas.setStrokeGray(LINE_GREY)
    canvas.setLineWidth(0.6)
    canvas.rect(MARGIN_X, bottom, CONTENT_WIDTH, top - bottom, stroke=1, fill=0)
    for x in edges[1:-1]:
        canvas.line(x, bottom, x, top)
    for row in range(ROWS_PER_PAGE + 1):
        y = top - TABLE_HEAD_HEIGHT - row * ROW_HEIGHT
        canvas.line(MARGIN_X, y, MARGIN_X + CONTENT_WIDTH, y)
    for row in range(ROWS_PER_PAGE):
        index = first + row
        row_top = top - TABLE_HEAD_HEIGHT - row * ROW_HEIGHT
        number = str(index + 1)
        canvas.setFont(regular, 9)
        canvas.drawRightString(edges[1] - CELL_PAD, row_top - ROW_HEIGHT / 2 - 3, number)
        if index < len(people):
            person = people[index]
            _cell(canvas, person.last_name, edges[1], COLUMNS[1], row_top, regular)
            _cell(canvas, person.first_name, edges[2], COLUMNS[2], row_top, regular)


def _cell(canvas, text: str, left: float, width: float, row_top: float, font: str) -> None:
    """A name in its cell, vertically centred: one or two lines, smaller for a long name, cut with an ellipsis
    only when even the smallest size does not hold it."""
    inner = width - 2 * CELL_PAD
    text = " ".join(text.split())
    for size, most in NAME_SIZES:
        lines = fonts.wrap(text, font, size, inner)
        if len(lines) <= most:
            break
    else:
        lines = fit_lines(text, font, size, inner, most)
    leading = size * 1.2
    y = row_top - ROW_HEIGHT / 2 + (len(lines) * leading) / 2 - size * 0.95
    for line in lines:
        draw_line(canvas, line, left + CELL_PAD, y, font, size, right_to_left_at=left + width - CELL_PAD)
        y -= leading


def _footer(canvas, texts, page: int, pages: int, regular: str) -> None:
    table_bottom = PAGE_HEIGHT - MARGIN_TOP - HEADER_HEIGHT - TABLE_HEAD_HEIGHT - ROWS_PER_PAGE * ROW_HEIGHT
    draw_line(canvas, texts.walk_ins, MARGIN_X, table_bottom - 13, regular, 8.5)
    y = MARGIN_BOTTOM
    for line in fit_lines(texts.footer, regular, 8, CONTENT_WIDTH * 0.7, 1):
        draw_line(canvas, line, MARGIN_X, y, regular, 8)
    canvas.setFont(regular, 8)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, texts.page.format(page=page, pages=pages))
