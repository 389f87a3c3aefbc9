"""Typed access to QSettings: recent files, last folders, geometry, splitters, language."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    def __init__(self, settings: QSettings | None = None):
        self.q = settings or QSettings()

    # recent files ------------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.q.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if Path(v).exists()]

    def add_recent_file(self, path: str) -> list[str]:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files() if f != path]
        self.q.setValue("recent/files", files[:MAX_RECENT])
        self.set_last_folder("data", str(Path(path).parent))
        return files[:MAX_RECENT]

    def clear_recent_files(self) -> None:
        self.q.setValue("recent/files", [])

    # folders ---------------------------------------------------------------------------------------------
    def last_folder(self, kind: str) -> str:
        return str(self.q.value(f"folders/{kind}", "") or "")

    def set_last_folder(self, kind: str, folder: str) -> None:
        self.q.setValue(f"folders/{kind}", folder)

    # window ------------------------------------------------------------------------------------------
    def bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.q.setValue(key, value)

    # language ------------------------------------------------------------------------------------------
    def language(self) -> str:
        return str(self.q.value("ui/language", "") or "")

    def set_language(self, code: str) -> None:
        self.q.setValue("ui/language", code)

    def sync(self) -> None:
        self.q.sync()
