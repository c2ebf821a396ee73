"""The readable Art. 15 report, read back with pdftotext: every section with its labels and the person's values,
in English and German, user text printed as typed (markup too), nothing cut off, every word on the page."""

from __future__ import annotations

import dataclasses
import re

import pytest

from kommandesk.documents.privacy_report import privacy_pdf
from kommandesk.domain.certificates import Issuer
from kommandesk.domain.privacy import Readable, ReadableSection, Table
from kommandesk.services.privacy import PrivacyService
from tests.unit import privacy_data as P
from tests.unit.report_data import build
from tests.unit.test_letter import assert_inside_the_page, pages_text

pytestmark = pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="needs poppler-utils")


@pytest.fixture
def data(services):
    made = build(services)
    P.add_person(made)
    return made


def exported(data, record: str, tmp_path) -> tuple[bytes, str]:
    table = "volunteers" if record.startswith("V") or record == "P" else "requests"
    record_id = data.v.get(record) or data.r.get(record)
    ref = data.services.store.conn.execute(f"SELECT reference FROM {table} WHERE id = ?", (record_id,)).fetchone()[0]
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    pdf, _json = PrivacyService(data.services.store, data.volunteers).export_person(ref, out)
    content = pdf.read_bytes()
    return content, "\n".join(pages_text(content, tmp_path))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_volunteer_report_shows_every_section_with_its_values(data, tmp_path):
    pdf, text = exported(data, "P", tmp_path)
    text = flat(text)
    for expected in (
            "Information on stored personal data", f"{P.FIRST} {P.LAST}", "Personal details", "Email", P.EMAIL,
            "Phone", P.PHONE, "Quixweg 7", "Date of birth", "Languages", "Arabic native speaker", "German C1",
            "Areas of help", "Escort to offices and doctors", "Weekly times", "Monday morning", "Absences",
            f"{P.FIRST} on holiday", "Police certificate (clearance)", "Ute Koordinatorin", "no relevant entry",
            "Consent", "contact by the coordinator", "Version of the consent text 2025-02", "Status history",
            "Assignments", "completed", "Hours logged", f"Escort by {P.FIRST}", "Trainings", "K-2026-0002",
            "Dolmetschen", "Attendance", "present", "Certificates", "Certificate of attendance", "Allowances",
            "€250.00", "Changes (audit trail)", "About this information (Art. 15 GDPR)", "Your rights",
            "Kommunales Integrationszentrum Musterstadt"):
        assert expected in text, expected
    assert "Page 1 of " in text
    assert assert_inside_the_page(pdf, tmp_path) > 300


def test_the_report_in_german(data, tmp_path, german):
    _pdf, text = exported(data, "P", tmp_path)
    text = flat(text)
    for expected in ("Arabisch", "Deutsch", "250,00 €", "20.01.2026", "Montag"):
        assert expected in text, expected


def test_the_audit_trail_in_german_shows_labels_not_stored_codes(data, tmp_path, german):
    _pdf, text = exported(data, "P", tmp_path)
    text = flat(text)
    trail = text[text.index("Änderungen (Änderungsprotokoll)"):]
    for expected in ("Status: — → angemeldet", "Anwesenheit: — → anwesend", "Erfasst von: — → Ute Koordinatorin",
                     "Status: vorgeschlagen → zugesagt", "Gezahlt am: — → 15.02.2026", "Betrag: — → 250,00 €"):
        assert expected in trail, expected
    for raw in ("registered", "present", "proposed", "recorded_by", "amount_cents", "2026-02-15", "25000"):
        assert not re.search(rf"\b{raw}\b", trail), raw


def test_the_requester_report_leaves_out_who_helped(data, tmp_path):
    _pdf, text = exported(data, "R8", tmp_path)
    text = flat(text)
    for expected in (P.FAMILY, P.CONTACT, "Request", "Person or family", "Contact at the site", "Description",
                     "What was agreed", "Help given", "Status history", "Received on"):
        assert expected in text, expected
    assert P.LAST not in text and P.EMAIL not in text


ISSUER = Issuer(name="KI Musterstadt", town="Musterstadt")


def report(sections, person="Anna Berg") -> Readable:
    return Readable("Information on stored personal data", person, ("Volunteer V-2026-0001", "As of today."),
                    tuple(sections), "KI Musterstadt", "Art. 15 GDPR")


def test_markup_in_user_text_is_printed_as_typed(tmp_path):
    name = "<b>Anna</b> & <i>Berg</i>"
    pdf = privacy_pdf(report([ReadableSection("Personal details", (("Notes", "<font size=40>big</font> &amp;"),))],
                             person=name), ISSUER)
    text = flat("\n".join(pages_text(pdf, tmp_path)))
    assert name in text and "<font size=40>big</font> &amp;" in text


def test_a_long_note_and_a_long_table_flow_onto_further_pages_uncut(tmp_path):
    note = " ".join(f"word{n}" for n in range(1200)) + " ENDMARKER"
    rows = tuple((f"2026-01-{n % 28 + 1:02d}", f"entry {n}", "x" * (n % 50)) for n in range(150))
    pdf = privacy_pdf(report([ReadableSection("Personal details", (("Notes", note),)),
                              ReadableSection("Hours logged", table=Table(("Date", "What", "Activity"), rows))]),
                      ISSUER)
    pages = pages_text(pdf, tmp_path)
    text = flat("\n".join(pages))
    assert "word0 " in text and "word1199 ENDMARKER" in text and "entry 149" in text
    assert len(pages) >= 4
    assert all(f"{n}/{len(pages)}" in page.replace(" ", "") for n, page in enumerate(pages, start=1))
    assert sum(page.count("Activity") for page in pages) >= 2  # the table's head again on the next page
    assert_inside_the_page(pdf, tmp_path)


def test_right_to_left_names_and_an_empty_section(tmp_path):
    pdf = privacy_pdf(report([ReadableSection("Languages", note="Nothing stored.")], person="مریم رضایی"),
                      ISSUER)
    text = "\n".join(pages_text(pdf, tmp_path))
    assert "Nothing stored." in text and len(pages_text(pdf, tmp_path)) == 1


def test_the_same_report_gives_the_same_bytes():
    made = report([ReadableSection("Personal details", (("Email", "a@example.org"),))])
    assert privacy_pdf(made, ISSUER) == privacy_pdf(dataclasses.replace(made), ISSUER)
