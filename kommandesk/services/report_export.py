"""Write a report (domain/reports.py) to a file the user chose: PDF (documents/report.py) or Excel
(interchange/report_xlsx.py), by the file's suffix.

The target is checked before anything is made (a suffix we write, an existing folder we may write to, not a
folder itself), and the file is written whole or not at all: to a temporary file beside it, renamed into place at
the end (services/exports.py). A failure on the way leaves no file, and an older file of the same name as it was.
"""

from __future__ import annotations

from pathlib import Path

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.reports import Report
from kommandesk.i18n import _

SUFFIXES = (".pdf", ".xlsx")


def check_target(path: Path) -> Path:
    """The absolute path to write a report to, or KommanDeskError with a message that says what to do."""
    path = Path(path).expanduser().absolute()
    if path.suffix.lower() not in SUFFIXES:
        raise KommanDeskError(_("Choose a file name ending in .pdf or .xlsx (not {name}).").format(name=path.name))
    if path.is_dir():
        raise KommanDeskError(_("{path} is a folder: give the name of the file to write.").format(path=path))
    from kommandesk.services.exports import check_folder

    check_folder(path.parent)
    return path


def export_report(report: Report, path: Path) -> Path:
    """Write ``report`` to ``path`` (.pdf or .xlsx, any case); returns the path written."""
    from kommandesk.services.exports import write_bytes, write_file

    path = check_target(path)
    if path.suffix.lower() == ".pdf":
        from kommandesk.documents.report import report_pdf

        write_bytes(path, report_pdf(report))
    else:
        from kommandesk.interchange.report_xlsx import write_report_xlsx

        write_file(path, lambda target: write_report_xlsx(target, report))
    return path
