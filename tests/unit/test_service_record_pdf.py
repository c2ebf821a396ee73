"""The volunteer service record and the confirmation of hours for the Ehrenamtskarte, read back with pdftotext:
what a volunteer shows an employer or the town hall."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from test_letter import assert_inside_the_page, heading, pages_text, png_logo, qr_as_drawn, render

from kommandesk.documents import catalogue, letter
from kommandesk.documents.service_record import hours_confirmation_pdf, service_record_pdf
from kommandesk.domain.certificates import (Activity, CardCheck, CardRule, CardYear, HoursConfirmationContent,
                                            Person, ServiceRecordContent, TrainingDone, content_from_json,
                                            content_to_json)

pytestmark = pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="needs poppler-utils")

POLISH = Person("Łucja", "Żółkiewska", dt.date(1988, 7, 14))
AREAS = [("Begleitung zu Behörden", "Accompanying people to offices"), ("Sprachcafé", "Language café"),
         ("Hausaufgabenhilfe", "Homework help")]


def record(language: str = "en", areas: int = 3, courses: int = 2, person: Person = POLISH,
           **changes) -> ServiceRecordContent:
    acts = tuple(Activity(f"{AREAS[i % 3][0]} {i // 3 or ''}".strip(), f"{AREAS[i % 3][1]} {i // 3 or ''}".strip(),
                          90 + 60 * i, i + 1) for i in range(areas))
    done = tuple(TrainingDone(f"Fortbildung {i}: Grundlagen", f"K-2025-{i:04d}",
                              dt.date(2025, 3, 3) + dt.timedelta(days=7 * i),
                              dt.date(2025, 3, 17) + dt.timedelta(days=7 * i), 750 + 45 * i,
                              ("hours", "teaching_units")[i % 2]) for i in range(courses))
    values = dict(heading=heading(person, language), period_from=dt.date(2025, 1, 1),
                  period_to=dt.date(2025, 12, 31), activities=acts, trainings=done,
                  total_minutes=sum(a.minutes for a in acts))
    values.update(changes)
    return ServiceRecordContent(**values)


def confirmation(language: str = "en", person: Person = POLISH) -> HoursConfirmationContent:
    years = (CardYear(dt.date(2025, 3, 25), dt.date(2026, 3, 24), 16500, 16500 / (365 / 7), True),
             CardYear(dt.date(2024, 3, 25), dt.date(2025, 3, 24), 15800, 15800 / (365 / 7), True))
    return HoursConfirmationContent(heading=heading(person, language),
                                    check=CardCheck(CardRule(5, 250, 2), years, True, dt.date(2023, 5, 1)))


def test_the_service_record_names_the_person_the_period_the_work_and_the_trainings(tmp_path):
    pages = pages_text(service_record_pdf(record("en"), png_logo()), tmp_path)
    assert len(pages) == 1
    page = " ".join(pages[0].split())
    for expected in ("Volunteer service record", "Łucja Żółkiewska", "born on July 14, 1988",
                     "has volunteered with Kommunales Integrationszentrum Beispielstadt from January 1, 2025 to",
                     "Accompanying people to offices", "Language café", "Homework help", "Area of help",
                     "Fortbildung 0: Grundlagen", "K-2025-0000", "12.5 hours", "17.67 teaching units of 45 minutes",
                     "Mar 3", "KD-2026-00012", "7K3QX9", "Dr. Marta Beispiel", "Köln, March 24, 2026"):
        assert expected in page, expected
    assert "Begleitung zu Behörden" not in page  # the areas in the document's language
    rows = re.findall(r"^\s*(Accompanying people to offices|Language café|Homework help)\s+(\d+)\s+([\d.,]+)\s*$",
                      pages_text(service_record_pdf(record("en"), None), tmp_path, layout=True)[0], re.MULTILINE)
    assert rows == [("Accompanying people to offices", "1", "1.5"), ("Language café", "2", "2.5"),
                    ("Homework help", "3", "3.5")]
    assert re.search(r"Total\s+7\.5", pages_text(service_record_pdf(record("en"), None), tmp_path, layout=True)[0])


def test_german_has_the_german_areas_and_both_has_both(tmp_path):
    german = " ".join(pages_text(service_record_pdf(record("de"), None), tmp_path)[0].split())
    assert "Begleitung zu Behörden" in german and "Accompanying" not in german and "1. Januar 2025" in german
    assert "3,5" in german
    both = " ".join(pages_text(service_record_pdf(record("both"), None), tmp_path)[0].split())
    assert both.index("Begleitung zu Behörden") < both.index("Accompanying people to offices")
    assert both.index("1. Januar 2025") < both.index("January 1, 2025")


def test_no_hours_and_no_trainings_are_said_not_left_blank(tmp_path):
    page = pages_text(service_record_pdf(record("en", areas=0, courses=0), None), tmp_path)[0]
    assert "No hours were recorded in this period." in page and "Trainings completed" not in page


def test_a_long_record_goes_on_over_pages_with_the_table_head_and_the_signature_on_the_last(tmp_path):
    content = record("both", areas=45, courses=25, person=Person("Jiří", "Dvořák"))
    pdf = service_record_pdf(content, png_logo())
    pages = pages_text(pdf, tmp_path)
    assert len(pages) >= 3
    page_line = catalogue("de").gettext("Page {page} of {pages}")
    for number, page in enumerate(pages, start=1):
        assert page_line.format(page=number, pages=len(pages)) in page
        assert "Jiří Dvořák" in page and "KD-2026-00012" in page and "7K3QX9" in page
        if number > 1:  # each continuation page repeats the head of the table it goes on with
            assert "Area of help" in page or "Time attended" in page
    everything = "\n".join(pages)
    for activity in content.activities:
        assert everything.count(activity.area_en + "\n") == 1, activity.area_en
    for training in content.trainings:
        assert everything.count(training.reference) == 1
    assert [number for number, page in enumerate(pages, start=1) if "Dr. Marta Beispiel" in page] == [len(pages)]
    assert "K-2025-0024" in pages[-1]  # the signature is never alone on its page
    assert assert_inside_the_page(pdf, tmp_path) > 500


def test_long_names_and_areas_stay_on_the_page(tmp_path):
    long_area = "Begleitung von Familien bei Behördengängen und Arztbesuchen " * 4
    content = record("en", person=Person("Maria-Magdalena " * 4, "von Hohenzollern-Sigmaringen " * 3),
                     activities=(Activity(long_area, long_area, 600, 3),), total_minutes=600)
    assert assert_inside_the_page(service_record_pdf(content, None), tmp_path) > 30


def test_the_service_record_is_the_same_bytes_again_and_after_the_register():
    content = record("both")
    first = service_record_pdf(content, png_logo())
    assert service_record_pdf(content, png_logo()) == first
    assert service_record_pdf(content_from_json(content_to_json(content)), png_logo()) == first


@pytest.mark.parametrize("language", ["de", "en", "both"])
def test_the_confirmation_of_hours_gives_the_rule_and_the_figures_year_by_year(language, tmp_path):
    pdf = hours_confirmation_pdf(confirmation(language), png_logo())
    pages = pages_text(pdf, tmp_path, layout=True)
    assert len(pages) == 1
    page = pages[0]
    assert "Łucja Żółkiewska" in page and "KD-2026-00012" in page and "7K3QX9" in page
    assert "Ehrenamtskarte NRW" in page
    flat = " ".join(page.split())
    if language == "en":
        assert "at least 5 hours a week on average or 250 hours a year, in each of the last 2 years" in flat
        assert re.search(r"Mar 25, 2025\s*–\s*Mar 24, 2026\s+275\s+5\.3", page)
        assert re.search(r"Mar 25, 2024\s*–\s*Mar 24, 2025\s+263\.33\s+5\.1", page)
        assert "confirms the hours of voluntary work shown above" in flat
    else:
        assert re.search(r"25\. März 2025\s*–\s*24\. März 2026\s+275\s+5,3", page)
    matrix = letter.qr_matrix("KommanDesk KD-2026-00012 7K3QX9")
    assert qr_as_drawn(render(pdf, tmp_path, dpi=200), 200, len(matrix)) == matrix


def test_the_confirmation_for_one_year_says_the_last_year():
    content = confirmation("en")
    one = dataclasses.replace(content, check=dataclasses.replace(content.check, rule=CardRule(5, 250, 1),
                                                                 years=content.check.years[:1]))
    assert hours_confirmation_pdf(one, None) != hours_confirmation_pdf(content, None)
