"""Issue 7 item 2 / issue 5: training with the window open and live plots vs the same engine headless.

Reference workload: synthetic regression, 200,000 rows × 32 float32 features (a 20 % validation split,
so 160,000 training rows), MLP 32-128-128-1 (ReLU), MSE, Adam lr 1e-3, one epoch, batch 64 and 256.
Variants, interleaved in every repetition (the order rotates):

  H     headless: preprocessing.prepare + pipeline.new_bundle + pipeline.train in this process's main
        thread, torch threads = all cores (the engine's default headless)
  H-1   the same with torch threads = cores − 1 (what the window's training process uses)
  W     the window (1280×820, offscreen unless a display is set) on the Train step: Start clicked,
        the QThread prepares the data and drives the kept training process (worker.PROCESS, torch
        threads = cores − 1); the live plots redraw at up to 30 Hz over a batch-loss curve pre-filled
        with --prefill points (a long run's history), the epoch log and progress update
  W-thr the same window with the engine in a thread of this process (worker.THREAD, 1 torch thread)

While a window variant runs, a 10 ms QTimer (PreciseTimer) on the GUI thread records its ticks: the
gaps between ticks are the event loop's latency, reported while training (first events → TrainEnd)
and over the whole run (Start → the model in the state, which includes the other steps' reaction to
the new model). Throughput is the engine's
own: training rows ÷ the fit loop's seconds (TrainEnd.seconds / FitResult.seconds, epoch-end
validation included); "wall" is Start → model in the state (headless: prepare → trained bundle).
Targets: W ≥ 0.95 × headless (the faster of H and H-1), p99 gap ≤ 30 ms, longest gap ≤ 100 ms.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np
from _common import CLEAN_OTHER_CORES, Interference, finish, machine, median, pick, table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
if not os.environ["QT_QPA_PLATFORM"]:
    del os.environ["QT_QPA_PLATFORM"]

VARIANTS = ("H", "H-1", "W", "W-thr")
LABELS = {"H": "H headless, all cores", "H-1": "H-1 headless, cores − 1", "W": "W window + training process",
          "W-thr": "W-thr window + thread"}


def make_frame(rows: int, features: int, seed: int = 0):
    import pandas as pd
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((rows, features), dtype=np.float32)
    w = rng.standard_normal(features).astype(np.float32) / features ** 0.5
    y = np.tanh(X @ w) + 0.1 * rng.standard_normal(rows).astype(np.float32)
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(features)])
    frame["y"] = y
    return frame


def configs(features: int, bs: int, epochs: int, threads: int = 0):
    from dlstudio.core.spec import DataConfig, ModelSpec, TrainConfig
    dc = DataConfig(features=[f"x{i}" for i in range(features)], labels=["y"], task="regression")
    cfg = TrainConfig(optimizer="adam", lr=1e-3, batch_size=bs, epochs=epochs, early_stopping=0, loss="mse",
                      num_threads=threads)
    return dc, ModelSpec.mlp([128, 128]), cfg


def headless(frame, features: int, bs: int, epochs: int, threads: int) -> dict:
    from dlstudio.core import pipeline, preprocessing
    dc, spec, cfg = configs(features, bs, epochs, threads)
    t0 = time.perf_counter()
    prepared = preprocessing.prepare(frame, dc)
    bundle = pipeline.new_bundle(prepared, dc, spec, cfg)
    result = pipeline.train(bundle, prepared)
    wall = time.perf_counter() - t0
    return {"sps": len(prepared.train_rows) * epochs / result.seconds, "wall": wall, "loop": result.seconds}


class WindowBench:
    """One window for every window run; each run is Start → wait for the end, with a heartbeat."""

    def __init__(self, frame, features: int, prefill: int):
        from PySide6.QtCore import QSettings

        from dlstudio.core.profile import profile_frame
        from dlstudio.core.table import Table
        from dlstudio.ui.app import create_app
        from dlstudio.ui.main_window import MainWindow
        from dlstudio.ui.settings import Settings
        self.app = create_app([sys.argv[0]])
        QSettings.setDefaultFormat(QSettings.IniFormat)
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="dlstudio-bench-"))
        self.window = MainWindow(settings=Settings(QSettings()))
        self.window.resize(1280, 820)
        self.window.show()
        self.window.state.set_table(Table(frame, "synthetic.csv"), profile_frame(frame))
        self.features, self.prefill = features, prefill
        self.window.go_to(2)
        self.panel = self.window.train_panel
        self.panel.ensure_plots()
        self.panel.run.begun.connect(self._prefill)
        self.app.processEvents()

    def _prefill(self, _info) -> None:
        """A long run's batch history, so every redraw draws as much as a 100k-batch run would."""
        if self.prefill:
            x = np.linspace(-1.0, 0.0, self.prefill, endpoint=False)
            y = 1.0 + 0.1 * np.random.default_rng(0).random(self.prefill)
            for name in ("batch", "smooth"):
                self.panel.plots.buffers[name].extend(x, y)
            # Drawn now, before the first batch: a real history grows a little each frame, it never
            # arrives as one 100k-point frame inside the measured training period.
            self.panel.plots._draw()
            self.panel.plots.view.repaint()

    def run(self, mode: str, bs: int, epochs: int) -> dict:
        from PySide6.QtCore import QEventLoop, Qt, QTimer

        from dlstudio.core.events import TrainEnd
        from dlstudio.ui import worker
        dc, spec, cfg = configs(self.features, bs, epochs)
        state, panel = self.window.state, self.panel
        state.set_data_config(dc)
        state.set_spec(spec)
        state.set_train_config(cfg)
        panel.reset_box.setChecked(True)  # every run from new weights, as headless
        panel.run.mode = mode
        ticks, ends, signals, redraws = [], [], [0], [0]
        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.PreciseTimer)
        heartbeat.setInterval(10)
        heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
        marks = {}  # first events, TrainEnd: the training period

        def on_events(evs) -> None:
            signals[0] += 1
            if "first" not in marks:
                marks["first"], marks["cpu_first"] = time.perf_counter(), _cpu()
            if any(isinstance(e, TrainEnd) for e in evs):
                ends.extend(e for e in evs if isinstance(e, TrainEnd))
                marks["end"], marks["cpu_end"] = time.perf_counter(), _cpu()

        panel.run.events.connect(on_events)
        on_tick = lambda: redraws.__setitem__(0, redraws[0] + 1)  # noqa: E731
        panel.plots.timer.timeout.connect(on_tick)
        loop = QEventLoop()
        panel.run.ended.connect(loop.quit)
        self.settle()
        heartbeat.start()
        child = worker.process_backend() if mode == worker.PROCESS else None
        cpu0, child0 = os.times(), _child_seconds(child)
        t0 = time.perf_counter()
        assert panel.start(), "the window refused to start"
        loop.exec()
        wall = time.perf_counter() - t0
        cpu1, child1 = os.times(), _child_seconds(child)
        heartbeat.stop()
        panel.run.ended.disconnect(loop.quit)
        panel.run.events.disconnect(on_events)
        panel.plots.timer.timeout.disconnect(on_tick)
        if not ends or state.bundle is None:
            raise RuntimeError(f"the window run failed: {self.window.banner.text()}")
        t = np.asarray(ticks)
        gaps = np.diff(t) * 1000
        during = np.diff(t[(t >= marks["first"]) & (t <= marks["end"])]) * 1000
        rows = len(state.prepared.train_rows)
        return {"sps": rows * epochs / ends[-1].seconds, "wall": wall, "loop": ends[-1].seconds,
                "p99": float(np.percentile(during, 99)), "max": float(during.max()),
                "p99_all": float(np.percentile(gaps, 99)), "max_all": float(gaps.max()), "signals": signals[0],
                "redraws": redraws[0], "mode": worker.PROCESS if mode == worker.PROCESS else worker.THREAD,
                "window_cores": (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / wall,
                "window_cores_training": (marks["cpu_end"] - marks["cpu_first"]) / (marks["end"] - marks["first"]),
                "child_cores": (child1 - child0) / wall, "child_seconds": child1 - child0}

    def settle(self) -> None:
        """Let the other steps finish reacting to the new model (the Results step measures it in a
        background thread), so that one run's aftermath does not load the next."""
        from PySide6.QtCore import QEventLoop, QTimer
        runner = getattr(self.window.results_panel, "eval_runner", None)
        deadline = time.perf_counter() + 60
        while runner is not None and runner.busy and time.perf_counter() < deadline:
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()

    def close(self) -> None:
        self.settle()
        self.window.close()


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def meter_wall(meter) -> float:
    return max(time.perf_counter() - meter.t0, 1e-9)


def _child_seconds(backend) -> float:
    """CPU seconds the training process has used (it is never waited for, so os.times misses it)."""
    proc = getattr(backend, "_proc", None) if backend is not None else None
    if proc is None or proc.pid is None:
        return 0.0
    try:
        with open(f"/proc/{proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--features", type=int, default=32)
    ap.add_argument("--batch-sizes", default="64,256")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--prefill", type=int, default=100_000, help="batch-loss points already on the plot")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    sizes = [int(b) for b in args.batch_sizes.split(",")]
    cores = os.cpu_count() or 1
    print(f"training with the window open: {args.rows:,} rows × {args.features}, MLP {args.features}-128-128-1, "
          f"Adam, {args.epochs} epoch(s), {args.reps} reps, {cores} cores, prefill {args.prefill:,} points")
    frame = make_frame(args.rows, args.features)
    from dlstudio.ui import worker
    bench = WindowBench(frame, args.features, args.prefill) if any(v.startswith("W") for v in variants) else None
    if bench is not None and "W" in variants:
        worker.prewarm(worker.PROCESS)
        bench.run(worker.PROCESS, sizes[0], 1)  # warm-up: the training process imports torch once
    results: dict = {"machine": machine(), "args": vars(args), "runs": {}}
    for bs in sizes:
        runs = {v: [] for v in variants}
        for r in range(args.reps):
            order = variants[r % len(variants):] + variants[:r % len(variants)]
            for v in order:
                with Interference() as meter:
                    if v == "H":
                        row = headless(frame, args.features, bs, args.epochs, cores)
                    elif v == "H-1":
                        row = headless(frame, args.features, bs, args.epochs, max(1, cores - 1))
                    else:
                        row = bench.run(worker.PROCESS if v == "W" else worker.THREAD, bs, args.epochs)
                others = meter.other_cores
                if others is not None and row.get("child_cores"):
                    # The training process is ours, not interference; its seconds count up to a few ticks late.
                    others = max(0.0, others - row["child_seconds"] / meter_wall(meter))
                row["other_cores"] = others
                row["clean"] = others is None or others < CLEAN_OTHER_CORES
                runs[v].append(row)
                extra = (f" gaps while training: p99 {row['p99']:.1f} max {row['max']:.1f} ms; Start→end: p99 "
                         f"{row['p99_all']:.1f} max {row['max_all']:.1f} ms; cores: window "
                         f"{row['window_cores']:.2f} ({row['window_cores_training']:.2f} while training), training "
                         f"process {row['child_cores']:.2f}") \
                    if "p99" in row else ""
                print(f"  bs {bs:4d} rep {r + 1} {v:5s} {row['sps']:>9,.0f} samples/s  wall {row['wall']:.2f} s"
                      f"{extra}  others {row['other_cores'] if row['other_cores'] is not None else float('nan'):.2f}"
                      f" cores", flush=True)
        results["runs"][bs] = runs
    if bench is not None:
        bench.close()
    return finish(render(results, variants), args.json, results)


def render(results: dict, variants: list[str]) -> str:
    rows = []
    for bs, runs in results["runs"].items():
        med = {}
        for v in variants:
            chosen, note = pick(runs[v])
            med[v] = {k: median([r.get(k) for r in chosen]) for k in ("sps", "wall", "p99", "max", "p99_all",
                                                                       "max_all", "window_cores", "window_cores_training",
                                                                       "child_cores")}
            med[v]["note"] = note
            sps = [r["sps"] for r in runs[v]]
            med[v]["spread"] = f"{min(sps):,.0f}–{max(sps):,.0f}"
        base = max((med[v]["sps"] for v in ("H", "H-1") if v in med), default=float("nan"))
        base_wall = min((med[v]["wall"] for v in ("H", "H-1") if v in med), default=float("nan"))
        for v in variants:
            m = med[v]
            rows.append([bs, LABELS[v], m["sps"], m["spread"], m["sps"] / base, m["wall"], m["wall"] / base_wall,
                         m["p99"], m["max"], m["p99_all"], m["max_all"], m["window_cores_training"], m["note"]])
    return table(["batch", "variant", "samples/s", "range over reps", "× headless", "wall s", "wall × headless",
                  "p99 gap ms (training)", "longest gap ms (training)", "p99 gap ms (Start→end)",
                  "longest gap ms (Start→end)", "window's cores while training", "runs"], rows,
                 "Training with the window open (medians; × headless = ÷ the faster of H and H-1)")


if __name__ == "__main__":
    main()
