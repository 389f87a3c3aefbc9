"""The core's most seen messages, made by the core itself, read in Chinese in the window: each pattern in
ui/core_words.py still matches what the core writes (a reworded message would go back to English)."""
from __future__ import annotations

import pandas as pd
import pytest
import torch
from torch import nn

from dlstudio.core.engine import Trainer
from dlstudio.core.spec import TrainConfig
from dlstudio.core.task import analyse_task
from dlstudio.ui import i18n
from dlstudio.ui.core_words import translated
from tests.core.engine_helpers import OnBatch


def _run_messages() -> list[str]:
    X, y = torch.randn(64, 3), torch.randn(64, 1)
    task = analyse_task(pd.DataFrame({"y": [0.5 * i for i in range(30)]}), ["y"])
    messages = []
    for early in (0, 1):
        trainer = Trainer(nn.Sequential(nn.Linear(3, 1)), nn.MSELoss(),
                          TrainConfig(epochs=3, batch_size=16, early_stopping=early, lr=1e-9, num_threads=1), task)
        messages.append(trainer.fit(X, y, X, y).message)
    stopping = OnBatch(lambda trainer, event: event.step == 2 and trainer.request_stop())
    trainer = Trainer(nn.Sequential(nn.Linear(3, 1)), nn.MSELoss(), TrainConfig(epochs=3, batch_size=16, num_threads=1),
                      task, [stopping], batch_event_interval=0)
    messages.append(trainer.fit(X, y, X, y).message)  # Stop in the middle of an epoch
    return messages


def _task_words() -> list[str]:
    frames = {"regression": [0.5 * i for i in range(30)], "binary": ["no", "yes"] * 10, "multiclass": list("abc") * 10}
    words = []
    for values in frames.values():
        task = analyse_task(pd.DataFrame({"y": values}), ["y"])
        words += [task.output_reason, task.loss_reason]
    return words


def _data_words() -> list[str]:
    from dlstudio.core.batch_rules import batch_problem
    from dlstudio.core.preprocessor import impute_notice
    notices: list[str] = []
    impute_notice(3, notices)
    return [batch_problem(24, 64, batchnorm=False).text] + notices


@pytest.mark.parametrize("made", ["run", "task", "data"])
def test_the_cores_messages_read_in_chinese_and_stay_english_otherwise(qapp, english_after, made):
    messages = {"run": _run_messages, "task": _task_words, "data": _data_words}[made]()
    assert [translated(m) for m in messages] == messages  # English: as the core wrote them
    assert i18n.install(qapp, "zh_CN")
    for message in messages:
        shown = translated(message)
        assert shown != message and not any(word in shown for word in (
            "epoch(s)", " is kept", "output for", "outputs for", "inside the loss", "batch size", "training mean",
            "training split")), shown


def _read_words(folder) -> list[str]:
    """The Data step's notices of how files were read, from the core's own read and prepare."""
    from dlstudio.core.preprocessing import prepare
    from dlstudio.core.spec import DataConfig
    from dlstudio.core.table import read_csv
    files = {
        "semicolons.csv": "a;b;note;y\n1,5;1.234,5;;1\n2,5;2.345,5;;2\n3,5;3.456,5;;3\n",  # decimal commas, groups
        "tabs.csv": "a\tb\n1\t2\n3\t4\n",
        "pipes.csv": "a|b\n1|2\n3|4\n",
        "trailing.csv": "a,b\n1,2,\n3,4,\n",
        "one.csv": "a b c\n1 2 3\n4 5 6\n",
        "unnamed.csv": "a,b,\n1,2,\n3,4,\n5,6,\n",
    }
    notices = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        notices += read_csv(folder / name).notices
    frame = pd.DataFrame({"x": [1.0, None, 3.0, 4.0, 5.0, 6.0], "y": [1.0, 2.0, None, 4.0, 5.0, 6.0]})
    notices += prepare(frame, DataConfig(["x"], ["y"], missing="drop", val_split=0.0)).notices
    return notices


def test_the_reads_notices_read_in_chinese(qapp, english_after, tmp_path):
    notices = _read_words(tmp_path)
    expected = ("Decimal commas", "Thousands separators", "Delimiter detected: semicolon", "Delimiter detected: tab",
                "Delimiter detected: pipe", "one more (empty) field", "single column", "empty unnamed column",
                "hold no values", "with no label value", "with missing feature values")
    assert all(any(part in n for n in notices) for part in expected), notices  # the core still says each
    assert [translated(n) for n in notices] == notices
    assert i18n.install(qapp, "zh_CN")
    for notice in notices:
        shown = translated(notice)
        assert shown != notice and not any(part in shown for part in expected), shown


def _profile_words() -> list[str]:
    """Why columns are left out of the features, as the profile says it (the Data step's Note column)."""
    import numpy as np
    from dlstudio.core.profile import profile_frame
    n = 300
    frame = pd.DataFrame({
        "empty": [np.nan] * n, "const": [7] * n, "pct": [f"{i % 90}%" for i in range(n)],
        "mostly": [str(i) for i in range(n - 1)] + ["x"], "ids": [f"id{i}" for i in range(n)],
        "rows": np.arange(n), "texts": [f"t{i % 200}" for i in range(n)], "big": [1e39] + [1.0] * (n - 1),
        "dates": pd.date_range("2020-01-01", periods=n).strftime("%Y-%m-%d"),
    })
    reasons = [p.reason for p in profile_frame(frame)]
    assert all(reasons), reasons
    return reasons


def test_why_a_column_is_left_out_reads_in_chinese(qapp, english_after):
    reasons = _profile_words()
    assert [translated(r) for r in reasons] == reasons  # (12 for 12%: the % survives the template)
    assert i18n.install(qapp, "zh_CN")
    shown = [translated(r) for r in reasons]
    assert all(s != r and not any(w in s for w in ("every value", "only", "numbers", "different", "past", "dates"))
               for s, r in zip(shown, reasons)), shown
    assert "（12% 写作 12）" in shown[2] and "'x'（第 300 行数据）" in shown[3]
