"""model.json + params.pkl: the architecture and preprocessing apart from the parameters.

``params.pkl`` is exactly ``torch.save(model.state_dict())``; ``model.json`` carries the rest and the
SHA-256 of the .pkl. The .pkl is committed first, so a JSON on disk always names a complete .pkl.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import math
import os
from pathlib import Path

import torch

from .atomic import write_bytes_atomic, write_pair_atomic
from .builder import build_model
from .bundle import ModelBundle
from .errors import DLStudioError, ParamsError, SpecError
from .ledger import build_ledger, model_text
from .model_doc import checked_history, checked_metrics
from .preprocessor import Preprocessor
from .safe_load import compare_keys, load_state_dict_file, named_as_the_model
from .spec import DataConfig, ModelSpec, TrainConfig
from .task import REGRESSION, TaskInfo

FORMAT = "dlstudio-model"
VERSION = 1
MAX_JSON_BYTES = 64 * 1024 * 1024


def params_path_for(json_path: str | os.PathLike) -> Path:
    """model.json → params.pkl beside it; other.json → other.pkl."""
    p = Path(json_path)
    return p.with_name("params.pkl") if p.stem == "model" else p.with_suffix(".pkl")


def shapes_of(model: torch.nn.Module) -> dict[str, tuple[int, ...]]:
    return {k: tuple(v.shape) for k, v in model.state_dict().items()}


def json_ready(value):
    """JSON has no NaN or infinity: they become null (metrics that are undefined)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    return value


def state_dict_bytes(model: torch.nn.Module) -> bytes:
    buffer = io.BytesIO()
    torch.save({k: v.detach().cpu() for k, v in model.state_dict().items()}, buffer)
    return buffer.getvalue()


def bundle_to_json(bundle: ModelBundle, params_file: str, sha256: str, size: int) -> str:
    from .. import __version__
    doc = {
        "format": FORMAT, "version": VERSION,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "app_version": __version__, "torch_version": torch.__version__.split("+")[0],
        "params_file": params_file, "params_sha256": sha256, "params_bytes": size,
        "architecture": {"in_features": bundle.in_features, "out_features": bundle.task.output_width,
                         **bundle.spec.to_dict()},
        "preprocessing": bundle.preprocessor.to_dict(),
        "task": bundle.task.to_dict(),
        "data": bundle.data_config.to_dict(),
        "training": bundle.train_config.to_dict(),
        "metrics": bundle.metrics, "history": bundle.history, "source": bundle.source,
        # for plain PyTorch: the module the .pkl's keys belong to (stack.<layer>.<tensor>), as it prints
        "pytorch": {"module": model_text(bundle.spec, bundle.in_features, bundle.task.output_width),
                    "state_dict": {k: list(v) for k, v in shapes_of(bundle.model).items()}},
    }
    return json.dumps(json_ready(doc), indent=2, allow_nan=False, ensure_ascii=False)


def save_bundle(bundle: ModelBundle, json_path: str | os.PathLike,
                params_path: str | os.PathLike | None = None) -> tuple[Path, Path]:
    """Write params.pkl and model.json (with the .pkl's hash) as a pair: both or neither."""
    json_path = Path(json_path)
    params_path = Path(params_path) if params_path else params_path_for(json_path)
    if params_path.resolve() == json_path.resolve():
        raise ParamsError(f"The parameters and the model description cannot both be {json_path.name}.",
                          hint="Save the parameters as a .pkl file.")
    data = state_dict_bytes(bundle.model)
    digest = hashlib.sha256(data).hexdigest()
    rel = os.path.relpath(params_path, json_path.parent) if params_path.parent != json_path.parent \
        else params_path.name
    text = bundle_to_json(bundle, rel, digest, len(data))
    write_pair_atomic((params_path, data), (json_path, text.encode("utf-8")))
    return json_path, params_path


def save_params(model: torch.nn.Module, path: str | os.PathLike) -> Path:
    write_bytes_atomic(path, state_dict_bytes(model))
    return Path(path)


def _reject_constant(token: str):
    raise ValueError(f"the token {token} is not valid JSON")


def read_model_json(json_path: str | os.PathLike) -> dict:
    json_path = Path(json_path)
    name = json_path.name
    if not json_path.is_file():
        raise ParamsError(f"The model file {json_path} does not exist.")
    if json_path.stat().st_size > MAX_JSON_BYTES:
        raise ParamsError(f"{name} is larger than {MAX_JSON_BYTES // 1024 ** 2} MB; it is not a DL Studio model.")
    try:
        doc = json.loads(json_path.read_text(encoding="utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise ParamsError(f"{name} is not UTF-8 text; it is not a DL Studio model file.") from None
    except ValueError as exc:
        raise ParamsError(f"{name} is not valid JSON ({exc}).",
                          hint="Choose the model.json that DL Studio saved, unedited.") from None
    except RecursionError:
        raise ParamsError(f"{name} is not a DL Studio model file: its lists or tables nest too deeply.") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ParamsError(f"{name} is not a DL Studio model file (its 'format' is not '{FORMAT}').")
    if doc.get("version") != VERSION:
        raise ParamsError(f"{name} has format version {doc.get('version')!r}; this DL Studio reads "
                          f"version {VERSION}.", hint="Open it with the DL Studio version that saved it.")
    return doc


def bundle_from_doc(doc: dict, name: str = "model.json") -> ModelBundle:
    """Everything but the weights, checked for consistency before any model is built."""
    try:
        arch = doc["architecture"]
        spec = ModelSpec.from_dict(arch)
        pre = Preprocessor.from_dict(doc["preprocessing"])
        task = TaskInfo.from_dict(doc["task"])
        data_config = DataConfig.from_dict(doc.get("data", {}))
        train_config = TrainConfig.from_dict(doc.get("training", {}))
        problems = data_config.problems() + train_config.problems()
        task.check_loss(train_config.loss)
        metrics = checked_metrics(doc.get("metrics"), 0 if task.kind == REGRESSION else len(task.classes))
        history = checked_history(doc.get("history"))
    except KeyError as exc:
        raise ParamsError(f"{name} lacks the section {exc}.") from None
    except DLStudioError as exc:
        raise ParamsError(f"{name} cannot be used: {exc.message}", hint=exc.hint, details=exc.details) from None
    except TypeError as exc:
        raise ParamsError(f"{name} has a malformed setting ({exc}).") from None
    if problems:
        raise ParamsError(f"{name} holds settings that are not valid.", details=problems,
                          hint="Open the model.json that DL Studio saved, unedited.")
    if arch.get("in_features") != pre.width or arch.get("out_features") != task.output_width:
        raise ParamsError(f"{name} is inconsistent: its architecture takes {arch.get('in_features')} inputs and "
                          f"gives {arch.get('out_features')} outputs, but its preprocessing makes {pre.width} "
                          f"and its task needs {task.output_width}.")
    ledger = build_ledger(spec, pre.width, task.output_width)
    if not ledger.ok:
        raise ParamsError(f"{name} describes a layer stack that cannot be used.", details=list(ledger.problems),
                          hint="Open the model.json that DL Studio saved, unedited.")
    try:
        model = build_model(spec, pre.width, task.output_width)
    except SpecError as exc:
        raise ParamsError(f"{name}: {exc.message}") from None
    return ModelBundle(spec, pre, task, data_config, train_config, model, metrics, list(history),
                       str(doc.get("source", "")))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_bundle(json_path: str | os.PathLike, params_path: str | os.PathLike | None = None) -> ModelBundle:
    """model.json + its .pkl → a ready ModelBundle, or a ParamsError; nothing is half-loaded."""
    json_path = Path(json_path)
    doc = read_model_json(json_path)
    bundle = bundle_from_doc(doc, json_path.name)
    params_path = _params_of(json_path, doc, params_path)
    if not params_path.is_file():
        raise ParamsError(f"The parameters for {json_path.name} were not found at {params_path}.",
                          hint="Keep the .pkl beside the .json, or choose it explicitly.")
    expected_hash = doc.get("params_sha256")
    if expected_hash and _sha256(params_path) != expected_hash:
        raise ParamsError(f"{params_path.name} does not match {json_path.name}: its SHA-256 differs from the one "
                          f"recorded when the model was saved (a damaged file, or parameters from another run).",
                          hint="Use the .pkl that was saved together with this .json.")
    load_params_into(bundle, params_path)
    return bundle


def load_described(json_path: str | os.PathLike, params_path: str | os.PathLike) -> tuple[ModelBundle, bool]:
    """Parameters the person chose, onto the model ``json_path`` describes: ``load_bundle``'s, or, where
    they changed since it was saved with them (trained further in plain PyTorch: another SHA-256), the
    same as long as they fit its layers, without the metrics recorded for the saved ones. Returns
    (bundle, whether they changed)."""
    try:
        return load_bundle(json_path, params_path), False
    except ParamsError as exc:
        if "SHA-256" not in exc.message:
            raise
    bundle = load_params_into(bundle_from_doc(read_model_json(Path(json_path)), Path(json_path).name), params_path)
    bundle.metrics = {}  # (they measured the weights saved with it)
    return bundle, True


def params_file(json_path: str | os.PathLike, params_path: str | os.PathLike | None = None) -> Path:
    """The .pkl that ``load_bundle(json_path, params_path)`` reads."""
    return _params_of(Path(json_path), read_model_json(Path(json_path)), params_path)


def _params_of(json_path: Path, doc: dict, params_path) -> Path:
    if params_path is None:  # beside it, always: a params_file of '/etc/passwd' or '../x.pkl' names only a file
        named = Path(str(doc.get("params_file") or "")).name
        params_path = json_path.parent / (named or params_path_for(json_path).name)
    return Path(params_path)


def load_params_into(bundle: ModelBundle, params_path: str | os.PathLike) -> ModelBundle:
    """Put a .pkl onto the bundle's architecture; on any misfit the current model is untouched."""
    expected = shapes_of(bundle.model)
    state = named_as_the_model(load_state_dict_file(params_path, expected), expected)
    problems = compare_keys(state, expected)
    if problems:
        raise ParamsError(f"{Path(params_path).name} does not fit the current architecture.", details=problems,
                          hint="Load it onto the layer stack it was trained with (open its model.json).")
    fresh = bundle.fresh_model()
    fresh.load_state_dict(state, strict=True)
    bundle.model = fresh
    return bundle
