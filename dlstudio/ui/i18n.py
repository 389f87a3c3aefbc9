"""Translations: English in the source, Simplified Chinese from resources/i18n, Qt's own dialogs too."""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..resources import resource

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_installed: list[QTranslator] = []


def system_language() -> str:
    name = QLocale.system().name()  # e.g. "zh_CN", "en_US"
    return "zh_CN" if name.startswith("zh") else "en"


def qm_path(code: str):
    return resource("i18n", f"dlstudio_{code}.qm")


def install(app: QApplication, code: str) -> bool:
    """Replace the installed translators with those for ``code``; True when a file was found.

    English is the source language (no translator). A code this app does not ship (an old or
    hand-edited setting) leaves the app in English rather than half-translated by Qt's own files.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code == "en":
        return True
    if code not in LANGUAGES:
        return False
    found = False
    ours = QTranslator(app)
    if ours.load(str(qm_path(code))):
        app.installTranslator(ours)
        _installed.append(ours)
        found = True
    qt = QTranslator(app)
    if qt.load(QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return found
