"""The training process measures the Results step's validation pairs after the fit and sends them back
with the model: the same pairs the window would compute, small, and surviving the pipe."""
from __future__ import annotations

import multiprocessing as mp
import pickle
import threading

import numpy as np
import pytest

from dlstudio.core import evaluation, pipe_messages, remote
from dlstudio.core.profile import profile_frame
from dlstudio.core.spec import DataConfig, ModelSpec, TrainConfig
from tests.conftest import blobs_frame, linear_frame


def run_job(frame, label: str) -> remote.Finished:
    features = [c for c in frame.columns if c != label]
    job = remote.TrainJob(frame, DataConfig(features, [label]), {p.name: p for p in profile_frame(frame)},
                          ModelSpec.mlp([8]), TrainConfig(epochs=2, batch_size=32, num_threads=1, early_stopping=0))
    return remote.execute(job, lambda _message: None, remote._Commands())


@pytest.mark.parametrize("frame, label", [(linear_frame(), "y"), (blobs_frame(), "color")],
                         ids=["regression", "classification"])
def test_the_run_sends_the_validation_pairs_of_its_model(frame, label):
    done = run_job(frame, label)
    measured = done.evaluation
    expected = evaluation.validation_eval(done.bundle, done.prepared)  # what the window used to compute
    assert measured is not None and measured.source == "validation" and measured.metrics is None
    assert measured.rows == len(done.prepared.X_val) > 0
    assert (measured.kind, measured.labels, measured.classes) == (expected.kind, expected.labels, expected.classes)
    np.testing.assert_array_equal(measured.actual, expected.actual)
    np.testing.assert_allclose(measured.predicted, expected.predicted)


def test_the_pairs_are_small_and_cross_the_pipe_intact():
    done = run_job(linear_frame(n=2000), "y")
    pairs = done.evaluation
    # two float64 columns of the validation rows and a little header: nothing of the model or the data
    assert len(pickle.dumps(pairs, protocol=5)) < 2 * pairs.actual.nbytes + 1024
    reader, writer = mp.Pipe(duplex=False)
    try:
        pipe_messages.send_message(writer, ("done", 1, done))
        back = pipe_messages.receive_message(reader)[2]
    finally:
        reader.close()
        writer.close()
    np.testing.assert_array_equal(back.evaluation.actual, pairs.actual)
    np.testing.assert_array_equal(back.evaluation.predicted, pairs.predicted)
    assert back.bundle.preprocessor is back.prepared.preprocessor  # so the window sees they belong together


def test_a_failed_measurement_leaves_it_to_the_window(monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("no pairs today")

    monkeypatch.setattr(evaluation, "validation_eval", broken)
    done = run_job(linear_frame(), "y")
    assert done.bundle is not None and done.result is not None
    assert done.evaluation is None


@pytest.mark.parametrize("raw", [True, False], ids=["raw bytes (POSIX)", "the Connection's framing"])
def test_arrays_of_any_size_cross_the_pipe_intact_and_writable(monkeypatch, raw):
    if not raw:
        monkeypatch.setattr(pipe_messages, "_raw_fd", lambda conn: None)
    elif pipe_messages._raw_fd(mp.Pipe()[0]) is None:
        pytest.skip("no raw pipe reads on this system")
    rng = np.random.default_rng(0)
    message = ("done", 7, {"big": rng.normal(size=(300_000, 5)).astype(np.float32),  # 6 MB: many pipe buffers
                           "empty": np.empty((0, 3)), "ints": np.arange(10), "text": "ok"})
    reader, writer = mp.Pipe(duplex=False)
    sender = threading.Thread(target=pipe_messages.send_message, args=(writer, message))
    sender.start()  # (a pipe holds ~64 KB: the writer waits for the reader)
    try:
        back = pipe_messages.receive_message(reader)
    finally:
        sender.join(10)
        reader.close()
        writer.close()
    assert back[:2] == ("done", 7) and back[2]["text"] == "ok"
    for name in ("big", "empty", "ints"):
        np.testing.assert_array_equal(back[2][name], message[2][name])
        assert back[2][name].flags.writeable
