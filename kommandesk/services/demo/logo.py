"""A made-up logo for the demo organisation, drawn with Pillow (which comes with reportlab): so demo certificates and
sign-in sheets show where a real logo goes. No real emblem is copied."""

from __future__ import annotations

import io

ACCENT = (23, 74, 110)
LIGHT = (120, 165, 195)


def demo_logo(initials: str) -> bytes:
    """A 480 x 160 PNG: a circle with the initials and two bars, in the documents' accent colour."""
    from PIL import Image, ImageDraw, ImageFont

    from kommandesk.documents.fonts import BOLD, font_path

    image = Image.new("RGBA", (480, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 152, 152), fill=ACCENT)
    font = ImageFont.truetype(str(font_path(BOLD)), 64)
    draw.text((80, 80), initials[:2].upper(), font=font, fill="white", anchor="mm")
    draw.rounded_rectangle((176, 44, 472, 76), radius=8, fill=ACCENT)
    draw.rounded_rectangle((176, 92, 400, 116), radius=8, fill=LIGHT)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
