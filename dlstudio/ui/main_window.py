"""The main window: four steps (Data → Model → Train → Results), menus, toolbar, drops, status bar."""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QApplication, QFileDialog, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QMessageBox, QProgressBar, QPushButton, QSplitter, QStackedWidget, QVBoxLayout,
                               QWidget)

from ..resources import samples
from . import i18n, look
from .actions import icon, make_action, white_when_selected
from .banner import Banner
from .close_prompt import ClosePrompt
from .drops import FileDrops
from .loader import CsvLoader
from .settings import Settings
from .state import AppState
from .step_panels import DATA, MODEL, RESULTS, TRAIN, StepPanels  # noqa: F401 (the step numbers, re-exported)

log = logging.getLogger(__name__)


class MainWindow(StepPanels, FileDrops, QMainWindow):
    confirm_close = True  # ask before a run or an unsaved model is given up (the window tests turn it off)

    def __init__(self, state: AppState | None = None, settings: Settings | None = None, *,
                 defer_steps: bool = False):
        """``defer_steps``: build the Model, Train and Results steps just after the window first shows
        (or when first needed), so the window appears ~0.2-0.3 s sooner; the app starts this way."""
        super().__init__()
        self._defer_steps = defer_steps
        self.state = state or AppState(self)
        self.settings = settings or Settings()
        self.loader = CsvLoader(self)
        self.loader.drawn_elsewhere = True  # (the Data step gives the full read its go-ahead once it has drawn the preview)
        self._shown_errors: set[str] = set()
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._build()
        self._connect_state()
        self._restore_window()

    # --- construction ---------------------------------------------------------------------------------
    def _build(self) -> None:
        from .panels.data_panel import DataPanel
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        look.steps_list(self.steps)
        self.steps.setMaximumWidth(190)
        self.steps.setMinimumWidth(150)  # never squeezed to a sliver by a wide panel
        self.steps.setIconSize(self.steps.iconSize() * 1.4)
        for title, icon_name in zip(self._step_titles(), ("data", "model", "train", "results")):
            self.steps.addItem(QListWidgetItem(white_when_selected(icon(icon_name)), title))
        self.stack = QStackedWidget()
        self.data_panel = DataPanel(self.state, self)
        self.data_panel.goToStep.connect(self.go_to)
        self.stack.addWidget(self.data_panel)
        self._model_panel = self._train_panel = self._results_panel = None
        self._steps_pending = self._defer_steps  # built once the window has painted (paintEvent)
        if self._defer_steps:
            self._defer_steps = False  # once: a rebuild (language switch) builds every step at once
        else:
            self._build_steps()
        self.steps.currentRowChanged.connect(self._show_step)
        self.steps.setCurrentRow(DATA)
        self.splitter.addWidget(self.steps)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([self.steps.maximumWidth(), 1000])  # no gap beside the capped step list
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._make_status_bar()
        if hasattr(self.data_panel, "openRequested"):
            self.data_panel.openRequested.connect(self.open_csv_dialog)
        if hasattr(self.data_panel, "sampleRequested"):
            self.data_panel.sampleRequested.connect(self.open_csv)
        if hasattr(self.data_panel, "encodingChosen"):  # the same file again, read in another encoding
            self.data_panel.encodingChosen.connect(lambda encoding: self.open_csv(self.state.table.path, encoding))
        self._update_title()
        self._update_status()
        self._update_actions()

    def _make_actions(self) -> None:
        a = make_action
        self.act_open = a(self, self.tr("&Open CSV…"), self.open_csv_dialog, icon_name="open",
                          shortcut=QKeySequence.Open, tip=self.tr("Open a CSV file to learn from"), name="open")
        self.act_save_params = a(self, self.tr("&Save Parameters…"), lambda: self.results_panel.save_parameters(),
                                 icon_name="save", shortcut=QKeySequence.Save, name="saveParams",
                                 tip=self.tr("Save the trained weights (params.pkl) and model.json beside them"))
        self.act_load_params = a(self, self.tr("&Load Parameters…"), lambda: self.results_panel.load_parameters(),
                                 icon_name="load", name="loadParams",
                                 tip=self.tr("Put saved weights (.pkl) onto the current layer stack"))
        self.act_save_model = a(self, self.tr("Save &Model…"), lambda: self.results_panel.save_model(),
                                icon_name="save", shortcut=QKeySequence("Ctrl+Shift+S"), name="saveModel",
                                tip=self.tr("Save model.json and params.pkl to a folder"))
        self.act_open_model = a(self, self.tr("Open Mo&del…"), lambda: self.results_panel.open_model(),
                                icon_name="model", shortcut=QKeySequence("Ctrl+Shift+O"), name="openModel",
                                tip=self.tr("Open a saved model.json with its parameters"))
        self.act_predict = a(self, self.tr("&Predict on CSV…"), lambda: self.results_panel.predict_csv(),
                             icon_name="predict", shortcut=QKeySequence("Ctrl+P"), name="predict",
                             tip=self.tr("Run the model on a new CSV and see its predictions"))
        self.act_quit = a(self, self.tr("&Quit"), self.close, icon_name="quit", shortcut=QKeySequence.Quit,
                          name="quit")
        self.act_start = a(self, self.tr("&Start Training"), self.start_training, icon_name="start",
                           shortcut=QKeySequence(Qt.Key_F5), name="start", tip=self.tr("Start training (F5)"))
        self.act_pause = a(self, self.tr("&Pause"), lambda: self.train_panel.toggle_pause(), icon_name="pause",
                           shortcut=QKeySequence(Qt.Key_F6), name="pause", tip=self.tr("Pause or resume training (F6)"))
        self.act_stop = a(self, self.tr("S&top"), lambda: self.train_panel.stop(), icon_name="stop",
                          shortcut=QKeySequence(Qt.Key_Escape), name="stop",
                          tip=self.tr("Stop training; the model keeps what it learned so far (Esc)"))
        self.act_about = a(self, self.tr("&About DL Studio"), self.show_about, icon_name="about", name="about")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        sample_menu = file_menu.addMenu(icon("sample"), self.tr("Open Sa&mple Data"))
        for title, path in samples().items():
            sample_menu.addAction(make_action(self, QCoreApplication.translate("Samples", title),
                                              lambda p=path: self.open_csv(p), icon_name="sample"))
        file_menu.addSeparator()
        for act in (self.act_save_params, self.act_load_params, self.act_save_model, self.act_open_model):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.act_predict)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        train_menu = bar.addMenu(self.tr("&Train"))
        for act in (self.act_start, self.act_pause, self.act_stop):
            train_menu.addAction(act)
        view_menu = bar.addMenu(self.tr("&View"))
        for step, title in enumerate(self._step_titles()):  # Ctrl+1 … Ctrl+4: the steps without the mouse
            view_menu.addAction(make_action(self, title.replace("  ", " "), lambda s=step: self.go_to(s),
                                            shortcut=QKeySequence(f"Ctrl+{step + 1}"), name=f"step{step + 1}"))
        view_menu.addSeparator()
        lang_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = self.settings.language() or i18n.system_language()
        for code, name in i18n.LANGUAGES.items():
            act = make_action(self, name, lambda c=code: self.set_language(c), checkable=True, name=f"lang_{code}")
            act.setChecked(code == current)
            group.addAction(act)
            lang_menu.addAction(act)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_about)

    def _make_toolbar(self) -> None:
        self.toolbar = self.addToolBar(self.tr("Main"))
        self.toolbar.setObjectName("mainToolbar")
        look.toolbar(self.toolbar)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for act in (self.act_open, self.act_open_model, self.act_save_params, None, self.act_start,
                    self.act_pause, self.act_stop, None, self.act_predict):
            self.toolbar.addSeparator() if act is None else self.toolbar.addAction(act)

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_shape = QLabel()
        self.status_task = QLabel()
        self.status_device = QLabel()
        self.status_activity = QLabel()
        self.load_progress = QProgressBar()
        self.load_progress.setMaximumWidth(160)
        self.load_progress.setRange(0, 100)
        self.load_cancel = QPushButton(self.tr("Cancel"))
        self.load_cancel.clicked.connect(self.loader.cancel)
        for w in (self.status_activity, self.load_progress, self.load_cancel, self.status_shape,
                  self.status_task, self.status_device):
            bar.addPermanentWidget(w)
        self.load_progress.hide()
        self.load_cancel.hide()

    def _connect_state(self) -> None:
        s = self.state
        for sig in (s.tableChanged, s.dataConfigChanged, s.taskChanged, s.trainConfigChanged, s.bundleChanged):
            sig.connect(self._update_status)
        s.tableChanged.connect(self._update_title)
        s.bundleChanged.connect(self._update_title)
        for sig in (s.tableChanged, s.taskChanged, s.bundleChanged, s.specChanged):
            sig.connect(self._update_actions)
        s.runningChanged.connect(lambda _running: self._update_actions())
        s.runningChanged.connect(lambda _running: self._update_status())
        s.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        s.error.connect(self.show_error)
        self.loader.preview.connect(self._on_preview)
        self.loader.progress.connect(self.load_progress.setValue)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_load_failed)
        self.loader.cancelled.connect(lambda: self.statusBar().showMessage(
            self.tr("Loading cancelled; nothing was changed."), 8000))
        self.loader.busyChanged.connect(self._on_loader_busy)

    # --- steps ---------------------------------------------------------------------------------------
    def _step_titles(self) -> list[str]:
        return [self.tr("1  Data"), self.tr("2  Model"), self.tr("3  Train"), self.tr("4  Results")]

    @Slot(int)
    def go_to(self, step: int) -> None:
        self.steps.setCurrentRow(step)

    def current_step(self) -> int:
        return self.stack.currentIndex()

    def start_training(self) -> None:
        """F5 or the toolbar's Start, from any step: the run is watched on the Train step (on the Data or
        Model step it only greyed every control, with 'Training…' in the status bar)."""
        if self.train_panel.start():
            self.go_to(TRAIN)

    # --- opening files -------------------------------------------------------------------------------
    def open_csv_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open CSV"), self.settings.last_folder("data"),
                                              self.tr("Data files (*.csv *.tsv *.txt);;All files (*)"))
        if path:
            self.open_csv(path)

    def open_csv(self, path, encoding: str | None = None) -> bool:
        """Start loading ``path`` in the background (``encoding``: as the person chose it, else
        detected); the current data stays until it succeeds."""
        if self.state.running:
            self.statusBar().showMessage(self.tr("Stop training before opening other data."), 8000)
            return False
        self.banner.dismiss_error()
        self._loading_path = str(path)
        self.status_activity.setText(self.tr("Loading %s…") % Path(path).name)
        self.loader.load(str(path), encoding)
        return True

    @Slot(object)
    def _on_preview(self, table) -> None:
        if hasattr(self.data_panel, "show_preview") and self.state.table is None:
            self.data_panel.show_preview(table)
            if self.data_panel.isVisible():  # the full read waits for the rows to be drawn
                self.data_panel.when_preview_drawn(self.loader.preview_drawn)
                return
        self.loader.preview_drawn()

    @Slot(object, object, object)
    def _on_loaded(self, table, profiles, facts) -> None:
        self.state.set_table(table, profiles, facts)
        self.settings.add_recent_file(table.path)
        self.status_activity.setText("")
        self.go_to(DATA)
        msg = self.tr("Loaded %s: %d rows × %d columns") % (table.name, table.frame.shape[0], table.frame.shape[1])
        self.statusBar().showMessage(msg, 8000)
        if table.notices and not hasattr(self.data_panel, "notices"):  # the Data step shows them itself
            self.banner.show_message("<br>".join(table.notices), "info")

    @Slot(object)
    def _on_load_failed(self, error) -> None:
        self.status_activity.setText("")
        self.show_error(error)
        if hasattr(self.data_panel, "show_preview") and self.state.table is not None:
            self.data_panel.show_preview(None)  # back to the data that is still loaded

    @Slot(bool)
    def _on_loader_busy(self, busy: bool) -> None:
        self.load_progress.setVisible(busy)
        self.load_cancel.setVisible(busy)
        self.load_progress.setValue(0)
        if not busy:
            self.status_activity.setText(self.tr("Training…") if self.state.running else "")
        if self._train_panel is not None:  # (Start waits for a file being opened)
            self._train_panel.refresh()
        self._update_actions()

    def _clear_recent_files(self) -> None:
        self.settings.clear_recent_files()
        if hasattr(self.data_panel, "empty_page"):  # (the start page offered them too)
            self.data_panel.empty_page.forget_recent()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for path in files:
            self.recent_menu.addAction(make_action(self.recent_menu, Path(path).name,  # clear() deletes them
                                                   lambda p=path: self.open_csv(p), tip=path))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(make_action(self.recent_menu, self.tr("Clear Recent Files"),
                                                   self._clear_recent_files))
        else:
            empty = self.recent_menu.addAction(self.tr("(none yet)"))
            empty.setEnabled(False)

    # --- status, title, actions ----------------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.state.table.name if self.state.table is not None else (
            self.state.bundle.source if self.state.bundle is not None else "")
        self.setWindowTitle(f"DL Studio — {name}" if name else "DL Studio")

    def _update_status(self) -> None:
        shapes = self.state.planned_shapes()
        self.status_shape.setText(shapes.text if shapes else self.tr("No data"))
        task = self.state.current_task
        kinds = {"regression": self.tr("regression"), "binary": self.tr("binary"), "multiclass": self.tr("multiclass")}
        self.status_task.setText(self.tr("Task: %s") % kinds.get(task.kind, task.kind) if task
                                 else self.tr("Task: –"))
        self.status_device.setText(self.tr("Device: %s") % self.state.train_config.device)
        if self.state.running:
            self.status_activity.setText(self.tr("Training…"))
        elif not self.loader.busy:
            self.status_activity.setText("")

    def _update_actions(self) -> None:
        running = self.state.running
        has_model = self.state.bundle is not None
        tp = self._train_panel  # None until the steps are built: nothing to start yet
        self.act_open.setEnabled(not running)
        self.act_open_model.setEnabled(not running)
        self.act_load_params.setEnabled(not running)
        self.act_save_params.setEnabled(has_model and not running)
        self.act_save_model.setEnabled(has_model and not running)
        self.act_predict.setEnabled(has_model and not running)
        self.act_start.setEnabled(not running and tp is not None and tp.can_start())
        self.act_pause.setEnabled(running)
        paused = running and tp is not None and tp.is_paused()
        self.act_pause.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
        self.act_stop.setEnabled(running)

    # --- errors -------------------------------------------------------------------------------------
    @Slot(object)
    def show_error(self, error: BaseException) -> None:
        self.banner.show_error(error)

    def install_exception_hook(self) -> None:
        """An unexpected exception is logged with its traceback and shown once, not as a crash."""
        def hook(exc_type, exc, tb):
            log.error("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
            key = f"{exc_type.__name__}: {exc}"
            if key not in self._shown_errors:
                self._shown_errors.add(key)
                self.show_error(exc)
        sys.excepthook = hook

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About DL Studio"), self.tr(
            "<h3>DL Studio</h3><p>Teach a neural network from a CSV file and see every step: data in "
            "batches, a loss chosen by the task, layers whose output shape fits the labels, and an optimizer "
            "doing gradient descent.</p><p>Built on PyTorch, Qt (PySide6), pyqtgraph and pandas.</p>"))

    # --- language -----------------------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        if self.state.running:
            self.statusBar().showMessage(self.tr("Change the language after training ends."), 8000)
            return
        self.settings.set_language(code)
        i18n.install(QApplication.instance(), code)
        self.rebuild()

    def rebuild(self) -> None:
        """Recreate menus and panels in the current language; all state lives in AppState and survives."""
        step = self.current_step()
        splitter_state = self.splitter.saveState()
        # the old menus and the window's own actions (those of the old language) go, not only their entries
        stale = [a.menu() for a in self.menuBar().actions() if a.menu() is not None]
        stale += self.findChildren(QAction, options=Qt.FindDirectChildrenOnly)
        stale += self.findChildren(QActionGroup, options=Qt.FindDirectChildrenOnly)
        self.menuBar().clear()
        for obj in stale:
            obj.deleteLater()
        self.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        for w in (self.status_shape, self.status_task, self.status_device, self.status_activity,
                  self.load_progress, self.load_cancel):
            self.statusBar().removeWidget(w)
            w.deleteLater()
        old = self.takeCentralWidget()
        old.deleteLater()
        self._build()
        self.splitter.restoreState(splitter_state)
        self.go_to(step)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:
            pass  # rebuild() handles it: every string is created again through tr()

    # --- geometry and shutdown ------------------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry = self.settings.bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        window_state = self.settings.bytes("window/state")
        if window_state is not None:
            self.restoreState(window_state)
        splitter = self.settings.bytes("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:
        """Stop training and loading, wait for their threads, then save the window's settings; first,
        a run going on or a model not saved is the person's to give up."""
        if self.confirm_close and not ClosePrompt(self).allows():
            event.ignore()
            return
        for panel in (self._train_panel, self._results_panel):
            if panel is not None and hasattr(panel, "shutdown"):
                panel.shutdown()
        self.loader.cancel_and_wait()
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        self.settings.set_bytes("window/state", self.saveState())
        self.settings.set_bytes("window/splitter", self.splitter.saveState())
        self.settings.sync()
        event.accept()
