"""The Data step, driven as a person would: open or drop a CSV, read it, choose roles and preparation."""
import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QFileDialog

from dlstudio.core.table import read_csv
from dlstudio.ui.dataframe_model import MISSING_TEXT
from dlstudio.ui.settings import Settings
from dlstudio.ui.widgets.data_columns import NOTE
from tests.ui.helpers import drop_files, load_csv, screenshot

EMPTY, LOADED = 0, 1


def choose(combo, key):
    """Pick the entry whose data is ``key``, as a person picks it from the list."""
    index = combo.findData(key)
    assert index >= 0, f"{key!r} not offered"
    assert combo.model().item(index).isEnabled(), f"{key!r} is offered but disabled"
    combo.setCurrentIndex(index)


def set_spin(qtbot, spin, value):
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))


def plain(label) -> str:
    """What a rich-text label reads as."""
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText()


def role_of(panel, column):
    return panel.columns_view.role_combo(column).currentData()


@pytest.fixture
def grades_csv(tmp_path):
    """Whole-number labels 0..4: read as classes, though they could be amounts."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=(120, 2))
    path = tmp_path / "grades.csv"
    pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "grade": np.arange(120) % 5}).to_csv(path, index=False)
    return path


@pytest.fixture
def gappy_csv(tmp_path):
    """Missing numbers and categories, an ID column, a constant and an empty column."""
    rng = np.random.default_rng(2)
    n = 60
    frame = pd.DataFrame({"id": np.arange(1, n + 1), "age": rng.integers(18, 80, n).astype(float),
                          "city": rng.choice(["Beijing", "Shanghai", "Shenzhen"], n), "constant": 7,
                          "empty": np.nan, "bought": rng.choice(["yes", "no"], n)})
    frame.loc[[1, 5, 9], "age"] = np.nan
    frame.loc[[2, 5], "city"] = np.nan
    path = tmp_path / "gappy.csv"
    frame.to_csv(path, index=False)
    return path


def test_the_empty_step_offers_a_drop_zone_and_samples(qtbot, window, monkeypatch, iris_csv):
    panel = window.data_panel
    assert panel.pages.currentIndex() == EMPTY
    assert "Drop a CSV here, or click to open one" in panel.empty_page.drop_zone.title.text()
    assert [b.text() for b in panel.empty_page.sample_buttons] == ["Iris (3 flower species)",
                                                                   "Diabetes (disease progression)"]
    screenshot(window, "data_empty")
    # clicking the zone asks for a file (the dialog answered here) and opens it
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(iris_csv), ""))
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        qtbot.mouseClick(panel.empty_page.drop_zone, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert panel.pages.currentIndex() == LOADED
    assert window.state.table.name == "iris.csv"


def test_a_sample_button_opens_the_sample(qtbot, window):
    panel = window.data_panel
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        qtbot.mouseClick(panel.empty_page.sample_buttons[1], Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert window.state.table.name == "diabetes.csv"
    assert panel.title.text() == "diabetes.csv"
    assert panel.shape_box.text() == "X (442, 11) float32 · y (442, 1) float32"  # sex: two one-hot inputs


def test_a_dropped_csv_shows_its_rows_columns_and_shapes(qtbot, window, iris_csv):
    panel = window.data_panel
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        drop_files(panel.empty_page.drop_zone, iris_csv)  # dropped on the zone itself
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert panel.pages.currentIndex() == LOADED and panel.preview_view.isVisible()
    model = panel.preview_model
    assert model.columnCount() == 5 and model.total_rows() == 150
    assert model.data(model.index(0, 0)) == "5.1" and model.data(model.index(0, 4)) == "setosa"
    assert "All 150 rows shown" in panel.preview_rows.text()
    columns = panel.columns_model
    assert [columns.profile(r).name for r in range(columns.rowCount())][-1] == "species"
    assert [role_of(panel, c) for c in ("sepal_length_cm", "species")] == ["feature", "label"]
    assert columns.data(columns.index(0, 5)) == "5.843"  # the mean of sepal length
    assert panel.shape_box.text() == "X (150, 4) float32 · y (150,) int64"
    assert "first dimension is the batch" in panel.shape_box.note.text()
    assert "setosa 50 (33 %)" in plain(panel.task_box.classes) and "multi-class" in panel.task_box.detected.text()
    assert panel.next_button.isEnabled()
    screenshot(window, "data_loaded")
    with qtbot.waitSignal(panel.goToStep) as step:
        qtbot.mouseClick(panel.next_button, Qt.LeftButton)
    assert step.args == [1] and window.current_step() == 1


def test_roles_and_choices_change_the_config_and_the_shapes(qtbot, window, iris_csv):
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        drop_files(window, iris_csv)  # dropped anywhere on the window
    qtbot.waitUntil(lambda: not window.loader.busy)
    panel, state = window.data_panel, window.state
    # the label becomes petal width: a regression, and species turns into three one-hot inputs
    choose(panel.columns_view.role_combo("petal_width_cm"), "label")
    assert state.data_config.labels == ["petal_width_cm"]
    assert "species" in state.data_config.features and state.task.kind == "regression"
    assert panel.shape_box.text() == "X (150, 6) float32 · y (150, 1) float32"
    assert role_of(panel, "species") == "feature"
    assert not panel.task_box.classes.isVisible()
    # a feature is left out
    choose(panel.columns_view.role_combo("sepal_width_cm"), "ignored")
    assert "sepal_width_cm" not in state.data_config.features
    assert panel.shape_box.text() == "X (150, 5) float32 · y (150, 1) float32"
    assert "3 features · 1 label · 1 ignored" in panel.roles_summary.text()
    # standardisation
    choose(panel.preparation.standardize, "minmax")
    assert state.data_config.standardize == "minmax" and "0…1" in panel.preparation.scale_hint.text()
    assert "labels keep their units" in panel.preparation.scale_hint.text()
    # validation split and seed
    set_spin(qtbot, panel.preparation.val_split, 30)
    assert state.data_config.val_split == pytest.approx(0.3)
    assert "105 rows train the model, 45 check it" in panel.shape_box.note.text()
    set_spin(qtbot, panel.preparation.seed, 42)
    assert state.data_config.split_seed == 42
    # the step, rebuilt from the state (as a language switch does), shows the same choices
    window.rebuild()
    panel = window.data_panel
    assert panel.preparation.standardize.currentData() == "minmax"
    assert panel.preparation.val_split.value() == 30
    assert role_of(panel, "petal_width_cm") == "label" and role_of(panel, "sepal_width_cm") == "ignored"


def test_select_all_and_none_for_features(qtbot, window, iris_csv):
    load_csv(qtbot, window, iris_csv)
    panel, state = window.data_panel, window.state
    qtbot.mouseClick(panel.no_features, Qt.LeftButton)
    assert state.data_config.features == [] and state.data_config.labels == ["species"]
    assert not panel.next_button.isEnabled()
    assert "Choose at least one feature column." in panel.shape_box.problems.text()
    qtbot.mouseClick(panel.all_features, Qt.LeftButton)
    assert len(state.data_config.features) == 4 and panel.next_button.isEnabled()
    assert not panel.shape_box.problems.isVisible()


def test_the_task_override_changes_the_task(qtbot, window, grades_csv):
    load_csv(qtbot, window, grades_csv)
    panel, state = window.data_panel, window.state
    assert state.task.kind == "multiclass"
    assert "4 24 (20 %)" in plain(panel.task_box.classes)
    assert panel.shape_box.text() == "X (120, 2) float32 · y (120,) int64"
    choose(panel.task_box.override, "regression")
    assert state.data_config.task == "regression" and state.task.kind == "regression"
    assert "Chosen" in panel.task_box.detected.text()
    assert panel.shape_box.text() == "X (120, 2) float32 · y (120, 1) float32"
    choose(panel.task_box.override, "binary")  # five values cannot be binary: said, not crashed
    assert state.task is None and "binary needs exactly 2" in panel.task_box.detected.text()
    assert not panel.next_button.isEnabled()
    choose(panel.task_box.override, "auto")
    assert state.task.kind == "multiclass"


def test_a_column_past_float32_is_left_out_and_says_why(qtbot, window, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("a,b,y\n" + "".join(f"{'1e39' if i == 30 else i / 10},{i % 7 * 1.5},{i * 0.5}\n" for i in range(60)))
    load_csv(qtbot, window, path)
    panel, state = window.data_panel, window.state
    columns = panel.columns_model
    row = [columns.profile(r).name for r in range(columns.rowCount())].index("a")
    assert columns.data(columns.index(row, 1)) == "too large"
    assert columns.data(columns.index(row, NOTE)) == "holds 1e+39, past float32's ±3.4e38 (the network's numbers)"
    combo = panel.columns_view.role_combo("a")
    assert combo.currentData() == "ignored"
    assert not any(combo.model().item(combo.findData(role)).isEnabled() for role in ("feature", "label"))
    assert state.data_config.features == ["b"] and state.data_config.labels == ["y"]
    screenshot(window, "data_past_float32")


def test_gaps_are_marked_and_excluded_columns_say_why(qtbot, window, gappy_csv):
    load_csv(qtbot, window, gappy_csv)
    panel, state = window.data_panel, window.state
    model = panel.preview_model
    assert model.data(model.index(1, 1)) == MISSING_TEXT  # age in data row 2
    assert model.data(model.index(1, 1), Qt.BackgroundRole) is not None
    columns = panel.columns_model
    notes = {columns.profile(r).name: columns.data(columns.index(r, NOTE)) for r in range(columns.rowCount())}
    assert "row number or ID" in notes["id"] and "one value only" in notes["constant"]
    assert "every value is missing" in notes["empty"]
    empty_combo = panel.columns_view.role_combo("empty")
    assert empty_combo.currentData() == "ignored"
    assert not empty_combo.model().item(empty_combo.findData("feature")).isEnabled()
    assert state.data_config.features == ["age", "city"]
    assert panel.shape_box.text().startswith("X (60, 5)")  # age + three cities + a '(missing)' city
    choose(panel.preparation.missing, "drop")
    assert state.data_config.missing == "drop"
    assert panel.shape_box.text().startswith("X (56, 4)")  # age gaps in data rows 2, 6, 10, city in 3, 6: no (missing) city


def test_several_labels_make_a_multi_output_regression(qtbot, window, diabetes_csv):
    load_csv(qtbot, window, diabetes_csv)
    panel, state = window.data_panel, window.state
    # '10 features' above X (442, 11): the note says where the eleventh input comes from
    assert panel.shape_box.text() == "X (442, 11) float32 · y (442, 1) float32"
    assert "The 10 feature columns give 11 inputs" in panel.shape_box.note.text()
    assert "one-hot): sex." in panel.shape_box.note.text()
    choose(panel.columns_view.role_combo("bmi"), "label")  # one label: bmi replaces progression
    assert state.data_config.labels == ["bmi"]
    choose(panel.columns_view.role_combo("progression"), "label")
    panel.several_labels.setChecked(True)
    choose(panel.columns_view.role_combo("bmi"), "label")
    assert state.data_config.labels == ["bmi", "progression"]
    assert panel.shape_box.text() == "X (442, 10) float32 · y (442, 2) float32"
    panel.several_labels.setChecked(False)
    assert state.data_config.labels == ["bmi"]


def test_a_preview_shows_while_loading_and_goes_when_the_load_fails(qtbot, window, tmp_path):
    panel = window.data_panel
    good = "\n".join(f"{i},{i * 2}" for i in range(300))
    broken = tmp_path / "late_error.csv"
    broken.write_text("a,b\n" + good + "\n1,2,3,4\n")
    panel.show_preview(read_csv(broken, nrows=20))
    assert panel.pages.currentIndex() == LOADED and panel.preview_model.rowCount() == 20
    assert "loading" in panel.info.text() and not panel.next_button.isEnabled()
    assert not panel.preparation.isEnabled()
    panel.show_preview(None)
    assert panel.pages.currentIndex() == EMPTY
    with qtbot.waitSignal(window.loader.failed, timeout=20000):
        window.open_csv(broken)
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert "could not be parsed" in window.banner.text()
    assert panel.pages.currentIndex() == EMPTY and panel.empty_page.drop_zone.isEnabled()


def test_other_files_dropped_on_the_empty_step_are_refused_and_it_stays_usable(qtbot, window, tmp_path):
    panel = window.data_panel
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK\x03\x04")
    drop_files(panel.empty_page.drop_zone, doc)
    assert "Cannot open notes.docx" in window.statusBar().currentMessage()
    bad = tmp_path / "broken.csv"
    bad.write_text("a,b\n1,2\n3,4,5,6\n")
    with qtbot.waitSignal(window.loader.failed, timeout=20000):
        drop_files(panel.empty_page.drop_zone, bad)
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert "line 3" in window.banner.text()
    assert panel.pages.currentIndex() == EMPTY and window.state.table is None
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        qtbot.mouseClick(panel.empty_page.sample_buttons[0], Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert panel.pages.currentIndex() == LOADED


def test_recent_files_are_offered_on_the_empty_step_after_a_restart(qtbot, window, iris_csv):
    from dlstudio.ui.main_window import MainWindow
    load_csv(qtbot, window, iris_csv)
    window.close()
    again = MainWindow(settings=Settings(QSettings()))
    qtbot.addWidget(again)
    buttons = again.data_panel.empty_page.recent_buttons
    assert [b.text() for b in buttons] == ["iris.csv"]
    with qtbot.waitSignal(again.loader.loaded, timeout=20000):
        qtbot.mouseClick(buttons[0], Qt.LeftButton)
    qtbot.waitUntil(lambda: not again.loader.busy)
    assert again.state.table.name == "iris.csv"
    again.close()


def test_clearing_recent_files_takes_them_off_the_empty_step_too(qtbot, window, iris_csv):
    """(File ▸ Open Recent ▸ Clear Recent Files left iris.csv on the start page until a restart)"""
    from dlstudio.ui.main_window import MainWindow
    load_csv(qtbot, window, iris_csv)
    window.close()
    again = MainWindow(settings=Settings(QSettings()))
    qtbot.addWidget(again)
    again.show()
    page = again.data_panel.empty_page
    assert [b.text() for b in page.recent_buttons] == ["iris.csv"] and page.recent_caption.isVisible()
    again.recent_menu.aboutToShow.emit()
    clear = next(a for a in again.recent_menu.actions() if a.text() == "Clear Recent Files")
    clear.trigger()
    assert page.recent_buttons == [] and not page.recent_caption.isVisible()
    assert again.settings.recent_files() == []
    again.close()


def test_a_long_shape_read_out_wraps_instead_of_being_clipped(qtbot):
    from dlstudio.ui.widgets.data_task import ShapeLabel
    label = ShapeLabel()
    qtbot.addWidget(label)
    label.set_shapes("X (1000000, 120) float32 · y (1000000, 3) float32")
    label.show()
    qtbot.waitExposed(label)
    label.resize(2000, 40)
    assert label.text() == label.one_line()
    label.resize(200, 40)
    assert label.text() == "X (1000000, 120) float32\n· y (1000000, 3) float32"
    assert label.one_line() == "X (1000000, 120) float32 · y (1000000, 3) float32"


def test_the_data_choices_are_locked_while_training_runs(qtbot, window, iris_csv):
    """Issue 8, case 31: the run uses the data as it started; the choices wait until it ends."""
    load_csv(qtbot, window, iris_csv)
    panel = window.data_panel
    window.state.set_running(True)
    assert not panel.columns_view.isEnabled() and not panel.preparation.isEnabled()
    assert not panel.open_other.isEnabled() and not window.act_open.isEnabled()
    assert window.open_csv(iris_csv) is False  # File ▸ Open refused, the data kept
    window.state.set_running(False)
    assert panel.columns_view.isEnabled() and panel.preparation.isEnabled() and window.act_open.isEnabled()


def test_role_combos_are_made_a_few_at_a_time_and_at_once_when_asked_for(qtbot, window, diabetes_csv,
                                                                        monkeypatch):
    """Making a styled combo takes ~3 ms: a wide file's combos come over a few event-loop turns, so the
    window keeps answering as it arrives; a combo a person (or code) reaches for exists at once."""
    from dlstudio.ui.widgets import data_columns
    from dlstudio.ui.widgets.data_columns import EDITORS_A_TURN, ROLE
    later = []  # the turns asked for, run by the test (a busy machine ran the next one before the check)
    monkeypatch.setattr(data_columns, "in_a_later_turn", lambda owner, work: later.append(work))
    view = window.data_panel.columns_view
    model = view.model()
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        window.open_csv(str(diabetes_csv))
    made = [view.indexWidget(model.index(row, ROLE)) is not None for row in range(model.rowCount())]
    assert model.rowCount() > EDITORS_A_TURN and made == [row < EDITORS_A_TURN for row in range(model.rowCount())]
    assert len(later) == 1  # the rest in a later turn
    last = model.profile(model.rowCount() - 1).name
    assert view.role_combo(last).currentData() == "label"  # made when asked for, showing the state
    while later:
        later.pop(0)()
    assert all(view.indexWidget(model.index(row, ROLE)) is not None for row in range(model.rowCount()))
    choose(view.role_combo("bmi"), "ignored")
    assert "bmi" not in window.state.data_config.features


def test_the_column_tables_columns_are_as_wide_as_their_text(qtbot, window, iris_csv):
    """Widths come from the shown text (the label's row in bold) and the titles, not from Qt asking the
    model for every role of every cell."""
    from PySide6.QtGui import QFontMetrics

    load_csv(qtbot, window, iris_csv)
    view = window.data_panel.columns_view
    model, header = view.model(), view.horizontalHeader()
    plain, bold = view.fontMetrics(), QFontMetrics(model.bold_font)
    label_row = [p.name for p in model.profiles].index("species")
    assert model.role(label_row) == "label"
    for col in range(model.columnCount() - 1):  # the last (the note) stretches to the edge
        texts = [(bold if row == label_row else plain).horizontalAdvance(model.cell_text(row, col, model.role(row)))
                 for row in range(model.rowCount())]
        # the delegate's margins (3 px a side) and the grid line: no text is cut short ("982 (0.1 …")
        assert view.columnWidth(col) >= max(texts) + 7 and view.columnWidth(col) >= header.sectionSizeHint(col)
    assert model.cell_text(label_row, 0, "label") == "species"
    window.state.update_data_config(labels=["petal_width_cm"],
                                    features=["sepal_length_cm", "sepal_width_cm", "petal_length_cm"])
    assert model.role(label_row) == "ignored" and model.data(model.index(label_row, 2)) == "Ignored"


def test_a_windows_1252_file_shows_its_accented_letters_and_says_how_it_was_read(qtbot, window, tmp_path):
    path = tmp_path / "villes.csv"
    path.write_bytes("ville,habitants,pays\nZürich,421,CH\nSão Paulo,12325,BR\nKöln,1084,DE\nMéxico,9209,MX\n"
                     .encode("cp1252"))  # Zürich's ü would read as 黵 in GB18030
    panel = window.data_panel
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        drop_files(panel.empty_page.drop_zone, path)
    qtbot.waitUntil(lambda: not window.loader.busy)
    model = panel.preview_model
    assert [model.data(model.index(r, 0)) for r in range(4)] == ["Zürich", "São Paulo", "Köln", "México"]
    assert panel.encoding_box.currentData() == "cp1252" and "Windows-1252" in panel.notices.text()
    screenshot(window, "data_windows_1252")



def test_the_label_row_is_in_sight_in_a_laptop_sized_window(qtbot, window, diabetes_csv):
    window.resize(1280, 600)  # a 768-pixel screen, less the title bar and the task bar
    window.show()
    load_csv(qtbot, window, diabetes_csv)
    view = window.data_panel.columns_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)  # (fewer rows shown than it has)
    row = [p.name for p in view.model().profiles].index("progression")
    assert view.viewport().rect().contains(view.visualRect(view.model().index(row, 0)))


def test_rows_without_a_label_are_said_to_be_left_out_before_training_and_a_rare_class_is_not_0_percent(
        qtbot, window, tmp_path):
    """(the Data step read 'X (749, 17)' beside 750 rows with no word of why; a class of 16 in 7,000 read '0 %')"""
    path = tmp_path / "rare.csv"
    labels = ["fault"] * 3 + ["ok"] * 996 + [""]
    path.write_text("x,status\n" + "".join(f"{i % 17},{label}\n" for i, label in enumerate(labels)))
    load_csv(qtbot, window, path)
    box = window.data_panel.shape_box
    assert "1 row(s) have no label and are left out." in box.note.text()
    assert "fault <b>3</b> (&lt;1 %)" in window.data_panel.task_box.classes.text()


def test_the_label_row_stays_in_sight_when_the_reads_notices_push_the_table_down(qtbot, window, tmp_path):
    """(notices appearing above the table after it had scrolled to the label hid the label's row again)"""
    window.resize(1366, 768)
    window.show()
    rows = "".join(f"{i},{'ERR' if i == 5 else i * 0.1},{i % 3},{i % 5},{i % 7},{i % 11},{'ab'[i % 2]}\n"
                   for i in range(300))
    path = tmp_path / "notes.csv"
    path.write_text("id,temp,a,b,c,d,status\n" + rows)
    load_csv(qtbot, window, path)
    view = window.data_panel.columns_view
    QApplication.processEvents()
    assert any("holds numbers but for 1 cell(s) reading 'ERR'" in n for n in window.state.table.notices)
    row = [p.name for p in view.model().profiles].index("status")

    def label_in_sight() -> bool:
        return view.viewport().rect().contains(view.visualRect(view.model().index(row, 0)))

    qtbot.waitUntil(label_in_sight)
    assert view.verticalScrollBar().maximum() > 0 and label_in_sight()  # (the table scrolls: fewer rows shown)
