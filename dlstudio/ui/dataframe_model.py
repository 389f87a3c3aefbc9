"""A read-only table model over a DataFrame that hands rows to the view in chunks.

Nothing is computed per row up front: ``rowCount`` starts at one chunk and grows through
``canFetchMore``/``fetchMore`` as the view scrolls, and ``data`` reads single cells on demand, so a
million-row file shows at once with no widget (and no string) per cell. Missing cells are marked
(grey italic dash on a tinted background) so a person sees the gaps before choosing what to do.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

CHUNK = 500  # rows handed to the view per fetch
MISSING_TEXT = "—"
MISSING_BACKGROUND = QColor("#fdf1dc")
MISSING_FOREGROUND = QColor("#9a8f80")
# Roles and alignments looked up once: PySide6 resolves ``Qt.DisplayRole`` on every access (~10 µs),
# and data() runs for every role of every visible cell.
DISPLAY, TOOLTIP, ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole
BACKGROUND, FOREGROUND, FONT = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole
_ROLES = frozenset((DISPLAY, TOOLTIP, ALIGN, BACKGROUND, FOREGROUND, FONT))
_NUMBER = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TEXT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
HORIZONTAL = Qt.Orientation.Horizontal
WHOLE_SAMPLE = 10_000  # a decimal column's first values that tell whether it holds whole numbers


np = pd = None  # numpy and pandas load with the first frame, not at start-up (≈0.7 s of imports)


def _load_libs() -> None:
    global np, pd
    if pd is None:
        import numpy
        import pandas
        np, pd = numpy, pandas


def format_value(value, whole: bool = False) -> str:
    """A cell as text: floats to the digits their type holds (float32: 7, float64: 12), 3.0 not 3 unless
    the column holds ``whole`` numbers (years with a gap, which pandas reads as decimals: 2010 as written)."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        text = f"{float(value):.7g}" if isinstance(value, np.float32) else f"{float(value):.12g}"
        return text + ".0" if not whole and text.lstrip("-").isdigit() else text  # 3.0 stays a float, as pandas shows it
    return str(value)


def holds_whole_numbers(values) -> bool:
    """Whether a decimal column's first numbers (up to WHOLE_SAMPLE) are all whole, and there is one."""
    sample = values[:WHOLE_SAMPLE]
    sample = sample[np.isfinite(sample)]
    return bool(len(sample)) and bool(np.all(sample == np.round(sample)))


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and math.isnan(value)


class DataFrameModel(QAbstractTableModel):
    def __init__(self, frame: "pd.DataFrame | None" = None, parent=None, chunk: int = CHUNK):
        super().__init__(parent)
        self._chunk = chunk
        self._italic = QFont()
        self._italic.setItalic(True)
        self._adopt(frame)

    # --- the frame ------------------------------------------------------------------------------------
    def _adopt(self, frame) -> None:
        self._frame = frame
        if frame is not None:
            _load_libs()
        self._rows, self._ncols = frame.shape if frame is not None else (0, 0)
        self._shown = min(self._chunk, self._rows)
        # dtype only, O(columns): decides the alignment without looking at any value
        self._numeric = [dtype.kind in "iufb" for dtype in frame.dtypes] if frame is not None else []
        self._columns: list = [None] * self._ncols
        self._whole = [False] * self._ncols  # (known once a column's values are fetched)

    @property
    def frame(self) -> "pd.DataFrame":
        if self._frame is None:
            _load_libs()
            return pd.DataFrame()
        return self._frame

    def set_frame(self, frame: "pd.DataFrame | None") -> None:
        self.beginResetModel()
        self._adopt(frame)
        self.endResetModel()

    def total_rows(self) -> int:
        return self._rows

    def _column(self, col: int):
        """The column's values, fetched once: numbers as a numpy view (no copy), others as pandas' array."""
        values = self._columns[col]
        if values is None:
            series = self._frame.iloc[:, col]
            values = series.to_numpy(copy=False) if self._numeric[col] and series.dtype.kind in "iuf" else series.array
            self._whole[col] = series.dtype.kind == "f" and holds_whole_numbers(values)
            self._columns[col] = values
        return values

    # --- lazy rows --------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._ncols

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < self._rows

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        more = min(self._chunk, self._rows - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    # --- cells ----------------------------------------------------------------------------------------
    def data(self, index: QModelIndex, role=DISPLAY):
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        value = self._column(col)[row]
        missing = is_missing(value)
        if role == DISPLAY:
            return MISSING_TEXT if missing else format_value(value, self._whole[col])
        if role == TOOLTIP:
            return self.tr("Missing value") if missing else None
        if role == ALIGN:
            return _CENTER if missing else (_NUMBER if self._numeric[col] else _TEXT)
        if not missing:
            return None
        if role == BACKGROUND:
            return MISSING_BACKGROUND
        if role == FOREGROUND:
            return MISSING_FOREGROUND
        return self._italic  # FontRole

    def texts(self, col: int, rows: int) -> list[str]:
        """The shown text of the column's first ``rows`` cells, as ``data`` gives it, without a model
        index and a call per cell (fitting widths to them took 30 ms of the window's thread a file)."""
        values = self._column(col)[:min(rows, self._rows)]
        whole = self._whole[col]
        return [MISSING_TEXT if is_missing(v) else format_value(v, whole) for v in values]

    def headerData(self, section: int, orientation, role=DISPLAY):
        if role not in (DISPLAY, TOOLTIP) or (role == TOOLTIP and orientation != HORIZONTAL):
            return None
        if orientation == HORIZONTAL:  # (the tooltip: the whole name of a column its header shortens)
            return str(self._frame.columns[section]) if section < self._ncols else None
        return str(section + 1)  # data rows counted from 1, as the core's messages count them
