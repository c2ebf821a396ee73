"""The PDF preview: pages drawn when seen, zoom, the page count, print, open in the PDF viewer, save as."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kommandesk.domain.errors import KommanDeskError

SB = QMessageBox.StandardButton


def make_pdf(pages: int = 3) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        sheet.setFont("Helvetica", 28)
        sheet.drawString(72, 700, f"Page number {number}")
        sheet.rect(72, 72, 200, 100, fill=1)
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


@pytest.fixture
def open_preview(qtbot):
    from kommandesk.ui.dialogs.certificates.pdf_preview import PdfPreview

    opened = []

    def make(data: bytes | None = None, **kwargs):
        kwargs.setdefault("open_url", lambda url: opened.append(url) or True)
        dialog = PdfPreview(make_pdf() if data is None else data, "Test document", **kwargs)
        qtbot.addWidget(dialog)
        dialog.resize(800, 700)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(10)
        dialog.opened = opened
        return dialog

    return make


def test_the_preview_shows_every_page_and_the_page_count(open_preview):
    dialog = open_preview(make_pdf(3))

    assert dialog.page_count == 3
    assert len(dialog.pages) == 3
    assert dialog.page_label.text() == "Page 1 of 3"


def test_pages_are_drawn_only_when_they_are_seen(qtbot, open_preview):
    dialog = open_preview(make_pdf(12))
    dialog.grab()

    assert 1 <= dialog.rendered < 12

    dialog.show_page(12)
    dialog.grab()
    assert dialog.page_label.text() == "Page 12 of 12"
    assert dialog.rendered < 12 + 2


def test_scrolling_changes_the_page_shown_in_the_count(open_preview):
    dialog = open_preview(make_pdf(3))

    dialog.show_page(2)

    assert dialog.page_label.text() == "Page 2 of 3"


def test_zoom_in_and_out_change_the_size_of_the_drawn_page(open_preview):
    dialog = open_preview()
    dialog.set_zoom(1.0)
    before = dialog.page_image(0).size()
    shown_before = dialog.pages[0].size()

    dialog.zoom_in()

    assert dialog.zoom > 1.0
    assert dialog.page_image(0).width() > before.width()
    assert dialog.pages[0].width() > shown_before.width()
    assert dialog.zoom_label.text() == "110 %"

    dialog.zoom_out()
    dialog.zoom_out()
    assert dialog.zoom < 1.0
    assert dialog.page_image(0).width() < before.width()


def test_zoom_stops_at_its_limits(open_preview):
    dialog = open_preview()
    dialog.set_zoom(4.0)
    dialog.zoom_in()
    assert dialog.zoom == 4.0
    assert not dialog.zoom_in_button.isEnabled()


def test_fit_width_makes_the_page_as_wide_as_the_window(qtbot, open_preview):
    dialog = open_preview()
    dialog.set_zoom(0.5)

    dialog.fit_width()

    room = dialog.scroll.viewport().width()
    assert room * 0.85 <= dialog.pages[0].width() <= room


def test_keys_zoom_and_escape_closes(qtbot, open_preview):
    dialog = open_preview()
    dialog.set_zoom(1.0)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)

    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom == 0.9

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_printing_sends_every_page_to_the_printer(tmp_path, open_preview):
    from PySide6.QtPrintSupport import QPrinter

    from kommandesk.ui.dialogs.certificates.pdf_preview import open_document

    dialog = open_preview(make_pdf(3))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    assert dialog.print_to(printer)

    printed = open_document((tmp_path / "printed.pdf").read_bytes())
    assert len(printed) == 3


def test_printing_a_page_range_prints_only_those_pages(tmp_path, open_preview):
    from PySide6.QtPrintSupport import QPrinter

    from kommandesk.ui.dialogs.certificates.pdf_preview import open_document

    dialog = open_preview(make_pdf(4))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)

    assert dialog.print_to(printer)

    assert len(open_document((tmp_path / "printed.pdf").read_bytes())) == 2


def test_open_in_viewer_opens_the_saved_file(tmp_path, open_preview):
    data = make_pdf()
    saved = tmp_path / "Becker Jonas - Teilnahmebescheinigung.pdf"
    saved.write_bytes(data)
    dialog = open_preview(data, path=saved)

    assert dialog.open_in_viewer()

    assert [url.toLocalFile() for url in dialog.opened] == [str(saved)]


def test_open_in_viewer_without_a_file_opens_a_temporary_copy(open_preview):
    from pathlib import Path

    from kommandesk.ui.dialogs.certificates import pdf_files

    data = make_pdf()
    dialog = open_preview(data, suggested_name="KD-2026-00001.pdf")

    assert dialog.open_in_viewer()

    copy = Path(dialog.opened[0].toLocalFile())
    assert copy.name == "KD-2026-00001.pdf"
    assert copy.read_bytes() == data
    pdf_files.remove_temporary_copies()  # what quitting the application does: the copy is gone
    assert not copy.exists()


def test_no_pdf_program_says_what_to_do(open_preview, answer_dialogs):
    shown = answer_dialogs(SB.Ok)
    dialog = open_preview(open_url=lambda url: False)

    assert not dialog.open_in_viewer()

    assert "No program for PDF files" in shown[0]["text"]


def test_save_as_writes_the_same_bytes(tmp_path, open_preview):
    data = make_pdf()
    dialog = open_preview(data)
    target = tmp_path / "copy.pdf"

    assert dialog.save_as(target) == target

    assert target.read_bytes() == data
    assert dialog.path == target


def test_save_as_into_a_missing_folder_says_so_and_writes_nothing(tmp_path, open_preview, answer_dialogs):
    shown = answer_dialogs(SB.Ok)
    dialog = open_preview()
    target = tmp_path / "missing" / "copy.pdf"

    assert dialog.save_as(target) is None

    assert shown and shown[0]["title"] == "Not saved"
    assert not target.exists()


def test_bytes_that_are_not_a_pdf_are_refused_with_a_message(qtbot, answer_dialogs):
    from kommandesk.ui.dialogs.certificates.pdf_preview import PdfPreview, preview_pdf

    with pytest.raises(KommanDeskError):
        PdfPreview(b"not a pdf at all", "Broken")
    shown = answer_dialogs(SB.Ok)
    assert preview_pdf(None, b"%PDF-1.4 broken", "Broken") is None
    assert shown[0]["title"] == "No preview"


def test_the_preview_module_does_not_load_the_pdf_library_until_used():
    import subprocess
    import sys

    code = ("import sys; import kommandesk.ui.dialogs.certificates.pdf_preview; "
            "print('pypdfium2' in sys.modules, 'reportlab' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "False"], done.stderr
