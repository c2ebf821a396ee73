"""Child process for the start-up benchmark: start, show a main window, print ``shown``, quit.

    python benchmarks/startup_child.py bare                        a bare PySide6 QMainWindow (the reference)
    python benchmarks/startup_child.py app --data-dir DIR [...]    KommanDesk through kommandesk.app.run

Both print ``shown <peak RSS in KiB>`` (flushed) from a zero-delay timer started right after ``show()``, which is
exactly when ``kommandesk.app.run`` calls its ``on_shown`` callback, then leave the event loop. The parent measures
the wall time from just before starting this process to reading that line. Arguments after ``app`` go to the app.
"""

from __future__ import annotations

import sys


def peak_rss_kib() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB elsewhere


def report(app) -> None:
    sys.stdout.write(f"shown {peak_rss_kib()}\n")
    sys.stdout.flush()
    app.quit()


def bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)  # the size MainWindow gives itself
    window.setWindowTitle("bare")
    window.show()
    QTimer.singleShot(0, lambda: report(app))
    return app.exec()


def kommandesk(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from kommandesk.app import run

    return run(argv, on_shown=lambda _window: report(QApplication.instance()))


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare"]:
        return bare()
    if argv[:1] == ["app"]:
        return kommandesk(argv[1:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
