"""Shared helpers for the benchmarks: interference meter, medians, tables, the command that reproduces.

These machines are shared: each benchmark interleaves its variants (A B A B …), takes medians of
several repetitions, and counts a repetition as *clean* when the other processes on the machine used
less than CLEAN_OTHER_CORES of a core meanwhile (read from /proc/stat minus this process's own time).
"""
from __future__ import annotations

import json
import os
import shlex
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CLEAN_OTHER_CORES = 0.15
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _busy_ticks() -> int | None:
    try:
        with open("/proc/stat") as f:
            parts = f.readline().split()[1:]
    except OSError:
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in parts[:8])
    return user + nice + system + irq + softirq + steal


def _self_ticks() -> int:
    t = os.times()
    return round((t.user + t.system + t.children_user + t.children_system) * _TICK)


class Interference:
    """with Interference() as m: … → m.other_cores: the average number of cores other processes
    kept busy meanwhile (None where /proc/stat is missing)."""

    def __enter__(self):
        self.t0, self.busy0, self.self0 = time.perf_counter(), _busy_ticks(), _self_ticks()
        return self

    def __exit__(self, *exc):
        wall = time.perf_counter() - self.t0
        busy1 = _busy_ticks()
        if self.busy0 is None or busy1 is None or wall <= 0:
            self.other_cores = None
        else:
            other = (busy1 - self.busy0) - (_self_ticks() - self.self0)
            self.other_cores = max(0.0, other / _TICK / wall)
        return False

    @property
    def clean(self) -> bool:
        return self.other_cores is None or self.other_cores < CLEAN_OTHER_CORES


def run_child(argv: list[str]) -> dict:
    """Run ``python argv…`` in a fresh process from the repository root; its last stdout line is a JSON
    record, returned with other_cores / clean (the interference while it ran) added."""
    import subprocess
    with Interference() as meter:
        out = subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=ROOT, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{out.stderr}")
    record = json.loads(out.stdout.strip().splitlines()[-1])
    record.update(other_cores=meter.other_cores, clean=meter.clean)
    return record


def median(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def pick(rows: list[dict], key: str = "clean", minimum: int = 3) -> tuple[list[dict], str]:
    """The clean repetitions when there are at least `minimum`, else all of them (and say so)."""
    clean = [r for r in rows if r.get(key)]
    if len(clean) >= minimum:
        return clean, f"{len(clean)}/{len(rows)} clean"
    return rows, f"{len(clean)}/{len(rows)} clean (medians over all {len(rows)})"


def table(headers: list[str], rows: list[list], title: str = "") -> str:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |" for r in cells]
    return "\n".join(([f"**{title}**", ""] if title else []) + [line, sep] + body)


def _fmt(v) -> str:
    if isinstance(v, float):
        if v != v:
            return "–"
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        if abs(v) >= 100:
            return f"{v:.0f}"
        if abs(v) >= 10:
            return f"{v:.1f}"
        return f"{v:.2f}"
    return str(v)


def reproduce_line() -> str:
    rel = os.path.relpath(os.path.abspath(sys.argv[0]), ROOT)
    return "reproduce: .venv/bin/python " + " ".join(shlex.quote(a) for a in [rel, *sys.argv[1:]])


def machine() -> dict:
    import platform
    info = {"nproc": os.cpu_count(), "python": platform.python_version()}
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    except OSError:
        pass
    try:
        with open("/proc/loadavg") as f:
            info["loadavg"] = f.read().split()[:3]
    except OSError:
        pass
    return info


def dump(path: str | None, payload: dict) -> None:
    if path:
        Path(path).write_text(json.dumps(payload, indent=1, default=str))


def finish(report: str, json_path: str | None, results: dict) -> dict:
    """Every benchmark ends the same way: its table, the command that reproduces it, the JSON dump."""
    print()
    print(report)
    print()
    print(reproduce_line())
    dump(json_path, results)
    return results
