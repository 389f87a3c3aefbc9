"""The Model step: build a layer stack with the widgets, read the shape ledger, choose the settings."""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from dlstudio.core.ledger import build_ledger, model_text
from dlstudio.core.spec import AUTO, PRESETS, LayerSpec, ModelSpec, TrainConfig
from dlstudio.core.task import TaskInfo
from dlstudio.ui.panels.model_panel import ModelPanel
from dlstudio.ui.state import AppState
from dlstudio.ui.widgets.layer_stack import ITEM_MIME
from tests.ui.helpers import load_csv, screenshot

IRIS_NUMBERS = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]


def model_step(qtbot, window, csv=None):
    if csv is not None:
        load_csv(qtbot, window, csv)
    window.go_to(1)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.model_panel.isVisible())
    return window.model_panel


def types(state) -> list[str]:
    return [layer.type for layer in state.spec.layers]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.LeftButton)


def type_into(qtbot, spin, text: str) -> None:
    """Select what the field shows and type over it, then press Enter, as a person does."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key_Return)


def select_row(qtbot, stack, row: int) -> None:
    """Click on the row's margin (its name label), which selects it in the list."""
    rect = stack.list.visualItemRect(stack.list.item(row))
    qtbot.mouseClick(stack.list.viewport(), Qt.LeftButton, pos=QPoint(rect.right() - 4, rect.center().y()))
    assert stack.list.currentRow() == row


def choose(combo, data) -> None:
    """Pick the entry holding ``data`` as a click in the popup does (current index, then activated)."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    assert combo.model().item(index).isEnabled(), f"{data!r} is offered but disabled"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_a_stack_built_with_the_widgets_matches_the_core_and_torch(qtbot, window, iris_csv):
    state = window.state
    panel = model_step(qtbot, window, iris_csv)
    stack = panel.stack
    click(qtbot, panel.preset_buttons["Linear model"])
    assert types(state) == ["Linear"]
    assert "3 outputs for 3 classes" in stack.rows[0].lock.text()  # the output layer, sized by the task
    click(qtbot, stack.palette_buttons["Linear"])  # nothing selected: goes above the output layer
    click(qtbot, stack.palette_buttons["ReLU"])  # below the new (selected) Linear
    assert types(state) == ["Linear", "ReLU", "Linear"]
    assert state.spec.layers[0].params["out_features"] == 64
    type_into(qtbot, stack.rows[0].editors["out_features"], "16")
    assert state.spec.layers[0].params["out_features"] == 16
    assert stack.undo_stack.count() == 4  # preset, add, add, one edit for the two keystrokes "1", "6"

    core = build_ledger(state.spec, 4, 3)
    shown = panel.ledger.shown
    assert [(r.layer, r.shape, r.params) for r in shown] == [
        ("Input X", "(batch, 4)", ""), ("Linear  4 → 16", "(batch, 16)", "80"), ("ReLU", "(batch, 16)", "0"),
        ("Linear  16 → 3", "(batch, 3)", "51"), ("Total", "", "131")]
    assert [r.shape for r in shown[1:-1]] == [r.shape for r in core.rows]
    assert core.total_params == 131
    from dlstudio.core.builder import build_model
    model = build_model(state.spec, 4, 3)
    assert sum(p.numel() for p in model.parameters()) == 131
    assert panel.model_view.toPlainText() == str(model) == model_text(state.spec, 4, 3)
    assert panel.model_view.isReadOnly()
    assert panel.ledger.summary_text() == ("✓ Output (batch, 3) matches labels (batch,) int64 for "
                                           "CrossEntropyLoss")

    select_row(qtbot, stack, 1)  # ReLU
    click(qtbot, stack.tool_buttons["up"])
    assert types(state) == ["ReLU", "Linear", "Linear"]
    assert stack.list.currentRow() == 0  # the moved layer stays selected
    stack.list.setFocus()
    qtbot.keyClick(stack.list, Qt.Key_Down, Qt.AltModifier)  # and back down by keyboard
    assert types(state) == ["Linear", "ReLU", "Linear"]
    qtbot.keyClick(stack.list, Qt.Key_Delete)  # the selected ReLU goes
    assert types(state) == ["Linear", "Linear"]
    assert [r.shape for r in panel.ledger.shown[1:-1]] == ["(batch, 16)", "(batch, 3)"]

    qtbot.keyClick(stack.list, Qt.Key_Z, Qt.ControlModifier)  # undo the removal
    assert types(state) == ["Linear", "ReLU", "Linear"]
    click(qtbot, stack.tool_buttons["undo"])  # undo the move down
    click(qtbot, stack.tool_buttons["undo"])  # undo the move up
    click(qtbot, stack.tool_buttons["undo"])  # undo the units edit
    assert state.spec.layers[0].params["out_features"] == 64
    assert panel.ledger.shown[1].shape == "(batch, 64)"
    qtbot.keyClick(stack.list, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # redo it
    assert state.spec.layers[0].params["out_features"] == 16
    click(qtbot, stack.tool_buttons["redo"])
    assert types(state) == ["ReLU", "Linear", "Linear"]


def test_duplicate_and_drag_reorder_the_stack(qtbot, window, iris_csv):
    state = window.state
    panel = model_step(qtbot, window, iris_csv)
    stack = panel.stack
    assert types(state) == ["Linear", "ReLU", "Linear", "ReLU", "Linear"]  # the default MLP 64-64
    select_row(qtbot, stack, 1)
    click(qtbot, stack.tool_buttons["duplicate"])
    assert types(state) == ["Linear", "ReLU", "ReLU", "Linear", "ReLU", "Linear"]
    assert stack.list.currentRow() == 2
    # drag the first Linear below the second ReLU: the drop lands on the lower half of row 2
    select_row(qtbot, stack, 0)
    mime = QMimeData()
    mime.setData(ITEM_MIME, b"")
    rect = stack.list.visualItemRect(stack.list.item(2))
    drop = QDropEvent(QPointF(rect.center().x(), rect.bottom() - 2), Qt.MoveAction, mime, Qt.LeftButton,
                      Qt.NoModifier)
    # Qt delivers a drop only to the widget that accepted the drag's enter, which needs a real QDrag
    # (a blocking loop): hand the drop to the list the way Qt's dispatch does at the end of a drag.
    stack.list.dropEvent(drop)
    assert drop.dropAction() == Qt.IgnoreAction  # Qt must not move the row widgets itself
    qtbot.waitUntil(lambda: types(state)[:3] == ["ReLU", "ReLU", "Linear"])
    assert stack.list.currentRow() == 2
    assert stack.undo_stack.undoText() == "Move Linear"


def test_a_wrong_output_width_is_shown_on_its_row_with_the_fix(qtbot, window, iris_csv):
    state = window.state
    panel = model_step(qtbot, window, iris_csv)
    stack = panel.stack
    click(qtbot, panel.preset_buttons["MLP 64-64"])
    last = len(state.spec.layers) - 1
    type_into(qtbot, stack.rows[last].editors["out_features"], "5")
    assert state.spec.layers[last].params["out_features"] == 5
    assert panel.ledger.problem_rows() == [last]
    problem = panel.ledger.shown[last + 1].problem
    assert "ends with 5 feature(s) but the labels need 3" in problem
    assert "Set the last Linear layer's units to 3 (or 'auto')" in problem
    assert panel.ledger.summary_text().startswith("✗ Output (batch, 5) does not fit labels (batch,) int64")
    assert stack.rows[last].warning.isVisible() and not stack.rows[0].warning.isVisible()
    assert not stack.rows[last].lock.isVisible()  # no longer sized by the task
    QApplication.processEvents()  # let the layouts settle before the picture
    path = screenshot(window, "model_invalid")
    assert path.stat().st_size > 10_000

    type_into(qtbot, stack.rows[last].editors["out_features"], "auto")  # the fix, as the row says
    assert state.spec.layers[last].params["out_features"] == AUTO
    assert panel.ledger.problem_rows() == [] and panel.ledger.summary_text().startswith("✓")

    select_row(qtbot, stack, last)
    click(qtbot, stack.palette_buttons["Sigmoid"])  # a final Sigmoid before CrossEntropyLoss
    assert types(state)[-1] == "Sigmoid"
    assert panel.ledger.problem_rows() == [last + 1]
    assert "Remove the final Sigmoid" in panel.ledger.shown[-2].problem
    # the summary names that problem (it said the output's shape did not fit the labels, which it does)
    assert panel.ledger.summary_text() == ("✗ The last layer is Sigmoid, but the loss already expects raw "
                                           "scores (logits). Remove the final Sigmoid.")

    window.rebuild()  # a language change recreates the panel: it draws the same stack from the state
    again = window.model_panel
    assert again is not panel and len(again.stack.rows) == len(state.spec.layers)
    assert again.ledger.problem_rows() == [last + 1]

    window.go_to(2)  # the Train step refuses it too (it trained such a stack)
    train = window.train_panel
    qtbot.waitUntil(train.isVisible)
    assert not train.start_button.isEnabled() and not window.act_start.isEnabled()
    assert "Remove the final Sigmoid" in train.plan_label.text()


def test_the_label_task_sizes_the_output_layer_and_proposes_the_loss(qtbot, window, iris_csv):
    state = window.state
    panel = model_step(qtbot, window, iris_csv)
    settings = panel.settings
    assert settings.loss.currentText() == "CrossEntropyLoss (proposed)"
    assert "multi-class → CrossEntropyLoss" in settings.loss_reason.text()
    offered = [settings.loss.itemData(i) for i in range(settings.loss.count())]
    assert offered == ["auto", "cross_entropy", "cross_entropy_weighted"]  # only losses for this task
    choose(settings.loss, "cross_entropy_weighted")
    assert state.train_config.loss == "cross_entropy_weighted"

    state.update_data_config(labels=["petal_width_cm"], features=IRIS_NUMBERS[:3])  # now a regression
    assert state.task.kind == "regression"
    assert state.train_config.loss == "auto"  # the weighted cross-entropy does not fit a regression
    assert settings.loss.currentText() == "MSELoss (proposed)"
    assert "regression → MSELoss" in settings.loss_reason.text()
    assert panel.ledger.shown[0].shape == "(batch, 3)"
    assert panel.ledger.shown[-2].shape == "(batch, 1)"
    assert "1 output for regression of 1 column" in panel.stack.rows[-1].lock.text()
    assert panel.ledger.summary_text() == "✓ Output (batch, 1) matches labels (batch, 1) float32 for MSELoss"

    state.update_data_config(labels=["species"], features=IRIS_NUMBERS, task="multiclass")
    assert panel.ledger.shown[-2].shape == "(batch, 3)"
    assert settings.loss.currentText() == "CrossEntropyLoss (proposed)"


def test_invalid_training_settings_are_refused_where_they_are_typed(qtbot, window, iris_csv):
    state = window.state
    panel = model_step(qtbot, window, iris_csv)
    s = panel.settings
    before = state.train_config
    s.lr.setFocus()
    s.lr.selectAll()
    qtbot.keyClicks(s.lr, "abc")
    assert state.train_config == before
    assert s.errors["lr"].isVisible() and "'abc' is not a number" in s.errors["lr"].text()
    s.lr.selectAll()
    qtbot.keyClicks(s.lr, "20")
    assert "Learning rate 20.0 must be above 0 and at most 10" in s.errors["lr"].text()  # the core's words
    qtbot.keyClick(s.lr, Qt.Key_Return)
    assert s.lr.text() == "0.001" and "Kept 0.001" in s.errors["lr"].text()
    assert state.train_config == before

    type_into(qtbot, s.batch_size, "0")  # below the range: the spin box does not take it
    type_into(qtbot, s.epochs, "ten")  # letters: refused key by key
    assert state.train_config == before
    s.weight_decay.selectAll()
    qtbot.keyClicks(s.weight_decay, "2")
    assert "Weight decay must be between 0 and 1" in s.errors["weight_decay"].text()
    assert state.train_config == before

    s.lr.selectAll()
    qtbot.keyClicks(s.lr, "3e-4")
    assert state.train_config.lr == 0.0003 and not s.errors["lr"].isVisible()
    assert s.lr_slider.value() == round(-3.5229 * 100)  # log10(3e-4) on the log-scale slider
    s.lr_slider.setValue(-200)
    assert state.train_config.lr == 0.01 and s.lr.text() == "0.01"
    type_into(qtbot, s.batch_size, "32")
    type_into(qtbot, s.early_stopping, "0")
    assert s.early_stopping.text() == "off"
    assert not s.momentum.isEnabled()
    choose(s.optimizer, "sgd")
    assert s.momentum.isEnabled()
    choose(s.scheduler, "cosine")
    cfg = state.train_config
    assert (cfg.batch_size, cfg.early_stopping, cfg.optimizer, cfg.scheduler) == (32, 0, "sgd", "cosine")
    assert TrainConfig(**cfg.to_dict()).problems() == []


def test_cuda_is_offered_only_when_torch_finds_it(qtbot, window):
    import torch
    panel = model_step(qtbot, window)
    s = panel.settings
    s.check_cuda()
    item = s.device.model().item(s.device.findData("cuda"))
    assert s.cuda is torch.cuda.is_available()
    assert item.isEnabled() is torch.cuda.is_available()
    if not s.cuda:
        assert "not available" in item.text()
    choose(s.device, "auto")
    assert window.state.train_config.device == "auto"


def test_presets_fill_the_stack_undoably_and_stay_editable(qtbot, window, iris_csv):
    state = window.state
    panel = model_step(qtbot, window, iris_csv)
    stack = panel.stack
    name = "MLP 128-64 + BatchNorm + Dropout"
    click(qtbot, panel.preset_buttons[name])
    assert state.spec.to_dict() == PRESETS[name].to_dict()
    norms = [r.params for r in panel.ledger.shown if r.layer == "BatchNorm1d"]
    assert norms == ["256", "128"]  # 2 × width (weight and bias) after the 128 and the 64 layer
    assert panel.ledger.shown[-1].params == f"{build_ledger(state.spec, 4, 3).total_params:,}"
    dropout = types(state).index("Dropout")
    type_into(qtbot, stack.rows[dropout].editors["p"], "0.35")
    assert state.spec.layers[dropout].params["p"] == 0.35
    type_into(qtbot, stack.rows[dropout].editors["p"], "2")  # above 0.99: refused as it is typed
    assert state.spec.layers[dropout].params["p"] == 0.35
    assert panel.ledger.shown[dropout + 1].layer == "Dropout(p=0.35)"
    click(qtbot, stack.tool_buttons["undo"])
    click(qtbot, stack.tool_buttons["undo"])
    assert state.spec.to_dict() == PRESETS["MLP 64-64"].to_dict()  # the stack before the preset
    click(qtbot, stack.tool_buttons["redo"])
    assert state.spec.to_dict() == PRESETS[name].to_dict()
    assert panel.ledger.summary_text().startswith("✓")
    QApplication.processEvents()
    path = screenshot(window, "model_valid")
    assert path.stat().st_size > 10_000
    with qtbot.waitSignal(panel.goToStep) as moved:
        click(qtbot, panel.next_button)
    assert moved.args == [2] and window.current_step() == 2


def test_without_data_the_stack_is_shown_with_a_hint(qtbot, window):
    panel = model_step(qtbot, window)
    assert panel.hint.isVisible() and "Load data in step 1 first" in panel.hint.text()
    assert len(panel.stack.rows) == 5  # the default stack, editable before any data
    assert "once data is loaded" in panel.stack.rows[-1].lock.text()
    click(qtbot, panel.stack.palette_buttons["Dropout"])
    assert "Dropout" in types(window.state)
    assert panel.ledger.ledger is None and "No shapes yet" in panel.ledger.hint_text


def test_an_opened_model_uses_its_own_input_width_and_task(qtbot):
    state = AppState()
    task = TaskInfo("binary", ("bought",), ("no", "yes"), (6, 4), "2 distinct values in 'bought'")
    state.set_bundle(SimpleNamespace(in_features=7, task=task, source="shop/model.json"))
    panel = ModelPanel(state, None)
    qtbot.addWidget(panel)
    assert "shop/model.json" in panel.hint.text()
    assert panel.ledger.shown[0].shape == "(batch, 7)"
    assert panel.ledger.shown[-2].shape == "(batch, 1)"
    assert panel.ledger.summary_text() == ("✓ Output (batch, 1) matches labels (batch, 1) float32 for "
                                           "BCEWithLogitsLoss")


def emptied_stack(qtbot, window, csv):
    """The Model step after the person removed the only layer of the 'Linear model' preset."""
    panel = model_step(qtbot, window, csv)
    click(qtbot, panel.preset_buttons["Linear model"])
    select_row(qtbot, panel.stack, 0)
    click(qtbot, panel.stack.tool_buttons["remove"])
    assert window.state.spec.layers == []
    return panel


def test_an_emptied_stack_says_what_to_add(qtbot, window, iris_csv):
    panel = emptied_stack(qtbot, window, iris_csv)
    stack = panel.stack
    assert stack.empty_hint.isVisible()
    assert panel.ledger.summary_text() == ("✗ The stack is empty: 4 input feature(s) cannot become 3 output(s). "
                                           "Add a Linear layer.")
    click(qtbot, stack.palette_buttons["Linear"])
    type_into(qtbot, stack.rows[0].editors["out_features"], "3")
    assert panel.ledger.summary_text().startswith("✓ Output (batch, 3)")


def test_a_stack_without_weights_says_so_and_cannot_start(qtbot, window, tmp_path):
    """One feature and one number to predict: an empty stack or a lone ReLU fits the shapes, but has
    nothing to learn (Start failed with PyTorch's 'optimizer got an empty parameter list')."""
    csv = tmp_path / "line.csv"
    csv.write_text("x,y\n" + "".join(f"{i * 7 % 40},{i * 7 % 40 / 2 + 0.25}\n" for i in range(40)))
    panel = emptied_stack(qtbot, window, csv)
    stack = panel.stack
    assert panel.ledger.summary_text() == ("✗ The network has no weights to learn: activations, Dropout and an "
                                           "empty stack have none. Add a Linear layer.")
    click(qtbot, stack.palette_buttons["ReLU"])
    assert types(window.state) == ["ReLU"] and "no weights to learn" in panel.ledger.summary_text()
    QApplication.processEvents()
    screenshot(window, "model_no_weights")
    assert not window.train_panel.can_start() and not window.act_start.isEnabled()
    assert "no weights to learn" in window.train_panel.plan_label.text()


def test_an_edit_of_a_deep_stack_builds_only_the_rows_it_adds(qtbot, window, iris_csv):
    """(every edit built every row of the stack and of the ledger again: 0.66 s an edit at 121 layers,
    0.3 s a keystroke; now 0.03 and 0.01)"""
    panel = model_step(qtbot, window, iris_csv)
    stack = panel.stack
    window.state.set_spec(ModelSpec([LayerSpec("Linear", {"out_features": 16}), LayerSpec("ReLU")] * 60
                                     + [LayerSpec("Linear", {"out_features": AUTO})]))
    rows, frames = list(stack.rows), [frame for frame, _, _ in panel.ledger._frames]
    select_row(qtbot, stack, 59)
    click(qtbot, stack.palette_buttons["Dropout"])  # below row 60
    assert types(window.state)[60] == "Dropout" and len(stack.rows) == 122
    assert all(a is b for a, b in zip(stack.rows[:60] + stack.rows[61:], rows))  # the others stay
    assert [row.number.text() for row in stack.rows] == [str(i + 1) for i in range(122)]
    assert all(a is b for a, b in zip([frame for frame, _, _ in panel.ledger._frames], frames))
    assert panel.ledger.shown[61].layer.startswith("Dropout") and panel.ledger.summary_text().startswith("✓")
    type_into(qtbot, stack.rows[101].editors["out_features"], "7")  # a row that moved edits its own layer
    assert window.state.spec.layers[101].params["out_features"] == 7
    assert panel.ledger.shown[102].shape == "(batch, 7)"
    select_row(qtbot, stack, 121)
    click(qtbot, stack.palette_buttons["Sigmoid"])  # a red row at the end, drawn into a reused frame
    QApplication.processEvents()
    screenshot(window, "model_deep_stack")


def test_a_row_that_is_no_longer_the_output_layer_says_its_range_again(qtbot, window, iris_csv):
    """(a row kept by an edit kept the output layer's 'Sized by the task' tooltip)"""
    panel = model_step(qtbot, window, iris_csv)
    stack = panel.stack
    click(qtbot, panel.preset_buttons["Linear model"])
    units = stack.rows[0].editors["out_features"]
    assert units.toolTip().startswith("Sized by the task: 3 outputs for 3 classes")
    select_row(qtbot, stack, 0)
    click(qtbot, stack.palette_buttons["Linear"])  # below it: the new output layer
    assert stack.rows[0].editors["out_features"] is units and not stack.rows[0].lock.isVisible()
    assert units.toolTip() == "units: from 1 to 100000"


def test_the_stack_and_settings_are_locked_while_training_runs(qtbot, window, iris_csv):
    from tests.ui.helpers import load_csv
    load_csv(qtbot, window, iris_csv)
    panel = window.model_panel
    before = window.state.spec.to_dict()
    window.state.set_running(True)
    assert not panel.stack.isEnabled() and not panel.settings.isEnabled()
    assert "Training is running" in panel.hint.text()
    assert all(not b.isEnabled() for b in panel.preset_buttons.values())
    assert panel.stack.undo_action not in panel.actions()
    window.state.set_running(False)
    assert panel.stack.isEnabled() and panel.settings.isEnabled()
    assert "Training is running" not in panel.hint.text()
    assert window.state.spec.to_dict() == before


def test_typing_units_into_a_row_at_auto_that_is_no_longer_the_output_keeps_every_digit(qtbot, window, iris_csv):
    """The first keystroke made the row a non-'auto' one, which rebuilt it: 32 became 3 and the next key
    raised 'ValueError: row is not in list' into the banner"""
    import sys
    caught, hook = [], sys.excepthook
    sys.excepthook = lambda *a: caught.append(a[1])
    panel = model_step(qtbot, window, iris_csv)
    stack = panel.stack
    try:
        select_row(qtbot, stack, 4)
        click(qtbot, stack.palette_buttons["Linear"])  # a layer below the output one: row 4 is no longer last
        units = stack.rows[4].editors["out_features"]
        units.setFocus()
        units.selectAll()
        qtbot.keyClicks(units, "32")
        QApplication.processEvents()
    finally:
        sys.excepthook = hook
    assert window.state.spec.layers[4].params["out_features"] == 32 and not caught
    assert stack.rows[4].editors["out_features"] is units  # the row typed in was kept
    assert units.minimum() == 1 and units.specialValueText() == ""  # a number now, as before
