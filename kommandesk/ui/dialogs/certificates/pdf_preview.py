"""The preview of a PDF the app made (a certificate, a batch of them, a service record): its pages one below the
other, zoom (in, out, fit to the width), "Page 2 of 3", Print… (the system's print dialog), Open in PDF viewer and
Save as….

Pages are drawn with pypdfium2 (QtPdf is not part of the Qt we ship) when they are first painted, so a 500-page
batch opens as fast as one certificate; the last few drawn pages are kept, the rest drawn again when scrolled
back to. Printing draws each page again at the printer's resolution (at most PRINT_DPI). pypdfium2 is imported
on first use.

Keys: Ctrl++ / Ctrl+- zoom, Ctrl+0 fit to the width, Ctrl+P print, Ctrl+S save as, Esc closes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QPushButton, QScrollArea, QToolButton,
                               QVBoxLayout, QWidget)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.dialogs.certificates.pdf_files import open_document, open_pdf, render_page
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.widgets.labels import plain_label

SCREEN_DPI = 96  # 100 % shows a page at its real size on a common screen
ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
KEEP_PAGES = 8  # drawn pages kept for scrolling back
PRINT_DPI = 300  # an A4 page at 300 dpi is 35 MB while it is drawn; 600 dpi would be 140 MB
GAP = 12  # pixels between pages and around them


class PageView(QWidget):
    """One page at the current zoom; drawn through the preview's cache when Qt paints it (only visible ones)."""

    def __init__(self, preview: "PdfPreview", index: int):
        super().__init__()
        self._preview = preview
        self.index = index
        self.setObjectName(f"pdf_page_{index + 1}")
        self.setAutoFillBackground(False)

    def paintEvent(self, _event) -> None:
        image = self._preview.page_image(self.index)
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if image is not None:
            painter.drawImage(QRectF(self.rect()), image)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class PdfPreview(QDialog):
    saved = Signal(object)  # the Path the PDF was saved to

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None, *, path: Path | None = None,
                 suggested_name: str = "document.pdf", open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl):
        """``path``: where the PDF is saved already (Open in PDF viewer opens that file); ``suggested_name``: the
        file name Save as… offers. Raises KommanDeskError when ``data`` is not a PDF."""
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(title)
        self.data = data
        self.path = path
        self._suggested = suggested_name
        self._open_url = open_url
        self._document = open_document(data)
        self._sizes = [self._document[n].get_size() for n in range(len(self._document))]  # points
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self.rendered = 0  # pages drawn so far (the tests check that only visible ones are)
        self.zoom = 1.0
        self._fit = True  # follow the window's width until the user zooms

        self.zoom_out_button = self._tool("pdf_zoom_out", "\u2212", self.zoom_out)
        self.zoom_label = plain_label(name="pdf_zoom")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %") + 12)
        self.zoom_in_button = self._tool("pdf_zoom_in", "+", self.zoom_in)
        self.fit_button = self._button("pdf_fit_width", self.fit_width)
        self.page_label = plain_label(name="pdf_page")
        self.print_button = self._button("pdf_print", self.print_document)
        self.open_button = self._button("pdf_open", self.open_in_viewer)
        self.save_button = self._button("pdf_save", self.save_as)
        self.close_button = self._button("pdf_close", self.reject)

        self.pages_widget = QWidget()
        self.pages_widget.setObjectName("pdf_pages")
        column = QVBoxLayout(self.pages_widget)
        column.setContentsMargins(GAP, GAP, GAP, GAP)
        column.setSpacing(GAP)
        self.pages: list[PageView] = []
        for index in range(len(self._sizes)):
            view = PageView(self, index)
            self.pages.append(view)
            column.addWidget(view, 0, Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("pdf_scroll")
        self.scroll.setWidget(self.pages_widget)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        self.scroll.verticalScrollBar().valueChanged.connect(self._show_page_number)

        bar = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        for widget in (self.print_button, self.open_button, self.save_button, self.close_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)

        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in), ("Ctrl+=", self.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out), ("Ctrl+0", self.fit_width),
                           (QKeySequence.StandardKey.Print, self.print_document),
                           (QKeySequence.StandardKey.Save, self.save_as)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        chain = [self.zoom_out_button, self.zoom_in_button, self.fit_button, self.print_button, self.open_button,
                 self.save_button, self.close_button, self.scroll]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)

        self.retranslate()
        self.resize(880, 760)
        self._apply_zoom()
        self.print_button.setFocus()

    def _tool(self, name: str, text: str, slot) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setAutoRaise(False)
        button.setMinimumWidth(32)
        button.clicked.connect(slot)
        return button

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.zoom_out_button.setToolTip(_("Zoom out (Ctrl+-)"))
        self.zoom_in_button.setToolTip(_("Zoom in (Ctrl++)"))
        self.fit_button.setText(_("Fit &width"))
        self.fit_button.setToolTip(_("Show the pages as wide as the window (Ctrl+0)"))
        self.print_button.setText(_("&Print…"))
        self.print_button.setToolTip(_("Print through the system's print dialog (Ctrl+P)"))
        self.open_button.setText(_("Open in PDF &viewer"))
        self.open_button.setToolTip(_("Open the PDF in the program your computer uses for PDF files"))
        self.save_button.setText(_("&Save as…"))
        self.save_button.setToolTip(_("Save the PDF as a file (Ctrl+S)"))
        self.close_button.setText(_("Close"))
        self._show_zoom()
        self._show_page_number()

    # -- pages and zoom -------------------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def _pixels_per_point(self) -> float:
        return self.zoom * SCREEN_DPI / 72

    def page_size(self, index: int) -> QSize:
        width, height = self._sizes[index]
        factor = self._pixels_per_point()
        return QSize(max(1, round(width * factor)), max(1, round(height * factor)))

    def page_image(self, index: int) -> QImage | None:
        """The page drawn at the current zoom (for the screen's pixel ratio), from the cache or drawn now."""
        if self._document is None:
            return None
        image = self._cache.get(index)
        if image is None:
            ratio = self.devicePixelRatioF() or 1.0
            try:
                image = render_page(self._document[index], self._pixels_per_point() * ratio)
            except Exception:  # noqa: BLE001 - one page that cannot be drawn stays white; the others show
                from kommandesk import logs

                logs.get("ui").exception("page %d of the preview could not be drawn", index + 1)
                return None
            image.setDevicePixelRatio(ratio)
            self.rendered += 1
            self._cache[index] = image
            while len(self._cache) > KEEP_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(index)
        return image

    def set_zoom(self, zoom: float) -> None:
        self._fit = False
        self._set_zoom(zoom)

    def _set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, ZOOMS[0]), ZOOMS[-1])
        if abs(zoom - self.zoom) > 1e-4:
            self.zoom = zoom
            self._apply_zoom()

    def _apply_zoom(self) -> None:
        bar = self.scroll.verticalScrollBar()
        share = bar.value() / max(bar.maximum(), 1)
        self._cache.clear()
        for view in self.pages:
            view.setFixedSize(self.page_size(view.index))
        self.pages_widget.adjustSize()
        bar.setValue(round(share * bar.maximum()))
        self._show_zoom()
        self._show_page_number()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOMS if z > self.zoom + 1e-3), ZOOMS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < self.zoom - 1e-3), ZOOMS[0]))

    def fit_width(self) -> None:
        self._fit = True
        self._fit_now()

    def _fit_now(self) -> None:
        widest = max(width for width, _height in self._sizes) * SCREEN_DPI / 72
        room = self.scroll.viewport().width() - 2 * GAP
        if not self.scroll.verticalScrollBar().isVisible():  # it will be once the pages are wider
            room -= self.scroll.verticalScrollBar().sizeHint().width()
        self._set_zoom(max(room, 50) / widest)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit:
            QTimer.singleShot(0, self._fit_now)  # after the scroll area took its new size

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit:
            self._fit_now()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(_("{percent} %").format(percent=format_number(round(self.zoom * 100))))
        self.zoom_in_button.setEnabled(self.zoom < ZOOMS[-1] - 1e-3)
        self.zoom_out_button.setEnabled(self.zoom > ZOOMS[0] + 1e-3)

    def current_page(self) -> int:
        """The page at the top third of the view, counted from 1."""
        mark = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 3
        for view in self.pages:
            if view.geometry().bottom() + GAP >= mark:
                return view.index + 1
        return self.page_count

    def _show_page_number(self, *_args) -> None:
        self.page_label.setText(_("Page {page} of {count}").format(page=format_number(self.current_page()),
                                                                   count=format_number(self.page_count)))

    def show_page(self, number: int) -> None:
        """Scroll so that page ``number`` (from 1) is at the top."""
        view = self.pages[min(max(number, 1), self.page_count) - 1]
        self.scroll.verticalScrollBar().setValue(view.geometry().top() - GAP)

    # -- print, open, save ----------------------------------------------------------------------------------------
    def print_document(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
        return self.print_to(printer)

    def print_to(self, printer) -> bool:
        """Every page (or the range chosen in the print dialog), drawn at the printer's resolution and fitted to
        its paper (actual size when the paper is as large as the page)."""
        from PySide6.QtPrintSupport import QPrinter

        first, last = 1, self.page_count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage() or self.page_count, self.page_count)
        printer.setFullPage(True)
        dpi = min(printer.resolution(), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            show_problem(self, _("Not printed"), _("The printer could not be started. Check that it is switched on "
                                                   "and chosen correctly, then try again."))
            return False
        try:
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                width, height = self._sizes[number - 1]
                paper = printer.paperRect(QPrinter.Unit.DevicePixel)
                target = QRectF(0, 0, width * printer.resolution() / 72, height * printer.resolution() / 72)
                shrink = min(1.0, paper.width() / target.width(), paper.height() / target.height())
                target.setSize(target.size() * shrink)
                target.moveCenter(QRectF(0, 0, paper.width(), paper.height()).center())
                image = render_page(self._document[number - 1], dpi / 72)
                painter.drawImage(target, image)
                del image
        finally:
            painter.end()
        return True

    def open_in_viewer(self) -> bool:
        """Open the saved file (or a temporary copy) in the system's PDF program."""
        return open_pdf(self, self.data, self._suggested, self._open_url,
                        _("No program for PDF files was found. Install a PDF viewer, or "
                          "save the PDF and open it from its folder."), path=self.path)

    def save_as(self, target: Path | None = None) -> Path | None:
        from kommandesk.ui.pages.course_documents import documents_folder, write_bytes

        if target is None:
            start = (self.path.parent if self.path is not None else documents_folder()) / self._suggested
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Save PDF"), str(start), _("PDF files (*.pdf)"))
            if not chosen:
                return None
            target = Path(chosen)
        try:
            write_bytes(target, self.data)
        except KommanDeskError as exc:
            show_problem(self, _("Not saved"), exc.message)
            return None
        self.path = target
        self.saved.emit(target)
        return target

    def done(self, result: int) -> None:
        self._cache.clear()
        if self._document is not None:
            self._document.close()
            self._document = None
        super().done(result)


def preview_pdf(parent, data: bytes, title: str, *, path: Path | None = None,
                suggested_name: str = "document.pdf") -> Path | None:
    """Show the preview (modal); where the PDF is saved afterwards (``path``, or where Save as… wrote it)."""
    try:
        dialog = PdfPreview(data, title, parent, path=path, suggested_name=suggested_name)
    except KommanDeskError as exc:
        show_problem(parent, _("No preview"), exc.message)
        return path
    try:
        dialog.exec()
        return dialog.path
    finally:
        dialog.deleteLater()
