"""The lazy DataFrame model: a million rows open at once, rows arrive in chunks, gaps are marked."""
import time

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QTableView

from dlstudio.ui.dataframe_model import CHUNK, MISSING_TEXT, DataFrameModel


def million_rows() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 1_000_000
    return pd.DataFrame({"x": rng.normal(size=n), "n": np.arange(n), "y": rng.normal(size=n),
                         "city": pd.Series(np.array(["Beijing", "Shanghai"])[np.arange(n) % 2])})


def test_a_million_rows_show_at_once_and_arrive_in_chunks(qtbot):
    frame = million_rows()
    start = time.perf_counter()
    model = DataFrameModel(frame)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 500)
    view.show()
    qtbot.waitExposed(view)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"showing a million rows took {elapsed:.2f} s"
    assert model.rowCount() == CHUNK < len(frame)
    assert model.canFetchMore()
    with qtbot.waitSignal(model.rowsInserted):
        view.scrollToBottom()  # the view asks for more when a person scrolls to the end
    assert model.rowCount() == 2 * CHUNK
    model.fetchMore()
    assert model.rowCount() == 3 * CHUNK
    assert model.headerData(2 * CHUNK, Qt.Vertical) == str(2 * CHUNK + 1)  # data rows counted from 1
    assert model.data(model.index(2 * CHUNK, 1)) == str(2 * CHUNK)


def test_fetching_stops_at_the_last_row():
    model = DataFrameModel(pd.DataFrame({"a": np.arange(CHUNK + 7)}))
    model.fetchMore()
    assert model.rowCount() == CHUNK + 7
    assert not model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == CHUNK + 7


def test_missing_cells_are_marked_and_numbers_right_aligned():
    frame = pd.DataFrame({"x": [1.5, np.nan, 3.0], "name": ["a", None, "c"]})
    model = DataFrameModel(frame)
    present, gap, text_gap, text = (model.index(0, 0), model.index(1, 0), model.index(1, 1), model.index(0, 1))
    assert model.data(present) == "1.5"
    assert model.data(model.index(2, 0)) == "3.0"  # a float stays a float
    for missing in (gap, text_gap):
        assert model.data(missing) == MISSING_TEXT
        assert isinstance(model.data(missing, Qt.BackgroundRole), QColor)
        font = model.data(missing, Qt.FontRole)
        assert isinstance(font, QFont) and font.italic()
        assert model.data(missing, Qt.ToolTipRole) == "Missing value"
    assert model.data(present, Qt.BackgroundRole) is None
    assert model.data(present, Qt.FontRole) is None
    assert model.data(present, Qt.TextAlignmentRole) & int(Qt.AlignRight)
    assert model.data(text, Qt.TextAlignmentRole) & int(Qt.AlignLeft)
    assert model.headerData(1, Qt.Horizontal) == "name"


def test_a_new_frame_replaces_the_old_one():
    model = DataFrameModel(pd.DataFrame({"a": [1, 2]}))
    model.set_frame(pd.DataFrame({"b": ["x"], "c": [True]}))
    assert (model.rowCount(), model.columnCount()) == (1, 2)
    assert model.data(model.index(0, 1)) == "true"
    model.set_frame(None)
    assert (model.rowCount(), model.columnCount()) == (0, 0)


def test_a_columns_texts_are_the_cells_shown_text():
    frame = pd.DataFrame({"f": [1.5, np.nan, 3.0], "i": [1, 2, 3], "s": ["a", None, "c"],
                          "h": np.array([0.1, 2.0, np.nan], dtype=np.float32)})
    model = DataFrameModel(frame)
    for col in range(4):
        shown = [model.data(model.index(row, col)) for row in range(3)]
        assert model.texts(col, 40) == shown  # no more rows than the frame has
        assert model.texts(col, 2) == shown[:2]
    assert model.texts(0, 3) == ["1.5", MISSING_TEXT, "3.0"] and model.texts(3, 1) == ["0.1"]


def test_whole_numbers_read_as_decimals_for_a_gap_are_shown_as_written():
    """(a year column with one empty cell showed 2010.0, 2011.0: pandas reads it as decimals)"""
    frame = pd.DataFrame({"year": [2010.0, np.nan, 2011.0, -3.0], "f": [1.5, np.nan, 3.0, 2.0],
                          "h": np.array([7.0, 8.0, np.nan, np.nan], dtype=np.float32),
                          "empty": [np.nan] * 4})
    model = DataFrameModel(frame)
    assert [model.data(model.index(row, 0)) for row in range(4)] == ["2010", MISSING_TEXT, "2011", "-3"]
    assert model.texts(0, 4) == ["2010", MISSING_TEXT, "2011", "-3"]
    assert model.texts(1, 4) == ["1.5", MISSING_TEXT, "3.0", "2.0"]  # a decimal column keeps its .0
    assert model.texts(2, 2) == ["7", "8"] and model.texts(3, 1) == [MISSING_TEXT]


def test_a_long_column_name_is_shortened_at_its_end_and_whole_in_its_tooltip(qtbot, window, tmp_path):
    """(the preview's headers cut long names at both ends, with no '…' and no way to read them)"""
    from PySide6.QtCore import Qt
    from tests.ui.helpers import load_csv
    name = "the_total_annual_household_income_before_taxes_in_dollars"
    path = tmp_path / "long.csv"
    path.write_text(f"{name},y\n1,2\n3,4\n")
    load_csv(qtbot, window, path)
    view = window.data_panel.preview_view
    assert view.horizontalHeader().textElideMode() == Qt.ElideRight
    assert view.model().headerData(0, Qt.Horizontal, Qt.ToolTipRole) == name
    assert view.model().headerData(0, Qt.Vertical, Qt.ToolTipRole) is None
