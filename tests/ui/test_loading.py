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
