"""The window on a big file: how long the event loop stalls at each step a person takes (issue 7 item 2).

A fresh process (offscreen) opens the window as ``python main.py`` does (torch and pyqtgraph imported
in the background after the window shows), then, with a 10 ms QTimer heartbeat on the GUI thread:
opens the generated 1M-row CSV (csv_load.py's file), picks a numeric label, then the text label, changes the
standardization, the missing-value choice and the split, visits the Model and Train steps, trains
for 3 s, stops, and visits the Results and Data steps. Each step's row gives how long its action
took on the GUI thread and the event loop's longest gap and 99th percentile while the step settled.
Target: no gap over 100 ms (the training target's "longest"), p99 ≤ 30 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

from _common import finish, machine, median, run_child, table

LONGEST_MS, P99_MS = 100, 30
FIRST_VISIT = "Train step, first visit"


def walk(path: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from dlstudio.ui.app import create_app
    app = create_app()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="dlstudio-walk-"))
    from dlstudio.ui.main_window import MainWindow
    from dlstudio.ui.settings import Settings
    window = MainWindow(settings=Settings(QSettings()))
    window.resize(1400, 900)
    window.show()

    def spin(seconds: float, done=lambda: True, timeout: float = 120.0) -> None:
        """Run the event loop for ``seconds``, then on until ``done()`` (at most ``timeout``)."""
        end, limit = time.perf_counter() + seconds, time.perf_counter() + timeout
        while (time.perf_counter() < end or not done()) and time.perf_counter() < limit:
            app.processEvents(QEventLoop.AllEvents, 5)
            time.sleep(0.002)

    warming = window.warm_up()  # as main() does: imports in the background, then the Train step's plots
    spin(0, lambda: not warming.is_alive())
    spin(1.0)
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: gaps.append(clock.restart()))
    heartbeat.start()
    state, steps = window.state, {}

    def step(name: str, action, settle: float = 1.5, done=lambda: True) -> None:
        gaps.clear()
        clock.restart()
        t = time.perf_counter()
        action()
        took = time.perf_counter() - t
        spin(settle, done)
        ordered = sorted(gaps) or [0]
        steps[name] = {"action_ms": took * 1e3, "longest_ms": float(ordered[-1]),
                       "p99_ms": float(ordered[int(0.99 * (len(ordered) - 1))])}

    step("open the CSV (load + profile)", lambda: window.open_csv(path), 2.0,
         lambda: state.table is not None and not window.loader.busy)
    frame = state.frame
    numeric = [c for c in frame.columns if frame[c].dtype.kind == "f"]
    text = [c for c in frame.columns if frame[c].dtype.kind not in "iufb"]
    step("label: a numeric column", lambda: state.update_data_config(labels=[numeric[-1]], features=numeric[:-1]))
    step("label: the text column", lambda: state.update_data_config(labels=text[:1], features=numeric))
    step("standardize: min-max", lambda: state.update_data_config(standardize="minmax"))
    step("missing values: drop rows", lambda: state.update_data_config(missing="drop"))
    step("validation split 30 %", lambda: state.update_data_config(val_split=0.3))
    step("Model step", lambda: window.go_to(1))
    step(FIRST_VISIT, lambda: window.go_to(2), 1.5, lambda: window.train_panel.plots is not None)
    state.update_train_config(epochs=1, batch_size=1024)
    panel = window.train_panel
    step("Start, training 3 s", panel.start_button.click, 3.0)
    step("Stop, until the run has ended", lambda: panel.stop_button.click() if panel.stop_button.isEnabled() else None,
         1.5, lambda: not panel.run.running)
    step("Results step", lambda: window.go_to(3), 2.0)
    step("Data step", lambda: window.go_to(0))
    heartbeat.stop()
    window.close()
    spin(0.3)
    return {"steps": steps}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--file", help="use this CSV (csv_load.py's layout) instead of generating one")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(walk(args.child)))
        return {}
    with tempfile.TemporaryDirectory(prefix="dlstudio-walk-") as tmp:
        path = args.file
        if not path:
            from csv_load import generate
            path = os.path.join(tmp, "big.csv")
            generate(path, args.rows, 20)
        print(f"gui walk: {os.path.getsize(path) / 2 ** 20:.0f} MiB, {args.reps} fresh processes; machine {machine()}",
              flush=True)
        runs = [run_child([os.path.abspath(__file__), "--child", path]) for _ in range(args.reps)]
    names = list(runs[0]["steps"])
    rows, worst = [], 0.0
    for name in names:
        longest = median([r["steps"][name]["longest_ms"] for r in runs])
        p99 = median([r["steps"][name]["p99_ms"] for r in runs])
        action = median([r["steps"][name]["action_ms"] for r in runs])
        spread = [r["steps"][name]["longest_ms"] for r in runs]
        worst = max(worst, longest)
        rows.append([name, action, f"{longest:.0f} {_mark(longest, LONGEST_MS)}",
                     f"{min(spread):.0f}–{max(spread):.0f}", f"{p99:.1f} {_mark(p99, P99_MS)}"])
    report = table(["step", "action on the GUI thread (ms)", f"longest gap (ms, ≤ {LONGEST_MS})",
                    "longest, range", f"p99 gap (ms, ≤ {P99_MS})"], rows,
                   title=f"The window on a {args.rows:,}-row file: event-loop gaps per step, medians of "
                         f"{len(runs)} runs ({sum(r['clean'] for r in runs)} clean)")
    return finish(report, args.json, {"args": vars(args), "machine": machine(), "runs": runs, "worst_ms": worst})


def _mark(value: float, bar: float) -> str:
    return "✓" if value <= bar else "✗"


if __name__ == "__main__":
    sys.exit(0 if main() is not None else 1)
