"""Regression plots: predicted against actual (with the y = x line of a perfect model) and a histogram
of the residuals (predicted − actual), on white for readability."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QWidget

_AXIS = QColor("#374151")
_POINTS = QColor(37, 99, 235, 150)
_BARS = QColor("#60a5fa")
MAX_POINTS = 20_000  # a scatter of more points says nothing more and draws slowly


class NumberAxis(pg.AxisItem):
    """Ticks in the label's units as the Data step writes big numbers, 2,000,000 and -300,000, not
    2e+06 beside -300000."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        if not values or not all(1e4 <= abs(v * scale) < 1e15 or v == 0 for v in values):
            return super().tickStrings(values, scale, spacing)
        places = max(0, int(np.ceil(-np.log10(spacing * scale)))) if spacing * scale < 1 else 0
        return [f"{v * scale:,.{places}f}" for v in values]


def _plot(title: str, x_label: str, y_label: str) -> pg.PlotWidget:
    widget = pg.PlotWidget(background="w", enableMenu=False,  # (a menu is built eagerly otherwise)
                           axisItems={"bottom": NumberAxis("bottom"), "left": NumberAxis("left")})
    item = widget.getPlotItem()
    item.setTitle(title, color="#111827", size="11pt")
    font = QFont()
    font.setPointSize(9)
    for name, label in (("bottom", x_label), ("left", y_label)):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(_AXIS))
        axis.setTextPen(pg.mkPen(_AXIS))
        axis.setTickFont(font)
        axis.enableAutoSIPrefix(False)  # "(x0.001)" beside a label in the person's units only confuses
        axis.setLabel(label, color="#374151", **{"font-size": "10pt"})
    item.showGrid(x=True, y=True, alpha=0.15)
    widget.setMinimumSize(240, 220)
    return widget


class RegressionPlots(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("regressionPlots")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scatter_plot = _plot(self.tr("Predicted vs actual"), self.tr("Actual"), self.tr("Predicted"))
        self.residual_plot = _plot(self.tr("Residuals"), self.tr("Predicted − actual"), self.tr("Rows"))
        layout.addWidget(self.scatter_plot, 1)
        layout.addWidget(self.residual_plot, 1)
        self.points = pg.ScatterPlotItem(size=7, pen=pg.mkPen(None), brush=pg.mkBrush(_POINTS))
        self.identity = pg.PlotCurveItem(pen=pg.mkPen(QColor("#dc2626"), width=2, style=Qt.DashLine))
        self.scatter_plot.addItem(self.identity)
        self.scatter_plot.addItem(self.points)
        legend = self.scatter_plot.getPlotItem().addLegend(offset=(10, 10), labelTextColor="#111827",
                                                          brush=pg.mkBrush(255, 255, 255, 220),
                                                          pen=pg.mkPen("#d1d5db"))
        legend.addItem(self.identity, self.tr("perfect (y = x)"))
        legend.addItem(self.points, self.tr("rows"))
        self.bars: pg.BarGraphItem | None = None
        self.zero = pg.InfiniteLine(0, angle=90, pen=pg.mkPen(QColor("#dc2626"), width=2, style=Qt.DashLine))
        self.zero.setZValue(10)  # above the bars
        self.residual_plot.addItem(self.zero)

    def show_pairs(self, actual: np.ndarray, predicted: np.ndarray, label: str, source: str) -> None:
        """One label's actual and predicted values, (N,) each, in the label's units."""
        actual, predicted = np.asarray(actual, dtype=float), np.asarray(predicted, dtype=float)
        keep = np.isfinite(actual) & np.isfinite(predicted)
        actual, predicted = actual[keep], predicted[keep]
        if len(actual) > MAX_POINTS:  # an even thinning keeps the picture honest
            step = int(np.ceil(len(actual) / MAX_POINTS))
            actual, predicted = actual[::step], predicted[::step]
        self.points.setData(actual, predicted)
        low = float(min(actual.min(), predicted.min())) if len(actual) else 0.0
        high = float(max(actual.max(), predicted.max())) if len(actual) else 1.0
        pad = (high - low) * 0.05 or 1.0
        self.identity.setData([low - pad, high + pad], [low - pad, high + pad])
        item = self.scatter_plot.getPlotItem()
        item.setTitle(self.tr("Predicted vs actual · %s") % source, color="#111827", size="11pt")
        item.getAxis("bottom").setLabel(self.tr("Actual %s") % label, color="#374151", **{"font-size": "10pt"})
        item.getAxis("left").setLabel(self.tr("Predicted %s") % label, color="#374151", **{"font-size": "10pt"})
        item.setXRange(low - pad, high + pad, padding=0)
        item.setYRange(low - pad, high + pad, padding=0)
        self._show_residuals(predicted - actual, label, source)

    def _show_residuals(self, residuals: np.ndarray, label: str, source: str) -> None:
        if self.bars is not None:
            self.residual_plot.removeItem(self.bars)
            self.bars = None
        if len(residuals):
            bins = int(np.clip(np.sqrt(len(residuals)) * 1.5, 8, 40))
            counts, edges = np.histogram(residuals, bins=bins)
            self.bars = pg.BarGraphItem(x0=edges[:-1], x1=edges[1:], y0=0, height=counts, brush=pg.mkBrush(_BARS),
                                        pen=pg.mkPen("#ffffff", width=1))  # cosmetic: 1 px
            self.residual_plot.addItem(self.bars)
            self.residual_plot.getPlotItem().setYRange(0, counts.max() * 1.08, padding=0)
            self.residual_plot.getPlotItem().setXRange(edges[0], edges[-1], padding=0.03)
        item = self.residual_plot.getPlotItem()
        item.setTitle(self.tr("Residuals · %s") % source, color="#111827", size="11pt")
        item.getAxis("bottom").setLabel(self.tr("Predicted − actual %s") % label, color="#374151",
                                        **{"font-size": "10pt"})

    def point_count(self) -> int:
        return len(self.points.data)
