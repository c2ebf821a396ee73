"""A count at a glance: a big number over a short caption, on the palette's base colour (light and dark alike).

Built with the first frame (the Overview): no use of ``Qt``'s enum namespace (see ui/widgets/labels.py).
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.widgets.labels import plain_label

ALIGN_TOP_LEFT = 0x21  # Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, as a number


class CountTile(QFrame):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.number = plain_label(name=f"{name}_number")
        self.caption = plain_label(wrap=True, name=f"{name}_caption")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        for label in (self.number, self.caption):
            label.setForegroundRole(QPalette.ColorRole.Text)  # the text colour that goes with the base colour
        # room for three lines: a wrapped label's height is not always asked for by the layout around it
        self.caption.setMinimumHeight(3 * self.caption.fontMetrics().lineSpacing())
        self.caption.setProperty("alignment", ALIGN_TOP_LEFT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addStretch(1)

    def show_count(self, value: int, caption: str) -> None:
        self.number.setText(format_number(value))
        self.caption.setText(caption)
        self.setAccessibleName(_("{caption}: {count}").format(caption=caption, count=self.number.text()))
