"""Plain helpers shared by the core tests: small training runs with fast, repeatable settings."""
from __future__ import annotations

import pandas as pd

from dlstudio.core import pipeline
from dlstudio.core.preprocessing import prepare
from dlstudio.core.spec import DataConfig, ModelSpec, TrainConfig

FAST = dict(num_threads=1, early_stopping=0)


def train_frame(frame: pd.DataFrame, label: str, features: list[str] | None = None, *,
                spec: ModelSpec | None = None, data: dict | None = None, **settings):
    """prepare → new_bundle → train; returns (bundle, prepared, result)."""
    features = features or [c for c in frame.columns if c != label]
    data_config = DataConfig(features, [label], **(data or {}))
    prepared = prepare(frame, data_config)
    cfg = TrainConfig(**{**FAST, **settings})
    bundle = pipeline.new_bundle(prepared, data_config, spec or ModelSpec.mlp([16]), cfg, source="test.csv")
    result = pipeline.train(bundle, prepared)
    return bundle, prepared, result
