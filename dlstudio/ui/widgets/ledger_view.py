"""The shape ledger as a table: the input, then every layer's output shape and parameter count,
the total, and a summary that says whether the output fits the labels and the loss.

It draws a core ``Ledger`` (pure arithmetic, no torch); a problem is shown on the row that causes
it, in the core's plain words with the fix.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ...core.ledger import Ledger

_STYLE = """
#ledgerRows { background: palette(base); }
QFrame[tone="head"] { border-bottom: 1px solid #cbd5e0; }
QFrame[tone="head"] QLabel { font-weight: 600; color: #4a5568; }
QFrame[tone="input"] { background: #f0f5fb; }
QFrame[tone="input"] QLabel { color: #2c5282; }
QFrame[tone="odd"] { background: #f7fafc; }
QFrame[tone="bad"] { background: #fde8e8; border-left: 3px solid #e53e3e; }
QFrame[tone="bad"] QLabel { color: #9b2c2c; }
QFrame[tone="total"] { border-top: 1px solid #cbd5e0; }
QFrame[tone="total"] QLabel { font-weight: 600; }
"""
COLUMN_WIDTHS = (30, 0, 112, 84)  # #, layer (stretches), output shape, parameters
_SUMMARY = {
    True: "background:#e6f6ec; border:1px solid #38a169; color:#22543d; border-radius:4px; padding:6px 8px;",
    False: "background:#fde8e8; border:1px solid #e53e3e; color:#742a2a; border-radius:4px; padding:6px 8px;",
    None: "background:#edf2f7; border:1px solid #a0aec0; color:#4a5568; border-radius:4px; padding:6px 8px;",
}


@dataclass(frozen=True)
class ShownRow:
    """What one table row shows, for tests and for copying: layer, shape, parameters, problem."""
    layer: str
    shape: str
    params: str
    problem: str = ""
    locked: str = ""


def layer_title(layer: str, width_in: int, width_out: int) -> str:
    return f"Linear  {width_in} → {width_out}" if layer.startswith("Linear") else layer


class LedgerView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.shown: list[ShownRow] = []
        self.ledger: Ledger | None = None
        self.hint_text = ""
        self._drawn = None  # what the rows show now: redrawing the same rows cost ~20 ms for nothing
        self._frames: list[tuple[QFrame, list[QLabel], QLabel]] = []  # the table's rows, drawn into again
        self._used = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        host = QWidget()
        host.setObjectName("ledgerRows")
        host.setStyleSheet(_STYLE)
        self.rows_layout = QVBoxLayout(host)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(host)
        self.scroll.setFrameShape(QFrame.StyledPanel)
        layout.addWidget(self.scroll, 1)
        self.summary = QLabel()
        self.summary.setObjectName("ledgerSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.summary)

    # --- what tests and the panel read ---------------------------------------------------------------
    def summary_text(self) -> str:
        return self.summary.text()

    def problem_rows(self) -> list[int]:
        """Indexes (into the layer stack) of the rows that show a problem."""
        return [i for i, row in enumerate(self.shown[1:-1]) if row.problem]

    # --- drawing ------------------------------------------------------------------------------------
    def _clear(self) -> None:
        self._frames, self._used = [], 0
        while self.rows_layout.count():
            item = self.rows_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # deleteLater alone leaves it painted until the event loop runs
                item.widget().deleteLater()

    def _begin(self) -> None:
        """Rows are drawn again into the frames already there (a stack of 120 layers took 0.3 s an
        edit to build them anew); ``_end`` drops those left over."""
        if self.ledger is None or not self._frames:
            self._clear()
        self._used = 0

    def _end(self) -> None:
        for frame, _, _ in self._frames[self._used:]:
            self.rows_layout.removeWidget(frame)
            frame.hide()
            frame.deleteLater()
        del self._frames[self._used:]
        last = self.rows_layout.itemAt(self.rows_layout.count() - 1)
        if last is None or last.spacerItem() is None:
            self.rows_layout.addStretch(1)  # spare height goes below the total

    def _row(self, cells, tone: str = "", problem: str = "", tips=("", "", "", "")) -> QFrame:
        """One table row: a frame (so a tint covers it whole) with fixed columns and an optional note."""
        if self._used < len(self._frames):
            frame, labels, note = self._frames[self._used]
        else:
            frame, labels, note = self._new_row()
            self.rows_layout.insertWidget(self._used, frame)
            self._frames.append((frame, labels, note))
            frame.show()  # a layout shows new children only on the next event-loop turn: no blank flash
        self._used += 1
        if frame.property("tone") != tone:
            frame.setProperty("tone", tone)
            for widget in (frame, *labels, note):  # (the style sheet picks the tint by this property)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        for label, text, tip in zip(labels, cells, tips):
            if label.text() != text:
                label.setText(text)
            if label.toolTip() != tip:
                label.setToolTip(tip)
        note.setText("⚠ " + problem if problem else "")
        note.setVisible(bool(problem))
        return frame

    def _new_row(self) -> tuple[QFrame, list[QLabel], QLabel]:
        frame = QFrame()
        frame.setProperty("tone", None)
        frame.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)  # spare height goes below the total
        outer = QVBoxLayout(frame)
        outer.setContentsMargins(6, 4, 8, 4)
        outer.setSpacing(2)
        line = QHBoxLayout()
        line.setSpacing(8)
        outer.addLayout(line)
        labels = []
        for col, width in enumerate(COLUMN_WIDTHS):
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            if width:
                label.setFixedWidth(width)
            label.setAlignment((Qt.AlignRight if col in (0, 3) else Qt.AlignLeft) | Qt.AlignVCenter)
            line.addWidget(label, 0 if width else 1)
            labels.append(label)
        note = QLabel()
        note.setObjectName("ledgerProblem")
        note.setWordWrap(True)
        note.setContentsMargins(COLUMN_WIDTHS[0] + 8, 0, 0, 2)
        note.hide()
        outer.addWidget(note)
        return frame, labels, note

    def show_hint(self, text: str) -> None:
        """No ledger can be computed yet (no data, no label): say what to do instead."""
        if self._drawn == ("hint", text):
            return
        self._drawn = ("hint", text)
        self.ledger, self.shown, self.hint_text = None, [], text
        self._clear()
        hint = QLabel(text)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#718096; padding:16px;")
        self.rows_layout.addWidget(hint)
        hint.show()
        self.rows_layout.addStretch(1)
        self.summary.setText(self.tr("Shapes appear here once the data is known."))
        self.summary.setStyleSheet(_SUMMARY[None])

    def set_ledger(self, ledger: Ledger, *, label_shape: str, loss_name: str) -> None:
        # The state says "changed" for more than the ledger depends on (a new model at the end of a run).
        if self._drawn == (ledger, label_shape, loss_name):
            return
        self._drawn = (ledger, label_shape, loss_name)
        self._begin()
        self.ledger, self.hint_text = ledger, ""
        self._row((self.tr("#"), self.tr("Layer"), self.tr("Output shape"), self.tr("Parameters")), "head")
        shown = [ShownRow(self.tr("Input X"), f"(batch, {ledger.in_features})", "")]
        self._row(("", shown[0].layer, shown[0].shape, ""), "input")
        for row in ledger.rows:
            tone = "bad" if row.problem else ("odd" if row.index % 2 else "")
            title = layer_title(row.layer, row.in_features, row.out_features)
            shape = row.shape + (self.tr("  auto") if row.locked_reason else "")
            self._row((str(row.index + 1), title, shape, f"{row.params:,}"), tone, row.problem,
                      ("", row.layer, row.locked_reason, ""))
            shown.append(ShownRow(title, row.shape, f"{row.params:,}", row.problem, row.locked_reason))
        total = f"{ledger.total_params:,}"
        self._row(("", self.tr("Total"), self.tr("%d layers") % len(ledger.rows), total), "total")
        self._end()
        shown.append(ShownRow(self.tr("Total"), "", total))
        self.shown = shown
        if ledger.ok:
            self.summary.setText("✓ " + self.tr("Output %s matches labels %s for %s") % (
                f"(batch, {ledger.final_features})", label_shape, loss_name))
        else:
            bad = [str(r.index + 1) for r in ledger.rows if r.problem]
            if bad and ledger.final_features != ledger.out_features:
                # the words and the fix are on the red row; here, what is at stake and where to look
                self.summary.setText("✗ " + self.tr("Output %s does not fit labels %s for %s: fix row %s.") % (
                    f"(batch, {ledger.final_features})", label_shape, loss_name, ", ".join(bad)))
            else:
                self.summary.setText("✗ " + "\n".join(ledger.problems))
        self.summary.setStyleSheet(_SUMMARY[ledger.ok])
