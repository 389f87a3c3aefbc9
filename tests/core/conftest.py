"""Fixtures for the core tests: CSV writers and small trained models shared by the session."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import torch

from tests.conftest import blobs_frame, linear_frame  # the root conftest's known-answer data

from dlstudio.core.spec import ModelSpec

from tests.core.helpers import train_frame


@pytest.fixture
def write_csv(tmp_path):
    """write_csv(text_or_bytes, name='data.csv', encoding='utf-8') → the path of the new file."""
    def write(content: str | bytes, name: str = "data.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path
    return write


@pytest.fixture(scope="session")
def regression_run():
    """A linear model on y = 3·x1 − 2·x2 + 1 (+ noise). Tests must not change it: use `regression`."""
    torch.set_num_threads(1)
    return train_frame(linear_frame(300), "y", epochs=40, lr=0.05, batch_size=32, spec=ModelSpec.mlp([8]))


@pytest.fixture(scope="session")
def blobs_run():
    torch.set_num_threads(1)
    return train_frame(blobs_frame(60), "color", epochs=25, lr=0.05, batch_size=32)


@pytest.fixture
def regression(regression_run):
    """A private copy of the trained regression bundle, free to change."""
    return copy.deepcopy(regression_run[0])


@pytest.fixture
def saved(regression, tmp_path):
    """(model.json, params.pkl, bundle) saved into a fresh folder."""
    from dlstudio.core.persistence import save_bundle
    json_path, params_path = save_bundle(regression, tmp_path / "model.json")
    return json_path, params_path, regression

