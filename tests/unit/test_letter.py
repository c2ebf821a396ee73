"""What every document shares (documents/letter.py): text fitting, user text, the logo, the QR code -- read back from
the PDF with pdftotext and pdftoppm. The helpers at the top are used by the certificate and service record tests."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from kommandesk.documents import fonts, letter
from kommandesk.domain.certificates import AttendanceContent, Heading, Issuer, Person, format_number

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="needs poppler-utils (pdftotext, pdftoppm)")

MM = 72 / 25.4
ISSUER = Issuer(name="Kommunales Integrationszentrum Beispielstadt", street="Domstraße 1", postcode="50667",
                town="Köln", phone="0221 123456", email="ki@example.org", signatory_name="Dr. Marta Beispiel",
                signatory_role="Leiterin des Integrationszentrums")
TURKISH = Person("Şükrü", "Yılmaz", dt.date(1990, 3, 3))


def heading(person: Person = TURKISH, language: str = "en", serial: int = 12, issuer: Issuer = ISSUER) -> Heading:
    return Heading(number=format_number("KD", 2026, serial), check_code="7K3QX9", language=language,
                   issued_on=dt.date(2026, 3, 24), issuer=issuer, person=person)


def attendance(person: Person = TURKISH, language: str = "en", **changes) -> AttendanceContent:
    values = dict(heading=heading(person, language), course_title="Grundkurs Flüchtlingshilfe",
                  course_reference="K-2026-0007",
                  session_days=(dt.date(2026, 3, 3), dt.date(2026, 3, 10), dt.date(2026, 3, 17)),
                  attended_minutes=750, planned_minutes=900, unit="hours",
                  topics=("Rechtliche Grundlagen", "Kommunikation über Sprachgrenzen", "Rollen im Ehrenamt"),
                  trainers="Ayşe Demir", funding_tag="KOMM-AN NRW II D")
    values.update(changes)
    return AttendanceContent(**values)


def png_logo(width: int = 240, height: int = 80, mode: str = "RGB") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, (width, height), (20, 80, 110) if mode == "RGB" else (20, 80, 110, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def pages_text(pdf: bytes, tmp_path, *, layout: bool = False) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(source), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8").split("\f")[:-1]


def words(pdf: bytes, tmp_path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page: (word, xMin, yMin, xMax, yMax) of every word, from pdftotext -bbox (y from the top)."""
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(source), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    body = html[html.index("<doc>"):html.index("</doc>") + len("</doc>")]
    return [[(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")))
             for w in page.iter("word")] for page in ET.fromstring(body).iter("page")]


def assert_inside_the_page(pdf: bytes, tmp_path) -> int:
    """Every word of every page between the side margins and on the page; returns the number of words."""
    count = 0
    for page in words(pdf, tmp_path):
        for word, x_min, y_min, x_max, y_max in page:
            assert letter.MARGIN_X - 0.5 <= x_min and x_max <= letter.PAGE_WIDTH - letter.MARGIN_X + 0.5, word
            assert 0 <= y_min and y_max <= letter.PAGE_HEIGHT, word
            count += 1
    return count


def render(pdf: bytes, tmp_path, page: int = 1, dpi: int = 300):
    """The page as a greyscale PIL image."""
    from PIL import Image

    source = tmp_path / "render.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(source), str(tmp_path / "page")], check=True)
    return Image.open(tmp_path / "page.png").convert("L")


def qr_as_drawn(image, dpi: int, size: int) -> list[list[bool]]:
    """The module matrix sampled from the rendered page at the footer's QR code, and whether its quiet zone (four
    modules of white around it) is white."""
    scale = dpi / 72
    left = (letter.PAGE_WIDTH - letter.MARGIN_X - letter.QR_SIZE) * scale
    top = (letter.PAGE_HEIGHT - letter.MARGIN_BOTTOM - letter.QR_SIZE) * scale
    module = letter.QR_SIZE * scale / size
    grey = image.load()
    sampled = [[grey[int(left + (c + 0.5) * module), int(top + (r + 0.5) * module)] < 128 for c in range(size)]
               for r in range(size)]
    for r in range(-4, size + 4):
        for c in range(-4, size + 4):
            if not (0 <= r < size and 0 <= c < size):
                assert grey[int(left + (c + 0.5) * module), int(top + (r + 0.5) * module)] > 200, (r, c)
    return sampled


def reference_matrix(text: str) -> list[list[bool]]:
    """reportlab's own qrencoder for the same text: byte mode, level M, the smallest version, mask pattern 0."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QR8bitByte(text.encode("utf-8")))
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    return [[bool(m) for m in row] for row in code.modules]


def decode_version_3(matrix: list[list[bool]]) -> tuple[int, int, str]:
    """A small reader written from the QR specification, not from qrencoder, for a version 3 code (29 modules, one
    block at level M): (error correction level bits, mask, text)."""
    size = len(matrix)
    assert size == 29
    # format information next to the top-left finder: 15 bits, masked with 101010000010010
    cells = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8), (5, 8), (4, 8), (3, 8), (2, 8),
             (1, 8), (0, 8)]
    bits = 0
    for row, column in cells:
        bits = bits << 1 | matrix[row][column]
    bits ^= 0b101010000010010
    level, mask = bits >> 13, (bits >> 10) & 0b111

    def reserved(row: int, column: int) -> bool:
        return ((row < 9 and column < 9) or (row < 9 and column >= size - 8) or (row >= size - 8 and column < 9)
                or row == 6 or column == 6 or (20 <= row <= 24 and 20 <= column <= 24))

    stream = []
    column, upwards = size - 1, True
    while column > 0:
        if column == 6:
            column -= 1
        for row in (range(size - 1, -1, -1) if upwards else range(size)):
            for c in (column, column - 1):
                if not reserved(row, c):
                    stream.append(matrix[row][c] ^ ((row + c) % 2 == 0))
        column, upwards = column - 2, not upwards
    value = int("".join("1" if b else "0" for b in stream[:44 * 8]), 2)
    data = value.to_bytes(44, "big")
    assert data[0] >> 4 == 0b0100  # byte mode
    length = (data[0] & 0xF) << 4 | data[1] >> 4
    payload = bytes(((data[i] & 0xF) << 4 | data[i + 1] >> 4) for i in range(1, 1 + length))
    return level, mask, payload.decode("utf-8")


# -- the QR code -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["KommanDesk KD-2026-00012 7K3QX9", "KommanDesk ABCDEFGHIJ-2026-99999 ZZZZZZ",
                                  "x", "Şükrü Yılmaz " * 12, "K" * 400])
def test_the_qr_matrix_is_qrencoders_for_the_same_text(text):
    assert letter.qr_matrix(text) == reference_matrix(text)


def test_a_certificate_qr_code_reads_back_as_its_text_level_m_mask_0():
    text = "KommanDesk KD-2026-00012 7K3QX9"
    level, mask, decoded = decode_version_3(letter.qr_matrix(text))
    assert (level, mask, decoded) == (0b00, 0, text)  # 00 is level M


def test_the_drawn_qr_code_is_the_matrix_with_its_quiet_zone(tmp_path):
    from kommandesk.documents.certificate import attendance_pdf

    content = attendance()
    matrix = letter.qr_matrix(content.heading.qr_text)
    drawn = qr_as_drawn(render(attendance_pdf(content, None), tmp_path, dpi=300), 300, len(matrix))
    assert drawn == matrix
    assert decode_version_3(drawn)[2] == "KommanDesk KD-2026-00012 7K3QX9"


class _Recorder:
    """Just enough of a canvas to see what the QR code draws."""

    def __init__(self):
        self.literals: list[str] = []

    def addLiteral(self, text):
        self.literals.append(text)

    def __getattr__(self, name):  # saveState, setFillGray, translate, scale, restoreState
        return lambda *args, **kwargs: None


def test_the_qr_code_is_one_filled_path_of_run_length_rectangles():
    text = "KommanDesk KD-2026-00012 7K3QX9"
    canvas = _Recorder()
    letter.qr(canvas, text, 0, 0, 50)
    assert len(canvas.literals) == 1 and canvas.literals[0].endswith(" re f")
    rectangles = re.findall(r"(\d+) (\d+) (\d+) 1 re", canvas.literals[0])
    matrix = letter.qr_matrix(text)
    drawn = [[False] * len(matrix) for _ in matrix]
    for left, row, width in ((int(a), int(b), int(c)) for a, b, c in rectangles):
        for column in range(left, left + width):
            drawn[row][column] = True
    assert drawn == matrix and len(rectangles) < 0.6 * sum(map(sum, matrix))


# -- text ------------------------------------------------------------------------------------------------------

def test_fitting_wraps_first_then_shrinks_then_cuts():
    regular, bold = letter.configure()
    short = letter.fit("Grundkurs Flüchtlingshilfe", bold, 15, 400, 3, 8)
    assert short == letter.Fit(15, ("Grundkurs Flüchtlingshilfe",))
    wrapped = letter.fit("Grundkurs Flüchtlingshilfe " * 3, bold, 15, 300, 3, 8)
    assert wrapped.size == 15 and 1 < len(wrapped.lines) <= 3  # wrapped before it gets smaller
    shrunk = letter.fit("Grundkurs Flüchtlingshilfe " * 6, bold, 15, 300, 3, 8)
    assert 8 <= shrunk.size < 15 and len(shrunk.lines) <= 3 and not shrunk.lines[-1].endswith("\u2026")
    cut = letter.fit("Grundkurs Flüchtlingshilfe " * 60, bold, 15, 300, 3, 8)
    assert cut.size == 8 and len(cut.lines) == 3 and cut.lines[-1].endswith("\u2026")  # the last resort
    for fitted in (short, wrapped, shrunk, cut):
        assert all(fonts.width(line, bold, fitted.size) <= (400 if fitted is short else 300) for line in fitted.lines)


def test_user_text_is_composed_and_has_no_control_characters():
    assert letter.clean("Jir\u030ci\u0301  Dvor\u030ca\u0301k\n") == "Jiří Dvořák"
    assert letter.clean("A\tB\x00C\u200bD") == "A B C D"
    assert letter.clean(None) == "" and letter.clean('<b>"&"</b>') == '<b>"&"</b>'


def test_documents_are_written_in_german_then_english_for_both():
    assert letter.languages("both") == ("de", "en")
    assert letter.languages("de") == ("de",) and letter.languages("en") == ("en",)


def test_streams_are_written_binary():
    from reportlab import rl_config

    letter.configure()
    assert rl_config.useA85 == 0


# -- the logo --------------------------------------------------------------------------------------------------

def test_a_logo_that_cannot_be_read_is_left_out_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="kommandesk.documents"):
        assert letter.logo_image(b"\x89PNG\r\n\x1a\nnot really", "certificate") is None
    assert "cannot be read" in caplog.text and "certificate" in caplog.text
    assert letter.logo_image(None) is None and letter.logo_image(b"") is None


def test_a_large_logo_is_made_the_size_the_page_needs_once():
    big = letter.logo_image(png_logo(4000, 1000, "RGBA"))
    assert (big.width, big.height) == (letter.LOGO_PIXELS[0], round(1000 * letter.LOGO_PIXELS[0] / 4000))
    small = letter.logo_image(png_logo(240, 80))
    assert (small.width, small.height) == (240, 80)
    assert letter.logo_image(png_logo(240, 80)).name == small.name != big.name  # the same logo, the same form


def test_the_logo_is_kept_once_in_a_document_of_many_pages(tmp_path):
    from kommandesk.documents.certificate import AttendanceBundle

    bundle = AttendanceBundle()
    for serial in range(1, 4):
        bundle.add(attendance(heading=heading(serial=serial)), png_logo())
    pdf = bundle.finish()
    assert pdf.count(b"/Subtype /Image") == 1 and len(pages_text(pdf, tmp_path)) == 3
