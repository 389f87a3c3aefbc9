"""The Results step's file work: save the model (model.json + its .pkl), load parameters onto the current
layer stack, open a saved model, export predictions. Every write is atomic and every load is checked by
the core before anything changes; a refusal is shown in the banner and the state stays as it was.

A path given (tests, drops) is used as is; without one a file dialog asks, suggesting a name made
from the data file (iris.csv → iris_model.json, iris_model.pkl).
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.errors import DataError, DLStudioError

log = logging.getLogger(__name__)
PARAM_SUFFIXES = {".pkl", ".pt", ".pth"}
RESULTS_STEP = 3


def model_json_for(params_path: str | Path) -> Path:
    """params.pkl → model.json beside it; iris_model.pkl → iris_model.json (the core's pairing, reversed)."""
    p = Path(params_path)
    return p.with_name("model.json") if p.stem == "params" else p.with_suffix(".json")


class ResultsFiles(QObject):
    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel

    @property
    def state(self):
        return self.panel.state

    @property
    def settings(self):
        return getattr(self.panel.window, "settings", None)

    # --- names and dialogs --------------------------------------------------------------------------------------
    def stem(self) -> str:
        """The data file's name without its suffix: what suggested file names start with."""
        state = self.state
        source = state.table.path if state.table is not None and state.table.path else (
            state.bundle.source if state.bundle is not None else "")
        return Path(source).stem or "model"

    def folder(self, kind: str) -> str:
        remembered = self.settings.last_folder(kind) if self.settings is not None else ""
        if remembered and Path(remembered).is_dir():
            return remembered
        table = self.state.table
        return str(Path(table.path).parent) if table is not None and table.path else str(Path.home())

    def remember(self, kind: str, path: Path) -> None:
        if self.settings is not None:
            self.settings.set_last_folder(kind, str(Path(path).parent))

    def ask_save(self, title: str, kind: str, name: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.panel, title, str(Path(self.folder(kind)) / name), filters)
        return path

    def ask_open(self, title: str, kind: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self.panel, title, self.folder(kind), filters)
        return path

    def _idle(self) -> bool:
        if self.state.running:
            self.state.notice.emit(self.tr("Wait for training to end (or stop it) first."))
            return False
        return True

    def _model(self):
        if self.state.bundle is None:
            self.state.report(DataError(self.tr("There is no trained model to save yet."),
                                        hint=self.tr("Train one in step 3, or open a saved model.")))
        return self.state.bundle

    # --- saving --------------------------------------------------------------------------------------------
    def save_parameters(self, path=None) -> bool:
        """params.pkl (exactly the state_dict, torch.save) and the model.json beside it."""
        path = self._save_target(path, self.tr("Save Parameters"), f"{self.stem()}_model.pkl",
                                 self.tr("PyTorch parameters (*.pkl)"))
        if not path:
            return False
        params = Path(path)
        if params.suffix.lower() == ".json":  # (the description's name: the parameters go beside it)
            params = params.with_suffix(".pkl")
        elif params.suffix.lower() not in PARAM_SUFFIXES:  # iris_lr0.01: '.01' is part of the name
            params = params.with_name(params.name + ".pkl")
        json_path = model_json_for(params)
        return self._may_replace(json_path, params) and self._save(json_path, params)

    def save_model(self, path=None) -> bool:
        """model.json (architecture, preprocessing, settings, metrics) and its .pkl, under one name."""
        path = self._save_target(path, self.tr("Save Model"), f"{self.stem()}_model.json",
                                 self.tr("DL Studio model (*.json)"))
        if not path:
            return False
        json_path = Path(path)
        if json_path.suffix.lower() != ".json":
            json_path = json_path.with_name(json_path.name + ".json")
        from ...core.persistence import params_path_for
        params = params_path_for(json_path)
        return self._may_replace(params, json_path) and self._save(json_path, params)

    def _save_target(self, path, title: str, name: str, filters: str) -> str:
        """The path to save to ('' when there is nothing to save or the person cancelled)."""
        if not self._idle() or self._model() is None:
            return ""
        return str(path) if path is not None else self.ask_save(title, "models", name, filters)

    def _may_replace(self, companion: Path, chosen: Path) -> bool:
        """Whether the file saved beside the one chosen may go where it goes: the dialog asked about the
        chosen name only, so a file of that other name (results.json beside a new results.pkl) is
        someone's own, and replaced only if the person says so. Beside a pair being saved over, it is
        that pair's other half."""
        if not companion.exists() or chosen.exists():
            return True
        answer = QMessageBox.question(
            self.panel, self.tr("Replace %s?") % companion.name,
            self.tr("%s is saved with %s beside it, and a file of that name is already there. Replace it?")
            % (chosen.name, companion.name), QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def _save(self, json_path: Path, params_path: Path) -> bool:
        from ...core.persistence import save_bundle
        try:
            save_bundle(self.state.bundle, json_path, params_path)
        except DLStudioError as exc:
            self.state.report(exc)
            return False
        self._succeeded()
        self.state.unsaved = False
        self.remember("models", json_path)
        self.state.notice.emit(self.tr("Saved %s and %s in %s.") % (json_path.name, params_path.name,
                                                                   json_path.parent))
        return True

    # --- loading -------------------------------------------------------------------------------------------
    def load_parameters(self, path=None) -> bool:
        """Put a .pkl onto the current layer stack (or open the model that the model.json beside it
        describes); a misfit lists its keys and changes nothing."""
        if not self._idle():
            return False
        if path is None:
            path = self.ask_open(self.tr("Load Parameters"), "models",
                                 self.tr("PyTorch parameters (*.pkl *.pt *.pth);;All files (*)"))
            if not path:
                return False
        if self._open_described(Path(path)):
            return True
        try:
            target, prepared = self._target()
            from ...core.persistence import load_params_into
            load_params_into(target, path)
        except DLStudioError as exc:
            self.state.report(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - shown, logged; the model is untouched
            log.exception("loading parameters from %s failed", path)
            self.state.report(exc)
            return False
        target.metrics = {}  # they measured other weights; the panel measures these when it has the data
        if prepared is not None:
            self.state.prepared = prepared
        self._succeeded()
        self.state.unsaved = False  # (its weights are in the file they came from)
        self.remember("models", Path(path))
        self.state.set_bundle(target)
        self.state.notice.emit(self.tr("Loaded the parameters from %s onto the current layer stack; the inputs "
                                       "are prepared as the Data step says now.") % Path(path).name)
        self.panel.goToStep.emit(RESULTS_STEP)
        return True

    def _open_described(self, params: Path) -> bool:
        """Parameters with the model.json that describes them beside: opened as that model (its layers,
        and the input scaling its weights learned on, not one fitted again on the data loaded now), also
        when they changed since it was saved (trained further in plain PyTorch: another SHA-256) as long
        as they fit its layers."""
        json_path = model_json_for(params)
        if not json_path.is_file():
            return False
        from ...core.persistence import load_described
        try:
            bundle, changed = load_described(json_path, params)
        except Exception:  # noqa: BLE001 - not a description of these: onto the current stack, as asked
            return False
        self._restore(bundle, json_path)
        if changed:
            self.state.notice.emit(self.tr("Loaded %s onto the model %s describes (its layers and input scaling); "
                                           "they changed since it was saved with them.") % (params.name, json_path.name))
        return True

    def _target(self):
        """The model the parameters go onto: the open one when it has the current layer stack, else a
        new one built from the data and layers chosen now. Returns (bundle, Prepared or None)."""
        state, bundle = self.state, self.state.bundle
        same = bundle is not None and bundle.spec.to_dict() == state.spec.to_dict() and (
            state.table is None or state.in_features == bundle.in_features)
        if same or (bundle is not None and state.table is None):
            return bundle, None
        if state.table is None:
            raise DataError(self.tr("There is no model to put the parameters onto."),
                            hint=self.tr("Open data and choose the layers (steps 1 and 2), or open the "
                                         "model.json saved with these parameters."))
        from ...core.pipeline import new_bundle
        from ...core.preprocessing import prepare
        prepared = prepare(state.frame, state.data_config, state.profile_map)
        fresh = new_bundle(prepared, state.data_config, state.spec, state.train_config, source=state.table.name)
        return fresh, prepared

    def open_model(self, path=None) -> bool:
        """Restore a saved model with its data choices, layers and settings; ready to predict or train on."""
        if not self._idle():
            return False
        if path is None:
            path = self.ask_open(self.tr("Open Model"), "models",
                                 self.tr("DL Studio model (*.json);;PyTorch parameters (*.pkl *.pt *.pth)"))
            if not path:
                return False
        path = Path(path)
        json_path, params = (model_json_for(path), path) if path.suffix.lower() in PARAM_SUFFIXES else (path, None)
        try:
            from ...core.persistence import load_bundle
            bundle = load_bundle(json_path, params)
        except DLStudioError as exc:
            self.state.report(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - shown, logged; nothing was changed
            log.exception("opening %s failed", json_path)
            self.state.report(exc)
            return False
        self._restore(bundle, json_path)
        return True

    def _succeeded(self) -> None:
        """An earlier refusal in the banner no longer stands."""
        if self.panel.window is not None:
            self.panel.window.banner.dismiss_error()

    def _restore(self, bundle, json_path: Path) -> None:
        self._succeeded()
        self.state.unsaved = False
        self.state.prediction = None
        absent = self.state.restore_from_bundle(bundle)
        self.remember("models", json_path)
        if absent:
            shown = ", ".join(absent[:5]) + (", …" if len(absent) > 5 else "")
            text = self.tr("Opened %s. Its columns %s are not in %s, so the Data step keeps that file's "
                           "choices: predict on a CSV that has them, or Start trains new weights on this file.") \
                % (json_path.name, shown, self.state.table.name)
            self.state.notice.emit(text)
            if self.panel.window is not None:  # (more than a status line: the steps now differ from the model)
                self.panel.window.banner.show_message(text, "info")
        else:
            self.state.notice.emit(self.tr("Opened %s: ready to predict, or to train further.") % json_path.name)
        self.panel.goToStep.emit(RESULTS_STEP)

    # --- predictions ------------------------------------------------------------------------------------------
    def export_predictions(self, path=None) -> bool:
        prediction = self.state.prediction
        if prediction is None:
            self.state.notice.emit(self.tr("There are no predictions to export yet: use Predict on CSV first."))
            return False
        if self.panel.export_runner.busy:
            self.state.notice.emit(self.tr("An export is already running; wait for it to end."))
            return False
        if path is None:
            source = Path(getattr(prediction, "path", "") or "predictions.csv")
            suggested = source.parent / f"{source.stem}_predictions.csv"
            path, _ = QFileDialog.getSaveFileName(self.panel, self.tr("Export Predictions"), str(suggested),
                                                  self.tr("CSV files (*.csv)"))
            if not path:
                return False
        from ...core.export import refuse_to_replace
        try:
            refuse_to_replace(path, {"the CSV predicted on": getattr(prediction, "path", ""),
                                     "the data loaded in step 1": self.state.table.path if self.state.table else ""})
        except DLStudioError as exc:
            self.state.report(exc)
            return False
        self.panel.export_in_background(prediction, str(path))  # 1M rows take ~10 s
        return True
