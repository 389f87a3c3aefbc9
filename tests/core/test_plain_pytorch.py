"""README's snippet loads a saved model with plain PyTorch, without DL Studio, and feeding it inputs
prepared as README says gives the outputs DL Studio computes (the .pkl's keys start with 'stack.',
which model.json did not say)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from dlstudio.core.persistence import load_params_into, save_bundle
from dlstudio.core.preprocessor import MISSING_CATEGORY
from dlstudio.core.spec import AUTO, LayerSpec, ModelSpec
from tests.conftest import blobs_frame
from tests.core.helpers import train_frame

README = Path(__file__).resolve().parents[2] / "README.md"
EVERY_LAYER = ModelSpec([
    LayerSpec("Linear", {"out_features": 16}), LayerSpec("BatchNorm1d"), LayerSpec("LeakyReLU", {"negative_slope": 0.1}),
    LayerSpec("Dropout", {"p": 0.2}), LayerSpec("Linear", {"out_features": 8}), LayerSpec("LayerNorm"),
    LayerSpec("ELU", {"alpha": 0.5}), LayerSpec("Linear", {"out_features": 8}), LayerSpec("GELU"), LayerSpec("SiLU"),
    LayerSpec("Tanh"), LayerSpec("Linear", {"out_features": AUTO})])


def snippet() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("Loading a saved model in plain PyTorch")
    return re.search(r"```python\n(.*?)```", text[start:], re.S).group(1)


def inputs_as_readme_says(doc: dict, frame: pd.DataFrame) -> torch.Tensor:
    pre = doc["preprocessing"]
    columns = []
    centers = pre.get("center", [0.0] * len(pre["numeric"]))
    for name, center, shift, scale, impute in zip(pre["numeric"], centers, pre["shift"], pre["scale"], pre["impute"]):
        x = frame[name].to_numpy(dtype=np.float64, na_value=np.nan)
        x = np.where(np.isnan(x), impute, x) - center  # (in float64)
        columns.append((x.astype(np.float32) - np.float32(shift - center)) / np.float32(scale))
    for name, categories in pre["categorical"].items():
        values = frame[name].astype(object).where(frame[name].notna(), MISSING_CATEGORY)
        columns += [(values == category).to_numpy(dtype=np.float32) for category in categories]
    return torch.as_tensor(np.stack(columns, axis=1))


@pytest.mark.parametrize("standardize", ["zscore", "minmax"])
def test_the_readme_snippet_rebuilds_the_model_with_plain_pytorch(tmp_path, standardize):
    torch.set_num_threads(1)
    frame = blobs_frame(60)
    frame["size"] = np.where(np.arange(len(frame)) % 3 == 0, "big", "small")
    frame.loc[frame.index[::7], "a"] = np.nan  # imputed
    frame.loc[frame.index[::11], "size"] = None  # its own category
    bundle, _, _ = train_frame(frame, "color", spec=EVERY_LAYER, epochs=3, batch_size=32,
                               data={"standardize": standardize})
    save_bundle(bundle, tmp_path / "model.json")
    doc = json.loads((tmp_path / "model.json").read_text())
    assert doc["pytorch"]["module"].startswith("Network(\n  (stack): Sequential(")
    assert doc["pytorch"]["state_dict"]["stack.0.weight"] == [16, doc["architecture"]["in_features"]]
    scope: dict = {}
    exec(snippet().replace("DIR", str(tmp_path)), scope)  # noqa: S102 - the README's own code
    model = scope["model"]
    assert "dlstudio" not in snippet() and isinstance(model, torch.nn.Sequential)
    X = inputs_as_readme_says(doc, frame)
    np.testing.assert_array_equal(X.numpy(), bundle.preprocessor.transform(frame))  # the formula, bit for bit
    expected = bundle.predict_raw(bundle.preprocessor.transform(frame))
    with torch.inference_mode():
        np.testing.assert_allclose(model(X).numpy(), expected.numpy(), rtol=1e-5, atol=1e-5)
    # trained further in plain PyTorch and saved from the Sequential (keys 0.weight, ...): DL Studio takes it
    with torch.no_grad():
        model[0].weight.mul_(0.5)
    torch.save(model.state_dict(), tmp_path / "tuned.pkl")
    load_params_into(bundle, tmp_path / "tuned.pkl")
    with torch.inference_mode():
        np.testing.assert_allclose(bundle.predict_raw(bundle.preprocessor.transform(frame)).numpy(),
                                   model(X).numpy(), rtol=1e-5, atol=1e-5)
