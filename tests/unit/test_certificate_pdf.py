"""The certificate of attendance as a coordinator prints it and a volunteer hands it on: read back with pdftotext
(names in every script, number and check value, German / English / both), its QR code, and nothing off the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import subprocess
import sys
import unicodedata

import pytest
from test_letter import (ISSUER, assert_inside_the_page, attendance, heading, pages_text, png_logo, qr_as_drawn,
                         render, words)

from kommandesk.documents import catalogue, fonts, letter
from kommandesk.documents.certificate import AttendanceBundle, attendance_pdf
from kommandesk.domain.certificates import Person, content_from_json, content_to_json

pytestmark = pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="needs poppler-utils")

LATIN = [Person("Şükrü", "Yılmaz"), Person("Ayşe", "İnce"), Person("Łucja", "Żółkiewska"), Person("Jiří", "Dvořák"),
         Person("Thị Thu Hương", "Nguyễn")]
ARABIC, PERSIAN = Person("محمد", "الأحمد"), Person("زهرا", "رضایی")


def single_page(content, tmp_path, logo=None) -> str:
    pages = pages_text(attendance_pdf(content, logo), tmp_path)
    assert len(pages) == 1
    return pages[0]


@pytest.mark.parametrize("person", LATIN, ids=lambda p: p.last_name)
@pytest.mark.parametrize("language", ["de", "en", "both"])
def test_latin_names_of_every_country_come_out_as_typed(person, language, tmp_path):
    page = single_page(attendance(person, language), tmp_path)
    assert person.full_name in page.splitlines()  # the name on a line of its own


def test_a_name_typed_with_combining_accents_prints_composed(tmp_path):
    typed = Person(unicodedata.normalize("NFD", "Jiří"), unicodedata.normalize("NFD", "Dvořák"))
    assert "Jiří Dvořák" in single_page(attendance(typed), tmp_path).splitlines()


@pytest.mark.parametrize("person", [ARABIC, PERSIAN], ids=["arabic", "persian"])
@pytest.mark.parametrize("language", ["de", "en", "both"])
def test_arabic_and_persian_names_are_joined_and_right_to_left(person, language, tmp_path):
    pdf = attendance_pdf(attendance(person, language), None)
    lines = [line.strip("\u202b\u202c") for line in pages_text(pdf, tmp_path)[0].splitlines() if fonts.has_rtl(line)]
    assert len(lines) == 1
    # joined: the PDF holds the contextual letter forms (initial, medial, final), not the bare letters ...
    assert all("\ufb50" <= c <= "\ufeff" or c == " " for c in lines[0])
    assert lines[0] != unicodedata.normalize("NFKC", lines[0])
    # ... which are the name's letters: pdftotext reads the visual order back into the logical one
    assert unicodedata.normalize("NFKC", lines[0]) == person.full_name
    # right to left: the first name stands right of the last name on the page
    placed = {unicodedata.normalize("NFKC", w[0][::-1]): w[1] for w in words(pdf, tmp_path)[0] if fonts.has_rtl(w[0])}
    assert placed[person.first_name] > placed[person.last_name]


@pytest.mark.parametrize("language", ["de", "en", "both"])
def test_number_and_check_value_are_printed_and_in_the_qr_code(language, tmp_path):
    content = attendance(language=language)
    pdf = attendance_pdf(content, png_logo())
    page = single_page(content, tmp_path, png_logo())
    assert "KD-2026-00012" in page and "7K3QX9" in page
    assert ISSUER.name in page and "Dr. Marta Beispiel" in page and "Leiterin des Integrationszentrums" in page
    matrix = letter.qr_matrix("KommanDesk KD-2026-00012 7K3QX9")
    assert qr_as_drawn(render(pdf, tmp_path, dpi=200), 200, len(matrix)) == matrix


def test_english_says_what_was_attended(tmp_path):
    page = single_page(attendance(language="en"), tmp_path)
    for expected in ("Certificate of attendance", "has taken part in the following training:",
                     "Grundkurs Flüchtlingshilfe", "Course K-2026-0007, funded by KOMM-AN NRW II D",
                     "March 3, 2026, March 10, 2026, and March 17, 2026", "12.5 hours of 15 planned", "Ayşe Demir",
                     "Rechtliche Grundlagen", "Kommunikation über Sprachgrenzen", "Rollen im Ehrenamt",
                     "Köln, March 24, 2026", "born on March 3, 1990"):
        assert expected in page, expected


def test_german_dates_numbers_and_texts_come_from_the_german_catalogue(tmp_path, german):
    page = single_page(attendance(language="de"), tmp_path)
    _ = catalogue("de").gettext
    for expected in (_("Certificate of attendance"), "3. März 2026, 10. März 2026 und 17. März 2026",
                     "Köln, 24. März 2026", "12,5", _("Place and date")):
        assert expected in page, expected
    assert "March" not in page


def test_both_languages_say_everything_in_german_first_then_english_on_one_page(tmp_path):
    lines = single_page(attendance(language="both"), tmp_path).splitlines()

    def where(text: str) -> int:
        return next(index for index, line in enumerate(lines) if text in line)

    assert where("3. März 2026") < where("March 3, 2026")
    assert where(catalogue("de").gettext("born on {date}").format(date="3. März 1990")) < where("born on March 3, 1990")
    assert where("24. März 2026") < where("March 24, 2026")
    assert where("12,5") < where("12.5 hours")
    assert lines.count("Grundkurs Flüchtlingshilfe") == 1  # user text once
    assert "Şükrü Yılmaz" in lines


def test_a_full_normal_course_in_both_languages_is_still_one_page(tmp_path):
    days = tuple(dt.date(2026, 3, 3) + dt.timedelta(days=7 * i) for i in range(6))
    topics = tuple(f"Thema {i}: Begleitung von Familien bei Behördengängen und im Alltag" for i in range(12))
    content = attendance(language="both", session_days=days, topics=topics,
                         trainers="Ayşe Demir, Jan Kowalski, Dr. Eva Musterfrau")
    page = single_page(content, tmp_path, png_logo())
    assert all(topic in page for topic in topics) and "03.03.2026" in page and "Apr 7, 2026" in page


def test_teaching_units_and_many_session_days(tmp_path):
    days = tuple(dt.date(2026, 3, 2) + dt.timedelta(days=7 * i) for i in range(10))
    page = single_page(attendance(language="en", unit="teaching_units", attended_minutes=720,
                                  planned_minutes=720, session_days=days), tmp_path)
    assert "16 teaching units of 45 minutes (the whole course)" in page
    assert "from March 2, 2026 to May 4, 2026 (10 dates)" in page
    page = single_page(attendance(language="de", unit="teaching_units", attended_minutes=720, planned_minutes=900,
                                  session_days=days[:6]), tmp_path)
    assert "16" in page and "20" in page and "02.03.2026" in page and "06.04.2026" in page


def test_the_date_of_birth_only_when_the_certificate_carries_it(tmp_path):
    assert "born on" not in single_page(attendance(Person("Anna", "Berg"), "en"), tmp_path)


def test_markup_characters_in_user_text_are_printed_as_they_are(tmp_path):
    person = Person('<b>Anna</b> & "Jo"', "O'Neil <i>x</i>")
    content = attendance(person, "en", course_title="Kurs <br/> & <font size=40>groß</font>",
                         topics=("<b>bold</b> & 'quoted'",), trainers="A & B <c>")
    page = single_page(content, tmp_path)
    for expected in ('<b>Anna</b> & "Jo" O\'Neil <i>x</i>', "Kurs <br/> & <font size=40>groß</font>",
                     "<b>bold</b> & 'quoted'", "A & B <c>"):
        assert expected in page, expected


def test_long_name_long_title_and_forty_long_topics_fit_or_continue_but_are_never_cut(tmp_path):
    name = Person("Maria-Magdalena Friederike Wilhelmine Augusta Theodora",
                  "von Hohenzollern-Sigmaringen-Oberstdorf-Bergheim-Wipperfürth-Bonn")
    assert len(name.full_name) == 120
    title = ("Ein sehr langer Kurstitel über Begleitung, Ehrenamt und Teilhabe in der Kommune " * 4)[:300].strip()
    topics = tuple((f"Thema {i}: " + "Begleitung von Familien bei Behördengängen und im Alltag " * 4)[:200].strip()
                   for i in range(40))
    content = attendance(name, "both", course_title=title, topics=topics)
    pdf = attendance_pdf(content, png_logo())
    assert assert_inside_the_page(pdf, tmp_path) > 500
    pages = pages_text(pdf, tmp_path)
    assert 1 < len(pages) <= 4
    flat = [" ".join(page.split()) for page in pages]
    assert " ".join(title.split()) in flat[0]  # the whole title on the certificate, no ellipsis
    assert name.full_name in flat[0]
    everything = " ".join(flat)
    for topic in topics:  # every topic, whole, once
        assert everything.count(" ".join(topic.split())) == 1, topic[:20]
    assert "\u2026" not in everything
    for number, page in enumerate(flat[1:], start=2):  # a continuation page says what it belongs to
        page_line = catalogue("de").gettext("Page {page} of {pages}").format(page=number, pages=len(pages))
        assert "KD-2026-00012" in page and "7K3QX9" in page and page_line in page
        assert "Maria-Magdalena" in page and "Ein sehr langer Kurstitel" in page
    assert "Dr. Marta Beispiel" in flat[0] and "Dr. Marta Beispiel" not in " ".join(flat[1:])  # signed once


def test_forty_short_topics_stay_on_the_one_page(tmp_path):
    content = attendance(language="both", topics=tuple(f"Thema Nummer {i}" for i in range(40)))
    page = single_page(content, tmp_path)
    assert all(f"Thema Nummer {i}" in page for i in range(40))


def test_a_long_organisation_and_signatory_stay_on_the_page(tmp_path):
    issuer = dataclasses.replace(ISSUER, name="Kommunales Integrationszentrum " * 6, signatory_role="Leitung " * 20,
                                 signatory_name="Prof. Dr. " * 10, town="Castrop-Rauxel-Frohlinde-Habinghorst " * 3)
    content = dataclasses.replace(attendance(language="both"), heading=heading(language="both", issuer=issuer))
    assert assert_inside_the_page(attendance_pdf(content, png_logo(900, 120)), tmp_path) > 50


def test_the_same_content_gives_the_same_bytes_also_in_another_process_and_after_the_register(tmp_path):
    content = attendance(Person("Şükrü", "Yılmaz"), "both")
    logo = png_logo()
    first = attendance_pdf(content, logo)
    assert attendance_pdf(content, logo) == first
    assert attendance_pdf(content_from_json(content_to_json(content)), logo) == first  # a reprint
    (tmp_path / "logo.png").write_bytes(logo)
    code = ("import sys; from pathlib import Path; from kommandesk.domain.certificates import content_from_json; "
            "from kommandesk.documents.certificate import attendance_pdf; "
            "sys.stdout.buffer.write(attendance_pdf(content_from_json(sys.stdin.read()), "
            f"Path({str(tmp_path / 'logo.png')!r}).read_bytes()))")
    other = subprocess.run([sys.executable, "-c", code], input=content_to_json(content).encode("utf-8"),
                           capture_output=True, check=True).stdout
    assert other == first


def test_a_logo_that_cannot_be_read_leaves_the_certificate_without_it(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="kommandesk.documents"):
        pdf = attendance_pdf(attendance(), b"\x89PNG\r\n\x1a\nbroken logo")
    assert b"/Subtype /Image" not in pdf and "Şükrü Yılmaz" in pages_text(pdf, tmp_path)[0]
    assert "cannot be read" in caplog.text
    assert b"/Subtype /Image" in attendance_pdf(attendance(), png_logo())


def test_a_bundle_is_the_certificates_page_for_page_in_one_smaller_file(tmp_path):
    contents = [dataclasses.replace(attendance(person, language), heading=heading(person, language, serial=serial))
        for serial, (person, language) in enumerate(
            [(LATIN[0], "de"), (ARABIC, "en"), (PERSIAN, "both"), (LATIN[2], "en")], start=1)]
    long = dataclasses.replace(contents[0], heading=heading(LATIN[3], "en", serial=5),
                               topics=tuple("Begleitung im Alltag und bei Behörden " * 5 for _ in range(30)))
    contents.append(long)
    bundle = AttendanceBundle()
    for content in contents:
        bundle.add(content, png_logo())
    pdf = bundle.finish()
    singles = [attendance_pdf(content, png_logo()) for content in contents]
    expected = [page for single in singles for page in pages_text(single, tmp_path)]
    assert pages_text(pdf, tmp_path) == expected and len(expected) > len(contents)
    assert bundle.count == len(contents) and bundle.pages == len(expected)
    assert len(pdf) < sum(len(single) for single in singles) / 2
    assert re.findall(r"KD-2026-0000\d", " ".join(pages_text(pdf, tmp_path)))[0] == "KD-2026-00001"


def test_an_empty_bundle_is_refused():
    with pytest.raises(ValueError):
        AttendanceBundle().finish()


def test_fonts_are_embedded_not_the_builtin_helvetica():
    pdf = attendance_pdf(attendance(language="both"), None)
    assert b"FontFile2" in pdf and b"Helvetica" not in pdf


def test_importing_the_certificate_does_not_load_reportlab():
    code = ("import sys, kommandesk.documents.certificate, kommandesk.documents.service_record; "
            "print(sorted(m for m in ('reportlab', 'arabic_reshaper', 'bidi', 'PIL') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
