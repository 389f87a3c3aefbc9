"""Issue 7 item 5: training throughput and peak memory at 10k, 100k, 1M and 5M rows × 32 features.

Each measurement runs in a fresh child process: import torch and DL Studio, build the MLP
32-128-128-1, note the resident memory (the framework's baseline), make the float32 data, train one
epoch with the engine (Adam, MSE, no validation, so epoch metrics use the 10,000-row training sample),
and report the peak resident memory (getrusage ru_maxrss). Sizes are interleaved over repetitions.
Targets: cost linear in rows (samples/s flat across sizes), peak memory ≤ 2 × the float32 data + baseline,
judged per run (its peak minus its own baseline), median over the runs.
"""
from __future__ import annotations

import argparse
import json
import os

from _common import finish, machine, median, pick, run_child, table

MiB = 1024 ** 2


def child(rows: int, features: int, bs: int, threads: int, max_batches: int) -> dict:
    import resource
    import time

    import torch
    from torch import nn

    from dlstudio.core.callbacks import Callback, History
    from dlstudio.core.engine import Trainer
    from dlstudio.core.spec import TrainConfig
    from dlstudio.core.task import REGRESSION, TaskInfo

    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(features, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 1))
    # Warm the loop up on a few batches of the same size (lazy initialisation and the library code
    # it pages in belong to the baseline, not to the data), then note the baseline.
    warm = TrainConfig(batch_size=bs, epochs=2, early_stopping=0, num_threads=threads)
    Trainer(model, nn.MSELoss(), warm, TaskInfo(REGRESSION, ("y",)), []).fit(torch.randn(4 * bs, features),
                                                                            torch.randn(4 * bs, 1))
    baseline = max(rss(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    g = torch.Generator().manual_seed(0)
    X = torch.randn(rows, features, generator=g)
    w = torch.randn(features, 1, generator=g) / features ** 0.5
    y = torch.tanh(X @ w) + 0.1 * torch.randn(rows, 1, generator=g)
    data_bytes = X.nbytes + y.nbytes

    class Cap(Callback):
        def on_batch_end(self, trainer, event):
            if max_batches and event.step >= max_batches:
                trainer.request_stop()

    cfg = TrainConfig(optimizer="adam", lr=1e-3, batch_size=bs, epochs=1, early_stopping=0, num_threads=threads)
    history = History()
    trainer = Trainer(model, nn.MSELoss(), cfg, TaskInfo(REGRESSION, ("y",)), [history, Cap()],
                      batch_event_interval=0.05)
    t = time.perf_counter()
    result = trainer.fit(X, y)
    seconds = time.perf_counter() - t
    samples = sum(bs for _ in history.batch_losses)
    samples = min(samples, rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"rows": rows, "seconds": seconds, "samples": samples, "samples_per_s": samples / seconds,
            "baseline": baseline, "peak": peak, "data_bytes": data_bytes, "reason": result.reason,
            "epoch_seconds": result.epochs[-1].seconds if result.epochs else None}


def run_one(rows: int, args) -> dict:
    return run_child([os.path.abspath(__file__), "--child", str(rows), "--features", str(args.features),
                      "--batch-size", str(args.batch_size), "--threads", str(args.threads),
                      "--max-batches", str(args.max_batches)])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000,5000000")
    ap.add_argument("--features", type=int, default=32)
    ap.add_argument("--batch-size", type=int, default=1024)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--max-batches", type=int, default=0, help="stop each run after this many batches (0: one epoch)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.features, args.batch_size, args.threads, args.max_batches)))
        return {}
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"scale: one epoch per run (batch {args.batch_size}, {args.threads} thread(s)), a fresh process per "
          f"run, sizes interleaved over {args.reps} reps; machine {machine()}", flush=True)
    runs: dict[int, list] = {n: [] for n in sizes}
    for r in range(args.reps):
        order = sizes if r % 2 == 0 else sizes[::-1]
        for n in order:
            rec = run_one(n, args)
            runs[n].append(rec)
            print(f"  rep {r + 1} {n:>9,} rows: {rec['samples_per_s']:,.0f} samples/s, {rec['seconds']:.2f} s, peak "
                  f"{rec['peak'] / MiB:,.0f} MiB (baseline {rec['baseline'] / MiB:,.0f}, data "
                  f"{rec['data_bytes'] / MiB:,.0f}), others used {rec['other_cores'] or 0:.2f} cores", flush=True)
    rows, summary = [], {}
    base_rate = None
    for n in sizes:
        chosen, note = pick(runs[n], minimum=2)
        rate = median([x["samples_per_s"] for x in chosen])
        base_rate = base_rate or rate
        seconds = median([x["seconds"] for x in chosen])
        # Each run's peak against its own baseline: the baseline itself moves by a few MiB between
        # processes (allocator), which at 10k rows is several times the data.
        per_run = sorted((x["peak"] - x["baseline"]) / x["data_bytes"] for x in runs[n])
        peak = median([x["peak"] for x in runs[n]])
        baseline = median([x["baseline"] for x in runs[n]])
        data = runs[n][0]["data_bytes"]
        over = median(per_run)
        summary[n] = {"samples_per_s": rate, "seconds": seconds, "peak": peak, "baseline": baseline,
                      "data_bytes": data, "peak_over_baseline_per_data": over, "per_run": per_run, "clean": note,
                      "rate_vs_smallest": rate / base_rate}
        rows.append([f"{n:,}", rate, rate / base_rate, seconds, seconds * 1e6 / n, data / MiB, baseline / MiB,
                     peak / MiB, f"{over:.2f}× {'✓' if over <= 2 else '✗'} ({per_run[0]:.2f}–{per_run[-1]:.2f})",
                     note])
    report = table(["rows", "samples/s", "vs 10k", "s / epoch", "µs / row", "data MiB", "baseline MiB",
                    "peak MiB", "(peak − baseline) / data ≤ 2 (range over runs)", "repetitions"], rows,
                   f"Scale (batch {args.batch_size}, {args.threads} thread(s), medians)")
    return finish(report, args.json, {"args": vars(args), "machine": machine(), "runs": runs, "summary": summary})


if __name__ == "__main__":
    main()
