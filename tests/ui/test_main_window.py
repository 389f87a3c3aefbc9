"""The window: steps, title, status bar, drops, recent files, errors."""
from PySide6.QtCore import QSettings

from dlstudio.ui.settings import Settings
from tests.ui.helpers import drop_files, load_csv


def test_dropping_a_csv_opens_it_and_shows_its_shape(qtbot, window, iris_csv):
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        drop_files(window, iris_csv)
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert window.windowTitle() == "DL Studio — iris.csv"
    assert window.status_shape.text() == "X (150, 4) float32 · y (150,) int64"
    assert "multiclass" in window.status_task.text()


def test_dropping_another_kind_of_file_is_refused_in_the_status_bar(qtbot, window, tmp_path, iris_csv):
    load_csv(qtbot, window, iris_csv)
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK\x03\x04")
    drop_files(window, doc)
    assert "Cannot open notes.docx" in window.statusBar().currentMessage()
    assert window.state.table.name == "iris.csv"  # what was loaded stays


def test_a_broken_csv_shows_a_message_and_keeps_the_loaded_data(qtbot, window, tmp_path, iris_csv):
    load_csv(qtbot, window, iris_csv)
    bad = tmp_path / "broken.csv"
    bad.write_text("a,b\n1,2\n3,4,5,6\n")
    with qtbot.waitSignal(window.loader.failed, timeout=20000):
        window.open_csv(bad)
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert "line 3" in window.banner.text()
    assert window.state.table.name == "iris.csv"
    load_csv(qtbot, window, iris_csv)  # and the app is still usable


def test_recent_files_survive_a_restart(qtbot, window, iris_csv, diabetes_csv):
    load_csv(qtbot, window, iris_csv)
    load_csv(qtbot, window, diabetes_csv)
    window.close()
    again = Settings(QSettings())
    assert [p.rsplit("/", 1)[-1] for p in again.recent_files()] == ["diabetes.csv", "iris.csv"]


def test_a_relayout_of_the_window_does_not_wrap_the_hidden_steps_text(qtbot, window, iris_csv):
    """The stack asked every step, shown or not, for its height at the window's width: each relayout
    of the window laid out again every word-wrapped label of every step (15-25 ms here)."""
    from PySide6.QtWidgets import QLabel

    class CountingLabel(QLabel):
        asked = 0

        def heightForWidth(self, width):
            CountingLabel.asked += 1
            return super().heightForWidth(width)

    load_csv(qtbot, window, iris_csv)
    hidden = CountingLabel("a long explanation " * 20)
    hidden.setWordWrap(True)
    window.model_panel.layout().addWidget(hidden)  # on the Model step, while the Data step shows
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    CountingLabel.asked = 0
    for width in (1100, 1300, 1200):
        window.resize(width, 800)
        qtbot.wait(30)
    assert window.stack.currentWidget() is window.data_panel
    assert CountingLabel.asked == 0
    window.go_to(1)
    qtbot.waitUntil(lambda: hidden.isVisible())
    window.resize(1250, 800)
    qtbot.waitUntil(lambda: CountingLabel.asked > 0)  # shown, it still wraps to its step's width


def test_dropping_several_files_opens_the_first_and_names_the_others(qtbot, window, iris_csv, diabetes_csv):
    """(the others were left without a word)"""
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        drop_files(window, iris_csv, diabetes_csv)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=20000)
    assert window.state.table.name == "iris.csv"
    assert "Opened iris.csv only: drop one file at a time (left alone: diabetes.csv)." in window.banner.text()
