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
