"""Fonts and right-to-left shaping for every PDF KommanDesk writes, in one place.

reportlab's built-in Helvetica drops ş ğ ı İ Ł ł Ż ć without a word, so documents embed DejaVu Sans, shipped in
kommandesk/assets/fonts with its licence (DejaVu-LICENSE.txt). reportlab draws glyphs in the order of the string and
does not join Arabic letters: Arabic and Persian names go through arabic-reshaper (joined letter forms) and
python-bidi (visual order) before they are drawn -- see :func:`visual`.

reportlab, arabic-reshaper and python-bidi are imported on first use, never when this module is imported.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from kommandesk.package_data import package_file

REGULAR = "KommanDeskSans"
BOLD = "KommanDeskSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
LICENCE = "DejaVu-LICENSE.txt"

_lock = threading.Lock()
_registered = False

# Letters written right to left: Hebrew, Arabic (with Persian/Urdu letters), Syriac, Thaana, N'Ko and the Arabic
# presentation forms.
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def font_path(name: str):
    return package_file("assets", "fonts", FILES[name])


def register() -> tuple[str, str]:
    """Register the embedded fonts with reportlab (once per process); returns (regular, bold) font names."""
    global _registered
    if not _registered:
        with _lock:
            if not _registered:
                from reportlab.pdfbase import pdfmetrics
                from reportlab.pdfbase.ttfonts import TTFont

                for name in FILES:
                    pdfmetrics.registerFont(TTFont(name, str(font_path(name)), asciiReadable=0))
                pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
                _registered = True
    return REGULAR, BOLD


def has_rtl(text: str) -> bool:
    """True when ``text`` contains a letter written right to left (Arabic, Persian, Hebrew, ...)."""
    for char in text:
        code = ord(char)
        if code >= 0x0590 and any(low <= code <= high for low, high in _RTL_RANGES):
            return True
    return False


@lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """The string to draw: Arabic letters joined and right-to-left runs in visual order; other text unchanged.

    Works on one line: wrap the logical text first, then convert each line.
    """
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text))


def width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` as drawn (after :func:`visual`)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(visual(text), font, size)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Split ``text`` (logical order) into lines no wider than ``max_width``; a word longer than a line is broken
    between characters. Each line is still in logical order: pass it through :func:`visual` to draw it."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width(candidate, font, size) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while width(word, font, size) > max_width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and width(word[:cut], font, size) > max_width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines
