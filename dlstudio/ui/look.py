"""The window's look, given to the few widgets it is for, never to the application or to an ancestor of
a table. A style sheet routes every paint of the widgets below it through Qt's style-sheet engine, the
cells of item views included: with the look as one application style sheet, a repaint of the data
preview took ~14 ms against ~8 without, and while a big file arrived the window's longest pause was
~58 against ~52 ms (BENCHMARKS §2, session 10)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QPushButton, QToolBar, QWidget

STEPS = """
QListWidget { font-size: 14px; border: none; background: #f4f6f8; padding: 6px; outline: 0; }
QListWidget::item { padding: 10px 8px; border-radius: 6px; margin: 2px 0; }
QListWidget::item:selected { background: #2b6cb0; color: white; }
QListWidget::item:hover:!selected { background: #e2e8f0; }
"""
TOOLBAR = "QToolBar { spacing: 4px; padding: 2px; }"
PRIMARY = """
QPushButton { background: #2b6cb0; color: white; border: none; border-radius: 4px; padding: 6px 14px;
              font-weight: 600; }
QPushButton:hover { background: #2c5282; }
QPushButton:disabled { background: #a0aec0; }
"""
SHAPE = ("QLabel { font-family: monospace; font-size: 13px; background: #edf2f7; border-radius: 4px; "
         "padding: 4px 8px; }")
HINT_COLOR = QColor("#5a6677")


def steps_list(steps: QListWidget) -> None:
    steps.setStyleSheet(STEPS)


def toolbar(bar: QToolBar) -> None:
    bar.setStyleSheet(TOOLBAR)


def primary(button: QPushButton) -> None:
    """The step's main action: filled with the accent colour."""
    button.setProperty("primary", True)
    button.setStyleSheet(PRIMARY)


def hint(label: QLabel) -> None:
    """Secondary text: greyed through the palette (no style sheet at all)."""
    label.setProperty("hint", True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, HINT_COLOR)
    label.setPalette(palette)


def shape(label: QLabel) -> None:
    """A tensor shape, as code: `X (150, 4) float32`."""
    label.setProperty("shape", True)
    label.setStyleSheet(SHAPE)


class Section(QGroupBox):
    """A group box with a bold title. The title's weight is the box's font; each widget put in the box
    gets the regular weight back (fonts pass to children), keeping a font of its own otherwise."""

    def __init__(self, *args):  # as QGroupBox: (parent), (title) or (title, parent)
        super().__init__(*args)
        bold = QFont(self.font())
        bold.setBold(True)
        self.setFont(bold)

    def childEvent(self, event) -> None:
        super().childEvent(event)
        child = event.child()
        if event.added() and isinstance(child, QWidget):
            font = QFont(child.font()) if child.testAttribute(Qt.WidgetAttribute.WA_SetFont) else QFont()
            font.setWeight(QFont.Weight.Normal)
            child.setFont(font)
