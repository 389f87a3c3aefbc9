"""What the window knows of the batches before training (issue 4 §5): its bound on the training rows is
the split's own count, so Start is never refused for a batch the run would take."""
from __future__ import annotations

import numpy as np
import pytest

from dlstudio.core.batch_rules import batch_problem, most_training_rows
from dlstudio.core.preprocessing import split_indices


@pytest.mark.parametrize("counts, val_split", [((5, 5), 0.5), ((50, 50, 50), 0.33), ((3, 97), 0.2),
                                               ((7, 11, 2, 30), 0.25), ((1000,), 0.1), ((40, 2), 0.9)])
def test_the_bound_is_the_stratified_splits_own_count(counts, val_split):
    strata = np.repeat(np.arange(len(counts)), counts)
    train, _ = split_indices(len(strata), val_split, 0, strata)
    planned = len(strata) - int(round(len(strata) * val_split))
    assert most_training_rows(planned, counts, val_split) == max(planned, len(train))
    assert most_training_rows(planned, counts, val_split) >= len(train)


def test_two_classes_of_five_split_in_half_leave_six_rows_not_five():
    assert most_training_rows(5, (5, 5), 0.5) == 6  # (a batch of 6 was refused, and trained)
    assert batch_problem(6, 6, batchnorm=False) is None
    assert "fewer than one batch of 7" in batch_problem(6, 7, batchnorm=False).message
    assert most_training_rows(80, (), 0.2) == 80  # regression: rounded once, as planned
