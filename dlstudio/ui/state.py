"""The one shared state of the window: the data, the choices, the model, the run.

Panels read it and subscribe to its signals; they change it only through its setters, so every
view of the same thing stays in step. It calls the core; it draws nothing.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.shapes import PlannedShapes, plan_shapes
from ..core.spec import DEFAULT_SPEC, DataConfig, ModelSpec, TrainConfig

if TYPE_CHECKING:  # pandas loads with the first data file, not at start-up
    from ..core.column_facts import ColumnFacts
    from ..core.profile import ColumnProfile
    from ..core.task import TaskInfo


class AppState(QObject):
    tableChanged = Signal()  # a new data file is loaded (table, profiles)
    dataConfigChanged = Signal()  # roles, standardisation, missing values, split
    taskChanged = Signal()  # the analysed task (or the reason there is none) changed
    specChanged = Signal()  # the layer stack
    trainConfigChanged = Signal()  # optimizer, learning rate, batch size, ...
    bundleChanged = Signal()  # a model was trained, loaded, or discarded
    runningChanged = Signal(bool)  # training started / ended
    notice = Signal(str)  # a one-line message for the status bar
    error = Signal(object)  # an exception to explain in the window's banner

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = None  # core.table.Table
        self.facts: "ColumnFacts | None" = None  # what was counted about its columns (missing rows, labels)
        self.profiles: list["ColumnProfile"] = []
        self.data_config = DataConfig()
        self.task: "TaskInfo | None" = None
        self.task_error = ""
        self.spec: ModelSpec = ModelSpec(list(DEFAULT_SPEC.layers))
        self.train_config = TrainConfig()
        self.bundle = None  # core.bundle.ModelBundle: the trained or loaded model
        self.running = False
        self.unsaved = False  # the bundle was trained here and not saved since (closing asks first)
        self._task_key = None
        self.prediction = None  # core.predict.Prediction: the last predictions shown
        self._prepared, self._prepared_for = None, None  # ``prepared``, and the (table, data_config) it is of
        # core.evaluation.EvalData of ``bundle`` on ``prepared``, measured in the training process at the
        # end of the run; None for a model that came from elsewhere (the Results step measures it then).
        self.evaluation = None
        # The Train step's faded curves of earlier runs: kept here so a language switch (which rebuilds
        # the panels) draws them again. A list of {curve name: (x, y)}; plots.LivePlots fills and clears it.
        self.earlier_runs: list[dict] = []
        self._shapes: tuple = (None,) * 6  # (table, profiles, data_config, task, prepared, PlannedShapes): the last plan

    @property
    def prepared(self):
        """core.preprocessing.Prepared of the last run (for the Results plots)."""
        return self._prepared

    @prepared.setter
    def prepared(self, prepared) -> None:
        self._prepared, self._prepared_for = prepared, (self.table, self.data_config)

    def report(self, error: BaseException) -> None:
        """Show an error in the window; the state itself is left as it was."""
        self.error.emit(error)

    # --- data ---------------------------------------------------------------------------------
    @property
    def frame(self):
        return self.table.frame if self.table is not None else None

    @property
    def profile_map(self) -> "dict[str, ColumnProfile]":
        return {p.name: p for p in self.profiles}

    def set_table(self, table, profiles: "list[ColumnProfile]", facts: "ColumnFacts | None" = None) -> None:
        """New data: the core's suggested roles, keeping the person's other choices. ``facts``: its
        columns' missing rows and label values, counted off the GUI thread (``loader``); counted here,
        as they are needed, if not given (a text label takes 30-90 ms a million rows)."""
        from ..core.column_facts import ColumnFacts
        self.facts = facts if facts is not None else ColumnFacts(table.frame)
        self.table, self.profiles = table, list(profiles)
        from ..core.profile import suggest_roles
        roles = suggest_roles(self.profiles)
        self.data_config = replace(self.data_config, features=list(roles.features),
                                   labels=[roles.label] if roles.label else [], task="auto")
        self.tableChanged.emit()
        self.dataConfigChanged.emit()
        self._update_task()

    def set_data_config(self, config: DataConfig) -> None:
        if config == self.data_config:
            return
        self.data_config = config
        self.dataConfigChanged.emit()
        self._update_task()

    def update_data_config(self, **changes) -> None:
        self.set_data_config(replace(self.data_config, **changes))

    def _update_task(self) -> None:
        # The task depends only on the data, the label columns and the override: skip the (on big
        # files, slow) analysis when none of them changed.
        key = (id(self.table), tuple(self.data_config.labels), self.data_config.task)
        if key == self._task_key:
            return
        self._task_key = key
        task, error = None, ""
        labels, override = list(self.data_config.labels), self.data_config.task
        if self.frame is not None and labels:
            task, error = self.facts.task_or_reason(labels, override)
        elif self.frame is not None:
            error = self.tr("Choose a label column: it holds what the network should predict.")
        if task != self.task or error != self.task_error:
            self.task, self.task_error = task, error
            self.taskChanged.emit()

    def planned_shapes(self) -> PlannedShapes | None:
        if self.frame is None:
            return None
        # Every step asks at the end of a run: plan again only when the data, the choices or the task changed.
        table, profiles, config, task, prepared, shapes = self._shapes
        if table is self.table and profiles is self.profiles and task is self.task and \
                config == self.data_config and prepared is self._prepared:
            return shapes
        shapes = plan_shapes(self.facts.usable_rows(self.data_config), self.data_config, self.profile_map, self.task)
        if self._prepared is not None and self._prepared_for[0] is self.table and \
                self._prepared_for[1] == self.data_config:
            # prepared by a run: its width is the truth (a category none of whose rows trained has no input)
            shapes = replace(shapes, features=self._prepared.n_features)
        self._shapes = (self.table, self.profiles, self.data_config, self.task, self._prepared, shapes)
        return shapes

    @property
    def in_features(self) -> int | None:
        """The input width the model gets: from the data when loaded, else from the open model."""
        shapes = self.planned_shapes()
        if shapes is not None:
            return shapes.features
        return self.bundle.in_features if self.bundle is not None else None

    @property
    def current_task(self) -> "TaskInfo | None":
        return self.task if self.task is not None else (self.bundle.task if self.bundle else None)

    # --- model and training ------------------------------------------------------------------------
    def set_spec(self, spec: ModelSpec) -> None:
        if spec.to_dict() == self.spec.to_dict():
            return
        self.spec = spec
        self.specChanged.emit()

    def set_train_config(self, config: TrainConfig) -> None:
        if config == self.train_config:
            return
        self.train_config = config
        self.trainConfigChanged.emit()

    def update_train_config(self, **changes) -> None:
        self.set_train_config(replace(self.train_config, **changes))

    def set_bundle(self, bundle, evaluation=None) -> None:
        """``evaluation``: the new model's validation pairs when its run measured them (see ``evaluation``)."""
        self.bundle, self.evaluation = bundle, evaluation
        self.bundleChanged.emit()

    def set_running(self, running: bool) -> None:
        if running != self.running:
            self.running = running
            self.runningChanged.emit(running)

    def restore_from_bundle(self, bundle) -> list[str]:
        """Open Model: the data choices, layer stack and settings that trained it, then the model.
        Returns the model's columns the loaded file lacks: then the file keeps its own data choices
        (the model's would name columns that are not there)."""
        config = bundle.data_config
        absent = [c for c in config.features + config.labels if c not in self.frame.columns] \
            if self.frame is not None else []
        if not absent:
            self.data_config = config
        self.spec = bundle.spec
        self.train_config = bundle.train_config
        self.dataConfigChanged.emit()
        self.specChanged.emit()
        self.trainConfigChanged.emit()
        self._update_task()
        self.set_bundle(bundle)
        return absent
