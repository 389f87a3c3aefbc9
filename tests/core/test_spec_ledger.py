"""Layer specs, the shape ledger and the builder (issue 2 §4; issue 8 cases 9 and 30 for layers)."""
from __future__ import annotations

import json

import pytest
import torch
from torch import nn

from dlstudio.core import builder
from dlstudio.core.builder import Network, build_model
from dlstudio.core.errors import SpecError
from dlstudio.core.ledger import MAX_PARAMS, build_ledger, model_text
from dlstudio.core.spec import (AUTO, LAYER_TYPES, DataConfig, LayerSpec, ModelSpec, TrainConfig)

EVERY_LAYER = ModelSpec([
    LayerSpec("Linear", {"out_features": 16}), LayerSpec("BatchNorm1d"), LayerSpec("ReLU"),
    LayerSpec("Linear", {"out_features": 12}), LayerSpec("LayerNorm"), LayerSpec("LeakyReLU", {"negative_slope": 0.1}),
    LayerSpec("Dropout", {"p": 0.2}), LayerSpec("GELU"), LayerSpec("SiLU"), LayerSpec("Tanh"),
    LayerSpec("ELU", {"alpha": 0.5}), LayerSpec("Sigmoid"), LayerSpec("Linear", {"out_features": AUTO}),
])


def test_every_layer_type_is_covered_and_round_trips_through_json():
    assert {layer.type for layer in EVERY_LAYER.layers} == set(LAYER_TYPES)
    text = json.dumps(EVERY_LAYER.to_dict(), allow_nan=False)
    assert ModelSpec.from_dict(json.loads(text)) == EVERY_LAYER


def test_built_module_runs_the_stack_and_prints_as_the_ledger_says():
    model = build_model(EVERY_LAYER, 5, 3, seed=0)
    assert isinstance(model, Network) and isinstance(model, nn.Module)
    assert len(model.stack) == len(EVERY_LAYER.layers)
    x = torch.randn(4, 5)
    model.eval()  # dropout off, batch-norm running statistics: deterministic
    assert torch.equal(model(x), model.stack(x)) and model(x).shape == (4, 3)
    assert str(model) == model_text(EVERY_LAYER, 5, 3)


def test_ledger_shapes_and_parameters_match_the_built_module():
    model = build_model(EVERY_LAYER, 5, 3)
    ledger = build_ledger(EVERY_LAYER, 5, 3)
    shapes = []
    hooks = [m.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape))) for m in model.stack]
    model.eval()(torch.randn(7, 5))
    for h in hooks:
        h.remove()
    assert shapes == [(7, r.out_features) for r in ledger.rows]
    assert [r.params for r in ledger.rows] == [sum(p.numel() for p in m.parameters()) for m in model.stack]
    assert ledger.total_params == sum(p.numel() for p in model.parameters())
    assert ledger.ok and ledger.rows[-1].shape == "(batch, 3)" and ledger.rows[-1].locked_reason


def test_final_linear_follows_the_task_width():
    spec = ModelSpec.mlp([8, 4])
    for width in (1, 2, 7):
        assert build_model(spec, 3, width)(torch.zeros(2, 3)).shape == (2, width)


def test_last_shape_that_misfits_the_labels_says_what_fixes_it():
    spec = ModelSpec([LayerSpec("Linear", {"out_features": 8}), LayerSpec("ReLU"),
                      LayerSpec("Linear", {"out_features": 5})])
    ledger = build_ledger(spec, 4, 3, output_reason="3 outputs for 3 classes")
    assert not ledger.ok
    assert "ends with 5" in ledger.problems[0] and "Set the last Linear layer's units to 3" in ledger.problems[0]
    assert ledger.rows[2].problem and not ledger.rows[0].problem
    with pytest.raises(SpecError) as info:
        build_model(spec, 4, 3)
    assert "units to 3" in str(info.value)


def test_stack_without_linear_says_to_add_one():
    assert "Add a Linear" in build_ledger(ModelSpec([LayerSpec("ReLU")]), 4, 2).problems[0]
    assert "Add a Linear" in build_ledger(ModelSpec([]), 4, 2).problems[0]


def test_a_stack_without_weights_is_refused_even_when_its_width_fits():
    for layers in ([], [LayerSpec("ReLU")], [LayerSpec("Dropout", {"p": 0.5})]):
        ledger = build_ledger(ModelSpec(layers), 1, 1)  # one input, one output: the shapes fit
        assert not ledger.ok and "no weights to learn" in ledger.problems[0] and "Add a Linear" in ledger.problems[0]
    assert build_ledger(ModelSpec([LayerSpec("Linear", {"out_features": AUTO})]), 1, 1).ok


def test_activation_after_logits_is_flagged():
    spec = ModelSpec([LayerSpec("Linear", {"out_features": AUTO}), LayerSpec("Sigmoid")])
    ledger = build_ledger(spec, 4, 1, loss="bce_logits")
    assert any("Remove the final Sigmoid" in p for p in ledger.problems)


def test_huge_network_is_refused_before_any_weight_is_allocated(monkeypatch):
    spec = ModelSpec.mlp([100_000, 100_000])
    ledger = build_ledger(spec, 10, 1)
    assert ledger.total_params > MAX_PARAMS and not ledger.ok
    assert "layer 2" in ledger.problems[0] and "narrower" in ledger.problems[0]
    monkeypatch.setattr(builder, "_make_layer", lambda *a: pytest.fail("a layer was built"))
    with pytest.raises(SpecError, match="parameters"):
        build_model(spec, 10, 1)


@pytest.mark.parametrize("layer, needle", [
    ({"type": "Conv2d"}, "Unknown layer type 'Conv2d'"),
    ({"type": "Linear", "out_features": 10 ** 9}, "outside 1…100000"),
    ({"type": "Linear", "out_features": 0}, "outside"),
    ({"type": "Linear", "out_features": "wide"}, "must be a int"),
    ({"type": "Linear", "out_features": True}, "must be a int"),
    ({"type": "Linear", "out_features": 2.5}, "must be a int"),
    ({"type": "Dropout", "p": 1.5}, "outside"),
    ({"type": "Dropout", "p": float("nan")}, "outside"),
    ({"type": "ReLU", "inplace": True}, "no setting 'inplace'"),
    ("Linear", "must be an object"),
])
def test_invalid_layers_are_refused_naming_layer_and_setting(layer, needle):
    with pytest.raises(SpecError) as info:
        ModelSpec.from_dict({"layers": [layer]})
    assert needle in str(info.value)


def test_parse_short_layer_text():
    spec = ModelSpec.parse("64, relu, dropout:0.2, 32, gelu, bn")
    assert [layer.describe() for layer in spec.layers] == [
        "Linear(out_features=64)", "ReLU", "Dropout(p=0.2)", "Linear(out_features=32)", "GELU", "BatchNorm1d",
        "Linear(out_features=auto)"]
    with pytest.raises(SpecError, match="Unknown layer 'conv'"):
        ModelSpec.parse("64,conv")
    with pytest.raises(SpecError, match="takes no setting"):
        ModelSpec.parse("relu:3")


def test_training_settings_are_checked_and_listed():
    assert TrainConfig().validate() == TrainConfig()
    bad = TrainConfig(optimizer="lbfgs", lr=0, batch_size=0, epochs=0, grad_clip=-1, early_stopping=-2)
    problems = bad.problems()
    assert len(problems) == 6 and any("'lbfgs'" in p for p in problems)
    with pytest.raises(SpecError) as info:
        bad.validate()
    assert "Learning rate 0" in str(info.value) and "Batch size" in str(info.value)
    assert TrainConfig.from_dict(json.loads(json.dumps(TrainConfig(lr=0.01).to_dict()))).lr == 0.01
    with pytest.raises(SpecError, match="Unknown TrainConfig setting"):
        TrainConfig.from_dict({"learning_rate": 1})
    assert any("90 %" in p for p in DataConfig(["a"], ["b"], val_split=0.95).problems())
    assert any("both feature and label" in p for p in DataConfig(["a"], ["a"]).problems())
