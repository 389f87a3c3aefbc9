"""Background jobs end promptly when the window waits for them (closing must never hang)."""
import threading

from PySide6.QtCore import QElapsedTimer

from dlstudio.ui.widgets.results_job import JobRunner


def test_waiting_for_a_running_job_from_the_gui_thread_returns(qtbot):
    started, release = threading.Event(), threading.Event()

    def work():
        started.set()
        release.wait(5)
        return 42

    runner = JobRunner()
    runner.run(work)
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()
    clock = QElapsedTimer()
    clock.start()
    runner.wait()  # blocks the GUI thread; the thread must still quit on its own
    assert clock.elapsed() < 4000
    assert not runner.busy or qtbot.waitUntil(lambda: not runner.busy, timeout=2000) is None
