"""A score of 0..100 drawn as a short bar with its number beside it (the number carries the meaning; the bar
helps the eye compare, so nothing rests on colour alone). The model gives the score under ``score_role``."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

BAR_CHARS = 6  # the bar's width in average characters


class ScoreDelegate(QStyledItemDelegate):
    def __init__(self, score_role: int, parent=None):
        super().__init__(parent)
        self._role = score_role

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        score = index.data(self._role)
        if score is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        metrics = option.fontMetrics
        number_width = metrics.horizontalAdvance("100") + 6
        bar_width = max(metrics.averageCharWidth() * BAR_CHARS, 24)
        rect = option.rect.adjusted(4, 0, -4, 0)
        height = max(metrics.height() // 2, 6)
        bar = QRect(rect.left(), rect.center().y() - height // 2, bar_width, height)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active else \
            QPalette.ColorGroup.Inactive
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(group, text_role)
        painter.save()
        painter.setPen(colour)
        painter.drawRect(bar.adjusted(0, 0, -1, -1))
        filled = bar.adjusted(1, 1, -1, -1)
        filled.setWidth(int(round(filled.width() * max(0.0, min(float(score), 100.0)) / 100)))
        if filled.width() > 0:
            painter.fillRect(filled, option.palette.color(group, QPalette.ColorRole.Highlight if not selected
                                                          else QPalette.ColorRole.HighlightedText))
        number = QRect(bar.right() + 6, rect.top(), max(number_width, rect.right() - bar.right() - 6), rect.height())
        painter.drawText(number, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        hint = super().sizeHint(option, index)
        metrics = option.fontMetrics
        width = max(metrics.averageCharWidth() * BAR_CHARS, 24) + metrics.horizontalAdvance("100") + 20
        return QSize(max(hint.width(), width), hint.height())
