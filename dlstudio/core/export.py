"""A frame (the predictions) to a CSV file, a few thousand rows at a time: off the GUI thread it
reports progress and stops on Cancel between chunks, and the file is replaced atomically, so a
cancelled or failed export leaves the previous file as it was. The bytes are pandas' ``to_csv``'s;
the fields are formatted by ``csv_fields`` where it can: 1M rows × 25 columns in 11 s here, against
23 s for pandas' own. Given the file the frame was read from, the person's own columns are written
as that file writes them (``written_cells``: 13.6 s for the same 1M rows, 14.9 s parsed)."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from .atomic import write_atomic
from .csv_fields import body
from .errors import Cancelled, DataError
from .read_progress import CancelCheck, Progress
from .written_cells import CsvSource, Misaligned, as_written, with_written

CHUNK_ROWS = 20_000  # ~0.3 s of formatting here: Cancel answers within that


MODEL_SUFFIXES = (".json", ".pkl", ".pt", ".pth")


def refuse_to_replace(output: str | os.PathLike, inputs: dict) -> None:
    """Predictions written over a file they come from (``inputs``: what it is → its path, the CSV and
    the model's files) would replace it, and a model's name (.json, .pkl) is no name for a table."""
    for what, path in inputs.items():
        if path and os.path.exists(output) and os.path.exists(path) and os.path.samefile(output, path):
            raise DataError(f"{output} is {what}: the predictions would replace it.",
                            hint="Choose another file name for the predictions.")
    if Path(output).suffix.lower() in MODEL_SUFFIXES:
        raise DataError(f"{Path(output).name} is named as a model file; the predictions are a CSV table.",
                        hint="Choose a name ending in .csv.")


def write_csv(frame: pd.DataFrame, path: str | os.PathLike, *, encoding: str = "utf-8-sig",
              progress: Progress | None = None, cancel: CancelCheck | None = None,
              written: tuple[CsvSource, list[str]] | None = None) -> str | None:
    """The bytes of ``frame.to_csv(path, index=False, encoding=encoding)``, written in chunks.
    UTF-8 with a BOM by default: spreadsheet programs then read non-ASCII headers and classes right.
    ``written``: (the file ``frame`` was read from, the columns to write as that file writes them);
    returns a notice when that file no longer stands for ``frame`` and the parsed values were written.
    A file whose numbers have decimal commas (5,8) is answered in its own convention: its delimiter,
    and decimal commas in the predictions too, so that the file holds one convention."""
    fell_back = []
    source = written[0] if written else None
    style = (source.delimiter, ",") if source is not None and source.decimal == "," else (",", ".")

    def write(f) -> None:
        try:
            _write_all(f, frame, encoding, progress, cancel, written, style)
        except Misaligned:
            f.seek(0)
            f.truncate()
            fell_back.append(True)
            _write_all(f, frame, encoding, progress, cancel, None, style)

    write_atomic(path, write)
    if fell_back:
        return (f"The columns of {Path(written[0].path).name} were written as they were read (00501 as 501), "
                f"not as the file writes them: it changed since the predictions were made, or it could not "
                f"be read again in step with them.")
    return None


def _write_all(f, frame: pd.DataFrame, encoding: str, progress: Progress | None, cancel: CancelCheck | None,
               written: tuple[CsvSource, list[str]] | None, style: tuple[str, str]) -> None:
    rows = len(frame)
    text = io.TextIOWrapper(f, encoding=encoding, newline="")
    source = as_written(written[0], CHUNK_ROWS) if written else None
    try:
        for start in range(0, max(rows, 1), CHUNK_ROWS):
            if cancel and cancel():
                raise Cancelled("The export was cancelled; no file was written.")
            chunk = frame.iloc[start:start + CHUNK_ROWS]
            if source is not None:
                chunk = with_written(chunk, next(source, None), written[1])
            _write_chunk(chunk, text, start == 0, style)
            if progress:
                progress(min(start + CHUNK_ROWS, rows) / max(rows, 1))
        if source is not None and next(source, None) is not None:
            raise Misaligned  # the file has more rows than the frame
        text.flush()
    finally:
        text.detach()  # the binary file stays open for the atomic write to sync and close
        if source is not None:
            source.close()


def _write_chunk(chunk: pd.DataFrame, text, header: bool, style: tuple[str, str]) -> None:
    """``chunk.to_csv(text, index=False, header=header)``: the same bytes (in ``style``: delimiter and
    decimal mark, pandas' own writer where they are not comma and point)."""
    if style != (",", "."):
        chunk.to_csv(text, index=False, header=header, sep=style[0], decimal=style[1])
        return
    rows = body(chunk, os.linesep)  # (to_csv's line end)
    if rows is None:
        chunk.to_csv(text, index=False, header=header)
        return
    if header:
        chunk.iloc[:0].to_csv(text, index=False)
    text.write(rows)
