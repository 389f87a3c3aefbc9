"""Headless front: train / predict / inspect. Results are printed as JSON; errors as one line, exit 2."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from .core.atomic import writable_target
from .core.callbacks import Callback
from .core.errors import DataError, DLStudioError, ParamsError

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line, no usage dump
        print(f"dlstudio: {message} (see --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    from .core.sniff import CHOICES
    from .core.spec import OPTIMIZERS, SCHEDULERS, STANDARDIZE, TASKS, TrainConfig
    d = TrainConfig()
    encoding = dict(choices=("auto",) + CHOICES, default="auto",
                    help="the CSV's text encoding (default: detected), e.g. cp949 for Korean text read wrongly")
    p = _Parser(prog="dlstudio", description="Teach a neural network from a CSV file.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    t = sub.add_parser("train", help="train a model on a CSV and save params.pkl + model.json")
    t.add_argument("data", help="CSV file")
    t.add_argument("--encoding", **encoding)
    t.add_argument("--label", required=True, help="label column(s), comma-separated for multi-output regression")
    t.add_argument("--features", help="feature columns, comma-separated (default: every usable column)")
    t.add_argument("--task", choices=TASKS, default="auto")
    t.add_argument("--layers", default="64,relu,64,relu",
                   help="hidden layers, e.g. '64,relu,dropout:0.2,32,gelu'; the output Linear is added for the task")
    t.add_argument("--loss", default="auto")
    t.add_argument("--optimizer", choices=OPTIMIZERS, default=d.optimizer)
    t.add_argument("--lr", type=float, default=d.lr)
    t.add_argument("--weight-decay", type=float, default=d.weight_decay)
    t.add_argument("--batch-size", type=int, default=None,
                   help=f"rows per gradient step (default {d.batch_size}, or every training row where there are fewer)")
    t.add_argument("--epochs", type=int, default=d.epochs)
    t.add_argument("--scheduler", choices=SCHEDULERS, default=d.scheduler)
    t.add_argument("--grad-clip", type=float, default=d.grad_clip)
    t.add_argument("--val-split", type=float, default=0.2)
    t.add_argument("--standardize", choices=STANDARDIZE, default="zscore")
    t.add_argument("--missing", choices=("impute", "drop"), default="impute")
    t.add_argument("--early-stopping", type=int, default=d.early_stopping, metavar="PATIENCE",
                   help="stop after PATIENCE epochs without a better validation loss (0 turns it off)")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--device", choices=("auto", "cpu", "cuda"), default="cpu")
    t.add_argument("--threads", type=int, default=0, help="torch threads (0 = all cores)")
    t.add_argument("--out", required=True, help="folder for params.pkl and model.json")
    t.add_argument("--quiet", action="store_true", help="no progress on stderr")
    pr = sub.add_parser("predict", help="predict on a CSV with a saved model")
    pr.add_argument("model", help="model.json, or the folder train wrote it to")
    pr.add_argument("data", help="CSV file")
    pr.add_argument("--encoding", **encoding)
    pr.add_argument("-o", "--output", required=True, help="predictions CSV to write")
    pr.add_argument("--params", help="the .pkl (default: the one named in model.json, beside it)")
    i = sub.add_parser("inspect", help="print the model as PyTorch prints it, and its shape ledger")
    i.add_argument("model", help="model.json, or the folder train wrote it to")
    i.add_argument("--params", help="the .pkl to check against it (default: the one beside it, if there)")
    return p


class _Progress(Callback):
    """Epoch lines on stderr, at most a few a second."""

    def __init__(self, quiet: bool):
        self.quiet, self.last = quiet, 0.0

    def on_epoch_end(self, trainer, e):
        now = time.monotonic()
        if self.quiet or (now - self.last < 0.5 and e.epoch != e.epochs):
            return
        self.last = now
        metric = ", ".join(f"{k} {v:.4g}" for k, v in e.metrics.items() if isinstance(v, float))
        val = f" val loss {e.val_loss:.4g}" if e.val_loss is not None else ""
        cut = f" (Stop cut it short: {e.batches_done} of {e.batches} batches)" if e.cut_short else ""
        print(f"epoch {e.epoch}/{e.epochs}{cut}: train loss {e.train_loss:.4g}{val}  {metric}", file=sys.stderr)

    def on_train_end(self, trainer, e):
        if not self.quiet:
            print(e.message, file=sys.stderr)


def cmd_train(args) -> dict | None:
    """Train and save; under torchrun every process trains its share and rank 0 alone prints and
    saves (the others return None)."""
    from .core.distributed import process_group
    with process_group(args.device):
        return _train(args)


def _train(args) -> dict | None:
    from .core import pipeline
    from .core.class_spelling import with_written_classes
    from .core.distributed import is_main, ready_together, shard
    from .interrupt import stop_on_interrupt
    from .core.persistence import save_bundle
    with ready_together():  # under torchrun: every process gets ready, or none trains
        table, data_config, prepared, spec, cfg, out = _ready_to_train(args, is_main())
    quiet = args.quiet or not is_main()
    if not quiet:
        for note in table.notices + prepared.notices:
            print(f"note: {note}", file=sys.stderr)
        print(f"{prepared.task.kind}: {prepared.shape_text()}", file=sys.stderr)
    prepared.task = with_written_classes(prepared.task, table.source, table.frame)
    bundle = pipeline.new_bundle(prepared, data_config, spec, cfg, source=Path(args.data).name)
    with stop_on_interrupt(quiet, alone=shard()[1] == 1) as keep_trainer:
        result = pipeline.train(bundle, prepared, [_Progress(quiet)], trainer_hook=keep_trainer)
    if not result.epochs:  # stopped before its first batch: nothing learned to save
        raise KeyboardInterrupt
    if not is_main():
        return None
    json_path, params_path = save_bundle(bundle, out / "model.json", out / "params.pkl")
    return {"task": prepared.task.kind, "end": result.reason, "epochs": len(result.epochs),
            "best_epoch": result.best_epoch, "kept_epoch": result.kept_epoch, "metrics": bundle.metrics,
            "model": str(json_path),
            "params": str(params_path)}


def _ready_to_train(args, saves: bool):
    """The CSV read and prepared, the settings checked, the output folder made (where ``saves``)."""
    from .core import pipeline
    from .core.file_lines import locating
    from .core.preprocessing import prepare
    from .core.profile import profile_frame
    from .core.roles import can_be_feature
    from .core.spec import DataConfig, ModelSpec, TrainConfig
    from .core.table import read_csv
    table = read_csv(args.data, encoding=_chosen(args.encoding))
    profiles = profile_frame(table.frame)
    by_name = {p.name: p for p in profiles}
    labels = [c.strip() for c in args.label.split(",") if c.strip()]
    if args.features:
        features = [c.strip() for c in args.features.split(",") if c.strip()]
    else:
        features = [p.name for p in profiles if p.usable and p.name not in labels]
        left_out = [p for p in profiles if not p.usable and p.name not in labels]
        # --features can force only those the network can read (numeric IDs), not text of numbers and words
        forceable = [p.name for p in left_out if can_be_feature(p)]
        anyway = f"Name {', '.join(forceable)} with --features to use them anyway." if forceable else ""
        if left_out and not features:
            raise DataError(f"No column is a feature by default: {_reasons(left_out)}.",
                            hint=anyway or "Fix or blank such cells in the file, or choose other columns.")
        if left_out:
            table.notices.append(f"Not used as features: {_reasons(left_out)}." + (f" {anyway}" if anyway else ""))
    data_config = DataConfig(features, labels, args.task, args.standardize, args.missing, args.val_split, args.seed)
    with locating(table.source):
        prepared = prepare(table.frame, data_config, by_name)
    batch_size = args.batch_size
    if batch_size is None:  # not chosen: the default, or one batch of every training row of a small file
        batch_size = min(TrainConfig.batch_size, max(len(prepared.train_rows), 1))
        if batch_size < TrainConfig.batch_size:
            table.notices.append(f"Batch size {batch_size}: the training split has fewer rows than the default "
                                 f"{TrainConfig.batch_size}, so each step sees all of them.")
    cfg = TrainConfig(loss=args.loss, optimizer=args.optimizer, lr=args.lr, weight_decay=args.weight_decay,
                      batch_size=batch_size, epochs=args.epochs, scheduler=args.scheduler,
                      grad_clip=args.grad_clip, early_stopping=args.early_stopping, seed=args.seed,
                      device=args.device, num_threads=args.threads)
    spec = ModelSpec.parse(args.layers)
    pipeline.preflight(spec, prepared, cfg)  # refuse bad settings before printing or creating anything
    out = Path(args.out)
    try:
        if saves:  # made, and written to once, before a training that would have nowhere to go
            out.mkdir(parents=True, exist_ok=True)
            tempfile.TemporaryFile(dir=out).close()
            for name in ("model.json", "params.pkl"):
                writable_target(out / name, hint="Choose another folder with --out, or make the file writable first.")
    except OSError as exc:
        raise ParamsError(f"Cannot use {out} as the output folder: {exc.strerror or exc}.",
                          hint="Choose a folder you can write to with --out.") from None
    return table, data_config, prepared, spec, cfg, out


def _chosen(encoding: str) -> str | None:
    return None if encoding == "auto" else encoding


def cmd_predict(args) -> dict:
    from .core.export import refuse_to_replace, write_csv
    from .core.file_lines import locating
    from .core.persistence import params_file
    from .core.predict import predict_frame
    from .core.table import read_csv
    refuse_to_replace(args.output, {"the CSV to predict on": args.data, "the model file": args.model,
                                     "the parameters file": params_file(args.model, args.params)})
    writable_target(Path(args.output), hint="Choose another file with -o, or make it writable first.")  # (before the work)
    bundle = _bundle(args)
    table = read_csv(args.data, encoding=_chosen(args.encoding), infinities_refused=False)
    with locating(table.source):
        result = predict_frame(bundle, table.frame, table.source)
    result.source = table.source
    for note in table.notices + result.notices:
        print(f"note: {note}", file=sys.stderr)
    bom = "utf-8-sig" if table.encoding == "utf-8-sig" else "utf-8"  # as the file came: Excel's, with its mark
    if note := write_csv(result.frame, args.output, encoding=bom, written=result.as_written):
        print(f"note: {note}", file=sys.stderr)
    return {"rows": len(result.frame), "output": args.output, "columns": result.prediction_columns,
            "metrics": result.metrics}


def _bundle(args):
    """The model and its parameters: those beside it, checked by their SHA-256; or, with --params,
    the ones chosen, also when they changed since (trained further in plain PyTorch), as the window
    loads them."""
    from .core.persistence import load_bundle, load_described
    if not args.params:
        return load_bundle(args.model)
    bundle, changed = load_described(args.model, args.params)
    if changed:
        print(f"note: {Path(args.params).name} changed since {Path(args.model).name} was saved with its parameters "
              f"(another SHA-256); they fit its layers and are used, without the metrics it recorded.",
              file=sys.stderr)
    return bundle


def _named(value: str, option: str, what: str) -> None:
    """Refuses an empty path (it would mean the current folder)."""
    if not value.strip():
        raise ParamsError(f"{option} is empty.", hint=f"Name {what}.")


def _model_file(path: str) -> str:
    """The model.json a folder holds (what train --out wrote) when given the folder."""
    folder = Path(path)
    if not folder.is_dir():
        return path
    if (folder / "model.json").is_file():
        return str(folder / "model.json")
    raise ParamsError(f"{path} is a folder without a model.json in it.",
                      hint="Name the model.json that train wrote (train --out FOLDER writes FOLDER/model.json).")


def _reasons(profiles) -> str:
    return "; ".join(f"'{p.name}' ({p.reason})" for p in profiles)


def cmd_inspect(args) -> str:
    from .core.ledger import build_ledger
    from .core.persistence import bundle_from_doc, params_file, read_model_json
    if args.params or params_file(args.model).is_file():
        bundle = _bundle(args)  # the parameters checked against it, too
    else:  # the architecture and the ledger need the description only
        bundle = bundle_from_doc(read_model_json(Path(args.model)), Path(args.model).name)
        print(f"note: no parameters found at {params_file(args.model)}; the architecture alone is shown.",
              file=sys.stderr)
    ledger = build_ledger(bundle.spec, bundle.in_features, bundle.task.output_width)
    lines = [str(bundle.model), "", f"{'#':>3}  {'layer':<36} {'output shape':<16} {'params':>10}",
             f"{'':>3}  {'input':<36} {f'(batch, {bundle.in_features})':<16} {'':>10}"]
    for r in ledger.rows:
        lines.append(f"{r.index:>3}  {r.layer:<36} {r.shape:<16} {r.params:>10,}")
    lines.append(f"total parameters: {ledger.total_params:,} · task: {bundle.task.kind} · "
                 f"labels {bundle.task.label_shape}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "train":
            _named(args.out, "--out", "the folder for model.json and params.pkl")
        else:
            _named(args.model, "The model file", "the model.json that train wrote")
            args.model = _model_file(args.model)
        if args.command == "predict":
            _named(args.output, "-o/--output", "the CSV to write the predictions to")
        if args.command == "inspect":
            print(cmd_inspect(args))
        else:
            result = cmd_train(args) if args.command == "train" else cmd_predict(args)
            if result is not None:  # (None: a torchrun process other than rank 0)
                from .core.persistence import json_ready  # (an undefined metric, NaN, is null)
                print(json.dumps(json_ready(result), indent=2, default=str, allow_nan=False))
    except DLStudioError as exc:
        print(f"dlstudio: {exc.text}".replace("\n", " "), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("dlstudio: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not the person's fault: still one line, never a traceback
        print(f"dlstudio: unexpected error ({type(exc).__name__}: {exc}); please report it.".replace("\n", " "),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # python -m dlstudio.cli: the headless commands (main.py goes through launcher)
    sys.exit(main())
