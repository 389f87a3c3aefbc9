"""Step 3, Train: Start / Pause / Stop, live loss and metric plots, progress, and the epoch log.

Thin: the run is driven by worker.TrainRun (a QThread driving the training process); this panel
only shows what its signals carry and writes the trained model into the state at the end.
The plots (pyqtgraph, ~1 s to import) are built the first time the step is shown.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QStackedLayout,
                               QVBoxLayout, QWidget)

from ...core.batch_rules import batch_problem, most_training_rows
from ...core.events import DIVERGED, EARLY_STOPPED, STOPPED, BatchEnd, EpochEnd, TrainEnd, epochs_trained
from ...core.ledger import build_ledger
from ...core.remote import scaling_changed
from ...core.spec import ModelSpec
from .. import look
from ..actions import icon
from ..core_words import translated
from ..widgets.elided_label import ElidedLabel
from ..widgets.train_log import EpochLog
from ..widgets.train_progress import TrainProgress
from ..turns import in_a_later_turn
from ..worker import RunRequest, TrainRun, prewarm
from .step_page import StepPage

PREWARM_DELAY_MS = 500  # the training process starts this long after a file arrives

RESULTS = 3


class TrainPanel(StepPage):
    stateChanged = Signal()  # running / paused / stopping / startable changed
    goToStep = Signal(int)
    runFinished = Signal(object)  # worker.RunOutcome, after the state holds the new model
    runFailed = Signal(object)

    def __init__(self, state, window=None):
        super().__init__()
        self.state, self.window = state, window
        self.run = TrainRun(self)
        self.plots = None  # plots.LivePlots, built on first show (or part by part before: prebuild_plots)
        self._plots_building = None
        self.last_end: TrainEnd | None = None
        self._info = None
        self._own_bundle = False
        self._build()
        self.run.begun.connect(self._on_begun)
        self.run.events.connect(self._on_events)
        self.run.finished.connect(self._on_finished)
        self.run.failed.connect(self._on_failed)
        self.run.ended.connect(self._on_ended)
        for sig in (state.tableChanged, state.dataConfigChanged, state.taskChanged, state.specChanged,
                    state.trainConfigChanged):
            sig.connect(self.refresh)
        state.bundleChanged.connect(self._on_bundle_changed)
        # Half a second after a file arrives: starting the process takes ~40 ms of this thread and its
        # import of torch a core; started at once, both slowed the new data's first paint (~150 → ~110 ms)
        # (a bound method: a lambda outlived the panel a language switch rebuilt, and every later file's
        # arrival raised 'TrainPanel already deleted' into the banner)
        state.tableChanged.connect(self._prewarm_soon)
        self.refresh()

    def _prewarm_soon(self) -> None:
        QTimer.singleShot(PREWARM_DELAY_MS, self, self._prewarm)

    def _prewarm(self) -> None:
        if self.state.table is not None:
            prewarm()

    # --- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        def button(text, slot, icon_name, tip, name):
            b = QPushButton(icon(icon_name), text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            return b

        self.start_button = button(self.tr("Start"), self.start, "start", self.tr("Start training (F5)"), "start")
        look.primary(self.start_button)
        self.pause_button = button(self.tr("Pause"), self.toggle_pause, "pause",
                                   self.tr("Pause training; Resume goes on from the same batch"), "pause")
        self.stop_button = button(self.tr("Stop"), self.stop, "stop",
                                  self.tr("Stop after the current batch; the model keeps what it learned (Esc)"),
                                  "stop")
        self.reset_box = QCheckBox(self.tr("Reset weights"))
        self.reset_box.setToolTip(self.tr("Start again from new random weights instead of continuing to train "
                                          "the current model"))
        self.reset_box.toggled.connect(lambda _on: self.refresh())
        self.results_button = button(self.tr("See results →"), lambda: self.goToStep.emit(RESULTS), "results",
                                     self.tr("Evaluate the trained model, save it, predict on new data"),
                                     "seeResults")
        self.results_button.hide()
        self.settings_label = ElidedLabel()  # (the whole line in its tooltip: the row never widens the window)
        look.hint(self.settings_label)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.progress = TrainProgress()
        self.end_label = QLabel()
        self._end_text = ""  # the last run's own message (without "Previous run: ")
        self._warned = ""  # the divergence message this panel put in the window's banner
        self.end_label.setWordWrap(True)
        self.end_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.end_label.hide()

        controls = QHBoxLayout()
        for w in (self.start_button, self.pause_button, self.stop_button):
            controls.addWidget(w)
        controls.addSpacing(12)
        controls.addWidget(self.reset_box)
        controls.addSpacing(12)
        controls.addWidget(self.settings_label, 1)
        controls.addWidget(self.results_button)

        self.hover_label = QLabel(self.tr("Point at a plot to read the values at an epoch."))
        look.hint(self.hover_label)
        self.log_box = QCheckBox(self.tr("Log scale"))
        self.log_box.setToolTip(self.tr("Show the loss on a logarithmic scale"))
        self.log_box.toggled.connect(lambda on: self.plots and self.plots.set_log_y(on))
        self.clear_button = QPushButton(self.tr("Clear earlier runs"))
        self.clear_button.setToolTip(self.tr("Remove the faded curves of earlier runs"))
        self.clear_button.clicked.connect(self.clear_earlier_runs)
        plot_bar = QHBoxLayout()
        plot_bar.addWidget(self.hover_label, 1)
        plot_bar.addWidget(self.log_box)
        plot_bar.addWidget(self.clear_button)

        self.plot_host = QWidget()
        self.plot_stack = QStackedLayout(self.plot_host)
        placeholder = QLabel(self.tr("The loss curves appear here while the network trains."))
        placeholder.setAlignment(Qt.AlignCenter)
        look.hint(placeholder)
        self.plot_stack.addWidget(placeholder)
        plot_area = QWidget()
        plot_layout = QVBoxLayout(plot_area)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.addLayout(plot_bar)
        plot_layout.addWidget(self.plot_host, 1)
        self.epoch_log = EpochLog()
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(plot_area)
        self.splitter.addWidget(self.epoch_log)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([460, 170])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(controls)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.end_label)
        layout.addWidget(self.splitter, 1)

    def prebuild_plots(self) -> None:
        """Build the live plots a part per event-loop turn (~100 ms in one go), before the first visit."""
        if self.plots is None and self._plots_building is None:
            self._plots_building = self._new_plots()
            in_a_later_turn(self, self._build_plots_part)

    def _build_plots_part(self) -> None:
        if self._plots_building is None:
            return  # a visit came first: ensure_plots finished them
        if self._plots_building.build_part():
            in_a_later_turn(self, self._build_plots_part)
        else:
            self.ensure_plots()

    def _new_plots(self):
        from ..plots import LivePlots
        # The faded earlier runs live in the state: plots built again (a language switch) draw them too.
        return LivePlots(earlier=self.state.earlier_runs, staged=True)

    def ensure_plots(self):
        if self.plots is None:
            building, self._plots_building = self._plots_building, None
            self.plots = (building or self._new_plots()).finish()
            self.plots.set_log_y(self.log_box.isChecked())
            self.plots.hovered.connect(self.hover_label.setText)
            self.plot_stack.addWidget(self.plots)
            self.plot_stack.setCurrentWidget(self.plots)
            self._show_bundle_history()
        return self.plots

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_plots()

    # --- the contract with the window ---------------------------------------------------------------
    def can_start(self) -> bool:
        return not self.run.running and not self._blocker()

    def is_paused(self) -> bool:
        return self.run.paused

    def is_running(self) -> bool:
        return self.run.running

    def start(self) -> bool:
        """Start (or continue) training in the background; refused while a run is going."""
        if not self.can_start():
            return False
        s = self.state
        request = RunRequest(s.frame, s.data_config, dict(s.profile_map), ModelSpec.from_dict(s.spec.to_dict()),
                             s.train_config, s.table.name if s.table is not None else "", s.bundle,
                             self.reset_box.isChecked(), s.table.source if s.table is not None else None)
        self.ensure_plots()
        self.last_end = None
        if self.window is not None and hasattr(self.window, "banner"):
            self.window.banner.dismiss_error()  # a run started: what was refused before no longer stands
            if self._warned:
                self.window.banner.dismiss_if(self._warned)  # the last run's divergence: this run has other settings
        if self._end_text:  # the last run's message stays, in grey, so the plots below keep their place
            self._show_end(self.tr("Previous run: %s") % self._end_text, "previous")
        self.results_button.hide()
        self.progress.reset(s.train_config.epochs, 1)
        self.run.start(request)
        s.set_running(True)
        self._update_buttons()
        return True

    def toggle_pause(self) -> None:
        if not self.run.running or self.run.stopping:
            return
        self.run.set_paused(not self.run.paused)
        self.progress.set_status(self.tr("Paused — press Resume to go on") if self.run.paused else None)
        self._update_buttons()

    def stop(self) -> None:
        if self.run.running and not self.run.stopping:
            self.run.stop()
            self.progress.set_status(self.tr("Stopping after this batch…"))
            self._update_buttons()

    def shutdown(self) -> None:
        """Called when the window closes: stop the run and wait for its thread."""
        self.run.shutdown()

    def clear_earlier_runs(self) -> None:
        if self.plots is not None:
            self.plots.clear_earlier()
        self.state.earlier_runs.clear()

    # --- state ------------------------------------------------------------------------------------------
    def _blocker(self) -> str:
        """Why training cannot start now ('' when it can)."""
        s = self.state
        if self.window is not None and getattr(self.window, "loader", None) is not None and self.window.loader.busy:
            return self.tr("A file is being opened: Start waits for it (the run would train on the data before it).")
        if s.table is None:
            return self.tr("Load a CSV in step 1 (Data) to train on it.")
        if s.task is None:
            return s.task_error or self.tr("Choose a label column in step 1 (Data).")
        problems = s.data_config.problems() + s.train_config.problems()
        if problems:
            return problems[0]
        shapes = s.planned_shapes()
        if shapes is not None:
            loss = s.train_config.loss if s.train_config.loss in s.task.losses else s.task.proposed_loss
            ledger = build_ledger(s.spec, shapes.features, s.task.output_width, loss=loss)
            if not ledger.ok:
                return self.tr("The layer stack does not fit the data: %s Fix it in step 2 (Model).") % \
                    ledger.problems[0]
            batchnorm = any(layer.type == "BatchNorm1d" for layer in s.spec.layers)
            rows = most_training_rows(shapes.train_rows, s.task.class_counts, s.data_config.val_split)
            if (problem := batch_problem(rows, s.train_config.batch_size, batchnorm)) is not None:
                return problem.text
        return ""

    def refresh(self) -> None:
        cfg = self.state.train_config
        stop = self.tr(", early stopping after %d epochs without improvement") % cfg.early_stopping \
            if cfg.early_stopping else ""
        self.settings_label.setText(self.tr("%s · learning rate %g · batch %d · %d epochs%s") % (
            cfg.optimizer.upper() if cfg.optimizer == "sgd" else cfg.optimizer.capitalize().replace("w", "W"),
            cfg.lr, cfg.batch_size, cfg.epochs, stop))
        if not self.run.running:
            blocker = self._blocker()
            self.plan_label.setText(translated(blocker) if blocker else self._plan())
            self.plan_label.setStyleSheet("color:#9b2c2c;" if blocker else "color:#5a6677;")
        self._update_buttons()

    def _plan(self) -> str:
        bundle = self.state.bundle
        if bundle is None:
            return self.tr("Start trains the network from new random weights.")
        if self.reset_box.isChecked():
            return self.tr("Start trains again from new random weights (Reset weights is ticked).")
        if bundle.spec.to_dict() != self.state.spec.to_dict() or \
                list(bundle.data_config.features) != list(self.state.data_config.features) or \
                list(bundle.data_config.labels) != list(self.state.data_config.labels):
            return self.tr("Start trains from new weights: the current model was built for other columns or "
                           "another layer stack.")
        if scaling_changed(bundle.preprocessor, self.state.data_config.standardize):
            return self.tr("Start trains from new weights: the current model learned on inputs scaled another "
                           "way (Standardize changed in the Data step).")
        return self.tr("Start continues training the current model (%s epochs so far); tick Reset weights to "
                       "start over.") % epochs_trained(bundle.history)

    def _update_buttons(self) -> None:
        running, stopping = self.run.running, self.run.stopping
        self.start_button.setEnabled(self.can_start())
        self.pause_button.setEnabled(running and not stopping)
        paused = running and self.run.paused
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_button.setIcon(icon("start" if paused else "pause"))
        self.stop_button.setEnabled(running and not stopping)
        self.reset_box.setEnabled(not running)
        self.stateChanged.emit()

    def _on_bundle_changed(self) -> None:
        if not self._own_bundle and self.plots is not None and not self.run.running:
            self._show_bundle_history()  # a model was opened: show how it was trained
        self.refresh()

    def _show_bundle_history(self) -> None:
        bundle = self.state.bundle
        if bundle is None or not bundle.history or self.plots is None:
            return
        metric = bundle.task.main_metric
        self.plots.begin_run(offset=0, batches=1, metric=metric, metric_label=self._metric_label(metric))
        self.plots.show_history(bundle.history, metric)
        self.epoch_log.model.clear()
        self.epoch_log.model.set_metric_title(self._metric_label(metric))
        self.epoch_log.model.append([(h["epoch"], h["train_loss"], h.get("val_loss"), h.get(metric), h.get("lr"),
                                      h.get("seconds", 0.0), (h["batches_done"], h["batches"]) if h.get("batches")
                                      else None) for h in bundle.history])

    def _metric_label(self, metric: str) -> str:
        names = {"accuracy": self.tr("Accuracy"), "r2": self.tr("R²"), "f1_macro": self.tr("F1 (macro)"),
                 "mae": self.tr("MAE"), "rmse": self.tr("RMSE"), "roc_auc": self.tr("ROC AUC")}
        return names.get(metric, metric)

    # --- the run's signals ----------------------------------------------------------------------------------
    def _on_begun(self, info) -> None:
        self._info = info
        metric = info.task.main_metric
        on = self.tr("validation") if info.val_rows else self.tr("training")
        self.ensure_plots().begin_run(offset=info.epoch_offset, batches=info.batches, metric=metric,
                                      metric_label=self._metric_label(metric), metric_on=on)
        if not info.continued:
            self.epoch_log.model.clear()
        self.epoch_log.model.set_metric_title(self._metric_label(metric))
        self.progress.reset(info.epochs, info.batches, info.epoch_offset)
        if info.continued:
            text = self.tr("Continuing from the current weights (%d epochs trained so far).") % info.epoch_offset
        elif info.why_new and self.state.bundle is not None:
            text = self.tr("Training from new weights: %s.") % info.why_new
        else:
            text = self.tr("Training from new random weights.")
        rows = self.tr("%s training rows, %s validation rows, %d batches per epoch.") % (
            f"{info.train_rows:,}", f"{info.val_rows:,}", info.batches)
        self.plan_label.setText(f"{text} {rows}")
        if self.run.stopping:
            self.progress.set_status(self.tr("Stopping after this batch…"))
        elif self.run.paused:
            self.progress.set_status(self.tr("Paused — press Resume to go on"))

    def _on_events(self, events) -> None:
        self.plots.add_events(events)
        offset = self._info.epoch_offset if self._info else 0
        metric = self._info.task.main_metric if self._info else ""
        rows, best, batch, epoch = [], None, None, None
        for ev in events:
            if isinstance(ev, BatchEnd):
                batch = ev
            elif isinstance(ev, EpochEnd):
                epoch = ev
                if ev.best:
                    best = len(self.epoch_log.model.rows) + len(rows)
                rows.append((offset + ev.epoch, ev.train_loss, ev.val_loss, ev.metrics.get(metric), ev.lr,
                             ev.seconds, (ev.batches_done, ev.batches) if ev.cut_short else None))
            elif isinstance(ev, TrainEnd):
                self.last_end = ev
        self.epoch_log.model.append(rows, best)
        if batch is not None:
            self.progress.update_batch(batch)
        if epoch is not None:
            self.progress.update_epoch(epoch)

    def _on_finished(self, outcome) -> None:
        if outcome.bundle is None:  # stopped before training, or new weights that finished no epoch
            if outcome.result is not None and outcome.result.reason == DIVERGED:
                self._show_end(self.tr(
                    "This run started from new weights and its loss diverged in the first epoch, so the window "
                    "keeps the model trained before it. Try a smaller learning rate (now %g) or turn on gradient "
                    "clipping.") % self.state.train_config.lr, "warning")
            else:
                self._show_end(self.tr("Stopped before training began; the model is unchanged."), "info")
            self._show_bundle_history()  # (this run's start cleared the kept model's log and plots)
            if self.last_end is not None and outcome.result.reason == DIVERGED:
                self.progress.finish(self.last_end, self.tr("Stopped: the loss diverged"))
            else:
                self.progress.set_status(self.tr("Stopped"))
            return
        notes = list(outcome.prepared.notices)
        self.state.prepared = outcome.prepared
        self._own_bundle = True
        try:
            self.state.set_bundle(outcome.bundle, outcome.evaluation)
        finally:
            self._own_bundle = False
        self.state.unsaved = True
        result = outcome.result
        end = self.last_end
        headline = {DIVERGED: self.tr("Stopped: the loss diverged"), STOPPED: self.tr("Stopped by you"),
                    EARLY_STOPPED: self.tr("Stopped early: no more improvement")}.get(
            result.reason, self.tr("Finished"))
        if end is not None:
            self.progress.finish(end, headline)
        level = "warning" if result.reason == DIVERGED else "info"
        self._show_end(translated(" ".join([result.message] + notes)), level)
        if result.reason == DIVERGED and self.window is not None and hasattr(self.window, "banner"):
            self.window.banner.show_message(result.message, "warning")
            self._warned = result.message
        self.results_button.show()
        self.state.notice.emit(self.tr("Training: %s") % translated(result.message))
        self.runFinished.emit(outcome)

    def _on_failed(self, exc) -> None:
        self.progress.set_status(self.tr("Training failed"))
        self._show_end(self.tr("Training failed; the model from before this run is unchanged. "
                               "The reason is shown at the top of the window."), "error")
        self.state.report(exc)
        self.runFailed.emit(exc)

    def _on_ended(self) -> None:
        self.state.set_running(False)
        self.refresh()

    def _show_end(self, text: str, level: str) -> None:
        colours = {"info": "#22543d;background:#f0fff4;border:1px solid #9ae6b4;",
                   "warning": "#744210;background:#fffff0;border:1px solid #f6e05e;",
                   "error": "#742a2a;background:#fff5f5;border:1px solid #feb2b2;",
                   "previous": "#718096;background:#f7fafc;border:1px solid #e2e8f0;"}
        if level != "previous":
            self._end_text = text
        style = f"QLabel{{color:{colours[level]}border-radius:4px;padding:5px 8px;}}"
        if style != self.end_label.styleSheet():
            self.end_label.setStyleSheet(style)
        self.end_label.setText(text)
        self.end_label.setVisible(bool(text))

