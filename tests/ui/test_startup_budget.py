"""Guards of the start-up figure (benchmarks/run.py: window shown within 1.5x of a bare PySide6 window).

Two things cost the most and are easy to bring back by accident: importing sqlite-utils (about 50 ms) and
building PySide6's Qt enum namespace (about 12 ms, the first time Python touches ``QtCore.Qt``). The first frame
needs neither; each is loaded when first used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from kommandesk.services.demo.seed import fill_folder

CHILD = textwrap.dedent("""
    import json, sys
    import PySide6.QtCore as QtCore
    from PySide6.QtWidgets import QApplication
    from kommandesk.app import run

    seen = {}

    def shown(window):
        seen["title"] = window.windowTitle()
        seen["qt_namespace_built"] = "Qt" in QtCore.__dict__
        seen["sqlite_utils_imported"] = "sqlite_utils" in sys.modules
        seen["volunteer_modules_imported"] = sorted(m for m in sys.modules if "volunteer" in m)
        QApplication.quit()

    code = run(["--data-dir", sys.argv[1], "--lang", "de"], on_shown=shown)
    print(json.dumps(seen))
    sys.exit(code)
""")


@pytest.fixture(scope="module")
def first_frame(tmp_path_factory):
    folder = tmp_path_factory.mktemp("startup")
    fill_folder(folder, seed=3)
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_window_is_really_shown_with_the_organisation(first_frame):
    assert first_frame["title"].startswith("Kommunales Integrationszentrum")


def test_the_first_frame_does_not_build_qts_enum_namespace(first_frame):
    assert first_frame["qt_namespace_built"] is False


def test_the_first_frame_does_not_import_sqlite_utils(first_frame):
    assert first_frame["sqlite_utils_imported"] is False


def test_the_volunteer_area_is_loaded_when_first_opened_not_at_start(first_frame):
    assert first_frame["volunteer_modules_imported"] == []
