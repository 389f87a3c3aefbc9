from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class DataPanel(QWidget):
    openRequested = Signal()
    sampleRequested = Signal(str)
    goToStep = Signal(int)

    def __init__(self, state, window=None):
        super().__init__()
        self.state = state
        QVBoxLayout(self).addWidget(QLabel("data (being written)"))

    def show_preview(self, table):
        pass
