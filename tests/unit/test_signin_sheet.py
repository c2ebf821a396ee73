"""The sign-in sheet PDF: read back with pdftotext (text, order, pages) -- what a coordinator prints at the door."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from kommandesk.documents import fonts
from kommandesk.documents.signin_sheet import MIN_FREE_ROWS, ROWS_PER_PAGE, page_count, signin_sheet
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.organisation import Organisation
from kommandesk.domain.trainings import Course, RegistrationStatus, Session

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")

ORG = Organisation(name="Kommunales Integrationszentrum Köln", street="Domstraße 1", postcode="50667", town="Köln")
COURSE = Course(title="Grundkurs <b>Flüchtlingshilfe</b> & Co", reference="K-2026-0007",
                funding_tag="KOMM-AN NRW II D", trainers="Ayşe Demir")
SESSION = Session(course_id="c1", day=dt.date(2026, 3, 3), start=dt.time(9, 30), end=dt.time(12, 45),
                  place="Raum 2.17 <i>Hof</i>", trainer="Ayşe Demir", number=2, id="s1")


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    status: RegistrationStatus = RegistrationStatus.REGISTERED


PEOPLE = [Person("Şükrü", "Yılmaz"), Person("Łukasz", "Żółć"), Person("Thị Ánh", "Nguyễn"),
          Person("يوسف", "منصور"), Person("فاطمه", "احمدی"), Person("Anna", "<b>Berg</b>")]


def text_of(pdf: bytes, tmp_path, *, layout: bool = False) -> list[str]:
    """The text of each page."""
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(source), "-"]
    out = subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")
    return out.split("\f")[:-1]


def test_the_sheet_names_course_session_and_every_registered_participant(tmp_path):
    pages = text_of(signin_sheet(ORG, COURSE, SESSION, PEOPLE, "en"), tmp_path)
    assert len(pages) == 1
    page = pages[0]
    for expected in ("Kommunales Integrationszentrum Köln", "Domstraße 1, 50667 Köln", "Sign-in sheet",
                     "Grundkurs <b>Flüchtlingshilfe</b> & Co", "K-2026-0007", "KOMM-AN NRW II D",
                     "Tuesday, March 3, 2026", "9:30", "AM\u201312:45", "Raum 2.17 <i>Hof</i>",
                     "Trainer: Ayşe Demir", "Signature", "Page 1 of 1",
                     "Yılmaz", "Şükrü", "Żółć", "Łukasz", "Nguyễn", "Thị Ánh", "<b>Berg</b>"):
        assert expected in page, expected


def test_arabic_and_persian_names_are_drawn_joined_and_right_to_left(tmp_path):
    page = text_of(signin_sheet(ORG, COURSE, SESSION, PEOPLE, "en"), tmp_path)[0]
    arabic = [line.strip("\u202b\u202c") for line in page.splitlines() if fonts.has_rtl(line)]
    # joined: the PDF holds the contextual letter forms (presentation forms), not the bare letters
    assert arabic and all(all("\ufb50" <= c <= "\ufeff" or c == " " for c in line) for line in arabic)
    # right to left: drawn in visual order, pdftotext reads the names back in their logical order
    logical = {unicodedata.normalize("NFKC", line) for line in arabic}
    assert {"منصور", "يوسف", "احمدی", "فاطمه"} <= logical
    assert fonts.visual("Łukasz Żółć") == "Łukasz Żółć"


def test_the_sheet_is_in_the_language_asked_for_not_the_ui_language(tmp_path, german):
    english = text_of(signin_sheet(ORG, COURSE, SESSION, PEOPLE, "en"), tmp_path)[0]
    deutsch = text_of(signin_sheet(ORG, COURSE, SESSION, PEOPLE, "de"), tmp_path)[0]
    assert "Tuesday, March 3, 2026" in english and "Last name" in english
    assert "Dienstag, 3. März 2026" in deutsch and "09:30\u201312:45" in deutsch and "Nachname" in deutsch


def test_waiting_list_and_cancelled_registrations_are_not_on_the_sheet(tmp_path):
    people = [*PEOPLE, Person("Wanda", "Wartend", RegistrationStatus.WAITING),
              Person("Carl", "Abgesagt", RegistrationStatus.CANCELLED), Person("Cora", "Fertig", RegistrationStatus.COMPLETED)]
    page = text_of(signin_sheet(ORG, COURSE, SESSION, people, "en"), tmp_path)[0]
    assert "Fertig" in page and "Wartend" not in page and "Abgesagt" not in page


def test_200_participants_make_eleven_pages_of_twenty_rows_with_free_rows_at_the_end(tmp_path):
    people = [Person(f"First{i:03d}", f"Last{i:03d}") for i in range(1, 201)]
    pages = text_of(signin_sheet(ORG, COURSE, SESSION, people, "en"), tmp_path, layout=True)
    assert len(pages) == page_count(200) == 11
    for index, page in enumerate(pages):
        numbers = [int(n) for n in re.findall(r"^\s*(\d+)\b", page, re.MULTILINE)]
        first = index * ROWS_PER_PAGE + 1
        assert numbers[:ROWS_PER_PAGE] == list(range(first, first + ROWS_PER_PAGE)), index
        assert f"Page {index + 1} of 11" in page
        assert "K-2026-0007" in page and "Sign-in sheet" in page  # a loose page still says what it belongs to
    assert "Last001" in pages[0] and "Last020" in pages[0] and "Last021" in pages[1]
    assert "Last200" in pages[9]
    assert "Last" not in pages[10].split("Signature")[1]  # the last page: free rows 201..220 for walk-ins


@pytest.mark.parametrize("registered,pages", [(0, 1), (15, 1), (16, 2), (35, 2), (36, 3)])
def test_there_are_always_some_free_rows(registered, pages):
    assert MIN_FREE_ROWS == 5 and page_count(registered) == pages


def test_an_empty_course_gives_one_page_of_free_rows(tmp_path):
    pages = text_of(signin_sheet(ORG, COURSE, SESSION, [], "en"), tmp_path, layout=True)
    assert len(pages) == 1 and "Page 1 of 1" in pages[0]
    assert [int(n) for n in re.findall(r"^\s*(\d+)\b", pages[0], re.MULTILINE)][:20] == list(range(1, 21))


def words(pdf: bytes, tmp_path) -> list[tuple[str, float, float, float]]:
    """(word, xMin, xMax, yMax) of every word on the first page, from pdftotext -bbox."""
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(source), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    body = html[html.index("<doc>"):html.index("</doc>") + len("</doc>")]
    return [(element.text or "", float(element.get("xMin")), float(element.get("xMax")), float(element.get("yMax")))
            for element in ET.fromstring(body).iter("word")]


def test_long_names_and_header_texts_stay_inside_their_cells_and_the_page(tmp_path):
    mm = 72 / 25.4
    long_last = "von und zu Hohenzollern-Sigmaringen-Oberstdorf-Bergheim-Wipperfürth-Gummersbach " * 3
    long_first = "Maria-Magdalena Friederike Wilhelmine Augusta"
    course = dataclasses.replace(COURSE, title="Ein sehr langer Kurstitel über Begleitung und Ehrenamt " * 4)
    session = dataclasses.replace(SESSION, place="Bürgerzentrum, Großer Saal, Eingang über den Hof " * 5)
    found = words(signin_sheet(ORG, course, session, [Person(long_first, long_last)], "en"), tmp_path)
    assert all(15 * mm - 0.5 <= x_min and x_max <= 195 * mm + 0.5 and y_max <= 297 * mm
               for _word, x_min, x_max, y_max in found)
    last_cell, first_cell = (25 * mm, 73 * mm), (73 * mm, 117 * mm)
    name_words = [w for w in found if "Hohenzollern" in w[0]]
    assert name_words and all(last_cell[0] <= x0 and x1 <= last_cell[1] for _w, x0, x1, _y in name_words)
    assert any("\u2026" in w[0] for w in found)  # what does not fit is cut with an ellipsis, not run over
    first_words = [w for w in found if w[0] in ("Maria-Magdalena", "Friederike", "Wilhelmine", "Augusta")]
    assert len(first_words) == 4 and all(first_cell[0] <= x0 and x1 <= first_cell[1] for _w, x0, x1, _y in first_words)


def test_wrap_never_makes_a_line_wider_than_asked():
    regular, _bold = fonts.register()
    for text in ("Hohenzollern-Sigmaringen-Oberstdorf-Bergheim", "a " * 50, "يوسف منصور " * 6, ""):
        for line in fonts.wrap(text, regular, 9, 80):
            assert fonts.width(line, regular, 9) <= 80 or len(line) == 1


def test_a_logo_is_drawn_and_a_broken_logo_does_not_stop_the_sheet(tmp_path):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(buffer, "PNG")
    with_logo = signin_sheet(dataclasses.replace(ORG, logo=buffer.getvalue()), COURSE, SESSION, PEOPLE, "en")
    assert b"/Subtype /Image" in with_logo
    broken = signin_sheet(dataclasses.replace(ORG, logo=b"\x89PNG\r\n\x1a\nbroken"), COURSE, SESSION, PEOPLE, "en")
    assert "Yılmaz" in text_of(broken, tmp_path)[0]


def test_a_cancelled_session_has_no_sign_in_sheet():
    with pytest.raises(KommanDeskError, match="Session 2 was cancelled"):
        signin_sheet(ORG, COURSE, dataclasses.replace(SESSION, cancelled=True), PEOPLE, "en")


def test_fonts_are_embedded_not_the_builtin_helvetica():
    pdf = signin_sheet(ORG, COURSE, SESSION, PEOPLE, "en")
    assert b"FontFile2" in pdf and b"Helvetica" not in pdf  # only the embedded DejaVu Sans
    assert fonts.font_path(fonts.REGULAR).is_file() and (fonts.font_path(fonts.REGULAR).parent / fonts.LICENCE).is_file()


def test_importing_the_documents_does_not_load_reportlab():
    """The trainings page imports these modules: reportlab and the shaping libraries load on the first sheet."""
    import sys

    code = ("import sys, kommandesk.documents.signin_sheet, kommandesk.interchange.icalendar; "
            "print(sorted(m for m in ('reportlab', 'arabic_reshaper', 'bidi') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
