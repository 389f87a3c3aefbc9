"""The Simplified Chinese translation: complete, faithful to its placeholders, compiled, and switchable.

The .ts is checked as a translator's work: no message left unfinished or empty, every %s / %d / %1,
HTML tag, keyboard accelerator, trailing "…" and arrow kept. The window is checked as a person sees
it: View ▸ Language ▸ 简体中文 rebuilds it in Chinese, keeps the loaded data and the choices, and
the choice is remembered for the next start.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from dlstudio.core.errors import DataError
from dlstudio.ui import i18n
from dlstudio.ui.settings import Settings
from tests.ui.helpers import load_csv, screenshot

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "dlstudio_zh_CN.ts"
QM = ROOT / "resources" / "i18n" / "dlstudio_zh_CN.qm"
BIN = Path(sys.executable).parent

# %s %d %g %5.2f %(name)s %% (Python) · %1 %n (Qt) · {name} (str.format)
PYTHON_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
QT_SPEC = re.compile(r"%(?:L?\d+|n)")
BRACES = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
ACCELERATOR = re.compile(r"(?<!&)&([^&\s])")


def messages():
    """(context, source, [translations], translation element) for every message of the .ts."""
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            element = message.find("translation")
            forms = [f.text or "" for f in element.iter("numerusform")] if message.get("numerus") == "yes" \
                else [element.text or ""]
            out.append((name, message.findtext("source") or "", forms, element))
    return out


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if not found:
            pytest.skip(f"{name} is not installed (it comes with PySide6-Essentials)")
        path = Path(found)
    return path


# --- the .ts itself ---------------------------------------------------------------------------------------
def test_every_message_is_translated():
    msgs = messages()
    assert len(msgs) > 400  # the whole GUI, not a stub
    unfinished = [(c, s) for c, s, forms, el in msgs
                  if el.get("type") in ("unfinished", "obsolete", "vanished") or not all(f.strip() for f in forms)]
    assert not unfinished, (f"{len(unfinished)} message(s) have no Chinese yet (translate them in {TS.name}, then "
                            f"run `make i18n`): {unfinished[:10]}")


def test_translations_keep_placeholders_markup_and_accelerators():
    bad = []
    for context, source, forms, _el in messages():
        for text in forms:
            problems = []
            # Python %-formatting fills by position: the same specifiers in the same order
            if PYTHON_SPEC.findall(source) != PYTHON_SPEC.findall(text):
                problems.append("%-placeholders")
            if Counter(QT_SPEC.findall(source)) != Counter(QT_SPEC.findall(text)):
                problems.append("%1/%n placeholders")
            if Counter(BRACES.findall(source)) != Counter(BRACES.findall(text)):
                problems.append("{} fields")
            if Counter(t.lower() for t in TAG.findall(source)) != Counter(t.lower() for t in TAG.findall(text)):
                problems.append("HTML tags")
            keys = [k.lower() for k in ACCELERATOR.findall(source)]
            if keys and [k.lower() for k in ACCELERATOR.findall(text)] != keys:
                problems.append("accelerator (write 文件(&F) for &File)")
            if not keys and ACCELERATOR.findall(text):
                problems.append("an accelerator the English has not")
            if source.rstrip().endswith("…") != text.rstrip().endswith("…"):
                problems.append("trailing …")
            if source.count("→") != text.count("→"):
                problems.append("→")
            if problems:
                bad.append(f"[{context}] {source!r} → {text!r}: {', '.join(problems)}")
    assert not bad, "\n".join(bad)


def test_the_ts_lists_every_translatable_string_of_the_gui(tmp_path):
    """What `make i18n` would extract now is what the .ts holds: no tr() string was added unseen."""
    lupdate = tool("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = [ROOT / "dlstudio" / "resources.py"] + sorted((ROOT / "dlstudio" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), "-no-obsolete", *map(str, sources), "-ts", str(fresh)], check=True,
                   capture_output=True, timeout=120)
    now = {(c.findtext("name"), m.findtext("source"))
           for c in ET.parse(fresh).getroot().iter("context") for m in c.iter("message")}
    shipped = {(c, s) for c, s, _forms, _el in messages()}
    assert now - shipped == set(), "new strings: run `make i18n` and translate them in the .ts"
    assert shipped - now == set(), "strings no longer in the code: run `make i18n`"
    assert ("", "") not in now and not any(c == "" for c, _s in now), \
        "a tr() outside a class, or an alias of translate(): lupdate files it under no context"


def test_the_compiled_qm_is_up_to_date_with_the_ts(tmp_path):
    lrelease = tool("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    done = subprocess.run([str(lrelease), str(TS), "-qm", str(fresh)], check=True, capture_output=True,
                          text=True, timeout=120)
    assert "0 unfinished" in done.stdout, done.stdout
    assert fresh.read_bytes() == QM.read_bytes(), "resources/i18n/dlstudio_zh_CN.qm is stale: run `make i18n`"


# --- the running app --------------------------------------------------------------------------------------
def language_action(window, code: str):
    """The View ▸ Language entry a person clicks (found through the menus, as they are now)."""
    for top in window.menuBar().actions():
        for entry in top.menu().actions() if top.menu() else []:
            if entry.menu() is not None:
                for act in entry.menu().actions():
                    if act.objectName() == f"lang_{code}":
                        return act
    raise AssertionError(f"no lang_{code} action under the menus")


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def step_titles(window) -> list[str]:
    return [window.steps.item(i).text() for i in range(window.steps.count())]


def test_install_loads_ours_and_qts_own_translations(english_after, qapp):
    assert i18n.install(qapp, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("Samples", "Iris (3 flower species)") == "鸢尾花（3 个品种）"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialog buttons
    assert i18n.install(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_switching_to_chinese_rebuilds_the_window_and_keeps_data_and_choices(qtbot, window, iris_csv,
                                                                             english_after):
    load_csv(qtbot, window, iris_csv)
    panel = window.data_panel
    prep = panel.preparation
    prep.standardize.setCurrentIndex(prep.standardize.findData("minmax"))
    prep.val_split.setValue(30)
    panel.columns_model.set_role("sepal_width_cm", "ignored")
    window.state.update_train_config(batch_size=16)
    config = window.state.data_config
    assert menu_titles(window)[0] == "&File" and step_titles(window)[0] == "1  Data"

    language_action(window, "zh_CN").trigger()
    assert menu_titles(window) == ["文件(&F)", "训练(&T)", "视图(&V)", "帮助(&H)"]
    assert step_titles(window) == ["1  数据", "2  模型", "3  训练", "4  结果"]
    assert language_action(window, "zh_CN").isChecked() and not language_action(window, "en").isChecked()
    panel = window.data_panel
    assert panel.open_other.text() == "打开其他 CSV…"
    assert panel.next_button.text() == "下一步：搭建模型 →"
    assert panel.preparation.title() == "预处理"
    assert "3 个特征 · 1 个标签 · 1 个忽略" == panel.roles_summary.text()
    assert "105 行用于训练，45 行用于验证" in panel.shape_box.note.text()
    assert window.status_task.text() == "任务：多分类"
    assert "中有 3 个文本值" in panel.task_box.detected.text()  # the core's reason, translated
    assert "text values" not in panel.task_box.detected.text()
    # the data and every choice survive the rebuild
    assert window.state.table.name == "iris.csv" and window.windowTitle() == "DL Studio — iris.csv"
    assert window.state.data_config == config and window.state.train_config.batch_size == 16
    assert panel.preparation.standardize.currentData() == "minmax" and panel.preparation.val_split.value() == 30
    assert panel.columns_model.role(1) == "ignored"
    assert panel.columns_model.data(panel.columns_model.index(1, 2)) == "忽略"
    assert window.data_panel.pages.currentIndex() == 1  # the loaded page, not the drop zone
    assert Settings(QSettings()).language() == "zh_CN"

    # what it looks like (looked at by a person: screenshots/i18n_zh_*.png)
    window.resize(1280, 820)
    qtbot.wait(50)
    screenshot(window, "i18n_zh_data")
    window.go_to(1)
    qtbot.wait(50)
    assert window.model_panel.next_button.text() == "下一步：训练 →"
    screenshot(window, "i18n_zh_model")

    language_action(window, "en").trigger()
    assert menu_titles(window)[0] == "&File" and step_titles(window)[0] == "1  Data"
    assert window.current_step() == 1  # the step shown stays
    assert window.data_panel.open_other.text() == "Open another CSV…"
    assert window.state.data_config == config and window.state.table.name == "iris.csv"
    assert Settings(QSettings()).language() == "en"


def test_the_saved_language_is_used_at_the_next_start(qtbot, window, english_after):
    language_action(window, "zh_CN").trigger()
    window.close()
    i18n.install(QApplication.instance(), "en")  # a new process starts without translators

    from dlstudio.ui.main_window import MainWindow
    settings = Settings(QSettings())
    saved = settings.language()
    assert saved == "zh_CN"
    i18n.install(QApplication.instance(), saved)  # what app.main() does
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert menu_titles(again)[0] == "文件(&F)"
    assert language_action(again, "zh_CN").isChecked()
    # the sample data titles (QT_TRANSLATE_NOOP in dlstudio/resources.py) on the empty Data step and in the menu
    assert [b.text() for b in again.data_panel.empty_page.sample_buttons] == ["鸢尾花（3 个品种）", "糖尿病（病情进展）"]
    assert again.data_panel.empty_page.drop_zone.title.text() == "把 CSV 文件拖到这里，或点击打开"
    file_menu = again.menuBar().actions()[0].menu()
    samples = next(a.menu() for a in file_menu.actions() if a.menu() and a.text() == "打开示例数据(&M)")
    assert [a.text() for a in samples.actions()] == ["鸢尾花（3 个品种）", "糖尿病（病情进展）"]
    # a core error keeps its English sentence, under a translated heading
    again.show_error(DataError("Something is wrong."))
    assert again.banner.text().startswith("数据问题:")
    again.close()


def test_rebuilding_leaves_no_stale_menus_or_actions(qtbot, window, english_after):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QAction

    def own_actions():
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete.value)
        return len(window.findChildren(QAction, options=Qt.FindDirectChildrenOnly))

    before = own_actions()
    for code in ("zh_CN", "en", "zh_CN", "en"):
        language_action(window, code).trigger()
    assert own_actions() == before


@pytest.mark.parametrize("name, expected", [("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("zh_HK", "zh_CN"),
                                            ("zh_SG", "zh_CN"), ("en_US", "en"), ("de_DE", "en"), ("ja_JP", "en"),
                                            ("C", "en")])
def test_the_system_locale_picks_the_language(monkeypatch, name, expected):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(name)))
    assert i18n.system_language() == expected


def test_a_language_the_app_does_not_ship_leaves_it_in_english(english_after, qapp):
    assert i18n.install(qapp, "zh_CN")
    assert not i18n.install(qapp, "fr_FR")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_a_file_opened_after_a_language_switch_raises_nothing(qtbot, window, iris_csv, diabetes_csv,
                                                              english_after):
    """A lambda kept the Train step a switch replaced: every later file's arrival put 'Internal C++ object
    (TrainPanel) already deleted' in the banner"""
    load_csv(qtbot, window, iris_csv)
    language_action(window, "zh_CN").trigger()
    language_action(window, "en").trigger()
    load_csv(qtbot, window, diabetes_csv)
    qtbot.wait(700)  # (past the training process's start, half a second after the file arrives)
    assert window.banner.text() == "" and window.state.table.name == "diabetes.csv"


def test_the_layer_edits_can_be_undone_after_a_language_switch(qtbot, window, iris_csv, english_after):
    """(the switch builds a new Model step, and its undo history started empty: the edits were lost)"""
    from dlstudio.core.spec import PRESETS
    from tests.ui.test_model_panel import click
    load_csv(qtbot, window, iris_csv)
    window.go_to(1)
    before = window.state.spec.to_dict()
    click(qtbot, window.model_panel.preset_buttons["Linear model"])
    assert window.state.spec.to_dict() == PRESETS["Linear model"].to_dict()

    language_action(window, "zh_CN").trigger()
    stack = window.model_panel.stack
    undo = stack.tool_buttons["undo"]
    assert undo.isEnabled() and "Linear model" in undo.toolTip() and undo.toolTip().startswith("撤销")
    click(qtbot, undo)
    assert window.state.spec.to_dict() == before
    assert not stack.tool_buttons["undo"].isEnabled() and stack.tool_buttons["redo"].isEnabled()
    assert len(stack.rows) == len(before["layers"])  # the new editor drew the stack undone

    language_action(window, "en").trigger()  # the editor the first switch made is gone: nothing calls into it
    window.model_panel.stack.tool_buttons["redo"].click()
    assert window.state.spec.to_dict() == PRESETS["Linear model"].to_dict()
    assert window.model_panel.stack.tool_buttons["undo"].toolTip().startswith("Undo")
