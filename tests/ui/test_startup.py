"""Start-up stays fast: the window shows before torch, pandas, numpy or pyqtgraph are imported."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, os, sys
from dlstudio.ui.app import create_app
app = create_app([])
from dlstudio.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
print(json.dumps({name: name in sys.modules for name in ("torch", "pandas", "numpy", "pyqtgraph")}))
window.close()
"""


def _run(script: str, home) -> dict:
    """Runs ``script`` in a fresh offscreen Python; returns the JSON of its last line."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home), HOME=str(home),
               PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=180)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_window_shows_without_loading_the_heavy_libraries(tmp_path):
    loaded = _run(SCRIPT, tmp_path)
    assert loaded == {"torch": False, "pandas": False, "numpy": False, "pyqtgraph": False}


WARM_UP = """
import json, sys, time
from dlstudio.ui.app import create_app
app = create_app([])
from dlstudio.ui.main_window import MainWindow
window = MainWindow(defer_steps=True)
window.show()
app.processEvents()
before = {name: name in sys.modules for name in ("torch", "pandas", "pyqtgraph")}
window.warm_up().join(120)
after = {name: name in sys.modules for name in ("torch", "pandas", "pyqtgraph")}
end = time.monotonic() + 30
while (window._train_panel is None or window._train_panel.plots is None) and time.monotonic() < end:
    app.processEvents()  # the steps, then the Train step's plots a part per turn, with no visit
    time.sleep(0.005)
prebuilt = window.train_panel.plots is not None and window.stack.currentIndex() == 0
window.go_to(2)
app.processEvents()
print(json.dumps({"before": before, "after": after, "prebuilt": prebuilt,
                  "shown": window.train_panel.plot_stack.currentWidget() is window.train_panel.plots,
                  "drawn": not window.grab().isNull()}))
window.close()
"""


def test_the_heavy_libraries_are_imported_in_the_background_then_the_plots_are_built(tmp_path):
    """pandas, torch and pyqtgraph are imported off the GUI thread after the window shows (each would
    stall it for 0.25-0.8 s where first used); then the Train step's plots are made on the GUI thread
    before anyone visits the step (in one go they stalled its first visit ~100 ms)."""
    seen = _run(WARM_UP, tmp_path)
    assert seen == {"before": {"torch": False, "pandas": False, "pyqtgraph": False},
                    "after": {"torch": True, "pandas": True, "pyqtgraph": True}, "prebuilt": True,
                    "shown": True, "drawn": True}
