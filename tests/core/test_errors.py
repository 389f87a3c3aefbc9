"""One family of errors whose text a person can act on (issue 2 §9)."""
from __future__ import annotations

import pytest

from dlstudio.core.errors import Cancelled, DataError, DLStudioError, ParamsError, SpecError, TrainingError


@pytest.mark.parametrize("kind", [DataError, SpecError, ParamsError, TrainingError, Cancelled])
def test_every_kind_belongs_to_the_family_and_has_a_title(kind):
    assert issubclass(kind, DLStudioError) and issubclass(kind, Exception)
    assert kind.kind and kind.kind != DLStudioError.kind


def test_text_holds_the_message_the_details_and_what_to_do():
    err = DataError("data.csv has 2 problems.", details=["line 3: too many fields", "column 'x': text"],
                    hint="Fix those lines and open the file again.")
    assert str(err) == err.text == ("data.csv has 2 problems.\n  • line 3: too many fields\n"
                                    "  • column 'x': text\nFix those lines and open the file again.")
    assert (err.message, err.details, err.hint) == ("data.csv has 2 problems.",
                                                    ["line 3: too many fields", "column 'x': text"],
                                                    "Fix those lines and open the file again.")
    assert str(SpecError("Only this.")) == "Only this."
