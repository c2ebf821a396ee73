"""A course's batch of certificates off the GUI thread (kommandesk/tasks.py) with a progress dialog that can be
cancelled, and the summary of what it did. ``finished`` reports the BatchResult (also after a cancel or a file
that could not be written: what was written and registered until then), ``failed`` a message when nothing was
done (the service refused up front)."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.progress_run import ProgressRun


class BatchRun(ProgressRun):
    finished = Signal(object, str)  # BatchResult, and the problem that stopped it ("" when none)
    failed = Signal(str)  # nothing was written: why

    def __init__(self, certificates, parent, runner: TaskRunner, paths=None):
        """``paths``: the data folder's Paths, so the batch opens its own database connection on the worker
        thread; None runs on the service's own store (only with a synchronous runner)."""
        super().__init__(parent, runner)
        self._certificates = certificates
        self._paths = None if runner.synchronous else paths

    def start(self, course, **options) -> None:
        """``options``: language, folder, one_pdf, per_person, include (as CertificateService.issue_course)."""
        if self.running:
            return
        self.running = True
        dialog, stop = self._open("batch_progress", _("Certificates of attendance"),
                                  _("Writing the certificates of {course} …").format(course=course.reference))
        certificates, paths, course_id = self._certificates, self._paths, course.id

        def work(ctx):
            def progress(done: int, total: int) -> None:
                if not stop.is_set():
                    ctx.progress(done, total)  # the service stops through ``cancelled``, between certificates

            try:
                return certificates.issue_course(course_id, progress=progress, cancelled=stop.is_set, paths=paths,
                                                 **options), ""
            except KommanDeskError as exc:
                result = getattr(exc, "result", None)  # BatchError: stopped half-way, what was done is kept
                if result is None:
                    raise
                return result, exc.message

        def progressed(done: int, total: int) -> None:
            if self._progressed(dialog, stop, done, total):
                dialog.setLabelText(_("Writing certificate {done} of {total} for {course} …").format(
                    done=format_number(min(done + 1, total)), total=format_number(total), course=course.reference))

        def done(outcome) -> None:
            self._close(dialog)
            self.running = False
            result, problem = outcome
            self.finished.emit(result, problem)

        def failed(error: BaseException) -> None:
            self._close(dialog)
            self.running = False
            self.failed.emit(error.message if isinstance(error, KommanDeskError) else
                             _("The certificates were not written: an unexpected error (details are in the log "
                               "file)."))

        self._runner.start(work, on_done=done, on_error=failed, on_progress=progressed)


def summary_text(result, problem: str = "") -> str:
    """What the batch did, in whole sentences: new certificates with their numbers, reprints, files, the PDF for
    printing, who was left out, and why it stopped (if it did)."""
    lines = []
    if problem:
        lines.append(problem)
    elif result.cancelled:
        lines.append(_("The run was cancelled. What is listed below was written and registered; nothing else."))
    issued = result.issued
    if issued:
        numbers = issued[0].number if len(issued) == 1 else _("{first} to {last}").format(
            first=issued[0].number, last=issued[-1].number)
        lines.append(ngettext("{count} new certificate was issued: {numbers}.",
                              "{count} new certificates were issued: {numbers}.", len(issued)).format(
            count=format_number(len(issued)), numbers=numbers))
    elif not result.reprinted:
        lines.append(_("No certificate was issued."))
    if result.reprinted:
        lines.append(ngettext("{count} certificate issued before was printed again (same number).",
                              "{count} certificates issued before were printed again (same numbers).",
                              len(result.reprinted)).format(count=format_number(len(result.reprinted))))
    if result.files:
        lines.append(ngettext("{count} file was written to {folder}.", "{count} files were written to {folder}.",
                              len(result.files)).format(count=format_number(len(result.files)),
                                                        folder=result.files[0].parent))
    if result.bundle is not None:
        lines.append(_("The PDF for printing: {file}").format(file=result.bundle))
    if result.below_skipped:
        lines.append(ngettext("{count} participant below the minimum attendance was left out: {names}.",
                              "{count} participants below the minimum attendance were left out: {names}.",
                              len(result.below_skipped)).format(count=format_number(len(result.below_skipped)),
                                                                names=", ".join(result.below_skipped)))
    lines.extend(result.not_reprinted)
    return "\n".join(lines)
