"""One lookup for shipped files (icons, style sheet, samples, translations) under resources/."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

ROOT = Path(__file__).resolve().parent.parent / "resources"
# The titles are marked for pyside6-lupdate (context "Samples"); the GUI shows them through
# QCoreApplication.translate("Samples", title). QT_TRANSLATE_NOOP returns the English text unchanged.
SAMPLES = {QT_TRANSLATE_NOOP("Samples", "Iris (3 flower species)"): "iris.csv",
           QT_TRANSLATE_NOOP("Samples", "Diabetes (disease progression)"): "diabetes.csv"}


def resource(*parts: str) -> Path:
    return ROOT.joinpath(*parts)


def icon_path(name: str) -> Path:
    return resource("icons", f"{name}.svg")


def sample_path(file_name: str) -> Path:
    return resource("samples", file_name)


def samples() -> dict[str, Path]:
    return {title: sample_path(name) for title, name in SAMPLES.items()}
