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


def test_the_window_shows_without_loading_the_heavy_libraries(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path),
               PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == {"torch": False, "pandas": False, "numpy": False, "pyqtgraph": False}
