from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ModelPanel(QWidget):
    def __init__(self, state, window=None):
        super().__init__()
        QVBoxLayout(self).addWidget(QLabel("model (being written)"))
