"""Run every benchmark in turn (`make bench`); each prints its own table and the command that reproduces it.

  engine_vs_bare.py   issue 7 item 1: the engine against bare PyTorch loops
  train_window.py     issue 7 item 2: training with the window open (when the Train step has it)
  gui_walk.py         issue 7 item 2: the event loop's gaps at each step a person takes on a big file
  csv_load.py         issue 7 item 3: a 1M-row CSV through read + profile + preprocessing
  startup.py          issue 7 item 4: `python main.py` to the window
  scale.py            issue 7 item 5: throughput and peak memory from 10k to 5M rows
  torchrun_scaling.py the same epoch under torchrun (DDP, 2 processes) against one process

--quick runs fewer repetitions (a smoke run, not figures to report). --json DIR keeps each
benchmark's results as DIR/<name>.json. Any other arguments are refused: run a script directly to
change its settings.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("engine_vs_bare", "train_window", "gui_walk", "csv_load", "startup", "scale", "torchrun_scaling")
QUICK = {"engine_vs_bare": ["--reps", "2", "--rows", "50000"], "train_window": ["--reps", "1"],
         "gui_walk": ["--reps", "1", "--rows", "200000"],
         "csv_load": ["--reps", "1", "--rows", "200000"], "startup": ["--reps", "3"],
         "scale": ["--reps", "1", "--sizes", "10000,100000,1000000"],
         "torchrun_scaling": ["--reps", "1", "--rows", "50000"]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", help="comma-separated names, e.g. engine_vs_bare,scale")
    ap.add_argument("--json", help="a folder for each benchmark's JSON results")
    args = ap.parse_args(argv)
    names = [n for n in ORDER if (HERE / f"{n}.py").exists()]
    if args.only:
        wanted = set(args.only.split(","))
        names = [n for n in names if n in wanted]
    failed = []
    for name in names:
        cmd = [sys.executable, str(HERE / f"{name}.py"), *(QUICK.get(name, []) if args.quick else [])]
        if args.json:
            os.makedirs(args.json, exist_ok=True)
            cmd += ["--json", os.path.join(args.json, f"{name}.json")]
        print(f"\n===== {name} =====", flush=True)
        t = time.perf_counter()
        rc = subprocess.call(cmd, cwd=HERE.parent)
        print(f"===== {name}: {'ok' if rc == 0 else f'exit {rc}'} in {time.perf_counter() - t:.0f} s =====",
              flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
