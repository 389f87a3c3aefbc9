from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class TrainPanel(QWidget):
    stateChanged = Signal()

    def __init__(self, state, window=None):
        super().__init__()
        QVBoxLayout(self).addWidget(QLabel("train (being written)"))

    def start(self): ...
    def toggle_pause(self): ...
    def stop(self): ...
    def can_start(self): return False
    def is_paused(self): return False
    def shutdown(self): ...
