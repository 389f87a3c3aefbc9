"""Label column(s) → the task: regression, binary or multi-class, with its loss, width and metrics.

Torch-free, so the GUI can analyse a label the moment it is chosen.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from .errors import EDITED_MODEL_HINT, DataError, SpecError
from .factorize import distinct_numbers_beyond, factorize
from .float32_range import refuse_beyond_float32
from .kinds import BINARY, LOSSES, MAX_CLASSES, METRICS, MULTICLASS, REGRESSION  # noqa: F401 (re-exported)
CLASS_CODE_LIMIT = 2.0 ** 24
MERGED_UP_TO = 1_000  # distinct text values counted after class_key (spaces left out), up to this many
MAX_INTEGER_CLASSES = 20  # integer labels with at most this many values are read as classes


def class_key(value):
    """One spelling per class, so 1, 1.0 and numpy's 1 are the same class and JSON can hold it, and
    'yes' and 'yes ' too (spaces around a word are a slip of typing, not another class or category)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)  # (not through float: 10**18 + 1 is a class of its own)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return int(f) if f.is_integer() else f
    return str(value).strip()


def apart_but_for_spaces(values: list) -> bool:
    """Whether saved classes or categories that ``class_key`` makes one were apart as text: 'yes' and
    'yes ', kept apart by versions of DL Studio before 2026-11-29 (1 and 1.0 never were)."""
    spelled = [v if isinstance(v, str) else class_key(v) for v in values]
    return len(set(spelled)) == len(spelled) and len({class_key(v) for v in values}) < len(values)


def key_among(value, known) -> object:
    """``class_key(value)``, or its spelling as the other type where that is what ``known`` holds: a
    column read as numbers in one file and as text in another (one cell of text makes it text) names
    the same classes, 1 and "1"."""
    key = class_key(value)
    if key in known or isinstance(key, bool):
        return key
    if isinstance(key, str):
        try:
            other = class_key(float(key))  # "1", " 2", "1.0"
        except (ValueError, OverflowError):
            return key
    else:
        other = str(key)
    return other if other in known else key


# What decided the task → its sentence. The window translates the same keys (ui/widgets/data_task.py).
REASONS = {"numeric_labels": "{0} numeric label columns",
           "two_values": "2 distinct values in '{0}'",
           "text_values": "{0} text values in '{1}'",
           "whole_numbers": "{0} whole-number values in '{1}'",
           "numbers": "'{0}' holds numbers with {1} different values",
           "chosen": "chosen by you"}


def _because(key: str, *values) -> dict:
    return {"reason": REASONS[key].format(*values), "why": (key, *values)}


@dataclass(frozen=True)
class TaskInfo:
    kind: str
    labels: tuple[str, ...]
    classes: tuple = ()
    class_counts: tuple[int, ...] = ()
    reason: str = ""
    why: tuple = field(default=(), compare=False)  # (a key of REASONS, its values), for a translation
    written: tuple = field(default=(), compare=False)  # each class as the training file writes it (class_spelling)

    @property
    def output_width(self) -> int:
        if self.kind == REGRESSION:
            return len(self.labels)
        return 1 if self.kind == BINARY else len(self.classes)

    @property
    def proposed_loss(self) -> str:
        return LOSSES[self.kind][0]

    @property
    def losses(self) -> tuple[str, ...]:
        return LOSSES[self.kind]

    @property
    def metrics(self) -> tuple[str, ...]:
        return METRICS[self.kind]

    @property
    def main_metric(self) -> str:
        return self.metrics[0]

    @property
    def is_classification(self) -> bool:
        return self.kind != REGRESSION

    @property
    def loss_reason(self) -> str:
        why = {REGRESSION: "regression → MSELoss (mean squared error of the numbers)",
               BINARY: "binary → BCEWithLogitsLoss (one raw score, sigmoid inside the loss)",
               MULTICLASS: "multi-class → CrossEntropyLoss (one raw score per class, softmax inside the loss)"}
        return why[self.kind]

    @property
    def output_reason(self) -> str:
        if self.kind == REGRESSION:
            n = len(self.labels)
            return f"{n} output{'s' if n > 1 else ''} for regression of {n} column{'s' if n > 1 else ''}"
        if self.kind == BINARY:
            return f"1 output for 2 classes (the score of '{self.classes[1]}')"
        return f"{len(self.classes)} outputs for {len(self.classes)} classes"

    @property
    def label_shape(self) -> str:
        return "(batch,) int64" if self.kind == MULTICLASS else f"(batch, {self.output_width}) float32"

    def check_loss(self, loss: str) -> str:
        """The loss to use: the proposal for 'auto', else the given one if it fits the task."""
        if loss in ("auto", "", None):
            return self.proposed_loss
        if loss not in LOSSES[self.kind]:
            raise SpecError(f"The loss '{loss}' does not fit a {self.kind} task.",
                            hint=f"Use one of: {', '.join(LOSSES[self.kind])}.")
        return loss

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("why")  # (the saved model keeps the sentence)
        d["labels"], d["classes"], d["class_counts"] = list(self.labels), list(self.classes), list(self.class_counts)
        if self.written:
            d["written"] = list(self.written)
        else:
            d.pop("written")
        return d

    def shown(self, value) -> str | object:
        """A class as the training file writes it (``written``), else as it is."""
        if not self.written:
            return value
        return dict(zip(self.classes, self.written)).get(class_key(value), value)

    @classmethod
    def from_dict(cls, d: dict) -> "TaskInfo":
        try:
            kind = d["kind"]
            if kind not in LOSSES:
                raise SpecError(f"Unknown task '{kind}'.")
            if not all(isinstance(d.get(key, []), list) for key in ("labels", "classes", "class_counts")):
                raise TypeError("labels, classes and class counts must be lists")
            info = cls(kind, tuple(d["labels"]), tuple(class_key(c) for c in d.get("classes", [])),
                       tuple(int(c) for c in d.get("class_counts", [])), str(d.get("reason", "")),
                       written=tuple(str(w) for w in d.get("written") or ()))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise SpecError(f"The task description is incomplete ({exc}).") from None
        classes, counts = info.classes, info.class_counts
        if len(set(classes)) < len(classes) and apart_but_for_spaces(d.get("classes") or []):
            raise SpecError("The task lists two classes that differ only by spaces around them ('yes' and "
                            "'yes '), as versions of DL Studio before 2026-11-29 kept them apart.",
                            hint="Train the model again: they are one class now.")
        if info.kind != REGRESSION and len(classes) < 2:
            raise SpecError("A classification task needs at least two classes.")
        edited = [  # what only a hand-edited or damaged model.json holds
            (any(isinstance(c, float) and not math.isfinite(c) for c in classes) or any(c < 0 for c in counts)
             or any(c != int(c) for c in d.get("class_counts", [])),
             "The task lists a class that is not a number, or a count that is negative or not whole."),
            (info.kind == BINARY and len(classes) != 2,
             f"A binary task has two classes; this one lists {len(classes)}."),
            (len(set(classes)) < len(classes), "The task lists a class twice."),
            (info.written and (len(info.written) != len(classes) or len(set(info.written)) < len(classes)),
             "The task's written classes do not match its classes."),
            (counts and len(counts) != len(classes), "The task's class counts do not match its classes."),
        ]
        for wrong, message in edited:
            if wrong:
                raise SpecError(message, hint=EDITED_MODEL_HINT)
        if not info.labels:
            raise SpecError("The task names no label column.")
        return info


def analyse_task(frame: pd.DataFrame, labels: list[str], override: str = "auto") -> TaskInfo:
    """Decide the task from the label values (or check the person's override against them)."""
    if not labels:
        raise DataError("Choose a label column: it holds what the network should predict.")
    missing = [c for c in labels if c not in frame.columns]
    if missing:
        raise DataError(f"Label column(s) not in the data: {', '.join(missing)}.")
    if len(labels) > 1:
        if override not in ("auto", REGRESSION):
            raise SpecError(f"Several label columns make a multi-output regression, not {override}.",
                            hint="Choose a single label column for classification.")
        for c in labels:
            if frame[c].dtype.kind not in "iufb":
                raise DataError(f"Label column '{c}' is not numeric; multi-output regression needs numbers.")
        return TaskInfo(REGRESSION, tuple(labels), **_because("numeric_labels", len(labels)))
    return task_from_values(label_values(frame, labels[0]), override)


@dataclass(frozen=True)
class LabelValues:
    """What deciding a single label column's task needs, counted once (``label_values``): its dtype,
    and either how many distinct numbers it holds when more than any classification takes (``many``),
    or its distinct values (missing left out, in order of first appearance) and how often each occurs.
    The override is not in it: the window decides again from the same counts when it changes."""

    name: str
    dtype: object
    many: int | None = None
    distinct: np.ndarray | None = None
    counts: np.ndarray | None = None


def label_values(frame: pd.DataFrame, name: str) -> LabelValues:
    column = frame[name]
    many = distinct_numbers_beyond(column, MAX_CLASSES)  # numbers no classification fits: counted only
    if many is not None:
        return LabelValues(name, column.dtype, many=many)
    codes, distinct = factorize(column)  # one pass; missing → -1
    return LabelValues(name, column.dtype, distinct=distinct, counts=_counts(codes, len(distinct)))


def task_from_values(values: LabelValues, override: str = "auto") -> TaskInfo:
    """analyse_task from a label column's counted values."""
    if values.many is not None:
        return task_from_count(values.name, values.dtype, values.many, override)
    return _task_from_counts(values.name, values.dtype, values.distinct, values.counts, override)


def _counts(codes: np.ndarray, n: int) -> np.ndarray:
    labelled = codes if codes.min(initial=0) >= 0 else codes[codes >= 0]  # (prepare's have no -1: no copy)
    return np.bincount(labelled, minlength=n)


def task_from_codes(name: str, dtype, codes: np.ndarray, distinct: np.ndarray, override: str = "auto"
                    ) -> TaskInfo:
    """analyse_task for one label column already factorized (``factorize``): codes, -1 where missing,
    and its distinct values; prepare factorizes the column once for this, the labels and the split."""
    return _task_from_counts(name, dtype, distinct, _counts(codes, len(distinct)), override)


def _task_from_counts(name: str, dtype, distinct: np.ndarray, occurrences: np.ndarray, override: str) -> TaskInfo:
    uniques = distinct  # the distinct values, missing left out
    if len(uniques) == 0:
        raise DataError(f"Label column '{name}' has no values.")
    numeric = dtype.kind in "iuf"
    counts: dict = {}
    if len(distinct) <= MERGED_UP_TO:  # (past it no classification fits, and a key costs ~1 µs a value)
        for value, c in zip(distinct, occurrences):
            key = class_key(value)  # once per distinct value, not once per row ('yes' and 'yes ': one class)
            counts[key] = counts.get(key, 0) + int(c)
    n_unique = len(counts) or len(distinct)
    if n_unique < 2:
        raise DataError(f"Label column '{name}' has one value only ({uniques[0]!r}); "
                        f"there is nothing to learn.", hint="Choose another label column.")
    values = uniques.astype(float) if numeric else None
    # class codes are small whole numbers; bigger ones (past 2**24, where float32 skips whole numbers) are measures
    integral = numeric and bool(np.all(np.mod(values, 1) == 0)) and float(np.abs(values).max()) <= CLASS_CODE_LIMIT
    kind, because = _decide(name, dtype, n_unique, integral, override, lambda: _text_among_numbers(uniques))
    if kind == REGRESSION:
        return TaskInfo(REGRESSION, (name,), **because)
    classes = tuple(sorted(counts, key=lambda v: (isinstance(v, str), v)))
    class_counts = tuple(counts[c] for c in classes)
    return TaskInfo(kind, (name,), classes, class_counts, **because)


def task_from_count(name: str, dtype, n_unique: int, override: str = "auto") -> TaskInfo:
    """analyse_task for a numeric label column with more than MAX_CLASSES distinct values
    (``distinct_numbers_beyond``): regression, or the refusal of the class task asked for."""
    kind, because = _decide(name, dtype, n_unique, False, override)
    assert kind == REGRESSION, "a class task with more than MAX_CLASSES classes is refused by _decide"
    return TaskInfo(REGRESSION, (name,), **because)


def _text_among_numbers(distinct: np.ndarray):
    """The first value that is no number, in a text column whose other values mostly are (a price
    column with one 'unknown'), else None."""
    numbers, first = 0, None
    for value in distinct[:1000]:
        try:
            float(value)
            numbers += 1
        except (TypeError, ValueError):
            first = value if first is None else first
    return first if numbers >= 0.8 * min(len(distinct), 1000) else None


def _decide(name: str, dtype, n_unique: int, integral: bool, override: str, text_cell=lambda: None
            ) -> tuple[str, dict]:
    """The task (kind, its reason) for a label column of ``n_unique`` distinct values (at least 2);
    refuses an override that does not fit them, and more classes than MAX_CLASSES. ``text_cell``: the
    value that made a column of numbers text, if one did (asked only for a refusal)."""
    numeric = dtype.kind in "iuf"
    if override == "auto":
        if n_unique == 2:
            kind, because = BINARY, _because("two_values", name)
        elif not numeric:
            kind, because = MULTICLASS, _because("text_values", n_unique, name)
        elif integral and n_unique <= MAX_INTEGER_CLASSES:
            kind, because = MULTICLASS, _because("whole_numbers", n_unique, name)
        else:
            kind, because = REGRESSION, _because("numbers", name, n_unique)
    else:
        kind, because = override, _because("chosen")
        if kind == REGRESSION and not numeric and dtype.kind != "b":  # (true/false: refused below, as such)
            if (cell := text_cell()) is not None:
                raise SpecError(f"'{name}' is read as text, not numbers, because it holds {cell!r}, so it cannot "
                                f"be a regression label.", hint="Fix or blank the cells that are not numbers "
                                                                "in the file, and open it again.")
            raise SpecError(f"'{name}' holds text, so it cannot be a regression label.",
                            hint="Choose classification, or a numeric label column.")
        if kind == BINARY and n_unique != 2:
            raise SpecError(f"'{name}' has {n_unique} distinct values; binary needs exactly 2.",
                            hint="Choose multi-class instead.")
    if kind == REGRESSION:
        if dtype.kind == "b":
            raise SpecError(f"'{name}' holds true/false values; use binary classification.")
    elif n_unique > MAX_CLASSES:
        if not numeric and (cell := text_cell()) is not None:
            raise SpecError(f"'{name}' has {n_unique} distinct values, too many classes (at most {MAX_CLASSES}); "
                            f"it is read as text, not numbers, because it holds {cell!r}.",
                            hint="Fix or blank the cells that are not numbers in the file, and open it again: "
                                 "then it is a regression label.")
        raise SpecError(f"'{name}' has {n_unique} distinct values, too many classes (at most {MAX_CLASSES}).",
                        hint="For numbers, choose regression." if numeric else "Choose another label column.")
    return kind, because


def encode_labels(task: TaskInfo, frame: pd.DataFrame) -> np.ndarray:
    """Float32 (N, k) for regression and binary, int64 (N,) class indices for multi-class."""
    if task.kind == REGRESSION:
        return regression_labels(frame[list(task.labels)], list(task.labels))
    column = frame[task.labels[0]]
    return encode_codes(task, *factorize(column), column)


def regression_labels(labels: pd.DataFrame | pd.Series, names: list[str]) -> np.ndarray:
    """The label column(s) as float32 (N, k), NaN where missing, refused beyond float32's range."""
    with np.errstate(over="ignore"):  # a number beyond float32 becomes inf, refused below
        y = labels.to_numpy(dtype=np.float32, na_value=np.nan).reshape(len(labels), len(names))
    refuse_beyond_float32(y, labels, names, "Label")
    return y


def encode_codes(task: TaskInfo, positions: np.ndarray, distinct: np.ndarray, column: pd.Series, *,
                 integers: bool = False) -> np.ndarray:
    """encode_labels for a classification label already factorized (``column``: for the message);
    ``integers``: multi-class indices as int64 when every row has a label (prepare keeps only those)."""
    index = {c: i for i, c in enumerate(task.classes)}
    lookup = [index.get(key_among(v, index), -1) for v in distinct]  # once per distinct value
    if integers and task.kind == MULTICLASS and positions.min(initial=0) >= 0:
        codes = np.take(np.array(lookup, dtype=np.int64), positions)
    else:
        codes = np.array(lookup + [np.nan], dtype=np.float64)[positions]  # position -1 picks the NaN at the end
    unseen = codes == -1
    if unseen.any():
        first = column[unseen].iloc[0]
        raise DataError(f"Label column '{task.labels[0]}' holds the class {class_key(first)!r}, which the model "
                        f"does not know (known: {', '.join(map(str, task.classes))}).")
    if task.kind == BINARY:
        return codes.astype(np.float32).reshape(-1, 1)
    return codes  # float with NaN for missing labels (unless ``integers``): the caller drops those rows


def class_weights(task: TaskInfo, y: np.ndarray) -> np.ndarray:
    """Inverse-frequency weights from the training labels (N,) or (N, 1)."""
    counts = np.bincount(y.reshape(-1).astype(np.int64), minlength=max(2, len(task.classes))).astype(np.float64)
    counts[counts == 0] = 1
    return (counts.sum() / (len(counts) * counts)).astype(np.float32)
