"""Step 1, Data: open a CSV, see its rows and columns, choose roles and preparation, read the shapes.

Two pages: before data, a drop zone with sample data sets; with data, the preview table (lazy model),
the column table with a role per column, the preparation and task choices and the live shape
read-out. Everything shown is read from ``state``; every choice goes back through its setters.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from ...core.sniff import CHOICES
from ...core.sniff import NAMES as ENCODING_NAMES

from .. import look
from ..core_words import translated
from ..dataframe_model import DataFrameModel
from ..turns import in_a_later_turn
from ..widgets.data_columns import ColumnsModel, ColumnsView
from ..widgets.data_empty import EmptyDataPage
from ..widgets.data_options import PreparationBox
from ..widgets.data_task import ShapeBox, TaskBox
from ..widgets.elided_label import ElidedLabel
from ..widgets.wheel_guard import guard_wheel
from .step_page import StepPage

EMPTY, LOADED = range(2)
ROW_HEIGHT = 28  # the column table's rows (a role combo each)
FIT_ROWS = 40  # rows a preview column's width is fitted to
FIT_PADDING = 14  # px around a cell's text: Qt's margins


class DataPanel(StepPage):
    openRequested = Signal()
    sampleRequested = Signal(str)
    encodingChosen = Signal(str)  # read the file again in this encoding (one of sniff.CHOICES)
    goToStep = Signal(int)

    def __init__(self, state, window=None):
        super().__init__()
        self.setObjectName("dataPanel")
        self.state, self.window_ = state, window
        self._previewing = False
        self._fitted_columns: list | None = None  # the columns the preview's widths were fitted to
        settings = getattr(window, "settings", None)
        self.pages = QStackedWidget()
        recent = settings.recent_files() if settings is not None else []
        self.empty_page = EmptyDataPage(recent)
        self.empty_page.openRequested.connect(self.openRequested)
        self.empty_page.pathRequested.connect(self.sampleRequested)
        self.empty_page.pathsDropped.connect(self._open_dropped)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self._build_loaded_page())
        QVBoxLayout(self).addWidget(self.pages)
        self.layout().setContentsMargins(0, 0, 0, 0)
        state.tableChanged.connect(self._show_state)
        for sig in (state.dataConfigChanged, state.taskChanged):
            sig.connect(self._config_changed)
        state.runningChanged.connect(self._set_running)
        loader = getattr(window, "loader", None)
        if loader is not None:
            loader.busyChanged.connect(self._loader_busy)
        self._show_state()
        self._set_running(state.running)

    # --- construction -----------------------------------------------------------------------------------
    def _build_loaded_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("loadedDataPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 0, 4, 4)
        header = QHBoxLayout()
        self.title = ElidedLabel(Qt.ElideMiddle)  # (a long file name keeps its start and its .csv)
        self.title.setObjectName("dataTitle")
        self.title.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.info = QLabel()
        self.info.setStyleSheet("color: #5a6b7d;")
        self.open_other = QPushButton(self.tr("Open another CSV…"))
        self.open_other.clicked.connect(self.openRequested)
        self.encoding_box = QComboBox()
        self.encoding_box.setObjectName("encodingBox")
        self.encoding_box.setToolTip(self.tr("The file's text encoding, as detected. If its text looks wrong, "
                                             "choose the encoding it was saved in: the file is read again."))
        for code in CHOICES:
            self.encoding_box.addItem(ENCODING_NAMES[code], code)
        self.encoding_box.activated.connect(self._encoding_activated)
        guard_wheel(self.encoding_box)  # a stray scroll must not read the file again
        header.addWidget(self.title)
        header.addSpacing(10)
        header.addWidget(self.info, 1)
        encoding_label = QLabel(self.tr("Encoding:"))
        encoding_label.setBuddy(self.encoding_box)
        header.addWidget(encoding_label)
        header.addWidget(self.encoding_box)
        header.addWidget(self.open_other)
        layout.addLayout(header)
        self.notices = QLabel()
        self.notices.setObjectName("dataNotices")
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet("background:#ebf8ff; border:1px solid #90cdf4; border-radius:4px;"
                                   "padding:4px 8px; color:#2a4365;")
        layout.addWidget(self.notices)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.setObjectName("dataSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_preview())
        self.splitter.addWidget(self._build_columns())
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        layout.addWidget(self.splitter, 1)
        strip = QHBoxLayout()
        self.preparation = PreparationBox(self.state)
        self.task_box = TaskBox(self.state)
        self.shape_box = ShapeBox(self.state)
        self.next_button = QPushButton(self.tr("Next: build the model →"))
        self.next_button.setObjectName("nextButton")
        look.primary(self.next_button)
        self.next_button.setMinimumHeight(32)
        self.next_button.setAutoDefault(True)  # Return presses it once Tab reaches it, as on the Model step
        self.next_button.clicked.connect(lambda: self.goToStep.emit(1))
        self.shape_box.layout_.addWidget(self.next_button, 0, Qt.AlignRight)
        strip.addWidget(self.preparation, 4)
        strip.addWidget(self.task_box, 4)
        strip.addWidget(self.shape_box, 5)
        layout.addLayout(strip)
        return page

    def _build_preview(self) -> QWidget:
        box = look.Section(self.tr("Rows"))
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 4)
        self.preview_model = DataFrameModel(parent=self)
        self.preview_view = QTableView()
        self.preview_view.setObjectName("previewView")
        self.preview_view.setModel(self.preview_model)
        self._after_preview_paint = None  # called once the preview has painted (the full read's go-ahead)
        self.preview_view.viewport().installEventFilter(self)
        self.preview_view.setAlternatingRowColors(True)
        self.preview_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.preview_view.setTabKeyNavigation(False)  # Tab leaves the table: its cells are to read, not to visit
        self.preview_view.setWordWrap(False)
        self.preview_view.verticalHeader().setDefaultSectionSize(24)
        self.preview_view.horizontalHeader().setResizeContentsPrecision(40)  # a divider's double-click: sample rows
        self.preview_view.horizontalHeader().setTextElideMode(Qt.ElideRight)  # a long name: 'annual_inc…', whole in its tooltip
        self.preview_rows = QLabel()
        self.preview_rows.setObjectName("previewRows")
        self.preview_rows.setStyleSheet("color: #5a6b7d;")
        for sig in (self.preview_model.rowsInserted, self.preview_model.modelReset):
            sig.connect(self._update_row_count)
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.preview_rows)
        return box

    def _build_columns(self) -> QWidget:
        box = look.Section(self.tr("Columns and roles"))
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.columns_model = ColumnsModel(self.state, self)
        self.all_features = QPushButton(self.tr("All features"))
        self.all_features.setToolTip(self.tr("Use every usable column except the label as an input"))
        self.all_features.clicked.connect(self.columns_model.select_all_features)
        self.no_features = QPushButton(self.tr("No features"))
        self.no_features.setToolTip(self.tr("Clear the inputs, then pick the few you want"))
        self.no_features.clicked.connect(self.columns_model.select_no_features)
        self.several_labels = QCheckBox(self.tr("Several labels (multi-output regression)"))
        self.several_labels.setToolTip(self.tr("Allow more than one numeric label column; the network then "
                                               "predicts them all at once"))
        self.several_labels.toggled.connect(self.columns_model.set_several_labels)
        self.roles_summary = QLabel()
        self.roles_summary.setStyleSheet("color: #5a6b7d;")
        for w in (self.all_features, self.no_features, self.several_labels):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.roles_summary)
        layout.addLayout(bar)
        self.columns_view = ColumnsView(self.columns_model)
        layout.addWidget(self.columns_view, 1)
        return box

    # --- showing the state ------------------------------------------------------------------------------
    def _show_state(self) -> None:
        """Whatever is loaded now (or the empty page): after a load, a failed load, or a rebuild."""
        self._previewing = False
        table = self.state.table
        if table is None:
            self.preview_model.set_frame(None)
            self.columns_model.reload()
            self.pages.setCurrentIndex(EMPTY)
            return
        self.preview_model.set_frame(table.frame)
        self.columns_model.reload()
        if len(self.state.data_config.labels) > 1 and not self.several_labels.isChecked():
            self.several_labels.blockSignals(True)  # a restored multi-output config keeps its labels
            self.several_labels.setChecked(True)
            self.several_labels.blockSignals(False)
            self.columns_model.several_labels = True
        if self._fitted_columns != list(table.frame.columns):  # (the preview's widths stay: no jump)
            self._fit_preview_columns()
        self._fit_splitter()
        rows, cols = table.frame.shape
        self.title.setText(table.name)
        delimiter = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"),
                     "|": self.tr("pipe")}.get(table.delimiter, repr(table.delimiter))
        self.info.setText(self.tr("%s rows × %d columns · %s-separated") % (f"{rows:,}", cols, delimiter))
        self._show_encoding(table.encoding)
        # (escaped: a column named '<b>' is text, not markup)
        self.notices.setText("<br>".join(html.escape(translated(notice)) for notice in table.notices))
        self.notices.setVisible(bool(table.notices))
        self._set_choices_enabled(not self.state.running)
        self._config_changed()
        self.pages.setCurrentIndex(LOADED)

    def when_preview_drawn(self, callback) -> None:
        """``callback`` in the event-loop turn after the preview's next paint (a later turn alone came
        before the paint on a busy machine, and the full read started before the rows were drawn)."""
        self._after_preview_paint = callback
        self.preview_view.viewport().update()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if self._after_preview_paint is not None and event.type() == QEvent.Paint and \
                watched is self.preview_view.viewport():
            callback, self._after_preview_paint = self._after_preview_paint, None
            in_a_later_turn(self, callback)  # (the paint runs first: this filter only lets it through)
        return super().eventFilter(watched, event)

    def show_preview(self, table) -> None:
        """The first rows of a file still loading (or ``None``: back to what is loaded)."""
        if table is None:
            self._show_state()
            return
        self._previewing = True
        self.preview_model.set_frame(table.frame)
        self.roles_summary.setText(self.tr("Columns are profiled once the whole file is read…"))
        self._fit_preview_columns()
        self.columns_model.reload() if self.state.table is None else None
        self._fit_splitter()
        self.title.setText(table.name)
        self.info.setText(self.tr("loading… the first %d rows are shown meanwhile") % len(table.frame))
        self.notices.hide()
        self._set_choices_enabled(False)
        self.pages.setCurrentIndex(LOADED)

    def _fit_preview_columns(self) -> None:
        """Each column as wide as its header and first rows' text, within 64–260 px. Measured here from
        the shown text: Qt's resizeColumnsToContents asks the model for every role of every cell it
        samples (~60 ms for 20 columns, on the window's thread while a file arrives)."""
        model, header = self.preview_model, self.preview_view.horizontalHeader()
        self._fitted_columns = list(model.frame.columns)
        cells, titles = self.preview_view.fontMetrics(), header.fontMetrics()
        for col in range(model.columnCount()):
            texts = model.texts(col, FIT_ROWS)
            width = max([cells.horizontalAdvance(t) for t in texts] +
                        [titles.horizontalAdvance(model.headerData(col, Qt.Horizontal) or "")])
            header.resizeSection(col, min(max(width + FIT_PADDING, 64), 260))

    def _fit_splitter(self) -> None:
        """The column table as tall as its rows need, up to 55 %; the rows preview gets the rest."""
        total = sum(self.splitter.sizes()) or 560
        wanted = 110 + ROW_HEIGHT * len(self.state.profiles)
        columns = min(max(wanted, 180), int(total * 0.55))
        self.splitter.setSizes([total - columns, columns])

    def _update_row_count(self) -> None:
        shown, total = self.preview_model.rowCount(), self.preview_model.total_rows()
        if self._previewing:
            self.preview_rows.setText(self.tr("The first %d rows, shown while the whole file is read.") % total)
        elif shown < total:
            self.preview_rows.setText(self.tr("Showing the first %s of %s rows; scroll down for more.")
                                      % (f"{shown:,}", f"{total:,}"))
        else:
            self.preview_rows.setText(self.tr("All %s rows shown.") % f"{total:,}")

    def _config_changed(self) -> None:
        if self.state.table is None:
            return
        self.columns_model.refresh()
        cfg = self.state.data_config
        ignored = len(self.state.profiles) - len(cfg.features) - len(cfg.labels)
        self.roles_summary.setText(self.tr("%d features · %d label · %d ignored")
                                   % (len(cfg.features), len(cfg.labels), ignored))
        ready = self.shape_box.ready() and not self._previewing and not self.state.running
        self.next_button.setEnabled(ready)
        self.next_button.setToolTip("" if ready else self.tr("Choose a label and at least one feature first"))

    def _show_encoding(self, encoding: str) -> None:
        while self.encoding_box.count() > len(CHOICES):  # (an earlier file's UTF-16, say: not a choice)
            self.encoding_box.removeItem(len(CHOICES))
        at = self.encoding_box.findData(encoding)
        if at < 0:  # (UTF-8 with a BOM, UTF-16: named by their mark, not a choice)
            self.encoding_box.addItem(ENCODING_NAMES.get(encoding, encoding), encoding)
            at = self.encoding_box.count() - 1
        self.encoding_box.setCurrentIndex(at)

    def _encoding_activated(self, index: int) -> None:
        table, encoding = self.state.table, self.encoding_box.itemData(index)
        if table is not None and encoding != table.encoding:
            self.encodingChosen.emit(encoding)

    def _set_choices_enabled(self, enabled: bool) -> None:
        for w in (self.columns_view, self.all_features, self.no_features, self.several_labels, self.preparation,
                  self.task_box, self.next_button):
            w.setEnabled(enabled)
        self.encoding_box.setEnabled(enabled and not self._loading())
        if enabled:
            self._config_changed()

    def _set_running(self, running: bool) -> None:
        # the run uses the data as it was when it started; changing it mid-run would mislead
        if self.state.table is not None and not self._previewing:
            self._set_choices_enabled(not running)
        self.open_other.setEnabled(not running)

    # --- loading ----------------------------------------------------------------------------------------
    def _loading(self) -> bool:
        loader = getattr(self.window_, "loader", None)
        return loader is not None and loader.busy

    def _loader_busy(self, busy: bool) -> None:
        # while a file loads, another choice of encoding would read the file shown, not the one coming
        self.encoding_box.setEnabled(not busy and self.state.table is not None and not self.state.running)
        if not busy and self.state.table is not None:
            self._show_encoding(self.state.table.encoding)  # (a reload cancelled or refused: as it was read)
        name = getattr(self.window_, "_loading_path", "") or ""
        self.empty_page.set_busy(self.tr("Opening %s…") % name.replace("\\", "/").rsplit("/", 1)[-1]
                                 if busy else None)
        if not busy and self._previewing:
            self._show_state()  # the load failed or was cancelled: back to what is loaded

    def _open_dropped(self, paths: list) -> None:
        if paths and hasattr(self.window_, "open_dropped"):
            self.window_.open_dropped(paths)  # the window decides what a dropped file means
