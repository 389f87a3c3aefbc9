"""A model that goes on training keeps the input scaling its weights learned on, whatever rows it goes on
with (it was fitted again on them: predictions moved by up to 0.29 in probability at a learning rate
of 1e-12)."""
from __future__ import annotations

import numpy as np

from dlstudio.core import remote
from dlstudio.core.profile import profile_frame
from dlstudio.core.spec import DataConfig, ModelSpec, TrainConfig
from tests.conftest import linear_frame


def run(frame, bundle=None, **settings) -> remote.Finished:
    config = TrainConfig(**{"epochs": 2, "batch_size": 32, "num_threads": 1, "early_stopping": 0, **settings})
    job = remote.TrainJob(frame, DataConfig(["x1", "x2"], ["y"]), {p.name: p for p in profile_frame(frame)},
                          ModelSpec.mlp([8]), config, bundle=bundle)
    return remote.execute(job, lambda _message: None, remote._Commands())


def test_a_continued_model_keeps_the_scaling_its_weights_learned_on():
    model = run(linear_frame(600, seed=0)).bundle
    other = linear_frame(600, seed=1)
    other[["x1", "x2"]] = other[["x1", "x2"]] * 3 + 5  # other rows, spread and centre
    scaling = model.preprocessor.to_dict()
    X = model.preprocessor.transform(other)
    before = model.predict_raw(X).numpy()
    done = run(other, model, epochs=1, lr=1e-12)
    assert done.bundle.model is model.model and len(done.bundle.history) == 3  # it went on
    assert done.bundle.preprocessor.to_dict() == scaling
    np.testing.assert_array_equal(done.prepared.X, X)  # trained on inputs scaled as before
    np.testing.assert_allclose(done.bundle.predict_raw(X).numpy(), before, rtol=1e-5, atol=1e-5)
    assert any("input scaling it was trained with" in n for n in done.prepared.notices)


def test_going_on_with_the_same_rows_changes_nothing_in_the_preparation():
    frame = linear_frame(600)
    first = run(frame)
    again = run(frame, first.bundle, epochs=1)
    np.testing.assert_array_equal(again.prepared.X, first.prepared.X)
    assert not any("input scaling" in n for n in again.prepared.notices)
