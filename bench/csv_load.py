"""Issue 7 item 3: load a big CSV — DL Studio's read + profile + preprocessing vs plain pandas.

A generated file of 1,000,000 rows × 20 numeric columns + 1 text column (three class names; about
190 MB; 0.1 % of two numeric columns missing) in a temporary folder. Each variant runs in a fresh
child process (so that its peak memory is its own), the variants interleaved over repetitions:

  plain     pandas.read_csv (C engine) → df[20 numeric].to_numpy(float32) → torch.from_numpy
  dlstudio  dlstudio.core.table.read_csv → profile.profile_frame → preprocessing.prepare (20 numeric
            features; the text column as label, or --label numeric) → torch.from_numpy of each array
  window    the same, reading as the window does: with a progress callback and a Cancel check (pandas
            then parses through file objects, the file in parts on two threads: core/split_read.py)

Peak memory is ru_maxrss minus the resident size after the imports (the same imports in both).
Targets: time ≤ 1.1 × plain, peak memory over baseline ≤ 1.2 × plain. Also reported: the time to the
preview (read_csv with nrows=200, what the Data step shows before the full file is read).
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

from _common import finish, machine, median, pick, run_child, table

MiB = 1024 ** 2
CLASSES = ("alpha", "beta", "gamma")


def generate(path: str, rows: int, numeric: int, seed: int = 0) -> None:
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(seed)
    chunk = 200_000
    with open(path, "w", newline="") as f:
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            values = rng.normal(size=(n, numeric)) * rng.uniform(0.5, 50, size=numeric) + rng.uniform(-20, 20, numeric)
            frame = pd.DataFrame(values, columns=[f"x{i}" for i in range(numeric)])
            for c in ("x3", "x7"):
                frame.loc[rng.random(n) < 0.001, c] = np.nan
            frame["kind"] = np.asarray(CLASSES)[rng.integers(0, len(CLASSES), n)]
            frame.to_csv(f, index=False, header=start == 0, float_format="%.7g")


def child(variant: str, path: str, numeric: int, label: str) -> dict:
    import resource

    import numpy as np
    import pandas as pd
    import torch

    from dlstudio.core.preprocessing import prepare
    from dlstudio.core.profile import profile_frame
    from dlstudio.core.spec import DataConfig
    from dlstudio.core.table import read_csv

    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    torch.set_num_threads(1)
    np.zeros(1)
    baseline = max(rss(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    names = [f"x{i}" for i in range(numeric)]
    stages: dict[str, float] = {}
    c0 = time.process_time()
    t0 = time.perf_counter()
    if variant == "plain":
        df = pd.read_csv(path, engine="c")
        stages["read"] = time.perf_counter() - t0
        X = torch.from_numpy(df[names].to_numpy(dtype=np.float32))
        stages["to tensor"] = time.perf_counter() - t0 - stages["read"]
        shape = tuple(X.shape)
    elif variant == "preview":
        table_ = read_csv(path, nrows=200)
        shape = table_.frame.shape
    else:
        reports: list[float] = []
        table_ = read_csv(path) if variant == "dlstudio" else \
            read_csv(path, progress=reports.append, cancel=lambda: False)
        t1 = time.perf_counter()
        stages["read"] = t1 - t0
        profiles = profile_frame(table_.frame)
        t2 = time.perf_counter()
        stages["profile"] = t2 - t1
        if label == "text":
            config = DataConfig(features=names, labels=["kind"], val_split=0.2)
        else:
            config = DataConfig(features=names[:-1], labels=[names[-1]], val_split=0.2)
        prepared = prepare(table_.frame, config, {p.name: p for p in profiles})
        t3 = time.perf_counter()
        stages["prepare"] = t3 - t2
        tensors = [torch.from_numpy(a) for a in (prepared.X, prepared.y_train, prepared.y_val,
                                                 prepared.train_rows, prepared.val_rows)]
        stages["to tensor"] = time.perf_counter() - t3
        shape = tuple(tensors[0].shape)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"variant": variant, "seconds": seconds, "cpu_seconds": cpu, "stages": stages, "baseline": baseline,
            "peak": peak,
            "over": peak - baseline, "shape": list(shape)}


def run_one(variant: str, path: str, args) -> dict:
    return run_child([os.path.abspath(__file__), "--child", variant, "--file", path, "--numeric", str(args.numeric),
                      "--label", args.label])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--numeric", type=int, default=20)
    ap.add_argument("--label", choices=("text", "numeric"), default="text")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--file", help="use this CSV instead of generating one (it must have the generated layout)")
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.file, args.numeric, args.label)))
        return {}
    with tempfile.TemporaryDirectory(prefix="dlstudio-csv-") as tmp:
        path = args.file or os.path.join(tmp, "big.csv")
        if not args.file:
            t = time.perf_counter()
            generate(path, args.rows, args.numeric)
            print(f"generated {path}: {os.path.getsize(path) / MiB:.0f} MiB in {time.perf_counter() - t:.1f} s",
                  flush=True)
        size = os.path.getsize(path)
        print(f"csv load: {args.rows:,} rows × {args.numeric} numeric + 1 text ({size / MiB:.0f} MiB), label "
              f"{args.label}, {args.reps} reps interleaved, a fresh process per run; machine {machine()}", flush=True)
        runs: dict[str, list] = {"plain": [], "dlstudio": [], "window": [], "preview": []}
        for r in range(args.reps):
            order = ["plain", "dlstudio", "window"] if r % 2 == 0 else ["window", "dlstudio", "plain"]
            pair_clean = True
            for v in order + ["preview"]:
                rec = run_one(v, path, args)
                runs[v].append(rec)
                pair_clean &= rec["clean"] if v != "preview" else True
                stages = ", ".join(f"{k} {s:.2f}" for k, s in rec["stages"].items())
                print(f"  rep {r + 1} {v:8s}: {rec['seconds']:.2f} s, CPU {rec['cpu_seconds']:.2f} s ({stages}), "
                      f"peak over baseline "
                      f"{rec['over'] / MiB:.0f} MiB, others used {rec['other_cores'] or 0:.2f} cores", flush=True)
            for v in order:
                runs[v][-1]["pair_clean"] = pair_clean
    reps = [{"plain": p, "dlstudio": d, "window": w, "clean": p["pair_clean"]}
            for p, d, w in zip(runs["plain"], runs["dlstudio"], runs["window"])]
    chosen, note = pick(reps, minimum=2)
    time_ratio = median([x["dlstudio"]["seconds"] / x["plain"]["seconds"] for x in chosen])
    window_ratio = median([x["window"]["seconds"] / x["plain"]["seconds"] for x in chosen])
    cpu_ratio = median([x["dlstudio"]["cpu_seconds"] / x["plain"]["cpu_seconds"] for x in reps])
    mem_ratio = median([x["dlstudio"]["over"] / x["plain"]["over"] for x in reps])
    summary = {"time_ratio": time_ratio, "window_ratio": window_ratio, "cpu_ratio": cpu_ratio, "memory_ratio": mem_ratio, "clean": note,
               "bytes": size}
    rows = []
    for v in ("plain", "dlstudio", "window"):
        sel = [x[v] for x in chosen]
        stage_names = list(sel[0]["stages"])
        stages = ", ".join(f"{k} {median([s['stages'][k] for s in sel]):.2f}" for k in stage_names)
        summary[v] = {"seconds": median([s["seconds"] for s in sel]),
                      "cpu_seconds": median([s["cpu_seconds"] for s in runs[v]]),
                      "over_mib": median([s["over"] for s in runs[v]]) / MiB,
                      "stages": {k: median([s["stages"][k] for s in sel]) for k in stage_names}}
        rows.append([v, summary[v]["seconds"], summary[v]["cpu_seconds"], stages, summary[v]["over_mib"]])
    summary["preview_seconds"] = median([x["seconds"] for x in runs["preview"]])
    rows.append(["preview (first 200 rows)", summary["preview_seconds"], "–", "read_csv(nrows=200)", "–"])
    rows.append(["ratio dlstudio / plain", f"{time_ratio:.2f} {'✓' if time_ratio <= 1.1 else '✗'} (≤ 1.1)",
                 f"{cpu_ratio:.2f}", "", f"{mem_ratio:.2f} {'✓' if mem_ratio <= 1.2 else '✗'} (≤ 1.2)"])
    rows.append(["ratio window / plain", f"{window_ratio:.2f}", "", "with progress and Cancel", ""])
    report = table(["variant", "seconds", "CPU seconds", "stages (s)", "peak MiB over baseline"], rows,
                   f"CSV load, {args.rows:,} rows ({size / MiB:.0f} MiB), medians, {note}")
    return finish(report, args.json, {"args": vars(args), "machine": machine(), "runs": runs, "summary": summary})


if __name__ == "__main__":
    main()
