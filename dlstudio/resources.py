"""One lookup for shipped files (icons, style sheet, samples, translations) under resources/."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "resources"
SAMPLES = {"Iris (3 flower species)": "iris.csv", "Diabetes (disease progression)": "diabetes.csv"}


def resource(*parts: str) -> Path:
    return ROOT.joinpath(*parts)


def icon_path(name: str) -> Path:
    return resource("icons", f"{name}.svg")


def sample_path(file_name: str) -> Path:
    return resource("samples", file_name)


def samples() -> dict[str, Path]:
    return {title: sample_path(name) for title, name in SAMPLES.items()}
