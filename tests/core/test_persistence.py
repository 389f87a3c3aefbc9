"""model.json + params.pkl: plain-PyTorch compatibility, round trips and refusals (issue 2 §7;
issue 8 cases 6, 7 and 9)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import torch

from dlstudio.core import persistence
from dlstudio.core.builder import build_model
from dlstudio.core.errors import ParamsError
from dlstudio.core.persistence import load_bundle, load_params_into, params_file, read_model_json, save_bundle
from dlstudio.core.spec import ModelSpec
from tests.conftest import linear_frame


def reject_constants(token):
    raise AssertionError(f"{token} written into model.json")


def X(bundle, n=50):
    return bundle.preprocessor.transform(linear_frame(n, seed=5))


def test_pkl_loads_with_plain_torch_into_the_built_module(saved):
    json_path, params_path, bundle = saved
    doc = json.loads(json_path.read_text())
    arch = doc["architecture"]
    model = build_model(ModelSpec.from_dict(arch), arch["in_features"], arch["out_features"])
    state = torch.load(params_path, weights_only=True)
    assert set(state) == set(bundle.model.state_dict())
    model.load_state_dict(state)  # strict by default
    model.eval()
    x = torch.as_tensor(X(bundle))
    assert torch.equal(model(x), bundle.predict_raw(X(bundle)))


def test_model_json_describes_everything_prediction_needs(saved):
    json_path, params_path, bundle = saved
    doc = json.loads(json_path.read_text(), parse_constant=reject_constants)
    assert doc["format"] == "dlstudio-model" and doc["version"] == 1
    assert doc["params_file"] == "params.pkl"
    assert doc["params_sha256"] == hashlib.sha256(params_path.read_bytes()).hexdigest()
    assert doc["params_bytes"] == params_path.stat().st_size
    assert doc["torch_version"] == torch.__version__.split("+")[0] and doc["app_version"]
    assert doc["architecture"]["in_features"] == 2 and doc["architecture"]["out_features"] == 1
    assert doc["preprocessing"]["numeric"] == ["x1", "x2"] and doc["task"]["kind"] == "regression"
    assert doc["data"]["labels"] == ["y"] and doc["training"]["lr"] == bundle.train_config.lr
    assert doc["metrics"]["val"]["r2"] >= 0.99 and len(doc["history"]) == len(bundle.history)


def test_round_trip_gives_identical_predictions(saved):
    json_path, _, bundle = saved
    again = load_bundle(json_path)
    assert torch.equal(again.predict_raw(X(bundle)), bundle.predict_raw(X(bundle)))
    assert again.preprocessor == bundle.preprocessor and again.task == bundle.task
    assert again.spec == bundle.spec and again.train_config == bundle.train_config
    assert all(torch.equal(a, b) for a, b in zip(again.model.state_dict().values(),
                                                 bundle.model.state_dict().values()))


def test_undefined_metrics_are_written_as_null_never_nan(regression, tmp_path):
    regression.metrics = {"val": {"roc_auc": float("nan"), "r2": float("inf")}}
    json_path, _ = save_bundle(regression, tmp_path / "model.json")
    doc = json.loads(json_path.read_text(), parse_constant=reject_constants)
    assert doc["metrics"]["val"] == {"roc_auc": None, "r2": None}


# --- 6. hash ----------------------------------------------------------------------------------------
def test_flipped_byte_is_caught_by_the_sha256(saved):
    json_path, params_path, _ = saved
    data = bytearray(params_path.read_bytes())
    data[-200] ^= 0x01
    params_path.write_bytes(bytes(data))
    with pytest.raises(ParamsError) as info:
        load_bundle(json_path)
    assert "SHA-256" in str(info.value) and "params.pkl" in str(info.value) and "model.json" in str(info.value)


def test_parameters_from_another_run_are_caught_by_the_sha256(saved, regression, tmp_path):
    json_path, params_path, _ = saved
    with torch.no_grad():
        regression.model.stack[0].weight.add_(1.0)
    other = tmp_path / "other"
    other.mkdir()
    _, other_params = save_bundle(regression, other / "model.json")
    params_path.write_bytes(other_params.read_bytes())
    with pytest.raises(ParamsError, match="another run"):
        load_bundle(json_path)


def test_missing_params_file_is_named(saved):
    json_path, params_path, _ = saved
    params_path.unlink()
    with pytest.raises(ParamsError, match="were not found") as info:
        load_bundle(json_path)
    assert str(params_path) in str(info.value)


# --- 7. keys and shapes -----------------------------------------------------------------------------
def test_misfit_keys_and_shapes_are_listed_and_the_model_is_untouched(regression, tmp_path):
    state = {k: v.clone() for k, v in regression.model.state_dict().items()}
    state.pop("stack.2.bias")
    state["stack.0.weight"] = torch.zeros(3, 2)
    state["extra.weight"] = torch.zeros(1)
    path = tmp_path / "params.pkl"
    torch.save(state, path)
    before = regression.model
    weights = {k: v.clone() for k, v in before.state_dict().items()}
    with pytest.raises(ParamsError) as info:
        load_params_into(regression, path)
    text = str(info.value)
    assert "missing: stack.2.bias" in text and "unexpected: extra.weight" in text
    assert "wrong shape: stack.0.weight is (3, 2), the model needs (8, 2)" in text
    assert regression.model is before
    assert all(torch.equal(weights[k], v) for k, v in before.state_dict().items())


def test_fitting_parameters_replace_the_model(regression, tmp_path):
    path = tmp_path / "params.pkl"
    state = {k: torch.zeros_like(v) for k, v in regression.model.state_dict().items()}
    torch.save(state, path)
    old = regression.model
    load_params_into(regression, path)
    assert regression.model is not old
    assert all((v == 0).all() for v in regression.model.state_dict().values())


# --- 9. model.json ----------------------------------------------------------------------------------
def edit(doc, path, value):
    *parents, last = path
    for key in parents:
        doc = doc[key]
    doc[last] = value


@pytest.mark.parametrize("path, value, needle", [
    (("version",), 99, "version 99"),
    (("format",), "something-else", "not a DL Studio model"),
    (("preprocessing", "scale"), [0.0, 1.0], "scale 0.0"),
    (("architecture", "layers", 0, "out_features"), 10 ** 9, "outside"),
    (("architecture", "layers", 1, "type"), "Conv2d", "Unknown layer type 'Conv2d'"),
    (("architecture", "in_features"), 7, "inconsistent"),
    (("architecture", "layers"), [{"type": "Linear", "out_features": 100_000}] * 2 +
     [{"type": "Linear", "out_features": "auto"}], "parameters"),
    (("architecture", "layers"), [{"type": "Linear", "out_features": 3}], "units to 1"),
    (("task", "kind"), "ranking", "Unknown task"),
    (("training", "warp_speed"), 9, "warp_speed"),
    (("training", "weight_decay"), "lots", "Weight decay"),
    (("training", "batch_size"), True, "Batch size"),
    (("training", "loss"), "cross_entropy", "does not fit a regression"),
    (("data", "val_split"), None, "validation split"),
    (("data", "features"), "x1", "lists of column names"),
    # the records the window draws (text there crashed it while drawing)
    (("history",), "abc", "'history' is not a list of epochs"),
    (("history",), [1, 2, 3], "'history' is not a list of epochs"),
    (("history", 0, "train_loss"), "x", "holds 'x' as 'train_loss'"),
    (("history", 0, "epoch"), None, "has no epoch number"),
    (("metrics",), [1, 2], "'metrics' are not tables"),
    (("metrics", "end"), "x", "'metrics' are not tables"),
    (("metrics", "val", "r2"), "x", "metric 'val.r2' holds 'x'"),
    (("metrics", "val", "confusion"), [[1]], "metric 'val.confusion'"),  # (a regression has none)
    (("metrics", "end", "best_epoch"), "3", "metric 'end.best_epoch'"),
    (("preprocessing", "numeric"), [1, 2], "name each input column once"),
    (("preprocessing", "numeric"), ["x1", "x1"], "name each input column once"),
])
def test_damaged_model_json_is_refused_before_building(saved, monkeypatch, path, value, needle):
    json_path, _, _ = saved
    doc = json.loads(json_path.read_text())
    edit(doc, path, value)
    json_path.write_text(json.dumps(doc))
    monkeypatch.setattr(persistence, "build_model", lambda *a, **k: pytest.fail("a model was built"))
    with pytest.raises(ParamsError) as info:
        load_bundle(json_path)
    assert needle in str(info.value) and "model.json" in str(info.value)


@pytest.mark.parametrize("text, needle", [
    ('{"format": "dlstudio-model", "version": 1, "x": NaN}', "NaN"),
    ('{"format": "dlstudio-model", "version": 1, "x": -Infinity}', "-Infinity"),
    ('{"format": "dlstudio-model", "version": 1', "not valid JSON"),
    ("", "not valid JSON"),
    ("[1, 2]", "not a DL Studio model"),
    ("[" * 100_000 + "]" * 100_000, "nest too deeply"),  # (a RecursionError: 'unexpected error')
])
def test_invalid_json_and_nan_tokens_are_refused(tmp_path, text, needle):
    path = tmp_path / "model.json"
    path.write_text(text)
    with pytest.raises(ParamsError) as info:
        read_model_json(path)
    assert needle in str(info.value) and "model.json" in str(info.value)


def test_missing_section_and_non_utf8_are_refused(saved, tmp_path):
    json_path, _, _ = saved
    doc = json.loads(json_path.read_text())
    del doc["preprocessing"]
    json_path.write_text(json.dumps(doc))
    with pytest.raises(ParamsError, match="lacks the section 'preprocessing'"):
        load_bundle(json_path)
    bad = tmp_path / "latin.json"
    bad.write_bytes(b'{"format": "caf\xe9"}')
    with pytest.raises(ParamsError, match="not UTF-8"):
        read_model_json(bad)


@pytest.mark.parametrize("named", ["/etc/passwd", "../elsewhere/params.pkl"])
def test_the_params_file_model_json_names_is_looked_for_beside_it_only(saved, named):
    """(an absolute path or '..' in an edited model.json was followed)"""
    json_path, params_path, _ = saved
    doc = json.loads(json_path.read_text())
    doc["params_file"] = named
    json_path.write_text(json.dumps(doc))
    assert params_file(json_path) == json_path.parent / Path(named).name
