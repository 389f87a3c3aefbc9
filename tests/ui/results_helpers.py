"""Train a small model through the core and hand it to a window, as the Train step does after a run."""
from __future__ import annotations

from dlstudio.core import pipeline
from dlstudio.core.preprocessing import prepare
from dlstudio.core.profile import profile_frame
from dlstudio.core.spec import ModelSpec, TrainConfig
from dlstudio.core.table import read_csv


def load_table(window, path):
    """The data as the loader would give it (without the background thread)."""
    table = read_csv(path)
    window.state.set_table(table, profile_frame(table.frame))
    return table


def train_in_window(qtbot, window, path, epochs=8, hidden=(16,), keep_config=False):
    """Load ``path`` (unless ``keep_config``: already loaded and set up), train on the state's choices
    and show the Results step; returns the bundle."""
    if not keep_config:
        load_table(window, path)
    state = window.state
    prepared = prepare(state.frame, state.data_config, state.profile_map)
    spec = ModelSpec.mlp(list(hidden))
    cfg = TrainConfig(epochs=epochs, batch_size=32, lr=0.03, early_stopping=0, seed=0, num_threads=1)
    state.set_spec(spec)
    state.set_train_config(cfg)
    bundle = pipeline.new_bundle(prepared, state.data_config, spec, cfg, source=state.table.name)
    pipeline.train(bundle, prepared)
    panel = window.results_panel
    state.prepared = prepared
    window.go_to(3)  # the step draws (and measures) only while it is shown
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        state.set_bundle(bundle)
    qtbot.waitUntil(lambda: not panel.eval_runner.busy, timeout=20000)
    return bundle


def predict(qtbot, panel, path, timeout=20000):
    with qtbot.waitSignal(panel.predicted, timeout=timeout):
        assert panel.predict_csv(str(path))
    return panel.state.prediction


def weights(model):
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def same_weights(a, b) -> bool:
    return a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)
