"""Helpers that act as a person would: open a file, drop files."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication


def load_csv(qtbot, window, path, timeout=20000):
    """Open a CSV as a person would (File ▸ Open) and wait until it is loaded."""
    with qtbot.waitSignal(window.loader.loaded, timeout=timeout):
        window.open_csv(str(path))
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=timeout)


def drop_files(widget, *paths):
    """Drag local files over ``widget`` and drop them, the way a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPoint(widget.width() // 2, widget.height() // 2)
    enter = QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(pos), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


def screenshot(widget, name: str):
    """Save what ``widget`` shows to screenshots/NAME.png (git-ignored) for a person to look at."""
    from pathlib import Path
    folder = Path(__file__).resolve().parents[2] / "screenshots"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    for _ in range(3):  # the layout requests that the last changes posted (a label's new text, …)
        QApplication.processEvents()
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path
