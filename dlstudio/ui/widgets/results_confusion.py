"""A confusion-matrix heat map: rows are the true class, columns the predicted one, each cell the row
count and its share of the row, the class names on both axes. Painted directly: crisp at any size."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

_LOW, _HIGH = QColor("#f7fbff"), QColor("#08519c")  # a sequential blue: light = few, dark = many
_WRONG = QColor("#c53030")


def _blend(share: float, high: QColor = _HIGH) -> QColor:
    s = max(0.0, min(1.0, share)) ** 0.8  # lift small shares so a few errors are visible
    return QColor(round(_LOW.red() + (high.red() - _LOW.red()) * s),
                  round(_LOW.green() + (high.green() - _LOW.green()) * s),
                  round(_LOW.blue() + (high.blue() - _LOW.blue()) * s))


class ConfusionMatrixView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("confusionMatrix")
        self.class_names: list[str] = []
        self.matrix: list[list[int]] = []
        self.title = ""
        self.setMouseTracking(True)
        self.setMinimumSize(280, 240)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(520, 440)

    def set_matrix(self, class_names, matrix, title: str = "") -> None:
        self.class_names = [str(c) for c in class_names]
        self.matrix = [[int(v) for v in row] for row in (matrix or [])]
        self.title = title
        self.update()

    def fill_of(self, true_index: int, predicted_index: int) -> QColor:
        """A cell's colour, darker for a larger share of its row: blue where the class is right, red where
        it is wrong (a wrong cell stays red however dark its share makes it)."""
        count = self.matrix[true_index][predicted_index]
        share = count / (sum(self.matrix[true_index]) or 1)
        wrong = true_index != predicted_index and count
        return _blend(share, _WRONG if wrong else _HIGH)

    def cell_text(self, true_index: int, predicted_index: int) -> str:
        count = self.matrix[true_index][predicted_index]
        total = sum(self.matrix[true_index])
        return f"{count}\n{100 * count / total:.0f} %" if total else f"{count}"

    # --- geometry ---------------------------------------------------------------------------------------------
    def _layout(self) -> tuple[QRectF, float, float, float]:
        """The grid's rectangle, the width of the class names left of it, a cell's side, and the height
        of the names under it: 0 where they fit across their columns, else they stand upright."""
        n = max(1, len(self.class_names))
        fm = QFontMetrics(self.font())
        widest = max((fm.horizontalAdvance(c) for c in self.class_names), default=40)
        names_w = min(widest + 14, self.width() * 0.3)
        left = fm.height() * 1.6 + names_w  # the rotated axis title, then the class names
        top = fm.height() * (2.8 if self.title else 1.4)

        def side_for(bottom: float) -> float:
            return max(10.0, min(self.width() - left - 12, self.height() - top - bottom))

        bottom = fm.height() * 2 + 14  # the class names under the grid, then the axis title
        side, upright = side_for(bottom), 0.0
        if widest > side / n - 4:  # (Aug…, Febr…: cut to a few letters across their columns)
            upright = min(widest + 6, self.height() * 0.3)
            side = side_for(fm.height() + 14 + upright)
        grid = QRectF(left, top, side, side)
        grid.moveLeft(left + max(0.0, (self.width() - left - 12 - side) / 2))
        return grid, names_w, side / n, upright

    def _cell_at(self, pos) -> tuple[int, int] | None:
        grid, _w, cell, _upright = self._layout()
        if not self.matrix or not grid.contains(pos):
            return None
        return int((pos.y() - grid.top()) // cell), int((pos.x() - grid.left()) // cell)

    # --- painting -------------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if not self.matrix:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignCenter, self.tr("No confusion matrix yet"))
            return
        grid, names_w, cell, upright = self._layout()
        fm = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        if self.title:
            p.setFont(bold)
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(0, 2, self.width(), fm.height() * 1.4), Qt.AlignCenter, self.title)
        p.setFont(self.font())
        n = len(self.class_names)
        for i in range(n):
            total = sum(self.matrix[i]) or 1
            for j in range(n):
                rect = QRectF(grid.left() + j * cell, grid.top() + i * cell, cell, cell)
                share = self.matrix[i][j] / total
                p.fillRect(rect, self.fill_of(i, j))
                p.setPen(QPen(QColor("#ffffff"), 1))
                p.drawRect(rect)
                dark = share > 0.45
                p.setPen(QColor("#ffffff") if dark else (_WRONG if i != j and self.matrix[i][j] else
                                                         QColor("#1f2937")))
                p.setFont(bold if i == j else self.font())
                if cell > fm.height() * 2.4:
                    p.drawText(rect, Qt.AlignCenter, self.cell_text(i, j))
                elif cell > fm.height():
                    p.drawText(rect, Qt.AlignCenter, str(self.matrix[i][j]))
        p.setFont(self.font())
        p.setPen(self.palette().text().color())
        for i, name in enumerate(self.class_names):  # true classes, left of the rows
            rect = QRectF(grid.left() - names_w - 6, grid.top() + i * cell, names_w, cell)
            p.drawText(rect, Qt.AlignRight | Qt.AlignVCenter, fm.elidedText(name, Qt.ElideRight, int(names_w)))
        for j, name in enumerate(self.class_names):  # predicted classes, under the columns
            if upright:  # read upwards, ending at the grid
                p.save()
                p.translate(grid.left() + (j + 0.5) * cell, grid.bottom() + 4)
                p.rotate(-90)
                p.drawText(QRectF(-upright, -fm.height() / 2, upright, fm.height()), Qt.AlignRight | Qt.AlignVCenter,
                           fm.elidedText(name, Qt.ElideRight, int(upright)))
                p.restore()
            else:
                rect = QRectF(grid.left() + j * cell, grid.bottom() + 4, cell, fm.height() + 4)
                p.drawText(rect, Qt.AlignHCenter | Qt.AlignTop, fm.elidedText(name, Qt.ElideRight, int(cell) - 4))
        p.setFont(bold)
        below = upright + 8 if upright else fm.height() + 8
        p.drawText(QRectF(grid.left(), grid.bottom() + below, grid.width(), fm.height() + 4),
                   Qt.AlignCenter, self.tr("Predicted class"))
        p.save()
        p.translate(fm.height() * 0.2, grid.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-grid.height() / 2, 0, grid.height(), fm.height() + 4), Qt.AlignCenter,
                   self.tr("True class"))
        p.restore()

    def mouseMoveEvent(self, event) -> None:
        at = self._cell_at(event.position())
        if at is None or not (0 <= at[0] < len(self.matrix) and 0 <= at[1] < len(self.matrix)):
            QToolTip.hideText()
            return
        i, j = at
        QToolTip.showText(event.globalPosition().toPoint(),
                          self.tr("True %s, predicted %s: %d row(s)") % (self.class_names[i], self.class_names[j],
                                                                         self.matrix[i][j]), self)
