"""What every KommanDesk PDF shares: the A4 page, drawing and fitting text, the letterhead, the signature block, the
footer with number, check value and QR code.

Everything is drawn on the reportlab canvas (no Paragraph, no platypus): user text is never parsed as markup, and a
certificate costs a few milliseconds. Text is fitted in this order: wrap onto the lines allowed, then shrink (down to
a floor), and only as the last resort cut with an ellipsis -- nothing runs off the page.

A bilingual document ("both") says everything in German first and in English below it, smaller and grey: the
functions here take a sequence of texts, one per language, and draw the first as the main line and the others as
the second lines (:data:`SECOND`).

reportlab is imported on first use, never when this module is imported.
"""

from __future__ import annotations

import io
import logging
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kommandesk.documents import catalogue, fonts
from kommandesk.domain.certificates import Heading, Issuer

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
MARGIN_X = 20 * MM
MARGIN_TOP = 16 * MM
MARGIN_BOTTOM = 12 * MM
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
CENTRE = PAGE_WIDTH / 2
LOGO_WIDTH, LOGO_HEIGHT = 50 * MM, 20 * MM

INK = 0.12  # grey level of the text
MUTED = 0.42  # labels and the second language
RULE = 0.72  # hairlines
ACCENT = (0.09, 0.30, 0.42)  # the one colour: a calm petrol blue for the document's title and its short rule
SECOND = 0.86  # the second language's line, relative to the first
LEADING = 1.28

SIGNATURE_HEIGHT = 27 * MM  # from the top of the block to the role under the signature line
QR_SIZE = 20 * MM  # the symbol; the white around it (4 modules) is left free by the layout
FOOTER_HEIGHT = QR_SIZE + 3 * MM  # from the bottom margin to the hairline above the footer
TEXT_BOTTOM = MARGIN_BOTTOM + FOOTER_HEIGHT + 8 * MM  # the lowest text above the footer
SIGNATURE_TOP = TEXT_BOTTOM + SIGNATURE_HEIGHT  # the signature block closes a page at the bottom

log = logging.getLogger("kommandesk.documents")

_configured = False
_lock = threading.Lock()


# -- the canvas ------------------------------------------------------------------------------------------------

def configure() -> tuple[str, str]:
    """Register the fonts and set reportlab up for KommanDesk documents, once per process; returns (regular, bold).

    Streams are written binary (Flate only) instead of Flate plus ASCII85: ASCII85 only helps a PDF through a
    7-bit channel, which a file on disk or a printer never is, and it costs about a millisecond and a quarter of the
    size of every certificate. Every PDF reader reads both.
    """
    global _configured
    regular, bold = fonts.register()
    if not _configured:
        with _lock:
            from reportlab import rl_config

            rl_config.useA85 = 0
            _configured = True
    return regular, bold


def new_canvas(buffer: io.BytesIO, *, title: str, author: str = "", subject: str = ""):
    """An A4 canvas that writes the same bytes for the same drawing, in any process (invariant: no time stamp, a
    fixed document id)."""
    regular, _bold = configure()
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1,
                    initialFontName=regular, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("KommanDesk")
    return canvas


@dataclass(frozen=True, eq=False)
class Logo:
    """The organisation's logo, ready to draw: ``image`` a reportlab ImageReader, ``name`` the name of the form
    it is kept in, made from the logo's bytes (the same logo gives the same document)."""
    image: object
    width: int
    height: int
    name: str
    xobject: object = None  # the image as a PDF object, compressed once (see draw_logo)


LOGO_PIXELS = (round(LOGO_WIDTH / 72 * 300), round(LOGO_HEIGHT / 72 * 300))  # the logo box at 300 dpi


def logo_image(data: bytes | None, document: str = "document") -> Logo | None:
    """The logo, or None when there is none or it cannot be read: the document is then drawn without it (a warning
    in the log), not refused -- the services check the logo before they issue anything."""
    if not data:
        return None
    logo = _logo(data)
    if logo is None:
        log.warning("the organisation's logo cannot be read; the %s is printed without it", document)
    return logo


@lru_cache(maxsize=4)
def _logo(data: bytes) -> Logo | None:
    import hashlib

    from PIL import Image
    from reportlab.lib.utils import ImageReader

    try:
        with Image.open(io.BytesIO(data)) as opened:
            width, height = opened.size
            scale = min(LOGO_PIXELS[0] / width, LOGO_PIXELS[1] / height)
            if scale < 1:
                # a logo larger than the box needs at 300 dpi is made smaller once: its pixels would be hashed and
                # compressed for every certificate (a 4000-pixel logo: half a second each)
                opened.load()
                mode = "RGBA" if opened.mode in ("P", "LA", "PA", "RGBA") or "transparency" in opened.info else "RGB"
                small = opened.convert(mode).resize((max(1, round(width * scale)), max(1, round(height * scale))),
                                                    Image.Resampling.LANCZOS)
                image = ImageReader(small)
            else:
                image = ImageReader(io.BytesIO(data))  # a JPEG goes into the PDF as it is
        from reportlab.pdfbase.pdfdoc import PDFImageXObject

        width, height = image.getSize()
        name = "Logo" + hashlib.sha1(data).hexdigest()[:16]
        return Logo(image, width, height, name, PDFImageXObject(name + "Image", image, mask="auto"))
    except Exception:  # noqa: BLE001 - an unreadable logo leaves the page without a logo, not unprinted
        log.debug("logo not readable", exc_info=True)
        return None


def draw_logo(canvas, logo: Logo, right: float, top: float, max_width: float = LOGO_WIDTH,
              max_height: float = LOGO_HEIGHT) -> float:
    """The logo in the box whose top right corner is (right, top), keeping its proportions; returns its width.
    The image is kept once per document, in a form every page refers to."""
    scale = min(max_width / logo.width, max_height / logo.height)
    width, height = logo.width * scale, logo.height * scale
    if not canvas.hasForm(logo.name):
        canvas.beginForm(logo.name, 0, 0, 1, 1)
        _draw_prepared(canvas, logo.xobject)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(right - width, top - height)
    canvas.scale(width, height)
    canvas.doForm(logo.name)
    canvas.restoreState()
    return width


def _draw_prepared(canvas, prepared) -> None:
    """What ``canvas.drawImage(image, 0, 0, 1, 1, mask="auto")`` does, with the image object made once per logo:
    drawImage decodes, hashes and compresses the pixels again for every document -- 2 ms of a certificate's 5
    with a 480 x 160 logo. Each document gets its own copy of the object (the stream bytes are shared, never
    changed), registered the way drawImage registers it (reportlab 4 and 5)."""
    import copy

    document = canvas._doc
    registered = document.getXObjectName(prepared.name)
    if document.idToObject.get(registered) is None:
        image = copy.copy(prepared)
        canvas._setXObjects(image)
        document.Reference(image, registered)
        document.addForm(prepared.name, image)
        mask = getattr(prepared, "_smask", None)
        if mask is not None:  # the alpha channel: a soft mask of its own
            del image._smask
            mask = copy.copy(mask)
            canvas._setXObjects(mask)
            image.smask = document.Reference(mask, document.getXObjectName(mask.name))
    canvas._currentPageHasImages = 1
    canvas._code.append(f"/{registered} Do")
    canvas._formsinuse.append(prepared.name)


# -- text ------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1024)
def clean(text: str | None) -> str:
    """User text as it is printed: composed characters (a name typed with combining accents prints like a
    precomposed one), no control characters, whitespace collapsed to single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    if not text.isprintable():
        text = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(text.split())


_has_rtl = lru_cache(maxsize=4096)(fonts.has_rtl)


def draw_line(canvas, text: str, x: float, y: float, font: str, size: float, right_to_left_at: float | None = None):
    """Draw one line (logical order); right-to-left text ends at ``right_to_left_at`` when given."""
    canvas.setFont(font, size)
    shown = fonts.visual(text)
    if right_to_left_at is not None and _has_rtl(text):
        canvas.drawRightString(right_to_left_at, y, shown)
    else:
        canvas.drawString(x, y, shown)


def fit_lines(text: str, font: str, size: float, max_width: float, max_lines: int) -> list[str]:
    """At most ``max_lines`` lines; a text that needs more ends with an ellipsis."""
    lines = fonts.wrap(text, font, size, max_width)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and fonts.width(last + "\u2026", font, size) > max_width:
        last = last[:-1]
    return [*lines[:max_lines - 1], last.rstrip() + "\u2026"]


@dataclass(frozen=True)
class Fit:
    size: float
    lines: tuple[str, ...]


@lru_cache(maxsize=4096)  # a batch prints the same course title, labels and topics on every certificate
def fit(text: str, font: str, size: float, max_width: float, max_lines: int = 1,
        floor: float | None = None) -> Fit:
    """``text`` on at most ``max_lines`` lines: wrapped at ``size``; when it needs more lines, smaller in steps of
    half a point down to ``floor``; only at the floor cut with an ellipsis."""
    floor = size if floor is None else min(floor, size)
    # a line holds at most max_width: no size above the one where the whole text fills every line can fit
    natural = fonts.width(text, font, 1.0)
    start = size
    if natural > 0:
        start = min(size, max(floor, int(2 * max_width * max_lines / natural) / 2))
    current = start
    while current >= floor:
        lines = fonts.wrap(text, font, current, max_width)
        if len(lines) <= max_lines:
            return Fit(current, tuple(lines))
        current -= 0.5
    return Fit(floor, tuple(fit_lines(text, font, floor, max_width, max_lines)))


def draw_fitted(canvas, fitted: Fit, x: float, top: float, width: float, font: str, align: str = "left",
                leading: float = LEADING) -> float:
    """Draw fitted lines below ``top`` (the top of the first line); returns the bottom of the last line.
    ``align``: "left", "centre" or "right"; right-to-left lines go to the right edge when left-aligned."""
    size = fitted.size
    y = top - size
    for line in fitted.lines:
        if canvas is not None:
            if align == "centre":
                canvas.setFont(font, size)
                canvas.drawCentredString(x + width / 2, y, fonts.visual(line))
            elif align == "right":
                canvas.setFont(font, size)
                canvas.drawRightString(x + width, y, fonts.visual(line))
            else:
                draw_line(canvas, line, x, y, font, size, right_to_left_at=x + width)
        y -= size * leading
    return top - len(fitted.lines) * size * leading


def text_block(canvas, texts: Sequence[str], x: float, top: float, width: float, font: str, size: float, *,
               align: str = "left", max_lines: int = 2, floor: float | None = None, grey: float = INK,
               second_font: str | None = None) -> float:
    """One text in one or two languages, the first as the main line(s) and the others below, smaller and grey.
    With ``canvas`` None nothing is drawn: the height is measured. Returns the bottom."""
    for index, text in enumerate(texts):
        if not text:
            continue
        main = index == 0
        this_font = font if main or second_font is None else second_font
        this_size = size if main else round(size * SECOND * 2) / 2
        this_floor = None if floor is None else (floor if main else min(this_size, floor * SECOND))
        fitted = fit(text, this_font, this_size, width, max_lines, this_floor)
        if canvas is not None:
            canvas.setFillGray(grey if main else MUTED)
        top = draw_fitted(canvas, fitted, x, top, width, this_font, align)
    if canvas is not None:
        canvas.setFillGray(INK)
    return top


def unique(texts: Sequence[str]) -> list[str]:
    """The texts of a bilingual line without the empty ones and without a second that says the same as the first
    (a name, a course title, a number)."""
    return [text for index, text in enumerate(texts) if text and text not in texts[:index]]


# -- languages -------------------------------------------------------------------------------------------------

def languages(language: str) -> tuple[str, ...]:
    """The languages a document is written in, the main one first: "both" is German, then English."""
    if language == "both":
        return ("de", "en")
    return ("de",) if language == "de" else ("en",)


# -- letterhead, signature, footer -----------------------------------------------------------------------------

def letterhead(canvas, issuer: Issuer, logo, regular: str, bold: str) -> float:
    """The organisation's name, address and contacts at the top left, the logo at the top right; returns the
    bottom of the letterhead (``canvas`` None: only measured)."""
    top = PAGE_HEIGHT - MARGIN_TOP
    text_width = CONTENT_WIDTH
    bottom = top
    if logo is not None:
        width, height = logo.width, logo.height
        scale = min(LOGO_WIDTH / width, LOGO_HEIGHT / height)
        if canvas is not None:
            draw_logo(canvas, logo, PAGE_WIDTH - MARGIN_X, top)
        text_width -= max(width * scale, 20 * MM) + 8 * MM
        bottom = top - height * scale
    contacts = " \u00b7 ".join(clean(part) for part in (issuer.phone, issuer.email, issuer.website) if clean(part))
    y = text_block(canvas, [clean(issuer.name)], MARGIN_X, top, text_width, bold, 11, floor=8)
    y = text_block(canvas, [clean(issuer.address_line)], MARGIN_X, y - 1, text_width, regular, 8.5, max_lines=1,
                   floor=7, grey=MUTED)
    y = text_block(canvas, [contacts], MARGIN_X, y, text_width, regular, 8, max_lines=1, floor=6.5, grey=MUTED)
    return min(y, bottom)


def document_title(canvas, titles: Sequence[str], top: float, bold: str, regular: str, size: float = 24) -> float:
    """The document's name, centred in the accent colour, the second language's name under it; a short rule
    below. Returns the bottom of the rule."""
    fitted = fit(titles[0], bold, size, CONTENT_WIDTH, 2, 14)
    if canvas is not None:
        canvas.setFillColorRGB(*ACCENT)
    y = draw_fitted(canvas, fitted, MARGIN_X, top, CONTENT_WIDTH, bold, "centre", leading=1.2)
    if canvas is not None:
        canvas.setFillGray(MUTED)
    for other in titles[1:]:
        y = draw_fitted(canvas, fit(other, regular, size * 0.55, CONTENT_WIDTH, 2, 9), MARGIN_X, y - 1,
                        CONTENT_WIDTH, regular, "centre")
    y -= 4 * MM
    if canvas is not None:
        canvas.setStrokeColorRGB(*ACCENT)
        canvas.setLineWidth(0.9)
        canvas.line(CENTRE - 12 * MM, y, CENTRE + 12 * MM, y)
        canvas.setFillGray(INK)
        canvas.setStrokeGray(0)
    return y


def person_name(canvas, name: str, top: float, bold: str, size: float = 26) -> float:
    """The person's name, large and centred: on one line, smaller if need be (down to 70 %), else on two lines
    (down to 11 points), an ellipsis only beyond that. Returns the bottom."""
    name = clean(name)
    fitted = fit(name, bold, size, CONTENT_WIDTH, 1, round(size * 0.7))
    if len(fonts.wrap(name, bold, fitted.size, CONTENT_WIDTH)) > 1:
        fitted = fit(name, bold, round(size * 0.77), CONTENT_WIDTH, 2, 11)
    if canvas is not None:
        canvas.setFillGray(INK)
    return draw_fitted(canvas, fitted, MARGIN_X, top, CONTENT_WIDTH, bold, "centre", leading=1.18)


@dataclass(frozen=True)
class SignatureWords:
    place_date: str  # "Köln, 3. März 2026"
    caption: str  # "Place and date"


def signature_words(language: str, issuer: Issuer, issued_on) -> SignatureWords:
    from babel.dates import format_date

    _ = catalogue(language).gettext
    day = format_date(issued_on, "long", locale=language)
    town = clean(issuer.town)
    return SignatureWords(
        place_date=_("{place}, {date}").format(place=town, date=day) if town else day,
        caption=_("Place and date"))


def signature_block(canvas, words: Sequence[SignatureWords], issuer: Issuer, top: float, regular: str,
                    bold: str) -> float:
    """Place and date of issue on the left, the signature line with the signatory's name and role on the right,
    both on one line :data:`SIGNATURE_HEIGHT` below ``top``... returns the bottom of the block."""
    column = 72 * MM
    line_y = top - 13 * MM
    left, right = MARGIN_X, PAGE_WIDTH - MARGIN_X - column
    # the place and date stand on the line, as if written by hand
    values = [w.place_date for w in words]
    if len(values) > 1 and values[0] == values[1]:
        values = values[:1]
    height = -text_block(None, values, 0, 0, column, regular, 10, max_lines=2, floor=7)
    text_block(canvas, values, left, line_y + 2 + height, column, regular, 10, max_lines=2, floor=7)
    canvas.setStrokeGray(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(left, line_y, left + column, line_y)
    canvas.line(right, line_y, right + column, line_y)
    text_block(canvas, [w.caption for w in words], left, line_y - 2.5, column, regular, 8, max_lines=1,
               grey=MUTED)
    y = text_block(canvas, [clean(issuer.signatory_name)], right, line_y - 2.5, column, bold, 9.5, max_lines=2,
                   floor=7)
    y = text_block(canvas, [clean(issuer.signatory_role)], right, y, column, regular, 8.5, max_lines=2, floor=7,
                   grey=MUTED)
    canvas.setStrokeGray(0)
    return min(y, top - SIGNATURE_HEIGHT)


@dataclass(frozen=True)
class FooterWords:
    number: str  # "Nr. KD-2026-00012 · Prüfwert 7K3QX9"
    check: str  # how to check the document is genuine
    page: str  # template: {page}, {pages}


def footer_words(language: str, heading: Heading) -> FooterWords:
    _ = catalogue(language).gettext
    return FooterWords(
        number=_("No. {number} \u00b7 check value {check}").format(number=heading.number, check=heading.check_code),
        check=_("To check that this document is genuine, ask {organisation} about its number; the QR code carries "
                "the number and the check value.").format(organisation=clean(heading.issuer.name)),
        page=_("Page {page} of {pages}"))


def footer(canvas, words: Sequence[FooterWords], heading: Heading, page: int, pages: int, regular: str,
           bold: str) -> None:
    """Number, check value and how to check the document on the left, the QR code on the right, a hairline above;
    "Page 2 of 3" when there is more than one page."""
    top = MARGIN_BOTTOM + FOOTER_HEIGHT
    canvas.setStrokeGray(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, top, PAGE_WIDTH - MARGIN_X, top)
    canvas.setStrokeGray(0)
    qr(canvas, heading.qr_text, PAGE_WIDTH - MARGIN_X - QR_SIZE, MARGIN_BOTTOM, QR_SIZE)
    width = CONTENT_WIDTH - QR_SIZE - 8 * MM
    y = top - 3 * MM
    y = text_block(canvas, [w.number for w in words], MARGIN_X, y, width, bold, 8, max_lines=1, floor=6)
    y = text_block(canvas, [w.check for w in words], MARGIN_X, y - 1.5, width, regular, 7.5, max_lines=2, floor=6,
                   grey=MUTED)
    if pages > 1:
        text_block(canvas, [w.page.format(page=page, pages=pages) for w in words][:1], MARGIN_X, y - 1.5, width,
                   regular, 7.5, max_lines=1)


# -- QR code ---------------------------------------------------------------------------------------------------
# reportlab's qrencoder chooses the version and gives the block table, the fixed patterns and where the data goes.
# Its QrCodeWidget costs 20 ms a page (it tries all eight masks and draws every module as a shape); its own making
# of the codewords another 0.6 ms (it builds the generator polynomial anew for every code). So the codewords are
# made here (byte mode; Reed-Solomon over GF(256) with tables made once) and the mask is fixed (pattern 0): every
# mask scans, and the same text gives the same code. Tests compare the result with qrencoder's for the same mask.

_DARK_RUN = re.compile(rb"\x01+")


@lru_cache(maxsize=1)
def _gf() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Exponents and logarithms of GF(256) with the QR polynomial 0x11D (exponents twice over: no modulo)."""
    exp, log = [0] * 512, [0] * 256
    value = 1
    for power in range(255):
        exp[power] = exp[power + 255] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    return tuple(exp), tuple(log)


@lru_cache(maxsize=16)
def _generator(count: int) -> tuple[int, ...]:
    """The Reed-Solomon generator polynomial of ``count`` error correction codewords, highest power first."""
    exp, log = _gf()
    poly = [1]
    for power in range(count):
        poly = [a ^ (exp[log[b] + power] if b else 0) for a, b in zip([*poly, 0], [0, *poly])]
    return tuple(poly)


def _error_correction(data: Sequence[int], count: int) -> list[int]:
    exp, log = _gf()
    generator = [log[g] if g else None for g in _generator(count)]
    rest = [*data, *([0] * count)]
    for index in range(len(data)):
        factor = rest[index]
        if factor:
            factor_log = log[factor]
            for offset in range(1, count + 1):
                if generator[offset] is not None:
                    rest[index + offset] ^= exp[factor_log + generator[offset]]
    return rest[len(data):]


@lru_cache(maxsize=8)
def _template(version: int):
    """The fixed patterns of ``version`` at level M with mask 0, where the data bits go, and the blocks."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    code.makeImpl(False, 0)  # no data: only the fixed patterns and the format information matter here
    blocks = tuple((block.totalCount, block.dataCount)
                   for block in qrencoder.QRRSBlock.getRSBlocks(version, qrencoder.QRErrorCorrectLevel.M))
    return tuple(tuple(row) for row in code.modules), tuple(code.dataPosIterator()), blocks


@lru_cache(maxsize=64)
def _matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    from reportlab.graphics.barcode import qrencoder

    data = text.encode("utf-8")
    chooser = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    chooser.addData(qrencoder.QR8bitByte(data))
    version = chooser.calculate_version()  # the smallest version that holds the text
    fixed, positions, blocks = _template(version)
    capacity = sum(data_count for _total, data_count in blocks)
    length_bits = 8 if version < 10 else 16
    bits = (0b0100 << length_bits | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
    size = 4 + length_bits + 8 * len(data)
    end = min(4, 8 * capacity - size)  # the terminator, as far as there is room
    bits, size = bits << end, size + end
    bits, size = bits << (-size % 8), size + (-size % 8)
    codewords = list(bits.to_bytes(size // 8, "big"))
    codewords += [(0xEC, 0x11)[index % 2] for index in range(capacity - len(codewords))]
    data_blocks, ec_blocks, offset = [], [], 0
    for total, data_count in blocks:
        data_blocks.append(codewords[offset:offset + data_count])
        ec_blocks.append(_error_correction(data_blocks[-1], total - data_count))
        offset += data_count
    stream = [block[i] for group in (data_blocks, ec_blocks) for i in range(max(map(len, group)))
              for block in group if i < len(block)]
    modules = [list(row) for row in fixed]
    bit_count = 8 * len(stream)
    for index, (column, row) in enumerate(positions):
        dark = index < bit_count and bool(stream[index >> 3] >> (7 - (index & 7)) & 1)
        modules[row][column] = dark ^ ((row + column) % 2 == 0)  # mask pattern 0
    return tuple(tuple(row) for row in modules)


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of ``text`` (UTF-8 bytes, error correction level M, mask pattern 0), row 0 at the top."""
    return [list(row) for row in _matrix(text)]


def qr(canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code of ``text`` as one filled path of run-length rectangles, its lower left corner at (x, y) and
    ``size`` wide and high. Leave four modules of white around it: scanners need the quiet zone.

    The path is written in module units (one unit = one module, rows downwards) as PDF operators: a few hundred
    rectangles through reportlab's path object cost more than the rest of the certificate."""
    matrix = _matrix(text)
    module = size / len(matrix)
    rectangles = " ".join(f"{left} {row} {right - left} 1 re" for row, modules in enumerate(matrix)
                          for left, right in (run.span() for run in _DARK_RUN.finditer(bytes(modules))))
    canvas.saveState()
    canvas.setFillGray(0)
    canvas.translate(x, y + size)
    canvas.scale(module, -module)
    canvas.addLiteral(f"{rectangles} f")
    canvas.restoreState()

