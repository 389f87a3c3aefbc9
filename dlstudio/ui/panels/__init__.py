"""One panel per step. Each is a QWidget built as ``Panel(state: AppState, window: MainWindow)``.

A panel holds widgets, reads ``state`` and subscribes to its signals, changes it through its
setters, shows errors with ``state.report(exc)``, and may emit ``goToStep(int)`` to move on.
It must be able to (re)build itself from ``state`` alone: the window rebuilds panels when the
language changes. Contract with the window (main_window.py calls these):

- DataPanel: signals ``openRequested()``, ``sampleRequested(str)``; ``show_preview(table_or_None)``.
- ModelPanel: nothing beyond the above.
- TrainPanel: ``start()``, ``toggle_pause()``, ``stop()``, ``can_start() -> bool``, ``is_paused() -> bool``,
  ``shutdown()`` (stop and wait for the thread; called from closeEvent), signal ``stateChanged()``.
- ResultsPanel: ``save_parameters(path=None)``, ``load_parameters(path=None)``, ``save_model(path=None)``,
  ``open_model(path=None)``, ``predict_csv(path=None)``; with no path they ask with a file dialog.
"""
