"""Issue 7 item 4: time from `python main.py` to the window shown (offscreen), and import times.

Each repetition starts a fresh `python` that runs main.py unchanged (through runpy, after a small
probe that watches for the main window's first paint and then quits the app), with QT_QPA_PLATFORM=
offscreen and throw-away settings/data folders. The clock starts just before the process is spawned
and stops at the first paint of dlstudio.ui.main_window.MainWindow. The probe also records whether
torch was imported by then (it must not be: torch is imported lazily, after the window shows).
Import times come from `python -X importtime` on the modules the window needs.
Target: ≤ 1.0 s to the window; torch not imported before it shows.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from _common import ROOT, Interference, dump, machine, median, pick, reproduce_line, table

PROBE = r"""
import json, runpy, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

t_probe = time.time()
seen = {}

class Probe(QObject):
    def eventFilter(self, obj, event):
        if not seen and event.type() == QEvent.Type.Paint:
            module = sys.modules.get("dlstudio.ui.main_window")
            window = getattr(obj, "window", lambda: None)()
            if module is not None and isinstance(window, module.MainWindow):
                seen.update(shown=time.time(), torch="torch" in sys.modules)
                QTimer.singleShot(0, QApplication.instance().quit)
        return False

probe = Probe()
_exec = QApplication.exec

def exec_(*args):
    app = QApplication.instance()
    app.installEventFilter(probe)
    seen_loop = time.time()
    QTimer.singleShot(20_000, app.quit)  # never hang
    result = _exec()
    seen.setdefault("loop", seen_loop)
    return result

QApplication.exec = exec_
sys.argv = ["main.py"]
t_main = time.time()
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit:
    pass
except BaseException:
    import traceback
    traceback.print_exc()
print(json.dumps(dict(seen, t_probe=t_probe, t_main=t_main,
                      modules=len(sys.modules), torch_at_exit="torch" in sys.modules)))
"""


def one_start(env: dict) -> dict:
    with Interference() as meter:
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=env,
                             timeout=120, check=False)
        t_end = time.time()
    lines = [ln for ln in out.stdout.strip().splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"main.py did not start:\n{out.stdout}\n{out.stderr}")
    rec = json.loads(lines[-1])
    if "shown" not in rec:
        raise SystemExit(f"the main window never painted:\n{out.stderr}")
    return {"to_window": rec["shown"] - t0, "interpreter_and_probe": rec["t_main"] - t0,
            "torch_before_window": rec["torch"], "process": t_end - t0,
            "other_cores": meter.other_cores, "clean": meter.clean}


def import_times(env: dict, code: str) -> tuple[list[tuple[str, float]], float]:
    """Import cost per package (the self times of its modules, summed) of one `python -X importtime -c
    code`, most expensive first, and the total."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env=env, check=False)
    per_package: dict[str, float] = {}
    for line in out.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s*(\S+)", line)
        if m:
            name = m.group(3).lstrip(".")
            root = ".".join(name.split(".")[:3]) if name.startswith("dlstudio") else name.split(".")[0]
            per_package[root] = per_package.get(root, 0.0) + int(m.group(1)) / 1e6
    ranked = sorted(per_package.items(), key=lambda kv: -kv[1])
    return ranked, sum(per_package.values())


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    try:
        import dlstudio.ui.app  # noqa: F401
        from dlstudio.ui.main_window import MainWindow  # noqa: F401
    except ImportError as exc:
        print(f"startup: the GUI is not there yet ({exc}); nothing to measure.")
        return {}
    with tempfile.TemporaryDirectory(prefix="dlstudio-startup-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_DATA_HOME=os.path.join(home, "data"), XDG_CACHE_HOME=os.path.join(home, "cache"))
        print(f"startup: `python main.py` to the main window's first paint, offscreen, {args.reps} reps; "
              f"machine {machine()}", flush=True)
        one_start(env)  # warm the file cache: the first start after a build reads everything from disk
        reps = []
        for r in range(args.reps):
            rec = one_start(env)
            reps.append(rec)
            print(f"  rep {r + 1}: window after {rec['to_window']:.3f} s (interpreter + probe "
                  f"{rec['interpreter_and_probe']:.3f} s), torch imported before: {rec['torch_before_window']}, "
                  f"others used {rec['other_cores'] or 0:.2f} cores", flush=True)
        baseline = median([_python_start(env) for _ in range(3)])
        gui_imports, gui_total = import_times(env, PROBE)  # everything imported until the window shows
        torch_import, torch_total = import_times(env, "import torch")
    chosen, note = pick(reps)
    to_window = median([x["to_window"] for x in chosen])
    torch_before = any(x["torch_before_window"] for x in reps)
    rows = [["python main.py → window shown", f"{to_window:.3f} {'✓' if to_window <= 1.0 else '✗'} (≤ 1.0)"],
            ["bare `python -c pass`", f"{baseline:.3f}"],
            ["torch imported before the window", "yes ✗" if torch_before else "no ✓"],
            ["repetitions", note]]
    imports = [[name, f"{seconds:.3f}"] for name, seconds in gui_imports[:12]]
    imports += [["all imports before the window shows", f"{gui_total:.3f}"],
                ["import torch (lazily, after the window)", f"{torch_total:.3f}"]]
    print()
    print(table(["start-up", "seconds"], rows, "Start-up (medians)"))
    print()
    print(table(["package (own modules' import time, summed)", "seconds"], imports,
                "Import times until the window shows (python -X importtime, one start)"))
    print()
    print(reproduce_line())
    results = {"machine": machine(), "reps": reps, "to_window": to_window, "python_start": baseline,
               "torch_before_window": torch_before, "imports": gui_imports, "imports_total": gui_total,
               "torch_import": torch_total,
               "clean": note}
    dump(args.json, results)
    return results


def _python_start(env: dict) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
