"""What training under torchrun costs or gains here: the engine in one process against the same epoch
under ``torchrun --nproc-per-node N`` (DistributedDataParallel, gloo on the CPU; each process 1 thread).

Not an issue target: where users outgrow one machine they move to torchrun, and this shows what the
data-parallel run does on this one (on 2 cores its gradient average each step is most of a small
model's batch). Reference workload of issue 7: 200,000 rows × 32 float32 features, MLP 32-128-128-1
(ReLU), MSE, Adam lr 1e-3, one epoch (after a short warm-up), batch sizes 64, 256, 1024. Each run is a
fresh process (or a fresh torchrun job), the variants interleaved; samples/s counts every rank's rows.
"""
from __future__ import annotations

import argparse
import json
import os

from _common import finish, machine, median, pick, run_child, table

HERE = os.path.abspath(__file__)


def child(rows: int, bs: int) -> dict | None:
    import time

    import torch
    from torch import nn

    from dlstudio.core.distributed import process_group, shard
    from dlstudio.core.engine import Trainer
    from dlstudio.core.spec import TrainConfig
    from dlstudio.core.task import REGRESSION, TaskInfo

    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(0)
    X = torch.randn(rows, 32, generator=g)
    y = torch.tanh(X @ (torch.randn(32, 1, generator=g) / 32 ** 0.5))
    with process_group("cpu"):
        rank, world = shard()
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 1))
        cfg = TrainConfig(batch_size=bs, epochs=1, early_stopping=0, lr=1e-3, num_threads=1)
        trainer = Trainer(model, nn.MSELoss(), cfg, TaskInfo(REGRESSION, ("y",)))
        trainer.fit(X[:20 * bs * world], y[:20 * bs * world])  # warm-up: lazy initialisation, the first allreduce
        t = time.perf_counter()
        trainer.fit(X, y)
        seconds = time.perf_counter() - t
    if rank:
        return None
    return {"world": world, "bs": bs, "seconds": seconds, "samples_per_s": rows // world * world / seconds}


def run_one(world: int, bs: int, rows: int) -> dict:
    args = [HERE, "--child", "--rows", str(rows), "--batch-sizes", str(bs)]
    if world == 1:
        return run_child(args)
    return run_child(["-m", "torch.distributed.run", "--standalone", "--nproc-per-node", str(world), *args])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--batch-sizes", default="64,256,1024")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    sizes = [int(b) for b in args.batch_sizes.split(",")]
    if args.child:
        record = child(args.rows, sizes[0])
        if record is not None:
            print(json.dumps(record))
        return {}
    worlds = (1, args.processes)
    print(f"torchrun scaling: {args.rows:,} rows × 32, batch {args.batch_sizes}, 1 process against "
          f"{args.processes} (1 thread each), {args.reps} reps interleaved; machine {machine()}", flush=True)
    runs: dict = {(w, b): [] for w in worlds for b in sizes}
    for r in range(args.reps):
        for b in sizes:
            for w in (worlds if r % 2 == 0 else worlds[::-1]):
                rec = run_one(w, b, args.rows)
                runs[(w, b)].append(rec)
                print(f"  rep {r + 1} batch {b} × {w} process(es): {rec['samples_per_s']:,.0f} samples/s, others "
                      f"used {rec['other_cores'] or 0:.2f} cores", flush=True)
    rows, summary = [], {}
    for b in sizes:
        one, _ = pick(runs[(1, b)])
        many, note = pick(runs[(args.processes, b)])
        a, m = median(r["samples_per_s"] for r in one), median(r["samples_per_s"] for r in many)
        summary[b] = {"one": a, "torchrun": m, "ratio": m / a, "clean": note}
        rows.append([b, a, m, m / a, note])
    report = table(["batch", "1 process — samples/s", f"torchrun × {args.processes} — samples/s", "ratio",
                    "repetitions"], rows, "Training under torchrun against one process (medians)")
    return finish(report, args.json, {"machine": machine(), "summary": summary,
                                      "runs": {f"{w}x{b}": v for (w, b), v in runs.items()}})


if __name__ == "__main__":
    main()
