"""The headless command line end to end: train, predict, inspect, and bad input (issue 2, CLI)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dlstudio import cli

ROOT = Path(__file__).resolve().parents[2]
IRIS = ROOT / "resources" / "samples" / "iris.csv"


def run(*args: str, module: bool = False) -> subprocess.CompletedProcess:
    head = [sys.executable, "-m", "dlstudio"] if module else [sys.executable, str(ROOT / "main.py")]
    return subprocess.run(head + list(args), capture_output=True, text=True, cwd=ROOT, timeout=240)


@pytest.fixture(scope="module")
def iris_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("iris")
    done = run("train", str(IRIS), "--label", "species", "--out", str(out), "--epochs", "30", "--threads", "1")
    assert done.returncode == 0, done.stderr
    return out, done


def test_train_writes_the_bundle_shows_progress_and_prints_metrics(iris_model):
    out, done = iris_model
    result = json.loads(done.stdout)
    assert (out / "params.pkl").is_file() and (out / "model.json").is_file()
    assert result["task"] == "multiclass" and result["model"] == str(out / "model.json")
    assert result["metrics"]["val"]["accuracy"] >= 0.8
    assert "epoch " in done.stderr and "Traceback" not in done.stderr


def test_without_early_stopping_the_kept_epoch_is_the_last_not_the_best(tmp_path, capsys):
    """(best_epoch alone read as the weights kept, where the model holds the last epoch's)"""
    out = tmp_path / "run"
    assert cli.main(["train", str(IRIS), "--label", "species", "--out", str(out), "--epochs", "4",
                     "--early-stopping", "0", "--lr", "0.5", "--threads", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    end = json.loads((out / "model.json").read_text())["metrics"]["end"]
    assert result["kept_epoch"] == end["kept_epoch"] == 4 and end["best_epoch"] == result["best_epoch"]


def test_predict_writes_named_predictions_and_prints_metrics(iris_model):
    out, _ = iris_model
    target = out / "predictions.csv"
    done = run("predict", str(out / "model.json"), str(IRIS), "-o", str(target))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    predictions = pd.read_csv(target)
    source = pd.read_csv(IRIS)
    assert result["rows"] == len(source) == len(predictions)
    assert list(predictions.columns) == list(source.columns) + [
        "species_predicted", "species_proba_setosa", "species_proba_versicolor", "species_proba_virginica"]
    assert (predictions["species_predicted"] == source["species"]).mean() >= 0.85
    assert result["metrics"]["accuracy"] == pytest.approx((predictions["species_predicted"] == source["species"]).mean())


def test_columns_left_out_of_the_default_features_are_named(tmp_path, capsys):
    data = tmp_path / "years.csv"
    data.write_text("year,x,y\n" + "".join(f"{2000 + i},{i % 3},{i * 1.5}\n" for i in range(40)))
    assert cli.main(["train", str(data), "--label", "y", "--out", str(tmp_path / "o"), "--epochs", "1",
                     "--batch-size", "8"]) == 0
    err = capsys.readouterr().err
    assert "note: Not used as features: 'year' (every value is different (a row number or ID))" in err
    assert "Name year with --features to use them anyway." in err  # a numeric ID can be forced


def test_the_features_hint_names_only_columns_that_can_be_forced(tmp_path, capsys):
    """('Name the features with --features to use them anyway' for a column of words and numbers, which
    --features then refused)"""
    data = tmp_path / "mixed.csv"  # 'ERR' in every tenth row: more than stray cells, so the column is text
    data.write_text("x,temp,y\n" + "".join(f"{i % 7},{'ERR' if i % 10 == 0 else i * 0.37},{i * 0.5}\n"
                                            for i in range(60)))
    assert cli.main(["train", str(data), "--label", "y", "--out", str(tmp_path / "o"), "--epochs", "1"]) == 0
    err = capsys.readouterr().err
    assert "note: Not used as features: 'temp' (mostly numbers" in err and "--features" not in err


def test_predict_without_the_label_has_no_metrics(iris_model, tmp_path, capsys):
    out, _ = iris_model
    data = tmp_path / "unlabelled.csv"
    pd.read_csv(IRIS).drop(columns="species").head(5).to_csv(data, index=False)
    assert cli.main(["predict", str(out / "model.json"), str(data), "-o", str(tmp_path / "p.csv")]) == 0
    assert json.loads(capsys.readouterr().out)["metrics"] is None


def test_a_prediction_file_with_text_in_a_number_column_names_its_line(iris_model, tmp_path, capsys):
    out, _ = iris_model
    rows = pd.read_csv(IRIS).drop(columns="species").head(6).astype(str).agg(",".join, axis=1).tolist()
    rows[4] = "n/a?," + rows[4].split(",", 1)[1]
    data = tmp_path / "odd.csv"
    data.write_text("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n\n" + "\n".join(rows[:2]) + "\n\n"
                    + "\n".join(rows[2:]) + "\n")  # blank lines after the header and after data row 2
    assert cli.main(["predict", str(out / "model.json"), str(data), "-o", str(tmp_path / "p.csv")]) == 2
    assert "but data row 5 (line 8 of the file) holds 'n/a?'" in capsys.readouterr().err


def test_inspect_prints_the_model_and_the_ledger(iris_model, capsys):
    out, _ = iris_model
    assert cli.main(["inspect", str(out / "model.json")]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Network(\n  (stack): Sequential(")
    assert "(0): Linear(in_features=4, out_features=64, bias=True)" in text
    assert "(batch, 3)" in text and "total parameters: 4,675" in text and "(batch,) int64" in text


def test_inspect_needs_the_description_only_and_takes_params(iris_model, tmp_path, capsys):
    """(it needed the .pkl beside the model.json, and had no --params to name one elsewhere)"""
    out, _ = iris_model
    alone = tmp_path / "model.json"
    alone.write_bytes((out / "model.json").read_bytes())
    assert cli.main(["inspect", str(alone)]) == 0
    captured = capsys.readouterr()
    assert "total parameters: 4,675" in captured.out and "the architecture alone is shown" in captured.err
    assert cli.main(["inspect", str(alone), "--params", str(out / "params.pkl")]) == 0
    assert "total parameters: 4,675" in capsys.readouterr().out
    (tmp_path / "params.pkl").write_bytes(b"not these parameters")
    assert cli.main(["inspect", str(alone)]) == 2  # parameters beside it are checked, as before
    assert "SHA-256" in capsys.readouterr().err


@pytest.mark.parametrize("args, needle", [
    (["train"], "required"),
    (["train", "x.csv", "--label", "y", "--out", "o", "--epochs", "many"], "invalid int value"),
    (["train", "x.csv", "--label", "y", "--out", "o", "--optimizer", "lbfgs"], "invalid choice"),
    (["fly"], "invalid choice"),
])
def test_bad_arguments_give_one_line_and_exit_2(capsys, args, needle):
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    err = capsys.readouterr().err
    assert info.value.code == 2 and needle in err and err.count("\n") == 1


@pytest.mark.parametrize("module", [False, True])  # main.py and python -m dlstudio are the same front
def test_bad_arguments_in_a_real_process_have_no_traceback(module):
    done = run("train", "--epochs", "x", module=module)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("dlstudio: ")


def bad_runs(tmp_path, model_dir):
    iris = str(IRIS)
    out = str(tmp_path / "o")
    csv = tmp_path / "empty.csv"
    csv.write_text("")
    other = tmp_path / "evil.pkl"
    other.write_bytes(b"\x80\x04K\x01.")
    a_file = tmp_path / "a_file"
    a_file.write_text("not a folder")
    years = tmp_path / "years.csv"  # the only input counts 2000, 2001, …: an ID by default
    years.write_text("year,y\n" + "".join(f"{2000 + i},{i % 7}\n" for i in range(40)))
    return [
        (["train", str(years), "--label", "y", "--out", out], "No column is a feature by default: 'year' (every"),
        (["train", iris, "--label", "species,species", "--out", out], "species named twice among the labels"),
        (["train", iris, "--label", "species", "--out", out, "--threads", "100000"], "a whole number up to 1024"),
        (["train", str(tmp_path / "none.csv"), "--label", "y", "--out", out], "does not exist"),
        (["train", iris, "--label", "species", "--out", str(a_file / "sub")], "as the output folder"),
        (["train", str(csv), "--label", "y", "--out", out], "empty.csv is empty"),
        (["train", iris, "--label", "colour", "--out", out], "colour"),
        (["train", iris, "--label", "species", "--out", out, "--layers", "64,conv"], "Unknown layer 'conv'"),
        (["train", iris, "--label", "species", "--out", out, "--epochs", "0"], "Epochs"),
        (["train", iris, "--label", "species", "--out", out, "--seed", "-3"], "seed must be a whole number from 0"),
        (["train", iris, "--label", "species", "--out", out, "--seed", str(10**20)], "seed must be a whole number"),
        (["train", iris, "--label", "species", "--out", out, "--loss", "mse"], "does not fit a multiclass"),
        (["train", iris, "--label", "species", "--out", out, "--layers", "16,batchnorm,relu", "--batch-size", "1"],
         "BatchNorm needs at least 2 rows in every batch"),
        (["predict", str(tmp_path / "nope.json"), iris, "-o", out], "does not exist"),
        (["predict", str(model_dir / "model.json"), iris, "-o", iris], "is the CSV to predict on"),
        (["predict", str(model_dir / "model.json"), iris, "-o", str(model_dir / "model.json")], "is the model file"),
        (["predict", str(model_dir / "model.json"), iris, "-o", str(model_dir / "params.pkl")], "is the parameters"),
        (["predict", str(model_dir / "model.json"), iris, "-o", out, "--params", str(other)], "refused unopened"),
        (["train", iris, "--label", "species", "--out", ""], "--out is empty. Name the folder"),  # (was: here)
        (["predict", str(model_dir / "model.json"), iris, "-o", " "], "-o/--output is empty"),
        (["predict", "", iris, "-o", out], "The model file is empty"),
        (["inspect", str(tmp_path)], "is a folder without a model.json in it"),
    ]


def test_bad_files_and_settings_give_one_line_and_exit_2(iris_model, tmp_path, capsys):
    for args, needle in bad_runs(tmp_path, iris_model[0]):
        assert cli.main(args) == 2, args
        err = capsys.readouterr().err
        assert needle in err and err.count("\n") == 1 and err.startswith("dlstudio: "), (args, err)
    assert not (tmp_path / "o").exists()  # nothing half-written


def test_predict_refuses_a_missing_output_folder_before_reading_anything(iris_model, tmp_path, capsys, monkeypatch):
    """(it used to load the model, read and predict the whole file, then find nowhere to write)"""
    monkeypatch.setattr("dlstudio.core.table.read_csv", lambda *a, **k: pytest.fail("read the CSV"))
    target = tmp_path / "missing" / "p.csv"
    assert cli.main(["predict", str(iris_model[0] / "model.json"), str(IRIS), "-o", str(target)]) == 2
    assert f"the folder {target.parent} does not exist" in capsys.readouterr().err


def test_predict_and_inspect_take_the_folder_train_wrote(iris_model, tmp_path, capsys):
    folder = str(iris_model[0])
    assert cli.main(["inspect", folder]) == 0 and "total parameters" in capsys.readouterr().out
    assert cli.main(["predict", folder, str(IRIS), "-o", str(tmp_path / "p.csv")]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 150 and (tmp_path / "p.csv").is_file()


def test_predict_takes_chosen_weights_trained_further_in_plain_pytorch(iris_model, tmp_path, capsys):
    """(refused for their SHA-256, where the window's Load Parameters took them)"""
    import torch
    out = iris_model[0]
    state = torch.load(out / "params.pkl", weights_only=True)
    torch.save({key.removeprefix("stack."): value * 1.5 for key, value in state.items()}, tmp_path / "tuned.pkl")
    args = ["predict", str(out / "model.json"), str(IRIS), "-o"]
    assert cli.main(args + [str(tmp_path / "saved.csv")]) == 0
    capsys.readouterr()
    assert cli.main(args + [str(tmp_path / "tuned.csv"), "--params", str(tmp_path / "tuned.pkl")]) == 0
    assert "tuned.pkl changed since model.json was saved" in capsys.readouterr().err
    saved, tuned = (pd.read_csv(tmp_path / name) for name in ("saved.csv", "tuned.csv"))
    assert len(tuned) == len(saved) and not tuned.filter(like="_proba_").equals(saved.filter(like="_proba_"))


def test_unexpected_failure_is_one_line_too(monkeypatch, capsys):
    monkeypatch.setattr(cli, "cmd_inspect", lambda args: 1 / 0)
    assert cli.main(["inspect", "model.json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ZeroDivisionError" in err and "report" in err


def test_predict_on_a_file_of_one_class_gives_null_for_the_undefined_roc_auc(tmp_path, capsys):
    data = tmp_path / "binary.csv"
    data.write_text("x,y\n" + "".join(f"{i % 17 / 4},{int(i % 17 > 8)}\n" for i in range(120)))
    out = tmp_path / "m"
    assert cli.main(["train", str(data), "--label", "y", "--epochs", "2", "--batch-size", "16", "--out", str(out),
                     "--threads", "1"]) == 0
    capsys.readouterr()
    ones = tmp_path / "ones.csv"
    ones.write_text("x,y\n" + "".join(f"{3 + i / 10},1\n" for i in range(10)))  # a single class: no ROC curve
    assert cli.main(["predict", str(out / "model.json"), str(ones), "-o", str(tmp_path / "p.csv")]) == 0
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    assert metrics["roc_auc"] is None and 0 <= metrics["accuracy"] <= 1


def test_inputs_that_overflow_the_network_are_refused_by_row(iris_model):
    """A number within float32 can pass it once weighed: no prediction then, rather than infinity or a
    class chosen among NaNs."""
    import torch

    from dlstudio.core.persistence import load_bundle
    from dlstudio.core.predict import predict_frame
    from dlstudio.core.errors import DataError
    out, _ = iris_model
    bundle = load_bundle(out / "model.json")
    rows = pd.read_csv(IRIS).head(6)
    rows.loc[4, "petal_length_cm"] = 3e38  # standardized, ~1.7e38: past float32 at the first layer's sums
    with torch.no_grad():
        first = next(m for m in bundle.model.modules() if isinstance(m, torch.nn.Linear))
        first.weight.abs_()  # (every weight positive: the sum of 1.7e38 times them overflows, surely)
        first.weight.add_(1.0)
    with pytest.raises(DataError) as info:
        predict_frame(bundle, rows)
    assert str(info.value).startswith("The network's output is not a finite number for 1 row(s), the first on "
                                      "data row 5:") and info.value.row == 4


def test_an_empty_column_is_named_once_for_what_it_means_here(tmp_path, capsys):
    """Training leaves it out of the features; a file to predict on gets the training mean in it."""
    data = tmp_path / "gappy.csv"
    data.write_text("x,note,y\n" + "".join(f"{i % 13},,{i * 0.5}\n" for i in range(60)))
    out = tmp_path / "m"
    assert cli.main(["train", str(data), "--label", "y", "--epochs", "1", "--batch-size", "8", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "note: Column(s) 'note' hold no values.\n" in err
    assert "note: Not used as features: 'note' (every value is missing).\n" in err  # (nothing to force)
    empty_x = tmp_path / "empty_x.csv"
    empty_x.write_text("x,note\n" + ",\n" * 5)
    assert cli.main(["predict", str(out / "model.json"), str(empty_x), "-o", str(tmp_path / "p.csv")]) == 0
    assert "left out" not in capsys.readouterr().err


def test_a_small_file_trains_with_the_default_batch_size_cut_to_its_rows(tmp_path, capsys):
    """--batch-size left out refused any file under 80 rows: 'fewer than one batch of 64'"""
    data = tmp_path / "small.csv"
    data.write_text("x,y\n" + "".join(f"{i / 10},{i % 2}\n" for i in range(40)))
    assert cli.main(["train", str(data), "--label", "y", "--epochs", "1", "--out", str(tmp_path / "o")]) == 0
    assert "note: Batch size 32: the training split has fewer rows than the default 64" in capsys.readouterr().err
    assert json.loads((tmp_path / "o" / "model.json").read_text())["training"]["batch_size"] == 32
    assert cli.main(["train", str(data), "--label", "y", "--epochs", "1", "--batch-size", "64",
                     "--out", str(tmp_path / "o")]) == 2  # chosen: refused, as before
    assert "fewer than one batch of 64" in capsys.readouterr().err


def test_an_output_folder_that_takes_no_file_is_refused_before_training(iris_model, tmp_path, capsys,
                                                                        monkeypatch):
    """(a read-only folder: all the epochs ran, then nothing could be saved)"""
    import tempfile

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", read_only)
    monkeypatch.setattr("dlstudio.core.pipeline.train", lambda *a, **k: pytest.fail("trained"))
    out = tmp_path / "locked"
    out.mkdir()
    assert cli.main(["train", str(IRIS), "--label", "species", "--epochs", "1", "--out", str(out)]) == 2
    assert f"Cannot use {out} as the output folder: Permission denied." in capsys.readouterr().err
    monkeypatch.undo()
    monkeypatch.setattr("dlstudio.core.pipeline.train", lambda *a, **k: pytest.fail("trained"))
    (out / "model.json").write_text("{}")
    (out / "model.json").chmod(0o444)  # a file there that cannot be replaced: refused before training too
    assert cli.main(["train", str(IRIS), "--label", "species", "--epochs", "1", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "model.json: the file is read-only" in err and "Choose another folder with --out" in err


def test_ctrl_c_during_train_stops_and_saves_what_was_learned(tmp_path):
    """(the first Ctrl+C threw away every epoch trained so far; now it stops as the window's Stop does)"""
    import signal
    import time
    out = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", str(IRIS), "--label", "species",
                             "--out", str(out), "--epochs", "100000", "--early-stopping", "0", "--batch-size", "4",
                             "--threads", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(20):  # until the first epoch's line: training has begun
            if proc.stderr.readline().startswith("epoch "):
                break
        else:
            raise AssertionError("no epoch was reported")
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    result = json.loads(stdout)
    assert result["end"] == "stopped" and result["epochs"] >= 1 and (out / "params.pkl").is_file()
    assert "Stopping after this batch" in stderr and "Stopped by you" in stderr


def test_a_model_saved_with_a_seed_past_2_to_the_31_opens(iris_model, tmp_path, capsys):
    """(a range check added for --seed refused models that earlier versions trained with seed 2**32)"""
    doc = json.loads((iris_model[0] / "model.json").read_text())
    doc["training"]["seed"] = doc["data"]["split_seed"] = 2 ** 32
    (tmp_path / "model.json").write_text(json.dumps(doc))
    (tmp_path / "params.pkl").write_bytes((iris_model[0] / "params.pkl").read_bytes())
    assert cli.main(["inspect", str(tmp_path / "model.json")]) == 0


def test_predict_answers_a_file_with_a_byte_order_mark_with_one(iris_model, tmp_path):
    """(Excel's 'CSV UTF-8' came back without it, and Excel then showed 'StÃ¼ckpreis')"""
    data = tmp_path / "bom.csv"
    data.write_bytes(b"\xef\xbb\xbf" + IRIS.read_bytes())
    assert cli.main(["predict", str(iris_model[0] / "model.json"), str(data), "-o", str(tmp_path / "p.csv")]) == 0
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert cli.main(["predict", str(iris_model[0] / "model.json"), str(IRIS), "-o", str(tmp_path / "q.csv")]) == 0
    assert not (tmp_path / "q.csv").read_bytes().startswith(b"\xef\xbb\xbf")
