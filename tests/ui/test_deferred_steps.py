"""The app builds the Model, Train and Results steps just after the window first paints (start-up
time), or at once when something needs them first."""
from __future__ import annotations

from PySide6.QtCore import QObject, QEvent, QSettings, Qt

from dlstudio.ui.main_window import DATA, RESULTS, TRAIN, MainWindow
from dlstudio.ui.settings import Settings


def make(qtbot) -> MainWindow:
    """Made inside the test: pytest-qt runs the event loop between a fixture and the test body."""
    w = MainWindow(settings=Settings(QSettings()), defer_steps=True)
    qtbot.addWidget(w)
    return w


class _PaintOrder(QObject):
    """Notes whether the other steps existed when the window's first paint arrived."""

    def __init__(self, window):
        super().__init__()
        self.window, self.steps_at_first_paint = window, None

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and self.steps_at_first_paint is None:
            self.steps_at_first_paint = self.window._train_panel is not None
        return False


def test_the_other_steps_are_built_after_the_first_paint(qtbot, settings_dir):
    deferred = make(qtbot)
    assert deferred._train_panel is None and deferred.stack.count() == 1  # only the Data step so far
    order = _PaintOrder(deferred)
    deferred.installEventFilter(order)
    deferred.show()
    qtbot.waitUntil(lambda: deferred._results_panel is not None)  # one step a turn, the last one last
    assert order.steps_at_first_paint is False
    assert deferred.stack.count() == 4
    assert [deferred.stack.widget(i) for i in range(4)] == [deferred.data_panel, deferred.model_panel,
                                                             deferred.train_panel, deferred.results_panel]
    assert not deferred.act_start.isEnabled()  # no data yet


def test_going_to_a_step_before_they_are_built_builds_them_at_once(qtbot, settings_dir):
    deferred = make(qtbot)
    assert deferred._train_panel is None
    deferred.go_to(TRAIN)
    assert deferred.stack.currentWidget() is deferred.train_panel
    qtbot.mouseClick(deferred.train_panel.start_button, Qt.LeftButton)  # disabled: nothing happens
    assert not deferred.state.running
    deferred.go_to(RESULTS)
    assert deferred.stack.currentWidget() is deferred.results_panel
    deferred.go_to(DATA)
    assert deferred.stack.currentWidget() is deferred.data_panel


def test_closing_before_they_are_built_does_not_build_them(qtbot, settings_dir):
    deferred = make(qtbot)
    deferred.close()
    assert deferred._train_panel is None


def test_the_train_steps_plots_are_built_a_part_per_turn_before_its_first_visit(qtbot, settings_dir):
    w = make(qtbot)
    w.show()
    qtbot.waitUntil(lambda: w._train_panel is not None)
    panel = w.train_panel
    parts = []
    panel.prebuild_plots()
    building = panel._plots_building
    original = building.build_part
    building.build_part = lambda: parts.append(1) or original()
    assert panel.plots is None  # only the frame so far: the parts come in later turns
    qtbot.waitUntil(lambda: panel.plots is not None)
    assert len(parts) >= 4 and panel.plots is building
    assert w.stack.currentIndex() == DATA  # nobody visited the Train step
    w.go_to(TRAIN)
    assert panel.plot_stack.currentWidget() is building and building.lr_plot.isVisible()


def test_a_visit_while_the_plots_are_being_built_finishes_them_at_once(qtbot, settings_dir):
    w = make(qtbot)
    w.show()
    qtbot.waitUntil(lambda: w._train_panel is not None)
    panel = w.train_panel
    panel.prebuild_plots()
    building = panel._plots_building
    w.go_to(TRAIN)
    assert panel.plots is building and panel._plots_building is None
    assert set(building.curves) == {"batch", "smooth", "train", "val", "metric", "lr"}
    qtbot.wait(50)  # the part already queued finds nothing left to build
    assert panel.plots is building and panel.plot_stack.currentWidget() is building
