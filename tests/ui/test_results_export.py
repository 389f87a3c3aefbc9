"""Exporting predictions runs in the background: the window keeps answering, the file is what pandas
would write, and closing the window mid-export leaves the earlier file as it was."""
import time

from PySide6.QtCore import QElapsedTimer, QTimer

from dlstudio.core import export
from tests.conftest import linear_frame
from tests.ui.results_helpers import predict, train_in_window


def many_predictions(qtbot, window, tmp_path, rows=60_000):
    path = tmp_path / "linear.csv"
    linear_frame(n=rows).to_csv(path, index=False)
    train_in_window(qtbot, window, path, epochs=1)
    return predict(qtbot, window.results_panel, path, timeout=60000)


def test_the_window_answers_while_predictions_are_exported(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_ROWS", 5_000)
    prediction = many_predictions(qtbot, window, tmp_path)
    panel, target = window.results_panel, tmp_path / "out.csv"
    qtbot.wait(500)  # the predictions are drawn before a person asks for the export
    gaps, clock, percents = [], QElapsedTimer(), []
    panel.exportProgress.connect(percents.append)
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: gaps.append(clock.restart()))
    clock.start()
    heartbeat.start(10)
    with qtbot.waitSignal(panel.exported, timeout=60000):
        assert panel.export_predictions(str(target))
        assert not panel.export_button.isEnabled()  # one export at a time
        assert "Exporting predictions to out.csv" in panel.activity.text()
    heartbeat.stop()
    assert max(gaps) < 200, f"the event loop stalled for {max(gaps)} ms while exporting"
    assert percents[-1] == 100 and percents == sorted(percents) and len(percents) == 12
    expected = tmp_path / "expected.csv"
    prediction.frame.to_csv(expected, index=False, encoding="utf-8-sig")
    assert target.read_bytes() == expected.read_bytes()
    assert panel.export_button.isEnabled() and panel.activity.text() == ""
    assert "Exported 60000 predictions" in window.statusBar().currentMessage()


def test_closing_the_window_mid_export_keeps_the_earlier_file(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_ROWS", 500)  # many chunks: the close lands between two
    real_write = export.write_csv

    def slow_write(frame, path, *, cancel=None, **options):
        # ≥ 10 ms a chunk (1.2 s in all): the export cannot finish before the close, even when the GUI
        # thread is busy drawing when the first progress is sent (it did once, in 0.4 s)
        def slow_cancel() -> bool:
            time.sleep(0.01)
            return bool(cancel and cancel())
        real_write(frame, path, cancel=slow_cancel, **options)

    monkeypatch.setattr(export, "write_csv", slow_write)
    many_predictions(qtbot, window, tmp_path)
    panel, target = window.results_panel, tmp_path / "out" / "predictions.csv"
    target.parent.mkdir()
    target.write_text("an earlier export\n")
    percents = []
    panel.exportProgress.connect(percents.append)  # (a list: progress sent after the test ends is harmless)
    assert panel.export_predictions(str(target))
    qtbot.waitUntil(lambda: bool(percents), timeout=20000)
    window.close()
    assert not panel.export_runner.busy
    assert target.read_text() == "an earlier export\n"
    assert [p.name for p in target.parent.iterdir()] == ["predictions.csv"]  # no temporary left
