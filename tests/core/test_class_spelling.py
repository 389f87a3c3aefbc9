"""Classes as the training file writes them (`01`, `true`): the predictions, their probability columns and
the saved model use that text, so a prediction reads like the label beside it (they read `1`, `True`)."""
from __future__ import annotations

import json
import os

import numpy as np

from dlstudio.cli import main
from dlstudio.core.class_spelling import with_written_classes
from dlstudio.core.persistence import load_bundle
from dlstudio.core.preprocessing import prepare
from dlstudio.core.spec import DataConfig
from dlstudio.core.table import read_csv


def labelled(tmp_path, labels, name="codes.csv"):
    rng = np.random.default_rng(0)
    path = tmp_path / name
    rows = [f"{x:.3f},{labels[int(x > 0.3) + int(x > 0.6)]}" for x in rng.random(90)]
    path.write_text("x,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def task_of(path):
    table = read_csv(path)
    prepared = prepare(table.frame, DataConfig(["x"], ["kind"], val_split=0.2))
    return with_written_classes(prepared.task, table.source, table.frame)


def test_codes_and_flags_keep_their_text(tmp_path):
    assert task_of(labelled(tmp_path, ["01", "02", "10"])).written == ("01", "02", "10")
    flags = task_of(labelled(tmp_path, ["false", "true", "true"], "flags.csv"))
    assert flags.classes == (False, True) and flags.written == ("false", "true")


def test_text_and_plain_numbers_need_nothing(tmp_path):
    assert task_of(labelled(tmp_path, ["low", "mid", "high"])).written == ()
    assert task_of(labelled(tmp_path, ["1", "2", "3"], "plain.csv")).written == ()


def test_a_file_changed_since_it_was_read_gives_nothing(tmp_path):
    path = labelled(tmp_path, ["01", "02", "10"])
    table = read_csv(path)
    prepared = prepare(table.frame, DataConfig(["x"], ["kind"], val_split=0.2))
    path.write_text(path.read_text().replace("01", "1"), encoding="utf-8")  # saved again, sorted or edited
    os.utime(path, (1, 1))
    assert with_written_classes(prepared.task, table.source, table.frame).written == ()


def test_trained_saved_and_predicted_with_the_files_own_codes(tmp_path, capsys):
    path = labelled(tmp_path, ["01", "02", "10"])
    out = tmp_path / "model"
    assert main(["train", str(path), "--label", "kind", "--epochs", "2", "--out", str(out), "--quiet",
                 "--threads", "1"]) == 0
    assert json.loads((out / "model.json").read_text())["task"]["written"] == ["01", "02", "10"]
    assert load_bundle(out / "model.json").task.written == ("01", "02", "10")
    predictions = tmp_path / "pred.csv"
    assert main(["predict", str(out / "model.json"), str(path), "-o", str(predictions)]) == 0
    lines = predictions.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "x,kind,kind_predicted,kind_proba_01,kind_proba_02,kind_proba_10"
    assert {line.split(",")[2] for line in lines[1:]} <= {"01", "02", "10"}
