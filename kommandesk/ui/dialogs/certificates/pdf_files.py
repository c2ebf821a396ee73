"""PDF bytes the app made, for the preview and the system's PDF program: read them as a document (pypdfium2,
imported on first use), draw a page as an image, and open them in the PDF viewer through a temporary copy that is
removed when the application quits."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QImage

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.ui.dialogs.errors import show_problem


def open_document(data: bytes):
    """The PDF as a pypdfium2 document; KommanDeskError when it is not one."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise KommanDeskError(_("This is not a PDF file the preview can show: {reason}").format(reason=exc)) from exc
    if len(document) == 0:
        document.close()
        raise KommanDeskError(_("The PDF file has no pages."))
    return document


def render_page(page, scale: float) -> QImage:
    """One page as an image, ``scale`` pixels per PDF point (a copy: the PDF library's buffer is freed)."""
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
        return image.copy()
    finally:
        bitmap.close()


_TEMP_FOLDERS: list[str] = []


def remove_temporary_copies() -> None:
    """Remove the copies made for the PDF viewer (what quitting the application does)."""
    while _TEMP_FOLDERS:
        shutil.rmtree(_TEMP_FOLDERS.pop(), ignore_errors=True)


def temporary_copy(data: bytes, name: str) -> Path:
    """A copy of ``data`` for the PDF viewer, removed when the application quits (the viewer may still be
    starting when the preview closes; a certificate carries a name, so it does not stay in the temp folder)."""
    folder = tempfile.mkdtemp(prefix="kommandesk-pdf-")
    if not _TEMP_FOLDERS:
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(remove_temporary_copies)
    _TEMP_FOLDERS.append(folder)
    path = Path(folder) / (name or "document.pdf")
    path.write_bytes(data)
    return path


def open_pdf(parent, data: bytes, name: str, open_url: Callable[[QUrl], bool], no_viewer: str, *,
                   path: Path | None = None) -> bool:
    """Open ``path`` when it is a file, else a temporary copy of ``data`` called ``name``, in the system's PDF
    program; False (and a message) when that fails. ``no_viewer``: what to say when there is no PDF program."""
    if path is None or not path.is_file():
        try:
            path = temporary_copy(data, name)
        except OSError as exc:
            show_problem(parent, _("Not opened"), _("A temporary copy of the PDF could not be written: "
                                                    "{reason}").format(reason=exc.strerror or exc))
            return False
    if not open_url(QUrl.fromLocalFile(str(path))):
        show_problem(parent, _("Not opened"), no_viewer)
        return False
    return True
