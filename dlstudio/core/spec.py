"""The plain, JSON-serialisable description of a run: data choices, layer stack, training settings.

Nothing here imports torch, so the GUI thread can validate and describe a model for free.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .errors import SpecError

AUTO = "auto"  # a final Linear's out_features that follows the task's output width
MAX_UNITS = 100_000  # a wider layer is almost surely a typo (and would not fit in memory)
MAX_THREADS = 1024  # far past any one machine; 100,000 made OpenMP run out of memory and crash
SEED_MAX = 2**63 - 1  # torch.manual_seed takes 64 bits, and epochs and ranks are added to the seed

# type -> {param: (python type, default, (low, high))}
LAYER_TYPES: dict[str, dict[str, tuple[type, Any, tuple[float, float]]]] = {
    "Linear": {"out_features": (int, 64, (1, MAX_UNITS))},
    "ReLU": {},
    "LeakyReLU": {"negative_slope": (float, 0.01, (0.0, 1.0))},
    "GELU": {},
    "SiLU": {},
    "Tanh": {},
    "Sigmoid": {},
    "ELU": {"alpha": (float, 1.0, (0.0, 100.0))},
    "BatchNorm1d": {},
    "LayerNorm": {},
    "Dropout": {"p": (float, 0.5, (0.0, 0.99))},
}
ACTIVATIONS = ("ReLU", "LeakyReLU", "GELU", "SiLU", "Tanh", "Sigmoid", "ELU")
_ALIASES = {t.lower(): t for t in LAYER_TYPES} | {"batchnorm": "BatchNorm1d", "bn": "BatchNorm1d", "silu": "SiLU"}


@dataclass(frozen=True)
class LayerSpec:
    type: str
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.type not in LAYER_TYPES:
            raise SpecError(f"Unknown layer type '{self.type}'.",
                            hint=f"Use one of: {', '.join(LAYER_TYPES)}.")
        known = LAYER_TYPES[self.type]
        merged = {name: default for name, (_, default, _) in known.items()}
        for name, value in self.params.items():
            if name not in known:
                raise SpecError(f"Layer {self.type} has no setting '{name}'.")
            merged[name] = value
        for name, (kind, _, (low, high)) in known.items():
            merged[name] = _check_param(self.type, name, merged[name], kind, low, high)
        object.__setattr__(self, "params", merged)

    def to_dict(self) -> dict:
        return {"type": self.type, **self.params}

    @classmethod
    def from_dict(cls, d: dict) -> "LayerSpec":
        if not isinstance(d, dict) or "type" not in d:
            raise SpecError(f"A layer must be an object with a 'type', got {d!r}.")
        params = {k: v for k, v in d.items() if k != "type"}
        return cls(str(d["type"]), params)

    def describe(self) -> str:
        if not self.params:
            return self.type
        inner = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.type}({inner})"


def _check_param(layer: str, name: str, value, kind, low, high):
    if kind is int and value == AUTO and name == "out_features":
        return AUTO
    try:
        if isinstance(value, bool):
            raise TypeError
        if kind is int:
            if isinstance(value, float) and not value.is_integer():
                raise TypeError
            value = int(value)
        else:
            value = float(value)
    except (TypeError, ValueError):
        raise SpecError(f"{layer}: '{name}' must be a {kind.__name__}, got {value!r}.") from None
    if not (isinstance(value, int) or math.isfinite(value)) or not (low <= value <= high):
        raise SpecError(f"{layer}: '{name}' = {value} is outside {low:g}…{high:g}.",
                        hint="Choose a value in that range.")
    return value


@dataclass
class ModelSpec:
    """A stack of layers, input first. The last Linear usually has out_features='auto'."""

    layers: list[LayerSpec] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"layers": [layer.to_dict() for layer in self.layers]}

    @classmethod
    def from_dict(cls, d: dict) -> "ModelSpec":
        if not isinstance(d, dict) or not isinstance(d.get("layers"), list):
            raise SpecError("The model description needs a 'layers' list.")
        return cls([LayerSpec.from_dict(x) for x in d["layers"]])

    @classmethod
    def mlp(cls, hidden: list[int], activation: str = "ReLU", *, batchnorm: bool = False,
            dropout: float = 0.0) -> "ModelSpec":
        layers: list[LayerSpec] = []
        for units in hidden:
            layers.append(LayerSpec("Linear", {"out_features": units}))
            if batchnorm:
                layers.append(LayerSpec("BatchNorm1d"))
            layers.append(LayerSpec(activation))
            if dropout:
                layers.append(LayerSpec("Dropout", {"p": dropout}))
        layers.append(LayerSpec("Linear", {"out_features": AUTO}))
        return cls(layers)

    @classmethod
    def parse(cls, text: str) -> "ModelSpec":
        """'64,relu,dropout:0.2,32,gelu' → hidden layers, then the output Linear(auto)."""
        layers: list[LayerSpec] = []
        for token in filter(None, (t.strip() for t in text.split(","))):
            name, _, arg = token.partition(":")
            if name.isdigit():
                layers.append(LayerSpec("Linear", {"out_features": int(name)}))
                continue
            canonical = _ALIASES.get(name.lower())
            if canonical is None:
                raise SpecError(f"Unknown layer '{token}' in --layers.",
                                hint="Use numbers for Linear widths and names such as relu, gelu, "
                                     "tanh, batchnorm, layernorm, dropout:0.2.")
            params = {}
            if arg:
                first = next(iter(LAYER_TYPES[canonical]), None)
                if first is None:
                    raise SpecError(f"Layer '{canonical}' takes no setting ('{token}').")
                params[first] = arg
            layers.append(LayerSpec(canonical, params))
        layers.append(LayerSpec("Linear", {"out_features": AUTO}))
        return cls(layers)


PRESETS: dict[str, ModelSpec] = {
    "Linear model": ModelSpec([LayerSpec("Linear", {"out_features": AUTO})]),
    "MLP 64-64": ModelSpec.mlp([64, 64]),
    "MLP 128-64 + BatchNorm + Dropout": ModelSpec.mlp([128, 64], batchnorm=True, dropout=0.2),
}
DEFAULT_SPEC = PRESETS["MLP 64-64"]

OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
SCHEDULERS = ("none", "step", "cosine", "plateau")
STANDARDIZE = ("zscore", "minmax", "none")
MISSING = ("impute", "drop")
TASKS = ("auto", "regression", "binary", "multiclass")
DEVICES = ("auto", "cpu", "cuda")


@dataclass
class DataConfig:
    """Which columns play which role and how the inputs are prepared."""

    features: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    task: str = "auto"
    standardize: str = "zscore"
    missing: str = "impute"
    val_split: float = 0.2
    split_seed: int = 0

    def problems(self) -> list[str]:
        out = []
        if not self.features:
            out.append("Choose at least one feature column.")
        if not self.labels:
            out.append("Choose a label column.")
        names = [c for c in (self.features, self.labels) if isinstance(c, list) and all(isinstance(x, str) for x in c)]
        if len(names) < 2:
            return out + ["Features and labels must be lists of column names."]
        overlap = set(self.features) & set(self.labels)
        if overlap:
            out.append(f"Column(s) {', '.join(sorted(overlap))} cannot be both feature and label.")
        for role, names in (("features", self.features), ("labels", self.labels)):
            twice = sorted({c for c in names if names.count(c) > 1})
            if twice:
                out.append(f"Column(s) {', '.join(twice)} named twice among the {role}.")
        _choice(out, "task", self.task, TASKS)
        _choice(out, "standardize", self.standardize, STANDARDIZE)
        _choice(out, "missing", self.missing, MISSING)
        if not (_num(self.val_split) and 0.0 <= self.val_split <= 0.9):
            out.append("The validation split must be between 0 % and 90 %.")
        _seed(out, "The split's seed", self.split_seed)
        return out

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "DataConfig":
        return _from_dict(cls, d)


@dataclass
class TrainConfig:
    """Every training setting. Defaults give a good model on typical tabular data."""

    loss: str = AUTO
    optimizer: str = "adam"
    lr: float = 1e-3
    momentum: float = 0.9
    weight_decay: float = 0.0
    batch_size: int = 64
    epochs: int = 100
    scheduler: str = "none"
    grad_clip: float = 0.0  # max gradient norm; 0 turns clipping off
    early_stopping: int = 10  # patience in epochs; 0 turns it off
    seed: int = 0
    device: str = "cpu"
    num_threads: int = 0  # torch intra-op threads; 0 = all cores, or cores - 1 when a GUI runs beside

    def problems(self) -> list[str]:
        out: list[str] = []
        _choice(out, "optimizer", self.optimizer, OPTIMIZERS)
        _choice(out, "scheduler", self.scheduler, SCHEDULERS)
        _choice(out, "device", self.device, DEVICES)
        if not (_num(self.lr) and 0 < self.lr <= 10):
            out.append(f"Learning rate {self.lr} must be above 0 and at most 10.")
        if not (_num(self.weight_decay) and 0 <= self.weight_decay <= 1):
            out.append("Weight decay must be between 0 and 1.")
        if not (_num(self.momentum) and 0 <= self.momentum < 1):
            out.append("Momentum must be in [0, 1).")
        if not (_num(self.batch_size, whole=True) and 1 <= self.batch_size <= 1_000_000):
            out.append("Batch size must be a whole number from 1 to 1,000,000.")
        if not (_num(self.epochs, whole=True) and 1 <= self.epochs <= 100_000):
            out.append("Epochs must be a whole number from 1 to 100,000.")
        if not (_num(self.grad_clip) and self.grad_clip >= 0):
            out.append("Gradient clipping must be 0 (off) or a positive norm.")
        if not (_num(self.early_stopping, whole=True) and self.early_stopping >= 0):
            out.append("Early-stopping patience must be 0 (off) or a whole number of epochs.")
        if not (_num(self.num_threads, whole=True) and 0 <= self.num_threads <= MAX_THREADS):
            out.append(f"Threads must be 0 (automatic) or a whole number up to {MAX_THREADS}.")
        _seed(out, "The seed", self.seed)
        return out

    def validate(self) -> "TrainConfig":
        problems = self.problems()
        if problems:
            raise SpecError("Some training settings are not valid.", details=problems)
        return self

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "TrainConfig":
        return _from_dict(cls, d)


def _seed(out: list[str], what: str, seed) -> None:
    if not (_num(seed, whole=True) and 0 <= seed <= SEED_MAX):
        out.append(f"{what} must be a whole number from 0 to {SEED_MAX:,}.")


def _num(value, whole: bool = False) -> bool:
    """A finite number (a whole one when asked); never a bool, a string or None."""
    kinds = (int,) if whole else (int, float)
    return isinstance(value, kinds) and not isinstance(value, bool) and math.isfinite(value)


def _choice(out: list[str], name: str, value, allowed) -> None:
    if value not in allowed:
        out.append(f"'{value}' is not a valid {name}; use one of {', '.join(allowed)}.")


def _from_dict(cls, d):
    if not isinstance(d, dict):
        raise SpecError(f"Expected an object for {cls.__name__}, got {type(d).__name__}.")
    names = {f.name for f in fields(cls)}
    unknown = set(d) - names
    if unknown:
        raise SpecError(f"Unknown {cls.__name__} setting(s): {', '.join(sorted(unknown))}.")
    return cls(**d)
