"""The Model, Train and Results step panels of the main window: built with it, or just after its first
paint (start-up time), one per turn of the event loop, or at once when something needs one first. The
Train step's plots follow once pyqtgraph is imported (``warm_up``), a part per turn.

A mixin for MainWindow, which owns ``stack`` (a QStackedWidget holding the Data step at index 0),
``state``, ``go_to`` and ``_update_actions``.
"""
from __future__ import annotations

import importlib
import threading

from PySide6.QtCore import QTimer

from .app import warm_up_imports
from .turns import in_a_later_turn

DATA, MODEL, TRAIN, RESULTS = range(4)


class StepPanels:
    _STEPS = (("_model_panel", "model_panel", "ModelPanel"), ("_train_panel", "train_panel", "TrainPanel"),
              ("_results_panel", "results_panel", "ResultsPanel"))

    def _build_next_step(self) -> bool:
        """Build the first step not built yet (they go into the stack in order); False when none is left."""
        for attr, module, name in self._STEPS:
            if getattr(self, attr) is None:
                panel_class = getattr(importlib.import_module(f".panels.{module}", __package__), name)
                panel = panel_class(self.state, self)
                setattr(self, attr, panel)
                self.stack.addWidget(panel)
                panel.goToStep.connect(self.go_to)
                if attr == "_train_panel":
                    panel.stateChanged.connect(self._update_actions)
                    self._update_actions()
                return True
        return False

    def _build_steps(self) -> None:
        while self._build_next_step():
            pass

    def _build_steps_later(self) -> None:
        """One step per turn of the event loop (~0.1 s each), so the window answers in between."""
        if self._build_next_step():
            in_a_later_turn(self, self._build_steps_later)

    def warm_up(self) -> threading.Thread:
        """Import what the later steps need in the background (``app.warm_up_imports``), then build the
        Train step's plots before its first visit. Returns the import thread."""
        thread = warm_up_imports()
        self._prebuild_plots_after(thread)
        return thread

    def _prebuild_plots_after(self, imports: threading.Thread) -> None:
        # pyqtgraph imported on this thread would stall it 0.3-0.8 s: wait for the warm-up to import it
        if imports.is_alive() or self._train_panel is None:
            if self.isVisible():
                QTimer.singleShot(50, self, lambda: self._prebuild_plots_after(imports))
            return
        self._train_panel.prebuild_plots()

    def _ensure_steps(self) -> None:
        if self._results_panel is None:
            self._build_steps()

    @property
    def model_panel(self):
        self._ensure_steps()
        return self._model_panel

    @property
    def train_panel(self):
        self._ensure_steps()
        return self._train_panel

    @property
    def results_panel(self):
        self._ensure_steps()
        return self._results_panel

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._steps_pending:  # the window is on screen: build the other steps next
            self._steps_pending = False
            in_a_later_turn(self, self._build_steps_later)

    def _show_step(self, step: int) -> None:
        if step != DATA:
            self._ensure_steps()
        self.stack.setCurrentIndex(step)
