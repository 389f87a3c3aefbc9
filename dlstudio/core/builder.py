"""ModelSpec → an nn.Module whose forward runs the stack, as in PyTorch's own tutorials."""
from __future__ import annotations

import torch
from torch import nn

from .errors import SpecError
from .ledger import build_ledger, resolve_out
from .spec import LayerSpec, ModelSpec


class Network(nn.Module):
    """A stack of layers. Input (batch, in_features) → output (batch, out_features)."""

    def __init__(self, layers: list[nn.Module]):
        super().__init__()
        self.stack = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.stack(x)


def _make_layer(layer: LayerSpec, width: int, out_width: int) -> tuple[nn.Module, int]:
    p = layer.params
    t = layer.type
    if t == "Linear":
        out = resolve_out(layer, out_width)
        return nn.Linear(width, out), out
    simple = {"ReLU": nn.ReLU, "GELU": nn.GELU, "SiLU": nn.SiLU, "Tanh": nn.Tanh,
              "Sigmoid": nn.Sigmoid}
    if t in simple:
        return simple[t](), width
    if t == "LeakyReLU":
        return nn.LeakyReLU(p["negative_slope"]), width
    if t == "ELU":
        return nn.ELU(p["alpha"]), width
    if t == "BatchNorm1d":
        return nn.BatchNorm1d(width), width
    if t == "LayerNorm":
        return nn.LayerNorm(width), width
    if t == "Dropout":
        return nn.Dropout(p["p"]), width
    raise SpecError(f"Unknown layer type '{t}'.")  # LayerSpec already refuses these


def build_model(spec: ModelSpec, in_features: int, out_width: int, *, seed: int | None = None,
                check: bool = True) -> Network:
    """Build the module; with ``check`` a stack whose last shape misfits the labels is refused."""
    if check:
        ledger = build_ledger(spec, in_features, out_width)
        if not ledger.ok:
            raise SpecError("The layer stack cannot be built as it is.", details=list(ledger.problems))
    if seed is not None:
        torch.manual_seed(seed)
    modules, width = [], in_features
    for layer in spec.layers:
        module, width = _make_layer(layer, width, out_width)
        modules.append(module)
    return Network(modules)
