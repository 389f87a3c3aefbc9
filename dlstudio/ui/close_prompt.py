"""Before the window closes: a run going on, or a model trained here and not saved, is the person's to
give up (Close / Cancel; Save… / Discard / Cancel)."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox


class ClosePrompt(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def allows(self) -> bool:
        """Whether the window may close now (asked of the person where something would be lost)."""
        state = self.window.state
        if state.running:
            answer = QMessageBox.question(
                self.window, self.tr("Training is running"),
                self.tr("Stop training and close DL Studio? What this run has learned is not saved.") if not
                state.unsaved else self.tr("Stop training and close DL Studio? Neither this run nor the model "
                                           "trained before it is saved."),
                QMessageBox.Close | QMessageBox.Cancel, QMessageBox.Cancel)
            return answer == QMessageBox.Close
        if state.unsaved and state.bundle is not None:
            answer = QMessageBox.question(
                self.window, self.tr("Save the model?"),
                self.tr("The model trained here is not saved. Save it before closing?"),
                QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
            if answer == QMessageBox.Save:
                return self.window.results_panel.save_model()  # (a cancelled dialog keeps the window open)
            return answer == QMessageBox.Discard
        return True
