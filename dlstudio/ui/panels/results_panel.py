"""Step 4, Results: how good the model is (metrics beside a baseline, plots), saving and loading it,
and predicting on new CSV files.

The validation predictions behind the plots come with a run's model from the training process
(state.evaluation). Other torch work runs off the GUI thread through a JobRunner: the validation
predictions of a model from elsewhere (parameters loaded onto data at hand) and Predict on CSV (reading
the file and the forward pass). Saving and loading parameter files run on the click itself: they are
small, and the core checks them before anything changes, so a refused file leaves the state exactly as
it was.

The step draws only while it is shown: a change made while another step is shown (a run starting or
ending) marks it stale, and it redraws when it is shown next. Drawing the plots of a hidden step
stalled the window for ~100-200 ms at the start and the end of every run.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStackedWidget, QTabWidget,
                               QVBoxLayout, QWidget)

from ...core.errors import Cancelled, DataError
from ...core.events import epochs_trained
from ..actions import icon
from ..core_words import translated
from ..widgets.data_task import task_names
from ..widgets.predictions_view import PredictionsView
from ..widgets.results_evaluation import EvaluationView
from ..widgets.results_files import ResultsFiles
from ..widgets.results_job import JobRunner
from .step_page import StepPage

TRAIN_STEP = 2


def _evaluate_job(bundle, prepared, recompute: bool):
    from ...core.evaluation import validation_eval
    return bundle, validation_eval(bundle, prepared, recompute)


def _unicode(path: str) -> bool:
    from ...core.sniff import detect_encoding
    try:
        return detect_encoding(path).startswith("utf")
    except DataError:  # (in none of the encodings guessed: the chosen one may still read it)
        return False


def _predict_job(bundle, path: str, encoding: str | None):
    """``encoding``: the one the person chose for the training data, used when the file is not Unicode
    and is in it (one from the same place is likely so, and the guess that failed there would fail here)."""
    from ...core.evaluation import prediction_eval
    from ...core.file_lines import locating
    from ...core.predict import predict_frame
    from ...core.table import NotInEncoding, read_csv
    table = None
    if encoding and not _unicode(path):  # (the bytes scanned, not a second parse of the file)
        try:
            table = read_csv(path, encoding=encoding, infinities_refused=False)
        except NotInEncoding:
            pass  # (the guess, then, with its notice)
    table = table or read_csv(path, infinities_refused=False)  # (the model refuses it where it reads)
    with locating(table.source):
        prediction = predict_frame(bundle, table.frame, table.source)
    prediction.notices[:0] = table.notices
    prediction.source = table.source  # the export writes the file's own columns as it writes them
    # What the window needs besides the core's record: which file, which network, the plot pairs.
    prediction.path, prediction.model = str(path), bundle.model
    prediction.eval = prediction_eval(bundle, prediction.frame, prediction.prediction_columns, Path(path).name)
    return prediction


def _export_job(prediction, path: str, progress, cancel):
    from ...core.export import write_csv
    note = write_csv(prediction.frame, path, progress=progress, cancel=cancel, written=prediction.as_written)
    return path, len(prediction.frame), note


class ResultsPanel(StepPage):
    goToStep = Signal(int)
    evaluated = Signal()  # the Evaluate view was filled (after the validation predictions, if any)
    predicted = Signal()  # a prediction is shown
    exported = Signal(str)  # the predictions CSV was written
    exportProgress = Signal(int)  # percent, sent from the export's thread

    def __init__(self, state, window=None):
        super().__init__()
        self.state, self.window = state, window
        self.files = ResultsFiles(self)
        self.eval_runner = JobRunner(self)
        self.eval_runner.done.connect(self._on_evaluated)
        self.eval_runner.failed.connect(self._on_eval_failed)
        self.predict_runner = JobRunner(self)
        self.predict_runner.done.connect(self._on_predicted)
        self.predict_runner.failed.connect(self._on_predict_failed)
        self.predict_runner.busyChanged.connect(lambda _busy: self._update_buttons())
        self.export_runner = JobRunner(self)
        self.export_runner.done.connect(self._on_exported)
        self.export_runner.failed.connect(self._on_export_failed)
        self.export_runner.busyChanged.connect(lambda _busy: self._update_buttons())
        self.exportProgress.connect(self._on_export_progress)
        self._export_cancel, self._export_name = threading.Event(), ""
        self._eval_data = None
        self._stale = True  # the state changed since the step was last drawn
        self._build()
        state.bundleChanged.connect(self.refresh)
        state.runningChanged.connect(self._on_running)
        state.tableChanged.connect(self._update_buttons)
        self.refresh(now=True)  # built at start-up (no model: cheap) or by a language switch: show it all

    # --- construction ----------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel()
        self.title.setObjectName("resultsTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.RichText)
        layout.addWidget(self.title)
        bar = QHBoxLayout()
        bar.setSpacing(6)

        def button(text, slot, icon_name, tip, name):
            b = QPushButton(icon(icon_name), text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(lambda _checked=False: slot())
            bar.addWidget(b)
            return b

        self.save_params_button = button(self.tr("Save Parameters…"), self.save_parameters, "save",
                                         self.tr("params.pkl (the weights, torch.save) and model.json beside it"),
                                         "saveParamsButton")
        self.save_model_button = button(self.tr("Save Model…"), self.save_model, "save",
                                        self.tr("Choose a name; model.json and its .pkl are written together"),
                                        "saveModelButton")
        self.load_params_button = button(self.tr("Load Parameters…"), self.load_parameters, "load",
                                         self.tr("Put saved weights (.pkl) onto the current layer stack"),
                                         "loadParamsButton")
        self.open_model_button = button(self.tr("Open Model…"), self.open_model, "model",
                                        self.tr("Restore a saved model with its data choices and settings"),
                                        "openModelButton")
        bar.addSpacing(12)
        self.predict_button = button(self.tr("Predict on CSV…"), self.predict_csv, "predict",
                                     self.tr("Run the model on a new CSV file"), "predictButton")
        self.export_button = button(self.tr("Export Predictions…"), self.export_predictions, "save",
                                    self.tr("Write the predictions shown to a CSV file"), "exportButton")
        self.activity = QLabel()
        self.activity.setObjectName("resultsActivity")
        # its text never moves the layout: a relayout repaints the predictions table, whose cells are
        # Python calls, each waiting for the GIL while an export formats rows (seconds, not ms)
        self.activity.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.activity.setFixedHeight(self.activity.fontMetrics().height() + 4)
        self.activity.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        bar.addWidget(self.activity, 1)
        layout.addLayout(bar)
        self.pages = QStackedWidget()
        self.empty = self._build_empty()
        self.tabs = QTabWidget()
        self.evaluation = EvaluationView()
        self.predictions = PredictionsView()
        self.predictions.exportRequested.connect(lambda: self.export_predictions())
        self.predictions.predictRequested.connect(lambda: self.predict_csv())
        self.tabs.addTab(self.evaluation, icon("results"), self.tr("Evaluate"))
        self.tabs.addTab(self.predictions, icon("predict"), self.tr("Predictions"))
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.tabs)
        layout.addWidget(self.pages, 1)

    def _build_empty(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.empty_text = QLabel()
        self.empty_text.setObjectName("resultsEmpty")
        self.empty_text.setAlignment(Qt.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_text.setStyleSheet("color: #4b5563; font-size: 12pt;")
        box.addWidget(self.empty_text)
        row = QHBoxLayout()
        row.addStretch(1)
        to_train = QPushButton(icon("train"), self.tr("Go to Train"))
        to_train.setObjectName("goToTrain")
        to_train.clicked.connect(lambda: self.goToStep.emit(TRAIN_STEP))
        self.empty_open_model = QPushButton(icon("model"), self.tr("Open a Saved Model…"))
        self.empty_open_model.clicked.connect(lambda: self.open_model())
        row.addWidget(to_train)
        row.addWidget(self.empty_open_model)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(2)
        return page

    # --- showing the state ---------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, now: bool = False) -> None:
        """Redraw from the state when shown (or ``now``), else when next shown. The validation pairs come
        from the run, or are measured in the background when this model has its data and none came with it."""
        bundle, state = self.state.bundle, self.state
        self._update_buttons()
        if state.prediction is not None and (bundle is None or getattr(state.prediction, "model", None)
                                             is not bundle.model):
            state.prediction = None  # made by another network: retrained, reloaded or closed
        if not (now or self.isVisible()):
            self._stale = True
            return
        self._stale = False
        if bundle is None:
            self.title.setText("<h3>%s</h3>" % self.tr("Results"))
            self.empty_text.setText(self.tr("Training is running; the results appear when it ends.")
                                    if state.running else
                                    self.tr("No model yet. Train one in step 3, or open a model you saved."))
            self.pages.setCurrentWidget(self.empty)
            self.predictions.show_prediction(None)
            self.evaluated.emit()
            return
        self.pages.setCurrentWidget(self.tabs)
        self.title.setText(self._title_text(bundle))
        self._show_prediction()
        self._eval_data = None
        if state.evaluation is not None and self._has_data(bundle):
            self._eval_data = state.evaluation  # measured by the run that trained it
            self._show_evaluation()
        elif self._can_measure(bundle):
            recompute = not (bundle.metrics.get("val") or bundle.metrics.get("train"))
            self.activity.setText(self.tr("Measuring on the validation split…"))
            self.eval_runner.run(_evaluate_job, bundle, state.prepared, recompute)
        else:
            self._show_evaluation()

    def _on_running(self, _running: bool) -> None:
        """A run started or ended: the model shown is unchanged until its end sets a new one, so only the
        buttons change, and the empty page's text; a model still to be measured is measured once it ends."""
        self._update_buttons()
        bundle = self.state.bundle
        if bundle is None or (self._eval_data is None and not self.eval_runner.busy and self._can_measure(bundle)):
            self.refresh()

    def _can_measure(self, bundle) -> bool:
        return not self.state.running and self._has_data(bundle)

    def _has_data(self, bundle) -> bool:
        if self.state.prepared is None:
            return False
        from ...core.evaluation import prepared_matches  # torch is loaded already: a model exists
        return prepared_matches(bundle, self.state.prepared)

    def _title_text(self, bundle) -> str:
        task = bundle.task
        kind = task_names().get(task.kind, task.kind)  # "binary classification", in the current language
        what = self.tr("regression of %s") % ", ".join(task.labels) if task.kind == "regression" else \
            self.tr("%s of %s into %d classes") % (kind, task.labels[0], len(task.classes))
        from ...core.ledger import build_ledger
        ledger = build_ledger(bundle.spec, bundle.in_features, task.output_width)
        widths = [bundle.in_features] + [r.out_features for r in ledger.rows if r.layer.startswith("Linear")]
        parts = [self.tr("network %s (%s parameters)") % (" → ".join(map(str, widths)), f"{ledger.total_params:,}"),
                 what]
        if bundle.source:
            parts.append(self.tr("trained on %s") % bundle.source)
        if bundle.history:  # every run's epochs; the end message below is the last run's alone
            parts.append(self.tr("%s epochs in all") % epochs_trained(bundle.history))
        end = (bundle.metrics.get("end") or {}).get("message")
        text = "<h3 style='margin:0'>%s</h3>" % self.tr("Results") + " · ".join(_esc(p) for p in parts)
        last = self.tr("Last run: %s") % translated(end) if end else ""
        return text + (f"<br><span style='color:#4b5563'>{_esc(last)}</span>" if last else "")

    def _show_evaluation(self) -> None:
        bundle = self.state.bundle
        if bundle is None:
            return
        prediction = self.state.prediction
        file_metrics = prediction.metrics if prediction is not None else None
        file_name = Path(getattr(prediction, "path", "")).name if prediction is not None else ""
        data = self._eval_data
        if data is None and prediction is not None:
            data = getattr(prediction, "eval", None)
        self.evaluation.show_results(bundle.task, bundle.metrics or {}, data, file_metrics, file_name,
                                     saved=self._eval_data is None)
        self.activity.setText("")
        self.evaluated.emit()

    def _on_evaluated(self, result) -> None:
        bundle, data = result
        if bundle is not self.state.bundle:
            return  # a newer model replaced it meanwhile
        if data.metrics is not None:
            bundle.metrics = data.metrics  # measured for the weights it has now (after Load Parameters)
        self._eval_data = data
        self._show_evaluation()

    def _on_eval_failed(self, error) -> None:
        self.activity.setText("")
        self.state.report(error)
        self._show_evaluation()

    def _show_prediction(self) -> None:
        prediction = self.state.prediction
        name = Path(getattr(prediction, "path", "")).name if prediction is not None else ""
        kind = self.state.bundle.task.kind if self.state.bundle is not None else ""
        self.predictions.show_prediction(prediction, name, kind)

    def _update_buttons(self) -> None:
        idle = not self.state.running
        has_model = self.state.bundle is not None
        self.save_params_button.setEnabled(idle and has_model)
        self.save_model_button.setEnabled(idle and has_model)
        self.load_params_button.setEnabled(idle and (has_model or self.state.table is not None))
        self.open_model_button.setEnabled(idle)
        self.empty_open_model.setEnabled(idle)  # (as the toolbar's Open Model: not while a run goes)
        self.predict_button.setEnabled(idle and has_model and not self.predict_runner.busy)
        self.export_button.setEnabled(self.state.prediction is not None and not self.export_runner.busy)

    # --- the window's contract: save, load, open, predict ------------------------------------------------------
    def save_parameters(self, path=None) -> bool:
        return self.files.save_parameters(path)

    def save_model(self, path=None) -> bool:
        return self.files.save_model(path)

    def load_parameters(self, path=None) -> bool:
        return self.files.load_parameters(path)

    def open_model(self, path=None) -> bool:
        return self.files.open_model(path)

    def export_predictions(self, path=None) -> bool:
        return self.files.export_predictions(path)

    def predict_csv(self, path=None) -> bool:
        """Read the CSV and predict in the background; the table shows when it is done."""
        if self.state.bundle is None:
            self.state.report(DataError(self.tr("There is no model to predict with yet."),
                                        hint=self.tr("Train one (step 3) or open a saved model first.")))
            return False
        if self.state.running:
            self.state.notice.emit(self.tr("Wait for training to end before predicting."))
            return False
        if path is None:
            path = self.files.ask_open(self.tr("Predict on CSV"), "data",
                                       self.tr("Data files (*.csv *.tsv *.txt);;All files (*)"))
            if not path:
                return False
        self.activity.setText(self.tr("Predicting on %s…") % Path(path).name)
        data = self.state.table
        chosen = data.encoding if data is not None and data.chosen else None
        self.predict_runner.run(_predict_job, self.state.bundle, str(path), chosen)
        self._update_buttons()
        return True

    def _replaced(self) -> bool:
        """True once the window has rebuilt its panels (a language switch): this one is on its way out."""
        return self.window is not None and getattr(self.window, "results_panel", self) is not self

    def _on_predicted(self, prediction) -> None:
        self.activity.setText("")
        if self._replaced() or self.state.bundle is None or prediction.model is not self.state.bundle.model:
            return  # the model changed while it ran: these answers belong to another network
        self.state.prediction = prediction
        if self.window is not None:
            self.window.banner.dismiss_error()  # (a refused file before this one)
        self._show_prediction()
        self._show_evaluation()
        self._update_buttons()
        self.tabs.setCurrentWidget(self.predictions)
        self.state.notice.emit(self.tr("Predicted %d rows of %s.") % (len(prediction.frame),
                                                                    Path(prediction.path).name))
        self.predicted.emit()

    def _on_predict_failed(self, error) -> None:
        self.activity.setText("")
        self._update_buttons()
        self.state.report(error)

    # --- the export, in the background -------------------------------------------------------------------------
    def export_in_background(self, prediction, path: str) -> None:
        """Write ``prediction`` to ``path`` off the GUI thread; ``exported`` when done, a notice if it fails."""
        self._export_cancel, self._export_name = threading.Event(), Path(path).name
        self.activity.setText(self.tr("Exporting predictions to %s…") % self._export_name)
        self.export_runner.run(_export_job, prediction, path, self._report_export_progress,
                               self._export_cancel.is_set)
        self._update_buttons()

    def _report_export_progress(self, fraction: float) -> None:  # (on the export's thread)
        try:
            self.exportProgress.emit(int(fraction * 100))
        except RuntimeError:
            pass  # the panel was rebuilt meanwhile (a language switch): nobody to tell

    def _on_export_progress(self, percent: int) -> None:
        if self.export_runner.busy:
            self.activity.setText(self.tr("Exporting predictions to %s… %d %%") % (self._export_name, percent))

    def _on_exported(self, result) -> None:
        path, rows, note = result
        self.activity.setText("")
        self._update_buttons()
        self.state.notice.emit(self.tr("Exported %d predictions to %s.") % (rows, path))
        if note and self.window is not None:  # the person's columns went out as parsed, not as written
            self.window.banner.show_message(note, "warning")
        self.exported.emit(str(path))

    def _on_export_failed(self, error) -> None:
        self.activity.setText("")
        self._update_buttons()
        if isinstance(error, Cancelled):
            self.state.notice.emit(self.tr("The export was cancelled; no file was written."))
        else:
            self.state.report(error)

    def shutdown(self) -> None:
        """Wait for the background jobs (the window may call this when it closes); an export stops at
        its next chunk, leaving any earlier file as it was."""
        self._export_cancel.set()
        self.eval_runner.wait()
        self.predict_runner.wait()
        self.export_runner.wait()


def _esc(text: str) -> str:
    import html
    return html.escape(str(text))

