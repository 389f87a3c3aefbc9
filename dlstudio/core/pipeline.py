"""The whole job in one place: prepared data + spec + settings → a trained ModelBundle.

The CLI, the GUI worker and the benchmarks all train through here, so they train the same way.
"""
from __future__ import annotations

import math

import numpy as np
import torch

from .builder import Network, build_model
from .bundle import ModelBundle
from .callbacks import Callback
from .engine import FitResult, Trainer
from .errors import TrainingError
from .feeder import check_batches
from .losses import make_loss
from .ledger import build_ledger
from .metrics import baseline_outputs, evaluate
from .output_scale import label_spread, output_linear
from .preprocessing import Prepared
from .spec import DataConfig, ModelSpec, TrainConfig
from .task import BINARY, MULTICLASS, REGRESSION

BYTES_LIMIT = 8 * 1024 ** 3  # refuse runs whose activations would need more than this


def init_output_layer(model: Network, prepared: Prepared) -> None:
    """Start the output layer at the answer of the simplest model: the training mean of each label
    (regression) or the class log-priors. Labels keep their own units, so a regression output layer's
    weights also start scaled by each label's training spread: the network's first outputs then vary
    as much as the labels do, in their units (and the layer's learning rate is scaled the same way:
    ``output_scale``)."""
    last = output_linear(model)
    if last is None:
        return
    y = prepared.y_train
    with torch.no_grad():
        if prepared.task.kind == REGRESSION:
            y = np.asarray(y, dtype=np.float64)  # (squares of float32 labels past 1.8e19 overflow)
            mean, spread = np.nanmean(y, axis=0), np.nanstd(y, axis=0)
            spread = np.where(np.isfinite(spread) & (spread > 0), spread, 1.0)  # a constant label: as built
            last.weight.mul_(torch.as_tensor(spread, dtype=torch.float32)[:, None])
            if last.bias is not None:
                last.bias.copy_(torch.as_tensor(mean, dtype=torch.float32))
        elif last.bias is not None:
            counts = np.bincount(y.reshape(-1).astype(np.int64), minlength=len(prepared.task.classes)) + 1.0
            prior = counts / counts.sum()
            bias = [math.log(prior[1] / prior[0])] if prepared.task.kind == BINARY else np.log(prior)
            last.bias.copy_(torch.as_tensor(bias, dtype=torch.float32))


def check_memory(spec: ModelSpec, prepared: Prepared, cfg: TrainConfig) -> None:
    ledger = build_ledger(spec, prepared.n_features, prepared.task.output_width)
    widest = max([prepared.n_features] + [r.out_features for r in ledger.rows])
    activations = 4 * cfg.batch_size * sum(r.out_features for r in ledger.rows) * 3  # fwd + grad + slack
    params = 4 * ledger.total_params * 4  # weights, grads, two Adam moments
    eval_chunk = 4 * min(65_536, len(prepared.val_rows) or 1) * widest * 2
    need = activations + params + eval_chunk
    if need > BYTES_LIMIT:
        raise TrainingError(f"This model would need about {need / 1024 ** 3:.1f} GiB of memory to train "
                            f"({ledger.total_params:,} parameters, batch {cfg.batch_size}); the limit is "
                            f"{BYTES_LIMIT / 1024 ** 3:.0f} GiB.",
                            hint="Use narrower layers or a smaller batch size.")


def preflight(spec: ModelSpec, prepared: Prepared, cfg: TrainConfig) -> TrainConfig:
    """Everything that can be refused before a model or an optimizer exists: settings, loss, the
    stack's fit, rows against the batch size, memory."""
    cfg = cfg.validate()
    loss = prepared.task.check_loss(cfg.loss)
    ledger = build_ledger(spec, prepared.n_features, prepared.task.output_width, loss=loss)
    if not ledger.ok:
        raise TrainingError("The layer stack cannot be trained as it is.", details=list(ledger.problems))
    check_memory(spec, prepared, cfg)
    check_batches(len(prepared.train_rows), cfg.batch_size, any(layer.type == "BatchNorm1d" for layer in spec.layers))
    return cfg


def new_bundle(prepared: Prepared, data_config: DataConfig, spec: ModelSpec, cfg: TrainConfig,
               source: str = "") -> ModelBundle:
    model = build_model(spec, prepared.n_features, prepared.task.output_width, seed=cfg.seed)
    init_output_layer(model, prepared)
    return ModelBundle(spec, prepared.preprocessor, prepared.task, data_config, cfg, model, source=source)


def train(bundle: ModelBundle, prepared: Prepared, callbacks: list[Callback] | tuple = (),
          *, trainer_hook=None, batch_event_interval: float = 0.05) -> FitResult:
    """Train ``bundle.model`` in place (continuing from its weights) and store the metrics."""
    cfg = preflight(bundle.spec, prepared, bundle.train_config)
    loss = make_loss(prepared.task, cfg.loss, prepared.y_train)
    done = len(bundle.history)  # a continued run numbers its epochs after the ones already there
    scale = label_spread(prepared.y_train) if prepared.task.kind == REGRESSION else 1.0
    trainer = Trainer(bundle.model, loss, cfg, prepared.task, callbacks,
                      batch_event_interval=batch_event_interval, epoch_offset=done, output_scale=scale)
    if trainer_hook is not None:
        trainer_hook(trainer)  # lets a caller keep a handle for stop/pause before the loop starts
    try:
        X, rows = prepared.training  # batches straight from X: the training rows are not copied
        result = trainer.fit(X, prepared.y_train, prepared.X_val, prepared.y_val, rows=rows)
    except RuntimeError as exc:  # allocation failures and the like, explained rather than raw
        if "memory" in str(exc).lower() or "alloc" in str(exc).lower():
            raise TrainingError("PyTorch ran out of memory while training.",
                                hint="Use a smaller batch size or narrower layers.") from None
        raise
    bundle.model.to("cpu")
    bundle.history = bundle.history + [_epoch_dict(e, done) for e in result.epochs]
    bundle.metrics = evaluate_bundle(bundle, prepared)
    bundle.metrics["end"] = {"reason": result.reason, "message": result.message,
                             "best_epoch": done + result.best_epoch if result.best_epoch else None,
                             # the epoch whose weights the model holds: the best one only with early stopping
                             "kept_epoch": done + result.kept_epoch if result.kept_epoch else (done or None),
                             "seconds": round(result.seconds, 3)}
    return result


def _epoch_dict(e, offset: int = 0) -> dict:
    cut = {"batches_done": e.batches_done, "batches": e.batches} if e.cut_short else {}  # (Stop cut it short)
    return {"epoch": offset + e.epoch, "train_loss": e.train_loss, "val_loss": e.val_loss, "lr": e.lr,
            "seconds": round(e.seconds, 4), **{k: v for k, v in e.metrics.items()}, **cut}


def evaluate_bundle(bundle: ModelBundle, prepared: Prepared) -> dict:
    """Metrics on the training and validation splits, and the baseline's on validation."""
    task = bundle.task
    y_train = torch.as_tensor(prepared.y_train)
    out = {}
    for split, X, y in (("train", prepared.X_train, prepared.y_train), ("val", prepared.X_val, prepared.y_val)):
        if len(X) == 0:
            continue
        target = torch.as_tensor(y)
        out[split] = _clean(evaluate(task, bundle.predict_raw(X), target, with_matrix=True))
        out[f"{split}_baseline"] = _clean(evaluate(task, baseline_outputs(task, y_train, len(X)), target,
                                                   with_matrix=task.kind == MULTICLASS))
    return out


def _clean(d: dict) -> dict:
    """JSON has no NaN: undefined metrics become None."""
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in d.items()}
