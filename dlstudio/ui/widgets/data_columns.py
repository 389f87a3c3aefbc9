"""The column table of the Data step: what each column holds and the role it plays.

One row per column (the core's profile) with a role combo per row. Choosing a role goes through
``core.roles`` and ``state.set_data_config``; the table redraws from the state, never the reverse.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QStyledItemDelegate, QTableView

from ...core import roles as R
from ..core_words import translated
from ..turns import in_a_later_turn
from .wheel_guard import guard_wheel
from ..dataframe_model import ALIGN, BACKGROUND, DISPLAY, FONT, FOREGROUND, HORIZONTAL, TOOLTIP

if TYPE_CHECKING:  # pandas loads with the first file, not at start-up
    from ...core.profile import ColumnProfile

NAME, KIND, ROLE, MISSING, UNIQUE, MEAN, STD, MIN, MAX, NOTE = range(10)

EDIT = Qt.ItemDataRole.EditRole
_ANSWERED = frozenset((DISPLAY, EDIT, TOOLTIP, ALIGN, FONT, BACKGROUND, FOREGROUND))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
MAX_PERSISTENT_EDITORS = 400  # beyond this many columns a role is edited by double-click, not a combo per row
EDITORS_A_TURN = 8
FIT_ROWS = 1000  # rows a column's width is fitted to (as many as Qt's resizeColumnsToContents samples)
CELL_PADDING = 8  # the item delegate's text margins (3 px a side), the grid line and a pixel of rounding
LABEL_BACKGROUND = QColor("#e6f0fb")
IGNORED_FOREGROUND = QColor("#8b8f96")


def role_names() -> dict[str, str]:
    return {R.FEATURE: QCoreApplication.translate("DataColumns", "Feature"),
            R.LABEL: QCoreApplication.translate("DataColumns", "Label"),
            R.IGNORED: QCoreApplication.translate("DataColumns", "Ignored")}


def kind_names() -> dict[str, str]:
    return {"numeric": QCoreApplication.translate("DataColumns", "number"),
            "categorical": QCoreApplication.translate("DataColumns", "category"),
            "datetime": QCoreApplication.translate("DataColumns", "date/time"),
            "identifier": QCoreApplication.translate("DataColumns", "ID-like"),
            "constant": QCoreApplication.translate("DataColumns", "constant"),
            "empty": QCoreApplication.translate("DataColumns", "empty"),
            "mixed": QCoreApplication.translate("DataColumns", "mixed"),
            "oversized": QCoreApplication.translate("DataColumns", "too large")}


def _stat(value: float | None) -> str:
    """Four significant digits; big amounts with thousands separators rather than 4.942e+04."""
    if value is None:
        return ""
    if 1e4 <= abs(value) < 1e12:
        return f"{value:,.0f}"
    return f"{value:.4g}"


class ColumnsModel(QAbstractTableModel):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.several_labels = False  # multi-output regression: a numeric label joins the others
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = [self.tr("Column"), self.tr("Kind"), self.tr("Role"), self.tr("Missing"),
                         self.tr("Unique"), self.tr("Mean"), self.tr("Std"), self.tr("Min"), self.tr("Max"),
                         self.tr("Note")]
        self._kinds = kind_names()
        self._roles = role_names()
        self._roles_config = self._roles_profiles = None
        self._roles_cache: list[str] = []

    @property
    def profiles(self) -> list[ColumnProfile]:
        return self.state.profiles if self.state.table is not None else []

    def reload(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def refresh(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, NOTE))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.profiles)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == HORIZONTAL and role == DISPLAY:
            return self._headers[section]
        if orientation == HORIZONTAL and role == TOOLTIP and section == UNIQUE:
            return self.tr("Distinct values; ≈ marks a count estimated from a sample of a large file")
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemIsEditable if index.column() == ROLE else base

    def profile(self, row: int) -> ColumnProfile:
        return self.profiles[row]

    def role(self, row: int) -> str:
        return self._row_roles()[row]

    def _row_roles(self) -> list[str]:
        """Each row's role, worked out once per data config and table (both are replaced, never changed
        in place): ``data`` asks for it for every role of every cell it paints."""
        config, profiles = self.state.data_config, self.profiles
        if config is not self._roles_config or profiles is not self._roles_profiles:
            self._roles_config, self._roles_profiles = config, profiles
            self._roles_cache = [R.role_of(config, p.name) for p in profiles]
        return self._roles_cache

    def data(self, index, role=DISPLAY):
        if role not in _ANSWERED or not index.isValid():
            return None
        p, col = self.profile(index.row()), index.column()
        column_role = self.role(index.row())
        if role == DISPLAY:
            return self._text(p, col, column_role)
        if role == EDIT and col == ROLE:
            return column_role
        if role == TOOLTIP:
            if col == UNIQUE and not p.unique_exact:
                return self.tr("Estimated from a sample of the rows")
            if col == NOTE or (col == ROLE and p.reason):
                return translated(p.reason) or None
            if col == NAME:
                return self.tr("%s · stored as %s") % (p.name, p.dtype)
            return None
        if role == ALIGN:
            return _RIGHT if MISSING <= col <= MAX else _LEFT
        if role == FONT and column_role == R.LABEL:
            return self._bold
        if role == BACKGROUND and column_role == R.LABEL:
            return LABEL_BACKGROUND
        if role == FOREGROUND and column_role == R.IGNORED and col != ROLE:
            return IGNORED_FOREGROUND
        return None

    @property
    def bold_font(self) -> QFont:
        return self._bold

    def cell_text(self, row: int, col: int, column_role: str) -> str:
        """The text ``data`` shows in a cell (``column_role``: the row's role, ``role(row)``)."""
        return self._text(self.profile(row), col, column_role)

    def _text(self, p: ColumnProfile, col: int, column_role: str) -> str:
        if col == NAME:
            return p.name
        if col == KIND:
            return self._kinds.get(p.kind, p.kind)
        if col == ROLE:
            return self._roles[column_role]
        if col == MISSING:
            total = p.count + p.missing
            return f"{p.missing:,} ({100 * p.missing / total:.1f} %)" if p.missing and total else "0"
        if col == UNIQUE:
            return f"{p.unique:,}" if p.unique_exact else f"≈ {p.unique:,}"
        if col in (MEAN, STD, MIN, MAX):
            return _stat({MEAN: p.mean, STD: p.std, MIN: p.minimum, MAX: p.maximum}[col])
        if col == NOTE:
            if p.reason:
                return translated(p.reason)
            return self.tr("what the network predicts") if column_role == R.LABEL else ""
        return ""

    def setData(self, index, value, role=EDIT):
        if role != EDIT or index.column() != ROLE or value not in R.ROLES:
            return False
        self.set_role(self.profile(index.row()).name, value)
        return True

    # --- the person's choices, applied to the state -----------------------------------------------------
    def set_role(self, name: str, role: str) -> None:
        self.state.set_data_config(R.assign_role(self.state.data_config, self.profiles, name, role,
                                                 self.several_labels))

    def set_several_labels(self, allowed: bool) -> None:
        self.several_labels = allowed
        if not allowed:
            self.state.set_data_config(R.single_label(self.state.data_config, self.profiles))

    def select_all_features(self) -> None:
        self.state.set_data_config(R.all_features(self.state.data_config, self.profiles))

    def select_no_features(self) -> None:
        self.state.set_data_config(R.no_features(self.state.data_config))


class RoleDelegate(QStyledItemDelegate):
    """A combo per row; roles a column cannot play are shown but disabled, with the reason."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setObjectName("roleCombo")
        model = index.model()
        p = model.profile(index.row())
        allowed = {R.FEATURE: R.can_be_feature(p), R.LABEL: R.can_be_label(p), R.IGNORED: True}
        for key, text in role_names().items():
            combo.addItem(text, key)
            if not allowed[key]:
                item = combo.model().item(combo.count() - 1)
                item.setEnabled(False)
                item.setToolTip(translated(p.reason) or self.tr("This column cannot play that role."))
        combo.setToolTip(translated(p.reason))
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        combo.setFocusPolicy(Qt.ClickFocus)  # Tab stops at the table once, not at each of its rows
        guard_wheel(combo)  # scrolling the table must not change roles
        return combo

    def eventFilter(self, editor, event) -> bool:
        """Tab leaves the table from a role too (an item delegate would go to the next cell, and from it
        back to the role: Tab never got out)."""
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Tab, Qt.Key_Backtab):
            view = self.parent()
            view.setFocus(Qt.TabFocusReason)
            view.focusNextPrevChild(event.key() == Qt.Key_Tab)
            return True
        return super().eventFilter(editor, event)

    def setEditorData(self, editor, index):
        editor.blockSignals(True)  # the state drives the combo; only a person's choice commits
        editor.setCurrentIndex(max(editor.findData(index.data(EDIT)), 0))
        editor.blockSignals(False)

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), EDIT)

    def updateEditorGeometry(self, editor, option, index):
        editor.setGeometry(option.rect.adjusted(1, 1, -1, -1))


class ColumnsView(QTableView):
    def __init__(self, model: ColumnsModel, parent=None):
        super().__init__(parent)
        self.setObjectName("columnsView")
        self.setModel(model)
        self.setItemDelegateForColumn(ROLE, RoleDelegate(self))
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.SelectedClicked)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab goes from role to role, then on: the other cells are to read
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        model.modelReset.connect(self._after_reset)
        self._pending_rows: list[int] = []  # rows whose role combo is still to be made
        self._follow_label = False
        self.verticalScrollBar().actionTriggered.connect(lambda _action: setattr(self, "_follow_label", False))

    def keyPressEvent(self, event) -> None:
        """Space, F2 or Enter on a row opens its role's list, so that roles are chosen without a mouse."""
        index = self.currentIndex()
        if event.key() in (Qt.Key_Space, Qt.Key_F2, Qt.Key_Return, Qt.Key_Enter) and index.isValid():
            combo = self.role_combo(self.model().profile(index.row()).name)
            if combo is not None and combo.isEnabled():
                combo.setFocus(Qt.OtherFocusReason)
                combo.showPopup()
                return
        super().keyPressEvent(event)

    def _after_reset(self) -> None:
        model = self.model()
        rows = model.rowCount()
        self._pending_rows = list(range(rows)) if rows <= MAX_PERSISTENT_EDITORS else []
        self._open_editors()
        self._fit_columns()
        self.setColumnWidth(ROLE, max(self.columnWidth(ROLE), 116))
        self.setColumnWidth(NAME, min(max(self.columnWidth(NAME), 120), 240))
        self._follow_label = True  # until the person scrolls the table
        self._label_in_sight()

    def _label_in_sight(self) -> None:
        """The label chosen for the person in sight, also when the table shows few rows; again when the
        table shrinks (the read's notices appear above it) unless the person has scrolled it since."""
        model = self.model()
        label = next((row for row in range(model.rowCount()) if model.role(row) == R.LABEL), None)
        if label is not None:
            self.scrollTo(model.index(label, NAME), QAbstractItemView.EnsureVisible)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._follow_label:
            self._label_in_sight()

    def _fit_columns(self) -> None:
        """Each column as wide as its title and its cells' text (the label's row in bold), measured
        here: resizeColumnsToContents asks the model for every role of every cell, ~25 ms of the
        window's thread as a 20-column file arrives."""
        model, header = self.model(), self.horizontalHeader()
        metrics = {False: self.fontMetrics(), True: QFontMetrics(model.bold_font)}
        rows = range(min(model.rowCount(), FIT_ROWS))
        roles = [model.role(row) for row in rows]
        for col in range(model.columnCount()):
            cells = [metrics[roles[row] == R.LABEL].horizontalAdvance(model.cell_text(row, col, roles[row]))
                     for row in rows]
            width = max([header.sectionSizeHint(col), header.minimumSectionSize()] +
                        [w + CELL_PADDING for w in cells])
            self.setColumnWidth(col, width)

    def _open_editors(self) -> None:
        """A few role combos an event-loop turn (the first rows at once): each costs ~3 ms to make
        and style, and 20 of them at once stalled the window as a big file arrived."""
        batch, self._pending_rows = self._pending_rows[:EDITORS_A_TURN], self._pending_rows[EDITORS_A_TURN:]
        model = self.model()
        for row in batch:
            if row < model.rowCount():
                self.openPersistentEditor(model.index(row, ROLE))
        if self._pending_rows:
            in_a_later_turn(self, self._open_editors)

    def role_combo(self, name: str) -> QComboBox | None:
        """The role widget of column ``name`` (what a person clicks to change its role)."""
        model = self.model()
        for row, p in enumerate(model.profiles):
            if p.name == name:
                index = model.index(row, ROLE)
                if row in self._pending_rows:  # asked for before its turn came
                    self._pending_rows.remove(row)
                    self.openPersistentEditor(index)
                return self.indexWidget(index)
        return None
