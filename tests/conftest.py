"""Shared fixtures. Qt runs offscreen; set before anything imports Qt."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def iris_csv() -> Path:
    return SAMPLES / "iris.csv"


@pytest.fixture
def diabetes_csv() -> Path:
    return SAMPLES / "diabetes.csv"


def linear_frame(n: int = 600, seed: int = 0) -> pd.DataFrame:
    """y = 3·x1 − 2·x2 + 1 + small noise: a known answer that a good model must find."""
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    y = 3 * x1 - 2 * x2 + 1 + rng.normal(scale=0.05, size=n)
    return pd.DataFrame({"x1": x1, "x2": x2, "y": y})


def blobs_frame(n_per_class: int = 100, seed: int = 0) -> pd.DataFrame:
    """Three well-separated classes in two dimensions."""
    rng = np.random.default_rng(seed)
    centers = {"red": (0.0, 0.0), "green": (6.0, 0.0), "blue": (0.0, 6.0)}
    rows = []
    for name, (cx, cy) in centers.items():
        pts = rng.normal(size=(n_per_class, 2)) + (cx, cy)
        rows += [(x, y, name) for x, y in pts]
    return pd.DataFrame(rows, columns=["a", "b", "color"]).sample(frac=1, random_state=seed).reset_index(drop=True)


@pytest.fixture
def linear_csv(tmp_path) -> Path:
    path = tmp_path / "linear.csv"
    linear_frame().to_csv(path, index=False)
    return path


@pytest.fixture
def blobs_csv(tmp_path) -> Path:
    path = tmp_path / "blobs.csv"
    blobs_frame().to_csv(path, index=False)
    return path
