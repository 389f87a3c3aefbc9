"""Read a parameter file without ever running code from it, and explain every refusal.

``torch.load`` is only ever called with ``weights_only=True``; before it, the zip container is
checked so that a compressed or oversized file (a zip bomb) is refused before anything is allocated.
"""
from __future__ import annotations

import math
import os
import pickle
import zipfile
from pathlib import Path

import torch

from .errors import ParamsError

HARD_LIMIT = 4 * 1024 ** 3  # no tabular model here comes near this
_SLACK = 1024 * 1024


def expected_bytes(shapes: dict[str, tuple[int, ...]]) -> int:
    return sum(4 * math.prod(s) if s else 8 for s in shapes.values())


def _check_container(path: Path, limit: int) -> None:
    name = path.name
    size = path.stat().st_size
    if size == 0:
        raise ParamsError(f"{name} is empty.", hint="Choose the .pkl file that DL Studio or torch.save wrote.")
    with open(path, "rb") as f:
        head = f.read(8)
    if not zipfile.is_zipfile(path):
        if head[:1] == b"\x80":
            raise ParamsError(f"{name} is a raw or old-style (non-zip) pickle, which could run code when "
                              f"opened; it is refused unopened.",
                              hint="Save parameters with torch.save(model.state_dict(), path) "
                                   "(PyTorch 1.6 or newer).")
        if head[:2] == b"PK":
            raise ParamsError(f"{name} is a damaged or truncated zip file.",
                              hint="Save the parameters again.")
        raise ParamsError(f"{name} is not a PyTorch parameter file (no torch.save zip container; is it a "
                          f"CSV or another file renamed to .pkl?).",
                          hint="Choose the .pkl that DL Studio or torch.save(model.state_dict(), path) wrote.")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            # Sizes come from the zip's directory: refuse before a single byte is inflated or read.
            if any(i.compress_type != zipfile.ZIP_STORED for i in infos):
                raise ParamsError(f"{name} holds compressed entries; torch.save never compresses, so this file "
                                  f"was made by something else and is refused unopened (it would expand to "
                                  f"{total:,} bytes).", hint="Choose the .pkl that DL Studio or torch.save wrote.")
            if total > limit:
                raise ParamsError(f"{name} declares {total:,} bytes of content, far more than this model's "
                                  f"parameters need ({limit:,} at most); it is refused before loading.",
                                  hint="Choose the .pkl saved with this model.")
            bad = z.testzip() if size < 64 * 1024 * 1024 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ParamsError(f"{name} is a damaged zip file ({exc}).", hint="Save the parameters again.") from None
    if bad is not None:
        raise ParamsError(f"{name} is damaged: the entry '{bad}' fails its checksum.",
                          hint="Save the parameters again.")


def _friendly(name: str, exc: Exception) -> ParamsError:
    text = str(exc)
    if "GLOBAL" in text or "Unsupported global" in text or "global" in text.lower() and "weights_only" in text:
        return ParamsError(f"{name} holds a Python object (a whole model or another class), not just "
                           f"parameters; loading it would run code, so it is refused.",
                           hint="Save with torch.save(model.state_dict(), path) instead of torch.save(model, path).")
    if "weights_only" in text or isinstance(exc, pickle.UnpicklingError):
        return ParamsError(f"{name} holds something other than plain tensors; it is refused unopened.",
                           hint="Save with torch.save(model.state_dict(), path).")
    return ParamsError(f"{name} is damaged or truncated and cannot be read.",
                       hint="Save the parameters again.")


def load_state_dict_file(path: str | os.PathLike, expected: dict[str, tuple[int, ...]] | None = None
                         ) -> dict[str, torch.Tensor]:
    """A dict of name → tensor, all finite, or a ParamsError saying why not."""
    path = Path(path)
    if not path.is_file():
        raise ParamsError(f"The parameter file {path} does not exist.")
    limit = expected_bytes(expected) * 2 + _SLACK if expected else HARD_LIMIT
    _check_container(path, limit)
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises many kinds; none of its text reaches the person
        raise _friendly(path.name, exc) from None
    if isinstance(state, torch.Tensor):
        raise ParamsError(f"{path.name} holds a single tensor, not a state_dict (a dict of named tensors).",
                          hint="Save with torch.save(model.state_dict(), path).")
    if not isinstance(state, dict) or not all(isinstance(k, str) and isinstance(v, torch.Tensor)
                                              for k, v in state.items()):
        raise ParamsError(f"{path.name} is not a state_dict (a dict of parameter names to tensors).",
                          hint="Save with torch.save(model.state_dict(), path).")
    for key, tensor in state.items():
        if tensor.layout != torch.strided:  # (sparse, say: torch's checks below would fail with pages of text)
            raise ParamsError(f"{path.name}: the parameter '{key}' is stored as a {str(tensor.layout).split('.')[-1]} "
                              f"tensor; the network's parameters are plain (dense) tensors.",
                              hint="Save it dense: tensor.to_dense(), then torch.save(model.state_dict(), path).")
        if tensor.is_meta or tensor.is_complex():  # (meta: no values at all; complex: not a real number)
            raise ParamsError(f"{path.name}: the parameter '{key}' holds "
                              f"{'no values (a meta tensor)' if tensor.is_meta else 'complex numbers'}; the "
                              f"network's parameters are real numbers.",
                              hint="Save with torch.save(model.state_dict(), path) after training.")
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            raise ParamsError(f"{path.name}: the parameter '{key}' holds NaN or infinite values.",
                              hint="These weights come from a run that diverged; train again with a smaller "
                                   "learning rate.")
    return dict(state)


def named_as_the_model(state: dict, expected: dict) -> dict:
    """``state`` with its keys as the model names them: the same layers saved from a plain
    ``nn.Sequential`` (the README's, whose keys are 0.weight, 2.bias, ...) for stack.0.weight, ...;
    else ``state`` as it is."""
    if state and not any(k in expected for k in state):
        renamed = {f"stack.{k}": v for k, v in state.items()}
        if renamed.keys() == expected.keys():
            return renamed
    return state


def compare_keys(state: dict[str, torch.Tensor], expected: dict[str, tuple[int, ...]]) -> list[str]:
    """Every way ``state`` misfits the architecture, one line each (empty when it fits)."""
    problems = [f"missing: {k} {tuple(s)}" for k, s in expected.items() if k not in state]
    problems += [f"unexpected: {k} {tuple(state[k].shape)}" for k in state if k not in expected]
    problems += [f"wrong shape: {k} is {tuple(state[k].shape)}, the model needs {tuple(s)}"
                 for k, s in expected.items() if k in state and tuple(state[k].shape) != tuple(s)]
    return problems
