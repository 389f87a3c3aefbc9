"""The shape ledger: the shape and parameter count after every layer, computed without torch.

It is arithmetic on the spec, so the GUI can redraw it on every keystroke. ``model_text`` writes
the model as ``print(model)`` would; a test checks both against the built torch module.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .spec import AUTO, LayerSpec, ModelSpec

MAX_PARAMS = 200_000_000  # 0.8 GB of float32 weights: far beyond a tabular model, refused before building


@dataclass(frozen=True)
class LedgerRow:
    index: int
    layer: str  # e.g. "Linear(out_features=64)"
    in_features: int
    out_features: int
    params: int
    problem: str = ""  # plain words and the fix, empty when the row is fine
    locked_reason: str = ""  # why the output layer's width is fixed by the task

    @property
    def shape(self) -> str:
        return f"(batch, {self.out_features})"


@dataclass(frozen=True)
class Ledger:
    in_features: int
    out_features: int  # what the task needs
    rows: tuple[LedgerRow, ...]
    problems: tuple[str, ...] = field(default=())

    @property
    def total_params(self) -> int:
        return sum(r.params for r in self.rows)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def final_features(self) -> int:
        return self.rows[-1].out_features if self.rows else self.in_features


def resolve_out(layer: LayerSpec, out_width: int) -> int:
    units = layer.params.get("out_features")
    return out_width if units == AUTO else int(units)


def _layer_params(layer: LayerSpec, width_in: int, width_out: int) -> int:
    if layer.type == "Linear":
        return width_in * width_out + width_out
    if layer.type in ("BatchNorm1d", "LayerNorm"):
        return 2 * width_in
    return 0


def build_ledger(spec: ModelSpec, in_features: int, out_width: int, *, loss: str = "",
                 output_reason: str = "") -> Ledger:
    rows: list[LedgerRow] = []
    problems: list[str] = []
    width = in_features
    last_linear = max((i for i, l in enumerate(spec.layers) if l.type == "Linear"), default=-1)
    for i, layer in enumerate(spec.layers):
        new_width = resolve_out(layer, out_width) if layer.type == "Linear" else width
        problem = locked = ""
        if i == last_linear and layer.params["out_features"] == AUTO:
            locked = output_reason or f"{out_width} output(s) for the task"
        rows.append(LedgerRow(i, layer.describe(), width, new_width,
                              _layer_params(layer, width, new_width), problem, locked))
        width = new_width
    if rows and rows[-1].out_features != out_width:
        fix_row = last_linear if last_linear >= 0 else len(rows) - 1
        msg = (f"The network ends with {rows[-1].out_features} feature(s) but the labels need "
               f"{out_width}{' (' + output_reason + ')' if output_reason else ''}.")
        hint = (f" Set the last Linear layer's units to {out_width} (or 'auto')." if last_linear >= 0
                else f" Add a Linear layer with {out_width} output(s) at the end.")
        rows[fix_row] = _with_problem(rows[fix_row], msg + hint)
        problems.append(msg + hint)
    elif not rows and in_features != out_width:
        problems.append(f"The stack is empty: {in_features} input feature(s) cannot become "
                        f"{out_width} output(s). Add a Linear layer.")
    total = sum(r.params for r in rows)
    if total == 0 and not problems:
        problems.append("The network has no weights to learn: activations, Dropout and an empty stack have "
                        "none. Add a Linear layer.")
    if total > MAX_PARAMS:
        big = max(rows, key=lambda r: r.params)
        msg = (f"The network would have {total:,} parameters ({4 * total / 1024 ** 3:.1f} GiB), more than "
               f"the {MAX_PARAMS:,} DL Studio builds; layer {big.index} ({big.layer}) alone has "
               f"{big.params:,}. Use narrower layers.")
        rows[big.index] = _with_problem(big, msg)
        problems.append(msg)
    if spec.layers and loss in ("bce_logits", "cross_entropy") and spec.layers[-1].type in (
            "Sigmoid", "Tanh", "ReLU"):
        msg = (f"The last layer is {spec.layers[-1].type}, but the loss already expects raw scores "
               f"(logits). Remove the final {spec.layers[-1].type}.")
        rows[-1] = _with_problem(rows[-1], msg)
        problems.append(msg)
    return Ledger(in_features, out_width, tuple(rows), tuple(problems))


def _with_problem(row: LedgerRow, text: str) -> LedgerRow:
    joined = f"{row.problem} {text}".strip()
    return LedgerRow(row.index, row.layer, row.in_features, row.out_features, row.params, joined,
                     row.locked_reason)


_REPR = {
    "ReLU": lambda p, w: "ReLU()",
    "LeakyReLU": lambda p, w: f"LeakyReLU(negative_slope={p['negative_slope']})",
    "GELU": lambda p, w: "GELU(approximate='none')",
    "SiLU": lambda p, w: "SiLU()",
    "Tanh": lambda p, w: "Tanh()",
    "Sigmoid": lambda p, w: "Sigmoid()",
    "ELU": lambda p, w: f"ELU(alpha={p['alpha']})",
    "BatchNorm1d": lambda p, w: f"BatchNorm1d({w}, eps=1e-05, momentum=0.1, affine=True, bias=True, "
                                f"track_running_stats=True)",
    "LayerNorm": lambda p, w: f"LayerNorm(({w},), eps=1e-05, elementwise_affine=True, bias=True)",
    "Dropout": lambda p, w: f"Dropout(p={p['p']}, inplace=False)",
}


def model_text(spec: ModelSpec, in_features: int, out_width: int) -> str:
    """The text ``print(build_model(...))`` shows, without importing torch."""
    lines = ["Network(", "  (stack): Sequential("]
    width = in_features
    for i, layer in enumerate(spec.layers):
        if layer.type == "Linear":
            out = resolve_out(layer, out_width)
            text = f"Linear(in_features={width}, out_features={out}, bias=True)"
            width = out
        else:
            text = _REPR[layer.type](layer.params, width)
        lines.append(f"    ({i}): {text}")
    lines += ["  )", ")"]
    if not spec.layers:
        return "Network(\n  (stack): Sequential()\n)"
    return "\n".join(lines)
