"""Certificates of attendance for a course of 500 eligible participants: into one PDF for printing, and into 500
files (one per person), against a minimal reportlab document (the reference).

One data folder is prepared: demo data, a logo, and a course "Benchmark" with 4 sessions and 500 participants
who attended all of them. Each round starts fresh child processes (this file run as a script), one per side,
alternating the order; one warm-up round is not counted. Each child of the batch works on its own copy of the
database (made before it starts, not timed), so every run numbers and registers 500 new certificates.

* one PDF: ``CertificateService.issue_course(..., one_pdf=True, per_person=False)``: 500 certificates drawn on
  their own (the register keeps each one's hash) and into the bundle, the bundle written, 500 entries registered;
* 500 files: ``issue_course(..., one_pdf=False, per_person=True)``: each certificate drawn, written whole
  (temporary file, fsync, rename) and registered in its own transaction;
* reference: 500 documents of one A4 page each with the same embedded font (DejaVu Sans) and a participant's name
  on it, made by a bare reportlab Canvas; once kept in memory (reference of one PDF) and once each written to a
  file (reference of the 500 files).

On both sides reportlab, the documents modules and the fonts are imported and registered before the clock starts
(a user's first batch of a session pays that once more: printed in a note). The batch's rows say how much of the
time went into the documents module's calls (drawing) and how much into the rest (plan, register, files). Peak
resident memory (ru_maxrss) of each child is reported beside the reference child's. The issue's targets are absolute (one PDF <= 3 s, 500 files <= 8 s,
memory <= 300 MB); each row's note says whether this machine meets them. There is no ratio target: a certificate
draws far more than a name.

    .venv/bin/python benchmarks/run.py certificates
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from pathlib import Path

PARTICIPANTS = 500
SESSIONS = 4
MAX_ROUNDS = 3  # a round is three children of a few seconds each
TIMEOUT = 300
BUDGET_ONE_PDF_S = 3
BUDGET_FILES_S = 8
BUDGET_RSS_MB = 300
SIDES = ("one_pdf", "files", "reference")


# -- the child ----------------------------------------------------------------------------------------------------
def peak_rss_kib() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def child(run_dir: str) -> dict:
    """``run_dir`` holds ``side.txt`` (what to do), ``data/`` (a copy of the prepared folder) and ``out/``."""
    run = Path(run_dir)
    side = (run / "side.txt").read_text().strip()
    out = run / "out"
    out.mkdir()
    began = time.perf_counter()
    from kommandesk.documents import certificate, fonts

    fonts.register()
    imports = time.perf_counter() - began
    if side == "reference":
        return reference(run, out) | {"imports": imports}
    from kommandesk import paths as paths_mod
    from kommandesk.services.context import Services

    drawing = [0.0]  # the time spent in the documents module's calls, to tell it from the register's share

    def timed(function):
        def call(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                drawing[0] += time.perf_counter() - began
        return call

    certificate.attendance_pdf = timed(certificate.attendance_pdf)
    certificate.AttendanceBundle.add = timed(certificate.AttendanceBundle.add)
    certificate.AttendanceBundle.finish = timed(certificate.AttendanceBundle.finish)
    services = Services.open(paths_mod.resolve(run / "data"))
    try:
        course = next(row for row in services.trainings.list_courses() if row.title == "Benchmark")
        began = time.perf_counter()
        result = services.certificates.issue_course(course.id, language="de", folder=out,
                                                    one_pdf=side == "one_pdf", per_person=side == "files")
        seconds = time.perf_counter() - began
        issued = len(result.issued)
    finally:
        services.close()
    size = sum(path.stat().st_size for path in out.iterdir())
    return {"seconds": seconds, "drawing": drawing[0], "imports": imports, "issued": issued,
            "files": len(list(out.iterdir())), "bytes": size, "peak_rss_kib": peak_rss_kib()}


def reference(run: Path, out: Path) -> dict:
    names = (run / "names.txt").read_text(encoding="utf-8").splitlines()
    began = time.perf_counter()
    kept = [minimal_page(name) for name in names]
    in_memory = time.perf_counter() - began
    began = time.perf_counter()
    for number, name in enumerate(names):
        (out / f"{number:04d}.pdf").write_bytes(minimal_page(name))
    to_files = time.perf_counter() - began
    return {"in_memory": in_memory, "to_files": to_files, "documents": len(kept),
            "bytes": sum(len(data) for data in kept), "peak_rss_kib": peak_rss_kib()}


def minimal_page(name: str) -> bytes:
    """One A4 page with a name in the certificate's font (embedded and subset, as the certificate does)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from kommandesk.documents import fonts

    regular, _bold = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont(regular, 24)
    canvas.drawCentredString(A4[0] / 2, A4[1] / 2, fonts.visual(name))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# -- the parent ---------------------------------------------------------------------------------------------------
try:
    from run import Context, Row, benchmark
    from timing import alternating_rounds, child_result
except ImportError:  # run as the child, from anywhere
    Context = Row = None

    def benchmark(_name, _description):
        return lambda function: function


def prepare(context) -> tuple[Path, list[str]]:
    """A data folder with demo data, a logo and the course of 500 participants who attended every session; the
    participants' names (the reference draws them)."""
    import dataclasses
    import datetime as dt
    import io

    from PIL import Image

    from kommandesk.domain.trainings import Presence, Session
    from kommandesk.services.context import Services
    from kommandesk.services.demo.seed import fill_folder
    from kommandesk.services.volunteers import VolunteerQuery

    folder = context.work / "certificates"
    names_file = context.work / "certificates-names.txt"
    if folder.exists():
        return folder, names_file.read_text(encoding="utf-8").splitlines()
    began = time.perf_counter()
    paths = fill_folder(folder, seed=23, volunteers=PARTICIPANTS + 20)
    services = Services.open(paths)
    try:
        logo = io.BytesIO()
        Image.new("RGB", (600, 200), (0, 90, 160)).save(logo, "PNG")
        services.organisation.save(dataclasses.replace(services.organisation.get(), logo=logo.getvalue()))
        trainings = services.trainings
        course = trainings.create_course(dataclasses.replace(
            trainings.new_course(), title="Benchmark", capacity=PARTICIPANTS, trainers="Dr. Aylin Yılmaz",
            topics=("Asylverfahren und Aufenthaltsrecht", "Rollen und Grenzen im Ehrenamt", "Traumasensibler Umgang",
                    "Interkulturelle Kommunikation"), funding_tag="KOMM-AN NRW II D"))
        first = dt.date(2031, 1, 6)
        for n in range(SESSIONS):
            trainings.add_session(Session(course.id, first + dt.timedelta(days=7 * n), dt.time(18, 0),
                                          dt.time(21, 0), place="Benchmark-Saal"))
        for person in services.volunteers.page(VolunteerQuery(), 0, PARTICIPANTS):
            trainings.register(course.id, person.id)
        participants = trainings.participants(course.id)
        for session in trainings.sessions(course.id):
            trainings.record_many(session.id, [(p.registration_id, Presence.PRESENT, None, "") for p in participants])
        names = [f"{p.first_name} {p.last_name}" for p in participants]
        assert services.certificates.plan(course.id).count("eligible") == PARTICIPANTS
    finally:
        services.close()
    names_file.write_text("\n".join(names), encoding="utf-8")
    context.log(f"  course with {PARTICIPANTS} eligible participants prepared in {time.perf_counter() - began:.1f} s")
    return folder, names


def run_child(context, folder: Path, names: list[str], side: str, count: list[int]) -> dict:
    count[0] += 1
    run = context.work / f"certificates-run-{count[0]}"
    try:
        run.mkdir()
        (run / "side.txt").write_text(side)
        if side == "reference":
            (run / "names.txt").write_text("\n".join(names), encoding="utf-8")
        else:
            shutil.copytree(folder, run / "data")
        return child_result(context, str(Path(__file__).resolve()), run, "certificates", side, TIMEOUT)
    finally:
        shutil.rmtree(run, ignore_errors=True)


@benchmark("certificates", "500 certificates of attendance into one PDF and into 500 files, and memory")
def certificates(context: Context) -> list[Row]:
    folder, names = prepare(context)
    count = [0]
    rounds = context.rounds
    context.rounds = min(rounds, MAX_ROUNDS)
    try:
        results = alternating_rounds(
            context, SIDES, lambda side: run_child(context, folder, names, side, count),
            lambda done: (f"one PDF {done['one_pdf'][-1]['seconds']:.2f} s, 500 files "
                          f"{done['files'][-1]['seconds']:.2f} s, reference {done['reference'][-1]['in_memory']:.2f} "
                          f"s / {done['reference'][-1]['to_files']:.2f} s"))
    finally:
        context.rounds = rounds

    def median(side: str, key: str) -> float:
        return statistics.median(outcome[key] for outcome in results[side])

    def mib(side: str) -> float:
        return median(side, "peak_rss_kib") / 1024

    def verdict(value: float, budget: float, unit: str) -> str:
        return f"issue target <= {budget} {unit}: {'met' if value <= budget else 'MISSED'}"

    for side in ("one_pdf", "files"):
        issued = {outcome["issued"] for outcome in results[side]}
        if issued != {PARTICIPANTS}:
            raise RuntimeError(f"certificates: the {side} child issued {issued}, not {PARTICIPANTS}")
    one_pdf, files, rss = median("one_pdf", "seconds"), median("files", "seconds"), max(mib("one_pdf"), mib("files"))
    bundle_mb = median("one_pdf", "bytes") / 1e6
    files_mb = median("files", "bytes") / 1e6
    reference = (f"{PARTICIPANTS} documents of one page with a name in the same font, bare reportlab Canvas, "
                 f"fresh child, same run")
    rest_one, rest_files = one_pdf - median("one_pdf", "drawing"), files - median("files", "drawing")
    return [
        Row(f"certificates: {PARTICIPANTS} into one PDF, median", one_pdf, median("reference", "in_memory"), unit="s",
            reference_name=reference,
            note=f"median of {len(results['one_pdf'])} rounds (at most {MAX_ROUNDS}); each drawn alone (its hash) "
                 f"and into the bundle, registered; {bundle_mb:.1f} MB; "
                 + verdict(one_pdf, BUDGET_ONE_PDF_S, "s")),
        Row("certificates: one PDF, drawing only (documents), median", median("one_pdf", "drawing"),
            median("reference", "in_memory"), unit="s", reference_name=reference,
            note=f"attendance_pdf x{PARTICIPANTS} + AttendanceBundle.add x{PARTICIPANTS} + finish; the rest "
                 f"(plan, numbers, register, the file) {rest_one:.2f} s"),
        Row(f"certificates: {PARTICIPANTS} into files, median", files, median("reference", "to_files"), unit="s",
            reference_name=reference,
            note=f"written whole (fsync, rename) and registered one by one; {files_mb:.1f} MB in all; "
                 + verdict(files, BUDGET_FILES_S, "s")),
        Row("certificates: files, drawing only (documents), median", median("files", "drawing"),
            median("reference", "to_files"), unit="s", reference_name=reference,
            note=f"attendance_pdf x{PARTICIPANTS}; the rest (plan, numbers, {PARTICIPANTS} files written and "
                 f"registered) {rest_files:.2f} s"),
        Row("certificates: peak memory of the batch child, median", rss, mib("reference"), unit="MiB",
            reference_name=reference,
            note=f"{verdict(rss, BUDGET_RSS_MB, 'MB')}; imports and font registration before the clock: "
                 f"{median('one_pdf', 'imports') * 1000:.0f} ms (a first batch pays them once)"),
    ]


if __name__ == "__main__":
    sys.stdout.write(json.dumps(child(sys.argv[1])) + "\n")
    sys.stdout.flush()
