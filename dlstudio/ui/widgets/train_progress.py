"""Where the run is: epoch and batch, samples per second, elapsed and remaining time."""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ...core.events import BatchEnd, EpochEnd, TrainEnd
from .. import look

STEPS = 1000  # resolution of the bar
TEXT_INTERVAL = 0.25  # seconds


def clock(seconds: float) -> str:
    if seconds < 10:
        return f"{max(0.0, seconds):.{2 if seconds < 1 else 1}f} s"
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def rate(samples_per_s: float) -> str:
    """At most 9 characters, the width the label keeps: a few rows an epoch in microseconds gave
    '480,000,000 samples/s', and the label widened the window past a laptop's screen."""
    return f"{samples_per_s:,.0f}" if samples_per_s < 1e7 else f"{samples_per_s / 1e6:,.0f} M"


class TrainProgress(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setValue(0)
        self.bar.setTextVisible(True)
        self.bar.setMinimumWidth(320)
        self.speed = QLabel()
        self.elapsed = QLabel()
        self.remaining = QLabel()
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._show_latest)
        for label in (self.speed, self.elapsed, self.remaining):
            look.hint(label)
        # Fixed widths: a changing number never re-lays out the panel.
        self.speed.setMinimumWidth(self.speed.fontMetrics().horizontalAdvance("0,000,000 samples/s") + 4)
        self.elapsed.setMinimumWidth(self.elapsed.fontMetrics().horizontalAdvance("elapsed 00:00:00") + 4)
        self.remaining.setMinimumWidth(self.remaining.fontMetrics().horizontalAdvance("about 00:00:00 left") + 4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        for label in (self.speed, self.elapsed, self.remaining):
            layout.addSpacing(10)
            layout.addWidget(label)
        self.reset()

    def reset(self, epochs: int = 0, batches: int = 0, offset: int = 0) -> None:
        """A new run of ``epochs`` epochs of ``batches`` batches, numbered after ``offset``."""
        self.epochs, self.batches, self.offset = max(1, epochs), max(1, batches), offset
        self._shown = 0.0
        self._latest = None
        self._status = None
        self._later.stop()
        self.bar.setValue(0)
        self.bar.setFormat(self.tr("Ready") if not epochs else self.tr("Preparing the data…"))
        self.speed.setText("")
        self.elapsed.setText("")
        self.remaining.setText("")

    def update_batch(self, ev: BatchEnd) -> None:
        # Text at most 4 times a second: each new text repaints the row. The latest event is shown
        # when the interval is up, so a pause never leaves an old one on screen.
        self._latest = ev
        if not self._later.isActive():
            self._later.start(max(0, int(1000 * (self._shown + TEXT_INTERVAL - time.monotonic()))))

    def _show_latest(self) -> None:
        ev, self._latest = self._latest, None
        if ev is None:
            return
        self._shown = time.monotonic()
        done = (ev.epoch - 1) * self.batches + ev.batch
        total = self.epochs * self.batches
        self.bar.setValue(int(STEPS * done / total))
        self.bar.setFormat(self._status or self.tr("Epoch %d of %d · batch %d of %d") % (
            self.offset + ev.epoch, self.offset + self.epochs, ev.batch, ev.batches))
        self.speed.setText(self.tr("%s samples/s") % rate(ev.samples_per_s))
        self.elapsed.setText(self.tr("elapsed %s") % clock(ev.elapsed))
        if ev.step and ev.elapsed > 0:
            left = (total - done) * ev.elapsed / ev.step
            self.remaining.setText(self.tr("about %s left") % clock(left))

    def update_epoch(self, ev: EpochEnd) -> None:
        self.bar.setValue(int(STEPS * ev.epoch / self.epochs))
        self.speed.setText(self.tr("%s samples/s") % rate(ev.samples_per_s))

    def finish(self, end: TrainEnd, headline: str) -> None:
        self._later.stop()
        self._latest = self._status = None
        if end.reason == "completed":
            self.bar.setValue(STEPS)
        self.bar.setFormat(headline)
        self.elapsed.setText(self.tr("took %s") % clock(end.seconds))
        self.remaining.setText("")

    def set_status(self, text: str | None) -> None:
        """A state (Paused, Stopping…, Failed) shown on the bar instead of the epoch; None clears it."""
        self._status = text
        if text:
            self.bar.setFormat(text)
