"""The Qt binding itself must not corrupt the interpreter.

PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None on every call of a void Qt method and one to
True on every Signal.emit(); after a few thousand calls the process dies ("Fatal Python error: none_dealloc").
pyproject.toml excludes that release; this test catches a binding with the same fault before users do.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    fired = Signal()


def test_void_calls_keep_the_reference_count_of_none(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for number in range(2000):
        label.setText(str(number))
    assert sys.getrefcount(None) >= before - 50  # other code may release a few; 6.12.0 loses 2,000


def test_emitting_a_signal_keeps_the_reference_count_of_true(qapp):
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(300):
        emitter.fired.emit()
    assert sys.getrefcount(True) >= before - 50  # 6.12.0 loses 300
