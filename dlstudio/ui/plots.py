"""Live training plots: loss (per batch and per epoch), the task's metric and the learning rate.

Curves are created once. Events only append to numpy buffers (doubling when full); a timer redraws
at most ~30 times a second and only when something changed, with clip-to-view and peak
downsampling set on each item (pyqtgraph 0.14 ignores those as plot() keywords), so a run of
100,000 batches redraws in about 2 ms. Earlier runs stay behind, faded, until cleared; their curves
are kept in a list the caller may own (AppState.earlier_runs), so plots built again draw them again.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..core.events import BatchEnd, EpochEnd, epoch_x
from .widgets.train_series import Series, next_y_range, union, y_view

REDRAW_MS = 33  # at most ~30 redraws a second …
FRAME_SHARE = 3  # … and, when a frame is slow, no more than one frame's cost in every three
MAX_REDRAW_MS = 500
TRAIN, VAL, BATCH, METRIC, LR = "#2563eb", "#ea580c", "#60a5fa", "#059669", "#7c3aed"
FAINT = "#d3e3fb"  # the raw batch losses: opaque (blending a long zigzag costs more to paint)
EPOCH_COLORS = {"train": TRAIN, "val": VAL, "metric": METRIC, "lr": LR}
_AXIS = QColor("#374151")
SYMBOLS_UP_TO = 60  # epoch points get markers on short runs only (symbols on long curves are slow)
# Wide pens make QPainter stroke every segment as a polygon: 5,000 noisy points at width 1.5 took 3 s
# to paint here, at width 1 under 20 ms. Only short curves are drawn wide.
WIDE_UP_TO = 1000


class _TimedView(pg.GraphicsLayoutWidget):
    """Remembers how long its last paint took."""

    paint_ms = 0.0

    def paintEvent(self, event) -> None:
        t0 = time.perf_counter()
        super().paintEvent(event)
        self.paint_ms = (time.perf_counter() - t0) * 1000


def _pen(color: str, width: float = 1.0, alpha: int = 255, style=Qt.SolidLine):
    c = QColor(color)
    c.setAlpha(alpha)
    return pg.mkPen(c, width=width, style=style)


def _style_plot(plot: pg.PlotItem, title: str, y_label: str) -> None:
    plot.setTitle(title, color="#111827", size="10pt")
    font = QFont()
    font.setPointSize(8)
    for name, label in (("bottom", QCoreApplication.translate("LivePlots", "epoch")), ("left", y_label)):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(_AXIS))
        axis.setTextPen(pg.mkPen(_AXIS))
        axis.setTickFont(font)
        axis.enableAutoSIPrefix(False)
        axis.setLabel(label, color="#374151", **{"font-size": "9pt"})
    # No grid: pyqtgraph's grid repaints with every curve update and cost ~8 ms a plot here.


class LivePlots(QWidget):
    """Three plots over epochs; ``add_events`` takes the worker's records as they come. ``earlier``: the
    faded runs, [{curve name: (x, y)}], drawn now and kept up to date (appended on fade, emptied on clear)."""

    hovered = Signal(str)  # the values at the epoch under the mouse, as one line of text

    def __init__(self, parent=None, earlier: list | None = None, *, staged: bool = False):
        """``staged``: build only the frame now; ``build_part`` builds the rest a part per call (each
        3-22 ms here, 75-110 ms in all), so an event loop can answer in between. ``finish`` builds what
        is left; nothing else may be called before it."""
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = _TimedView()
        self.view.setBackground("w")
        self.view.ci.layout.setColumnStretchFactor(0, 3)
        self.view.ci.layout.setColumnStretchFactor(1, 2)
        layout.addWidget(self.view)
        self._parts = self._build(earlier)
        if not staged:
            self.finish()

    def build_part(self) -> bool:
        """Build the next part; False once the plots are complete."""
        return next(self._parts, None) is not None

    def finish(self) -> "LivePlots":
        for _ in self._parts:
            pass
        return self

    def _build(self, earlier: list | None):
        # No context menus: pyqtgraph builds each plot's eagerly, a third of the plots' build time
        self.loss_plot = self.view.addPlot(row=0, col=0, rowspan=2, enableMenu=False)
        _style_plot(self.loss_plot, self.tr("Loss"), self.tr("loss"))
        yield "loss"
        self.metric_plot = self.view.addPlot(row=0, col=1, enableMenu=False)
        _style_plot(self.metric_plot, self.tr("Metric"), "")
        yield "metric"
        self.lr_plot = self.view.addPlot(row=1, col=1, enableMenu=False)
        _style_plot(self.lr_plot, self.tr("Learning rate"), self.tr("lr"))
        yield "lr"
        # Not x-linked to the loss plot: its range grows with every batch, and linked plots would be
        # repainted with it; the metric and the rate change only once an epoch.
        self.legend = self.loss_plot.addLegend(offset=(-10, 10), labelTextColor="#111827",
                                               brush=pg.mkBrush(255, 255, 255, 220), pen=pg.mkPen("#d1d5db"))
        self.buffers = {name: Series(4096 if name in ("batch", "smooth") else 256)
                        for name in ("batch", "smooth", "train", "val", "metric", "lr")}
        self.curves = {
            "batch": self._curve(self.loss_plot, pg.mkPen(FAINT), None, z=-1, finite=True),
            "smooth": self._curve(self.loss_plot, _pen(BATCH, 1, 255), self.tr("batch loss (smoothed)"), finite=True),
            "train": self._curve(self.loss_plot, _pen(TRAIN, 2.2), self.tr("training loss")),
            "val": self._curve(self.loss_plot, _pen(VAL, 2.2), self.tr("validation loss")),
            "metric": self._curve(self.metric_plot, _pen(METRIC, 2.2), None),
            "lr": self._curve(self.lr_plot, _pen(LR, 2.2), None),
        }
        yield "curves"
        self.best_line = pg.InfiniteLine(angle=90, pen=_pen("#16a34a", 1.2, 200, Qt.DashLine), movable=False)
        self.best_point = pg.PlotDataItem(pen=None, symbol="star", symbolSize=16, symbolPen=pg.mkPen("#15803d"),
                                          symbolBrush=pg.mkBrush("#22c55e"))
        for item in (self.best_line, self.best_point):
            item.setZValue(20)
            self.loss_plot.addItem(item)
        self.best_line.hide()  # the point is never hidden: the legend would draw its "hidden" icon
        self.legend.addItem(self.best_point, self.tr("best epoch"))
        # From zero up: autorange around a constant rate would centre it in ±0.5 and label it "0".
        self.lr_plot.enableAutoRange(y=False)
        self.cursors = []
        for plot in (self.loss_plot, self.metric_plot, self.lr_plot):
            line = pg.InfiniteLine(angle=90, pen=_pen("#6b7280", 1, 160, Qt.DotLine), movable=False)
            line.hide()
            plot.addItem(line, ignoreBounds=True)
            self.cursors.append(line)
        self.ghosts: list[tuple[pg.PlotItem, pg.PlotDataItem]] = []
        self.runs = 0
        self.offset = 0
        self.batches = 1
        self.metric = ""
        self._ema = (0.0, 0, 0.9)  # (mean, count, beta) of the smoothed batch loss
        self._best: tuple[float, float] | None = None
        self._dirty = False
        self._look = (False, False)  # (symbols, wide pens) of the epoch curves now
        self._drawn: dict[str, int] = {}  # the buffer version each curve shows
        self._legend_fresh = False
        # The loss plot's range is fitted here, in the same pass as its data: pyqtgraph's auto-range
        # would paint every frame twice. A person who zooms or pans takes over until "A" is clicked.
        self.follow = True
        self._ghost_bounds: list = []
        vb = self.loss_plot.vb
        vb.disableAutoRange()
        vb.sigRangeChangedManually.connect(self._stop_following)
        self.loss_plot.autoBtn.clicked.connect(self._follow_again)
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._redraw)
        self.view.scene().sigMouseMoved.connect(self._on_mouse)
        self.earlier = earlier if earlier is not None else []
        for run in self.earlier:
            self._add_ghosts(run)
        if self.earlier:
            self._schedule()

    def _curve(self, plot: pg.PlotItem, pen, name: str | None, z: float = 0, finite: bool = False):
        # Batch losses are always finite (the engine stops before a NaN one), so their long curves
        # skip pyqtgraph's per-redraw isfinite pass; epoch curves may hold gaps (no validation).
        symbols = {} if finite else {"symbol": None, "symbolSize": 5, "symbolPen": pg.mkPen(pen.color()),
                                     "symbolBrush": pg.mkBrush(pen.color())}
        curve = pg.PlotDataItem(pen=pen, name=name, connect="all" if finite else "finite", skipFiniteCheck=finite,
                                **symbols)
        curve.setZValue(z)
        plot.addItem(curve)
        # After addItem: PlotItem.addItem overwrites both with the plot's own (off) settings.
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        return curve

    # --- runs -----------------------------------------------------------------------------------------
    def begin_run(self, *, offset: int, batches: int, metric: str, metric_label: str, metric_on: str = "") -> None:
        """A new run: the current curves fade into the background, the buffers start empty."""
        self._fade_current()
        for buf in self.buffers.values():
            buf.clear()
        self.runs += 1
        self.offset, self.batches, self.metric = offset, max(1, batches), metric
        window = min(self.batches, 50) if self.batches > 1 else 10
        self._ema = (0.0, 0, 1 - 2 / (window + 1))
        self._best = None
        self._legend_fresh = False
        self.best_line.hide()
        self.best_point.setData([], [])
        self._set_best_label(self.tr("best epoch"))
        self.set_metric_label(metric_label, metric_on)
        self._dirty = True
        self._draw()

    def set_metric_label(self, label: str, on: str = "") -> None:
        self.metric_plot.setTitle(f"{label} ({on})" if on else label, color="#111827", size="10pt")
        self.metric_plot.getAxis("left").setLabel(label, color="#374151", **{"font-size": "9pt"})

    def _fade_current(self) -> None:
        run = {name: (buf.x.copy(), buf.y.copy()) for name in EPOCH_COLORS if (buf := self.buffers[name]).n}
        if run:
            self.earlier.append(run)
            self._add_ghosts(run)

    def _add_ghosts(self, run: dict) -> None:
        plots = {"train": self.loss_plot, "val": self.loss_plot, "metric": self.metric_plot, "lr": self.lr_plot}
        for name, (x, y) in run.items():
            ghost = pg.PlotCurveItem(x, y, pen=_pen(EPOCH_COLORS[name], 1, 90), connect="finite")
            ghost.setZValue(-5)
            plots[name].addItem(ghost)
            self.ghosts.append((plots[name], ghost))
            if plots[name] is self.loss_plot:
                series = Series(max(1, len(x)))
                series.extend(x, y)
                self._ghost_bounds.append(series.bounds())

    def clear_earlier(self) -> None:
        """Remove the faded curves of earlier runs."""
        for plot, ghost in self.ghosts:
            plot.removeItem(ghost)
        self.ghosts.clear()
        self.earlier.clear()
        self._ghost_bounds.clear()
        self._schedule()

    # --- data ---------------------------------------------------------------------------------------
    def add_events(self, events) -> None:
        for ev in events:
            if isinstance(ev, BatchEnd):
                self._add_batch(ev)
            elif isinstance(ev, EpochEnd):
                self.add_epoch(epoch_x(self.offset + ev.epoch, ev.batches_done, ev.batches), ev.train_loss,
                               ev.val_loss, ev.metrics.get(self.metric), ev.lr, ev.best)
        self._schedule()

    def _add_batch(self, ev: BatchEnd) -> None:
        k = len(ev.losses)
        first = ev.batch - k + 1  # the losses are batches first..batch of this epoch
        xs = self.offset + ev.epoch - 1 + (np.arange(first, ev.batch + 1) / ev.batches)
        ys = np.asarray(ev.losses, dtype=float)
        self.buffers["batch"].extend(xs, ys)
        mean, count, beta = self._ema
        smooth = np.empty(k)
        for i, value in enumerate(ev.losses):
            if math.isfinite(value):
                mean, count = beta * mean + (1 - beta) * value, count + 1
            smooth[i] = mean / (1 - beta ** count) if count else math.nan
        self._ema = (mean, count, beta)
        self.buffers["smooth"].extend(xs, smooth)

    def add_epoch(self, x: float, train: float, val, metric, lr: float, best: bool = False) -> None:
        nan = math.nan
        self.buffers["train"].extend((x,), (train,))
        self.buffers["val"].extend((x,), (nan if val is None else val,))
        self.buffers["metric"].extend((x,), (nan if metric is None else metric,))
        self.buffers["lr"].extend((x,), (lr,))
        if best:
            self._best = (x, train if val is None else val)

    def show_history(self, history: list[dict], metric: str) -> None:
        """Draw a finished model's epochs (from bundle.history) as the current run."""
        for row in history:
            self.add_epoch(epoch_x(row["epoch"], row.get("batches_done", 0), row.get("batches", 0)),
                           row["train_loss"], row.get("val_loss"), row.get(metric), row.get("lr", math.nan))
        self._schedule()

    def series(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        buf = self.buffers[name]
        return buf.x.copy(), buf.y.copy()

    def set_log_y(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        # The old range is in the other scale: a tiny one is refitted to the data at the next draw.
        # With no data yet, an axis from 0 to 1 (10^-1 to 10 on a log scale), not one to 1e-12.
        empty = self._loss_bounds() is None
        self.loss_plot.vb.setYRange(*(((-1, 1) if on else (0, 1)) if empty else (0, 1e-12)), padding=0)
        self._dirty = True
        self._draw()

    # --- drawing ----------------------------------------------------------------------------------------
    def _schedule(self) -> None:
        self._dirty = True
        if not self.timer.isActive():
            self.timer.start()

    def _redraw(self) -> None:
        if not self._dirty:
            self.timer.stop()  # nothing new: no wake-ups while idle
            return
        t0 = time.perf_counter()
        self._draw()
        # The cost of a frame is this update plus the paint it caused last time; slow frames
        # (big plots, a slow machine) come less often, so the window keeps answering.
        frame_ms = (time.perf_counter() - t0) * 1000 + self.view.paint_ms
        self.timer.setInterval(int(min(MAX_REDRAW_MS, max(REDRAW_MS, FRAME_SHARE * frame_ms))))

    def _draw(self) -> None:
        self._dirty = False
        n = self.buffers["train"].n
        look = (n <= SYMBOLS_UP_TO, n <= WIDE_UP_TO)
        for name, curve in self.curves.items():
            buf = self.buffers[name]
            if look != self._look and name in EPOCH_COLORS:
                color = EPOCH_COLORS[name]
                curve.setPen(_pen(color, 2.2 if look[1] else 1))
                curve.setSymbol("o" if look[0] else None)
            elif self._drawn.get(name) == buf.version:
                continue
            self._drawn[name] = buf.version
            curve.setData(buf.x, buf.y)
            if name == "lr":
                lr = buf.y
                top = float(np.nanmax(lr)) if np.isfinite(lr).any() else 0.0
                self.lr_plot.setYRange(0, top * 1.15 if top > 0 else 1, padding=0)
        if look != self._look or (self.buffers["train"].n and not self._legend_fresh):
            # The legend draws a sample's symbol from the curve's scatter, which has its colours only
            # once it holds points: repaint the samples then.
            self._legend_fresh = self.buffers["train"].n > 0
            for sample, _label in self.legend.items:
                sample.update()
        self._look = look
        if self.follow:
            self._fit_loss_range()
        if self._best is not None:
            x, y = self._best
            self.best_line.setValue(x)
            self.best_point.setData([x], [y])
            self.best_line.show()
            self._set_best_label(self.tr("best epoch (%d)") % round(x))

    def _loss_bounds(self):
        """(x min, x max, …) of the loss curves shown, earlier runs' included; None while there are none."""
        return union([self.buffers[n].bounds() for n in ("smooth", "train", "val")] + self._ghost_bounds)

    def _fit_loss_range(self) -> None:
        """x: from the first point to the end of the current epoch (it moves once an epoch);
        y: the smoothed and epoch losses (raw batch spikes may leave the top), with hysteresis."""
        data = self._loss_bounds()
        if data is None:
            return
        vb = self.loss_plot.vb
        (x0, x1), current_y = vb.viewRange()
        last = max(data[1], self.offset + 1e-9)
        x_lo, x_hi = min(data[0], self.offset), max(math.ceil(last - 1e-9), data[1])
        pad = 0.02 * (x_hi - x_lo or 1)
        changes = {}
        if (x0, x1) != (x_lo - pad, x_hi + pad):
            changes["xRange"] = (x_lo - pad, x_hi + pad)
        extent = y_view(data[2], data[3], data[4], self.loss_plot.ctrl.logYCheck.isChecked())
        if extent is not None:
            y_range = next_y_range(tuple(current_y), *extent)
            if y_range is not None:
                changes["yRange"] = y_range
        if changes:
            vb.setRange(padding=0, **changes)

    def _stop_following(self, *_args) -> None:
        self.follow = False

    def _follow_again(self) -> None:
        self.follow = True
        self.loss_plot.vb.disableAutoRange()
        self._fit_loss_range()

    def _set_best_label(self, text: str) -> None:
        label = self.legend.getLabel(self.best_point)
        if label is not None and label.text != text:
            label.setText(text)
            self.legend.updateSize()

    # --- hover --------------------------------------------------------------------------------------
    def _on_mouse(self, pos) -> None:
        for plot in (self.loss_plot, self.metric_plot, self.lr_plot):
            if plot.sceneBoundingRect().contains(pos):
                self.hover_at(plot.vb.mapSceneToView(pos).x())
                return

    def hover_at(self, x: float) -> str:
        """Show the values at the epoch nearest ``x``; returns the text (also sent as ``hovered``)."""
        epochs = self.buffers["train"].x
        if not len(epochs):
            return ""
        i = int(np.argmin(np.abs(epochs - x)))
        for line in self.cursors:
            line.setValue(epochs[i])
            line.show()
        text = self.describe(i)
        self.hovered.emit(text)
        return text

    def describe(self, i: int) -> str:
        b = self.buffers
        parts = [self.tr("Epoch %d") % round(b["train"].x[i]), self.tr("training loss %s") % _num(b["train"].y[i])]
        if math.isfinite(b["val"].y[i]):
            parts.append(self.tr("validation loss %s") % _num(b["val"].y[i]))
        if math.isfinite(b["metric"].y[i]):
            parts.append(f"{self.metric_plot.getAxis('left').labelText} {_num(b['metric'].y[i])}")
        parts.append(self.tr("learning rate %s") % _num(b["lr"].y[i]))
        return " · ".join(parts)



def _num(value: float) -> str:
    return f"{value:.4g}"
