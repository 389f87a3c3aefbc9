"""Fixtures for window tests: temporary QSettings, a window, loading and dropping files, no stray threads."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from dlstudio.ui import i18n, threads
from dlstudio.ui.app import create_app
from dlstudio.ui.settings import Settings


@pytest.fixture(autouse=True)
def settings_dir(tmp_path_factory, qapp):
    """Every test gets its own QSettings folder; the person's real settings are never touched."""
    folder = tmp_path_factory.mktemp("settings")
    create_app()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder))
    yield folder


@pytest.fixture
def english_after(qapp):
    """Whatever language a test installs, the next test starts in English again."""
    yield
    i18n.install(QApplication.instance(), "en")


@pytest.fixture(autouse=True)
def no_thread_left_running(qapp):
    """Fails a test that leaves one of the app's threads running (the classic exit crash)."""
    yield
    QApplication.processEvents()
    left = threads.running()
    for t in left:  # stop them so the next test starts clean, but still fail this one
        t.quit()
        t.wait(5000)
    assert not left, f"{len(left)} thread(s) still running after the test"


@pytest.fixture(autouse=True)
def close_without_asking(monkeypatch):
    """Windows close without the save prompt (a modal dialog would wait for ever offscreen); the tests
    of that prompt turn it back on."""
    from dlstudio.ui.main_window import MainWindow
    monkeypatch.setattr(MainWindow, "confirm_close", False)


@pytest.fixture
def window(qtbot, settings_dir):
    from dlstudio.ui.main_window import MainWindow
    w = MainWindow(settings=Settings(QSettings()))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
