"""What a file dropped on the window means: data opens (or is predicted on), a model opens, parameters
load; of several files the first, the others named. A mixin of MainWindow (its state, banner, panels and
open_csv); its messages keep MainWindow's translation context."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from .step_panels import RESULTS
from .widgets.results_files import PARAM_SUFFIXES

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
MODEL_SUFFIXES = {".json"}


class FileDrops:
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_dropped(paths)

    def open_dropped(self, paths: list) -> None:
        """A drop's first file opens; the others are named and left alone (one file at a time)."""
        self.open_path(paths[0])
        if len(paths) > 1:
            rest = ", ".join(Path(p).name for p in paths[1:4]) + (", …" if len(paths) > 4 else "")
            self.banner.show_message(QCoreApplication.translate("MainWindow", "Opened %s only: drop one file at a time (left alone: %s).")
                                     % (Path(paths[0]).name, rest), "info")

    def open_path(self, path: str) -> None:
        """What a drop does: data opens (or is predicted on), a model opens, parameters load."""
        suffix = Path(path).suffix.lower()
        if suffix in CSV_SUFFIXES:
            if self.state.bundle is not None and self.ask_drop_action(path) == "predict":
                self.results_panel.predict_csv(path)
                self.go_to(RESULTS)
            else:
                self.open_csv(path)
        elif suffix in MODEL_SUFFIXES:
            self.results_panel.open_model(path)
        elif suffix in PARAM_SUFFIXES:
            self.results_panel.load_parameters(path)
        else:
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Cannot open %s: drop a .csv, .tsv or .txt data file, a model .json or a "
                        "parameter .pkl.") % Path(path).name, 10000)

    def ask_drop_action(self, path: str) -> str:
        """'open' or 'predict' for a CSV dropped while a model is open (a method, so tests can answer)."""
        box = QMessageBox(QMessageBox.Question, QCoreApplication.translate("MainWindow", "Open or predict?"),
                          QCoreApplication.translate("MainWindow", "A trained model is open. What should %s be used for?") % Path(path).name,
                          parent=self)
        predict = box.addButton(QCoreApplication.translate("MainWindow", "Predict with the model"), QMessageBox.AcceptRole)
        box.addButton(QCoreApplication.translate("MainWindow", "Open as training data"), QMessageBox.RejectRole)
        box.exec()
        return "predict" if box.clickedButton() is predict else "open"
