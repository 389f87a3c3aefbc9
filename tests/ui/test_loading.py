"""Big files load in the background: the window keeps answering, shows progress, and Cancel keeps what was loaded."""
import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from dlstudio.core import split_read

from tests.ui.helpers import load_csv


def _big_csv(tmp_path, rows=1_500_000):
    path = tmp_path / "big.csv"
    header = ",".join(f"x{i}" for i in range(8)) + ",y\n"
    line = "1.25,2.5,3.75,4.5,5.25,6.5,7.75,8.5,9.25\n"
    path.write_text(header + line * rows)
    return path


def test_cancelling_a_big_load_keeps_the_loaded_data_and_the_window_answers(qtbot, window, tmp_path, iris_csv):
    load_csv(qtbot, window, iris_csv)
    big = _big_csv(tmp_path)
    gaps, clock = [], QElapsedTimer()
    clock.start()

    def beat():
        gaps.append(clock.restart())

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(10)
    with qtbot.waitSignal(window.loader.progress, timeout=20000):
        window.open_csv(big)
    assert window.load_cancel.isVisible() and window.load_progress.isVisible()
    with qtbot.waitSignal(window.loader.cancelled, timeout=20000):
        qtbot.mouseClick(window.load_cancel, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=20000)
    heartbeat.stop()
    assert window.state.table.name == "iris.csv"  # nothing was replaced
    assert window.windowTitle() == "DL Studio — iris.csv"
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window.load_cancel.isVisible()
    assert gaps and max(gaps) < 500, f"the event loop stalled for {max(gaps)} ms while loading"


@pytest.mark.parametrize("in_parts", [False, True])
def test_a_big_file_loads_in_the_background_with_its_full_row_count(qtbot, window, tmp_path, monkeypatch, in_parts):
    if in_parts:  # (a file this size is read whole, unless parts are asked for)
        monkeypatch.setattr(split_read, "MIN_BYTES", 0)
    big = _big_csv(tmp_path, rows=300_000)
    percents = []
    window.loader.progress.connect(percents.append)
    load_csv(qtbot, window, big, timeout=60000)
    assert window.state.table.frame.shape == (300_000, 9)
    assert percents and percents[-1] == 100 and percents == sorted(percents)


def test_the_likely_labels_and_missing_rows_are_counted_off_the_gui_thread(qtbot, window, iris_csv, monkeypatch):
    """Counting a text label's values takes 30-90 ms for a million rows, its missing rows 30: the
    loader's thread counts the suggested label's and every category column's values and each column's
    missing rows; the window's thread counts only a column the person picks that was not counted."""
    from PySide6.QtCore import QThread

    from dlstudio.core import column_facts
    counted, real = [], column_facts.label_values
    monkeypatch.setattr(column_facts, "label_values",
                        lambda frame, name: counted.append((name, QThread.currentThread())) or real(frame, name))
    scans, real_scan = [], column_facts.ColumnFacts._missing_bits
    monkeypatch.setattr(column_facts.ColumnFacts, "_missing_bits",
                        lambda self, name: scans.append(QThread.currentThread()) or real_scan(self, name))
    gui = QThread.currentThread()
    load_csv(qtbot, window, iris_csv)
    assert [name for name, _ in counted] == ["species"] and counted[0][1] is not gui
    assert scans and gui not in scans[:5]
    state = window.state
    assert state.data_config.labels == ["species"] and state.task.kind == "multiclass"
    assert state.task.classes == ("setosa", "versicolor", "virginica") and state.task_error == ""
    state.update_data_config(labels=["petal_width_cm"], features=["sepal_length_cm"], missing="drop")
    assert counted[1:] == [("petal_width_cm", gui)] and state.task.kind == "regression"
    state.update_data_config(labels=["species"], features=["sepal_length_cm"], task="binary")
    assert len(counted) == 2 and state.task is None and "binary needs exactly 2" in state.task_error
    assert state.planned_shapes().rows == 150


def test_the_previews_column_widths_stay_when_the_whole_file_arrives(qtbot, window, tmp_path, monkeypatch):
    """Fitting 20 columns to their text takes ~40 ms on the window's thread: the preview's fit stands for
    the same columns once the whole file is read (and the columns do not jump)."""
    panel = window.data_panel
    fits, real = [], panel._fit_preview_columns
    monkeypatch.setattr(panel, "_fit_preview_columns", lambda: fits.append(panel._previewing) or real())
    load_csv(qtbot, window, _big_csv(tmp_path, rows=50_000))
    assert fits == [True]  # fitted to the preview only
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n3,4\n")
    load_csv(qtbot, window, other)  # other columns: fitted again (a file this small: once or twice)
    assert len(fits) >= 2 and panel._fitted_columns == ["a", "b"]


def test_progress_reaches_the_window_at_most_ten_times_a_second_and_always_at_the_end(monkeypatch):
    """Each progress signal wakes the window's thread, which then waits for the GIL behind the parser
    threads: a fast read reports its start and its end, a slow one every 0.1 s."""
    from dlstudio.ui import loader
    job = loader._LoadJob("unused.csv", 1)
    sent = []
    job.progress.connect(lambda number, percent: sent.append(percent))
    for i in range(1001):
        job._progress(i / 1000)
    assert sent == [0, 100]
    clock = iter(range(10_000))
    monkeypatch.setattr(loader.time, "monotonic", lambda: next(clock) * 0.06)  # 0.06 s between reports
    sent.clear()
    job._last_percent, job._last_sent = -1, -1.0
    for i in range(0, 101, 10):
        job._progress(i / 100)
    assert sent == [0, 20, 40, 60, 80, 100]


def test_the_preview_is_drawn_before_the_full_read_starts(qtbot, window, tmp_path, monkeypatch):
    """The parser's threads take both cores: the window draws the first rows first, then the read starts."""
    from PySide6.QtCore import QEvent, QObject

    from dlstudio.core import table

    seen = []

    class Paints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and window.data_panel._previewing:
                seen.append("preview drawn")
            return False

    paints = Paints()
    window.data_panel.preview_view.viewport().installEventFilter(paints)
    real = table.read_csv

    def read_csv(path, **options):
        seen.append("full read" if options.get("nrows") is None else "preview read")
        return real(path, **options)

    monkeypatch.setattr(table, "read_csv", read_csv)
    from dlstudio.ui import loader
    monkeypatch.setattr(loader, "PREVIEW_WAIT", 30.0)  # (0.3 s: a busy CI machine painted later, and the read went on)
    load_csv(qtbot, window, _big_csv(tmp_path, rows=50_000))
    assert seen[0] == "preview read" and "preview drawn" in seen
    assert seen.index("preview drawn") < seen.index("full read")
    assert window.state.table.frame.shape == (50_000, 9)


def test_a_loader_without_a_window_does_not_wait_for_one(qtbot, tmp_path, monkeypatch):
    """Nothing draws the preview: the full read follows at the event loop's next turn, not after the
    longest wait (made a minute here, so that waiting for it would fail the test)."""
    from dlstudio.ui import loader

    monkeypatch.setattr(loader, "PREVIEW_WAIT", 60.0)
    csv_loader = loader.CsvLoader()
    with qtbot.waitSignal(csv_loader.loaded, timeout=20000):
        csv_loader.load(_big_csv(tmp_path, rows=1_000))
    qtbot.waitUntil(lambda: not csv_loader.busy)


def test_opening_a_file_while_another_loads_loads_it_and_the_window_answers(qtbot, window, tmp_path, iris_csv):
    """The first load's thread, stopped and let go at once, still sends its finished signal later: it
    must not take the second load's thread with it (the window waited on it, frozen, for the whole read)."""
    big = _big_csv(tmp_path, rows=600_000)
    gaps, clock = [], QElapsedTimer()
    clock.start()
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: gaps.append(clock.restart()))
    heartbeat.start(10)
    with qtbot.waitSignal(window.loader.loaded, timeout=30000):
        window.open_csv(big)
        window.open_csv(iris_csv)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=20000)
    heartbeat.stop()
    assert window.state.table.name == "iris.csv" and not window.load_cancel.isVisible()
    assert window.data_panel.encoding_box.isEnabled()
    assert gaps and max(gaps) < 300, f"the event loop stalled for {max(gaps)} ms"
