"""Training under torchrun (PyTorch's own distributed engine), two CPU processes on gloo: each rank
trains its own slice of every epoch, DDP keeps the weights equal, every rank takes the same
decisions (a NaN loss on one rank stops all of them instead of leaving the others waiting), and the
CLI saves once, as rank 0."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from dlstudio.core.persistence import bundle_from_doc

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 180  # seconds: a rank left waiting for another would hang; fail instead


def torchrun(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    return subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                           *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=LIMIT)


@pytest.fixture(scope="module")
def ranks(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("torchrun")
    run = torchrun(str(ROOT / "tests" / "core" / "torchrun_worker.py"), str(out))
    assert run.returncode == 0, run.stderr[-3000:]
    return [json.loads((out / f"rank{r}.json").read_text()) for r in (0, 1)]


def test_each_rank_trains_its_own_half_of_every_epoch(ranks):
    assert [r["world"] for r in ranks] == [2, 2]
    first, second = ranks[0]["drawn"], ranks[1]["drawn"]
    assert ranks[0]["first_fit_epochs"] == 4 and len(ranks[0]["train_loss"]) > 4  # a fit, then a continued one
    assert len(first) == len(second) == len(ranks[0]["train_loss"])
    for a, b in zip(first, second):
        assert len(a) == len(b) == 400  # 801 training rows: one left out each epoch
        assert not set(a) & set(b) and set(a) | set(b) <= set(range(801))
    assert first[0] != first[1]  # a new permutation each epoch


def test_the_ranks_end_with_the_same_weights_and_the_same_losses(ranks):
    """After a fit and a continued one (each fit wraps the model in DDP afresh)."""
    a, b = ranks
    assert a["reasons"] == b["reasons"]
    assert a["state"].keys() == b["state"].keys() and any("running_mean" in k for k in a["state"])
    for key in a["state"]:
        assert a["state"][key] == b["state"][key], key  # weights and BatchNorm's statistics, exactly
    assert a["train_loss"] == b["train_loss"] and a["val_loss"] == b["val_loss"]
    assert a["train_loss"][-1] < a["train_loss"][0]


def test_a_nan_loss_on_one_rank_stops_every_rank_at_the_same_batch(ranks):
    (reason0, message0), (reason1, message1) = ranks[0]["diverged"], ranks[1]["diverged"]
    assert reason0 == reason1 == "diverged"
    assert "the loss became nan at epoch 1, batch 1" in message1  # the rank whose data gave the NaN
    assert "the gradients became nan at epoch 1, batch 1" in message0  # the average told the other


def test_an_infinite_loss_with_finite_gradients_on_one_rank_stops_every_rank_too(ranks):
    """Rank 1's loss is infinite while its gradients are finite (their average would hide it): the rank
    sends NaN gradients instead, so that the others stop at the same batch."""
    (reason0, message0), (reason1, message1) = ranks[0]["overflowed"], ranks[1]["overflowed"]
    assert reason0 == reason1 == "diverged"
    assert "the loss was already inf on the first batch, before any step" in message1  # (no step: not the rate)
    assert "the gradients became nan at epoch 1, batch 1" in message0


def test_the_cli_under_torchrun_saves_once_and_plain_pytorch_loads_it(tmp_path, diabetes_csv):
    run = torchrun("main.py", "train", str(diabetes_csv), "--label", "progression", "--epochs", "3",
                   "--out", str(tmp_path / "run"))
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout)  # one JSON document: rank 1 printed nothing
    assert result["task"] == "regression" and result["epochs"] == 3
    assert run.stderr.count("epoch 3/3") == 1  # progress from rank 0 only
    doc = json.loads((tmp_path / "run" / "model.json").read_text())
    model = bundle_from_doc(doc).model
    model.load_state_dict(torch.load(tmp_path / "run" / "params.pkl", weights_only=True))
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == ["model.json", "params.pkl"]


def test_one_nan_gradient_value_on_one_rank_stops_every_rank(ranks):
    """Rank 1's loss is finite but one value of one gradient is NaN: the check looks at the whole
    averaged bucket, not at its first value."""
    for rank in ranks:
        reason, message = rank["partial"]
        assert reason == "diverged" and "the gradients became nan at epoch 1, batch 1" in message


def test_fewer_rows_than_processes_are_refused_on_every_rank(ranks):
    for rank in ranks:
        few, lone = rank["refusals"]
        assert "The training split has 1 row(s), fewer than the 2 processes sharing it." in few
        assert "BatchNorm needs at least 2 rows in every batch" in lone
        assert "each of the 2 processes gets 1 row(s) an epoch" in lone
        assert "Each epoch, each of the 2 processes left one training row out" in rank["lone"]


def test_a_process_that_cannot_read_its_csv_stops_the_others_at_once(tmp_path, diabetes_csv):
    """Two processes started by hand, as torchrun starts one on each of two machines (no agent on
    the same machine to end the other): the one whose file is missing says so, and the other says
    which process failed and why it stops, instead of crashing in DDP's first exchange on a
    "Connection closed by peer" (exit 1, "unexpected error")."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    common = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", MASTER_ADDR="127.0.0.1",
                  MASTER_PORT=str(port), WORLD_SIZE="2")
    data = [diabetes_csv, tmp_path / "not_on_this_machine.csv"]
    started = time.monotonic()
    processes = [subprocess.Popen([sys.executable, "main.py", "train", str(data[rank]), "--label", "progression",
                                   "--epochs", "1", "--out", str(tmp_path / "run")], cwd=ROOT,
                                  env=dict(common, RANK=str(rank), LOCAL_RANK=str(rank)),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for rank in (0, 1)]
    try:
        ended = [p.communicate(timeout=LIMIT) for p in processes]
    finally:
        for p in processes:
            p.kill()
    assert [p.returncode for p in processes] == [2, 2]
    assert "not_on_this_machine.csv does not exist" in ended[1][1]
    assert "Process(es) 1 of the 2 could not get ready" in ended[0][1], ended[0][1][-2000:]
    assert time.monotonic() - started < LIMIT
    assert not (tmp_path / "run").exists() or not any((tmp_path / "run").iterdir())
