"""One family of errors: every message names the thing (file, column, row, layer) and what to do."""
from __future__ import annotations

EDITED_MODEL_HINT = "The model file was edited or damaged; save the model again."


class DLStudioError(Exception):
    """An error a person can act on. ``str(err)`` is the full sentence shown to them."""

    kind = "Error"

    def __init__(self, message: str, *, hint: str | None = None, details: list[str] | None = None):
        self.message = message
        self.hint = hint
        self.details = list(details or [])
        super().__init__(self.text)

    @property
    def text(self) -> str:
        parts = [self.message]
        if self.details:
            parts.append("\n".join(f"  • {d}" for d in self.details))
        if self.hint:
            parts.append(self.hint)
        return "\n".join(parts)


class DataError(DLStudioError):
    """The CSV or the data choices cannot be used."""

    kind = "Data problem"


class SpecError(DLStudioError):
    """The layer stack, the task or a setting does not fit."""

    kind = "Model problem"


class ParamsError(DLStudioError):
    """A parameter (.pkl) or model (.json) file is unsafe, corrupt or from another model."""

    kind = "File problem"


class TrainingError(DLStudioError):
    """Training could not start or had to stop."""

    kind = "Training problem"


class Cancelled(DLStudioError):
    """The person cancelled a long operation; nothing was changed."""

    kind = "Cancelled"
