"""One family of errors: every message names the thing (file, column, row, layer) and what to do."""
from __future__ import annotations

EDITED_MODEL_HINT = "The model file was edited or damaged; save the model again."


class DLStudioError(Exception):
    """An error a person can act on. ``str(err)`` is the full sentence shown to them."""

    kind = "Error"

    def __init__(self, message: str, *, hint: str | None = None, details: list[str] | None = None,
                 row: int | None = None):
        """``row``: the data row (from 0, as pandas numbers a CSV's rows) that the message names as
        "data row {row + 1}", for ``file_lines.located`` to add its line in the file."""
        self.message = message
        self.hint = hint
        self.details = list(details or [])
        self.row = row
        super().__init__(self.text)

    def __reduce__(self):  # (pickled whole, from the training process: an Exception keeps its args only)
        return _rebuilt, (type(self), self.message, self.hint, self.details, self.row)

    @property
    def text(self) -> str:
        parts = [self.message]
        if self.details:
            parts.append("\n".join(f"  • {d}" for d in self.details))
        if self.hint:
            parts.append(self.hint)
        return "\n".join(parts)


def _rebuilt(kind, message, hint, details, row):
    return kind(message, hint=hint, details=details, row=row)


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
