"""The record sections of model.json (metrics, history), checked when the file is opened. They change
no prediction, but the window draws them: a hand-edited one (text for a number, a matrix of the wrong
size) made it fail, or crash, while drawing."""
from __future__ import annotations

from .errors import SpecError

_PER_CLASS = ("precision", "recall")  # a number (or null) for each class
_END = {"reason": str, "message": str}


def _number(value) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def checked_history(value) -> list[dict]:
    """The epochs, each a table of numbers (null where undefined) with its epoch number."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(epoch, dict) for epoch in value):
        raise SpecError("Its 'history' is not a list of epochs.")
    for i, epoch in enumerate(value):
        number = epoch.get("epoch")
        if not _whole(number) or number < 1:
            raise SpecError(f"Entry {i + 1} of its 'history' has no epoch number.")
        for key, figure in epoch.items():
            if not _number(figure):
                raise SpecError(f"Epoch {number} of its 'history' holds {figure!r} as '{key}', not a number.")
        if ("batches" in epoch or "batches_done" in epoch) and not (
                _whole(epoch.get("batches_done")) and _whole(epoch.get("batches")) and
                0 < epoch["batches_done"] < epoch["batches"]):  # an epoch Stop cut short: how far it went
            raise SpecError(f"Epoch {number} of its 'history' was cut short after {epoch.get('batches_done')!r} of "
                            f"{epoch.get('batches')!r} batches, which cannot be.")
    return value


def checked_metrics(value, classes: int) -> dict:
    """The figures of each split (numbers or null; per-class lists and a ``classes`` × ``classes``
    confusion matrix of counts for a classifier) and how the run ended."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(part, dict) for part in value.values()):
        raise SpecError("Its 'metrics' are not tables of figures.")
    for name, part in value.items():
        for key, figure in part.items():
            where = f"Its metric '{name}.{key}'"
            if name == "end":
                kind = _END.get(key)
                ok = isinstance(figure, kind) if kind else (figure is None or _whole(figure)) \
                    if key in ("best_epoch", "kept_epoch") else _number(figure)
            elif key == "confusion":
                ok = isinstance(figure, list) and len(figure) == classes and all(
                    isinstance(row, list) and len(row) == classes and all(_whole(n) for n in row) for row in figure)
                where += f" (a {classes} × {classes} table of counts)"
            elif key in _PER_CLASS:
                ok = isinstance(figure, list) and len(figure) == classes and all(_number(n) for n in figure)
                where += f" (a figure for each of {classes} classes)"
            else:
                ok = _number(figure)
            if not ok:
                raise SpecError(f"{where} holds {_short(figure)}, which does not fit.")
    return value


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
