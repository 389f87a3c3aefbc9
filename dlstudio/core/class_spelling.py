"""The classes of a label as the training file writes them. A label column the read turns into numbers
or true/false (`01`, `10`, `true`) gives classes 1, 10 and True; the predictions then read `1` and
`True` beside a label column exported as written (`01`, `true`), and a spreadsheet comparing the two
as text sees every row differ. So each class keeps the text of its first row in the file."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .task import REGRESSION, TaskInfo, class_key
from .written_cells import CsvSource, Misaligned, as_written

_CHUNK_ROWS = 20_000


def with_written_classes(task: TaskInfo, source: CsvSource | None, frame: pd.DataFrame) -> TaskInfo:
    """``task`` with ``written``: each class's text in the file ``frame`` was read from, when the label
    was read as numbers or true/false and one of them is written otherwise (01 for 1); else ``task``."""
    if task.kind == REGRESSION or source is None or not source.path or len(task.labels) != 1:
        return task
    label = task.labels[0]
    column = frame[label]
    if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
        return task  # text is kept as written
    wanted, found, start = {class_key(c) for c in task.classes}, {}, 0
    try:
        for chunk in as_written(source, _CHUNK_ROWS):
            if label not in chunk.columns:
                return task
            parsed = column.iloc[start:start + len(chunk)]
            start += len(chunk)
            for position in pd.Series(parsed.to_numpy()).drop_duplicates().index:
                key = class_key(parsed.iloc[position]) if pd.notna(parsed.iloc[position]) else None
                if key in wanted and key not in found:
                    found[key] = str(chunk[label].iloc[position]).strip()
            if len(found) == len(wanted):
                break
    except Misaligned:
        return task
    written = tuple(found.get(c, str(c)) for c in task.classes)
    if written == tuple(str(c) for c in task.classes) or len(set(written)) < len(written):
        return task  # as pandas writes them already, or two spellings for one class
    return replace(task, written=written)
