"""The QApplication: organisation names for QSettings, translations, logging, the window."""
from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ..resources import icon_path
from . import i18n

log = logging.getLogger("dlstudio")


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("DL Studio")
    app.setOrganizationDomain("dlstudio.local")
    app.setApplicationName("DL Studio")
    app.setWindowIcon(QIcon(str(icon_path("app"))))
    # no application style sheet: it would slow every table's paint (the look is per widget: ui/look.py)
    return app


def setup_logging() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation) or Path.home() / ".dlstudio")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dlstudio.log"
    logging.basicConfig(filename=str(path), level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return path


def warm_up_imports() -> threading.Thread:
    """Import pandas (and the core's CSV reading), torch and pyqtgraph in the background after the
    window shows, in the order a person needs them (a file, a run, the Train step's plots). Imported
    where first used instead, each would stall the window: an import holds the GIL (pandas 0.25 s,
    pyqtgraph 0.3-0.8 s here), and the first run would wait for torch. Importing them creates no Qt
    objects; widgets are made on the GUI thread."""
    def imports() -> None:
        import pandas  # noqa: F401
        from ..core import column_facts, profile, table  # noqa: F401  (what the loader runs)
        import torch  # noqa: F401
        import pyqtgraph  # noqa: F401
    thread = threading.Thread(target=imports, name="import-warm-up", daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> int:
    app = create_app(argv)
    setup_logging()
    from .main_window import MainWindow
    from .settings import Settings
    language = Settings().language() or i18n.system_language()
    i18n.install(app, language)
    window = MainWindow(defer_steps=True)  # the other steps are built right after the first paint
    window.install_exception_hook()
    window.show()
    QTimer.singleShot(200, window.warm_up)
    return app.exec()
