"""Where the run is: epoch and batch, samples per second, elapsed and remaining time."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ...core.events import BatchEnd, EpochEnd, TrainEnd

STEPS = 1000  # resolution of the bar


def clock(seconds: float) -> str:
    if seconds < 10:
        return f"{max(0.0, seconds):.{2 if seconds < 1 else 1}f} s"
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


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
        for label in (self.speed, self.elapsed, self.remaining):
            label.setProperty("hint", True)
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
        self.bar.setValue(0)
        self.bar.setFormat(self.tr("Ready") if not epochs else self.tr("Preparing the data…"))
        self.speed.setText("")
        self.elapsed.setText("")
        self.remaining.setText("")

    def update_batch(self, ev: BatchEnd) -> None:
        done = (ev.epoch - 1) * self.batches + ev.batch
        total = self.epochs * self.batches
        self.bar.setValue(int(STEPS * done / total))
        self.bar.setFormat(self.tr("Epoch %d of %d · batch %d of %d") % (
            self.offset + ev.epoch, self.offset + self.epochs, ev.batch, ev.batches))
        self.speed.setText(self.tr("%s samples/s") % f"{ev.samples_per_s:,.0f}")
        self.elapsed.setText(self.tr("elapsed %s") % clock(ev.elapsed))
        if ev.step and ev.elapsed > 0:
            left = (total - done) * ev.elapsed / ev.step
            self.remaining.setText(self.tr("about %s left") % clock(left))

    def update_epoch(self, ev: EpochEnd) -> None:
        self.bar.setValue(int(STEPS * ev.epoch / self.epochs))
        self.speed.setText(self.tr("%s samples/s") % f"{ev.samples_per_s:,.0f}")

    def finish(self, end: TrainEnd, headline: str) -> None:
        if end.reason == "completed":
            self.bar.setValue(STEPS)
        self.bar.setFormat(headline)
        self.elapsed.setText(self.tr("took %s") % clock(end.seconds))
        self.remaining.setText("")

    def set_text(self, text: str) -> None:
        self.bar.setFormat(text)
