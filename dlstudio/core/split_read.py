"""Parse a big CSV in parts on two threads while the progress bar and Cancel stay live.

Given a path, pandas parses a big file on several threads, but then reports no progress and cannot
be stopped; the window needs both. So the window's read cuts the file at line ends into parts,
parses each through a ``ProgressReader`` on a worker thread (pandas' parser releases the GIL) and
joins them, the numeric columns into one block per dtype as pandas lays out a file parsed by path:
1.1 s instead of 1.8 s for 1M rows × 21 columns here (BENCHMARKS.md). The result is the whole-file
parse, or None and the caller parses the file whole:
- a cut inside a quoted field leaves the part before it ending inside that field, which pandas
  refuses (EOF inside string); so when every part parsed, every cut was at a row's end;
- a parse error: the whole-file parse reports it with the file's own line numbers;
- parts that infer a column differently, beyond integers in one and decimals in another (joined as
  decimals, as the whole file is read) and a part with no value in it (it takes the others' type):
  text in one part, numbers in another, say; or chunks of one part that do (pandas parses a part a
  chunk at a time).
"""
from __future__ import annotations

import io
import os
import threading
import warnings
from concurrent.futures import Executor

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from .errors import Cancelled
from .read_progress import CancelCheck, Progress, ProgressReader, ReadTally
from .workers import Inline, workers

MIN_BYTES = 16 * 1024 * 1024  # below this a whole-file parse takes a fraction of a second
PARTS = 4  # on two threads: parts parse at different speeds, and more of them even the threads out
_SPLITTABLE = ("utf-8", "utf-8-sig", "gb18030", "cp1252", "cp932", "cp949", "cp950")  # no newline byte in a character
_NUMBERS = {"int64", "float64"}
# pandas 2 keeps text in object columns (pandas 3 in its own 'str' type, a part's mixed column aside)
_OBJECTS_OK = {"boolean", "string"} if pd.Series(["text"]).dtype == object else {"boolean"}
_from_blocks = getattr(getattr(pd.api, "internals", None), "create_dataframe_from_blocks", None)  # pandas ≥ 3


def read_parts(path: str, options: dict, progress: Progress | None, cancel: CancelCheck | None
               ) -> pd.DataFrame | None:
    """``pd.read_csv(path, **options)`` parsed in parts, or None where that cannot give the same frame.
    Raises Cancelled, and UnicodeDecodeError or OSError as the whole-file parse would."""
    size = os.path.getsize(path)
    if size < MIN_BYTES or options.get("nrows") is not None or options.get("encoding") not in _SPLITTABLE:
        return None
    with workers(size) as pool:
        if isinstance(pool, Inline):
            return None  # one core: nothing to gain
        cuts = _line_ends(path, size, PARTS)
        if cuts is None:
            return None
        names = list(pd.read_csv(path, **dict(options, nrows=0)).columns)
        rest = dict(options, header=None, names=names)
        tally, stop = ReadTally(size, progress), threading.Event()

        def stopped() -> bool:
            return stop.is_set() or bool(cancel and cancel())

        def parse(i: int) -> pd.DataFrame | None:
            reader = ProgressReader(path, None, stopped, span=(cuts[i], cuts[i + 1]), tally=tally)
            try:
                # in chunks (low memory): 15 % faster here than the part tokenized whole, whose big
                # buffers both threads keep growing and freeing
                frame = pd.read_csv(io.BufferedReader(reader, 1 << 18), low_memory=True,
                                    **(options if i == 0 else rest))
            except UnicodeDecodeError:
                stop.set()
                raise
            except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
                stop.set()  # the whole-file parse will say what is wrong: no use reading the other parts
                return None
            except Cancelled:
                if cancel and cancel():
                    raise
                return None  # stopped because another part failed
            finally:
                reader.close()
            if _chunks_disagreed(frame):
                stop.set()  # only the whole file says what such a column is
                return None
            return frame

        with warnings.catch_warnings():  # (pandas' DtypeWarning for chunks that disagree: handled above)
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)
            jobs = [pool.submit(parse, i) for i in range(len(cuts) - 1)]
            try:
                parts = [job.result() for job in jobs]
            except BaseException:
                stop.set()  # the other parts stop at their next read
                raise
        return _joined(parts, pool)


def _line_ends(path: str, size: int, parts: int) -> list[int] | None:
    """Byte offsets cutting the file into ``parts`` at line ends: [0, …, size]; None without enough
    line ends (a file of a few long lines, or lines ended by '\\r' alone)."""
    cuts = [0]
    with open(path, "rb") as f:
        for i in range(1, parts):
            f.seek(max(size * i // parts, cuts[-1]))
            window = f.read(1 << 20)
            end = window.find(b"\n")
            if end < 0:
                return None
            cut = f.tell() - len(window) + end + 1
            if cut < size:
                cuts.append(cut)
    cuts.append(size)
    return cuts if len(cuts) > 2 else None


def _joined(parts: list[pd.DataFrame | None], pool: Executor) -> pd.DataFrame | None:
    """The parts one after another as one frame, or None where they cannot be the whole-file parse.
    The numeric columns of each dtype are copied into one 2-D block, as pandas lays out a file it
    parsed by path, by both threads (numpy copies without the GIL): ``pd.concat`` would copy them on
    one thread into a block per column, which the steps after the read handle slower."""
    if any(p is None or not isinstance(p.index, pd.RangeIndex) for p in parts):
        return None  # a part failed, or a longer row became an index (the whole parse refuses it)
    width = parts[0].shape[1]
    if _from_blocks is None:  # pandas 2: parts that agree on every column, joined by pandas
        agree = all(len(set(p.dtypes.iloc[j] for p in parts)) == 1 for j in range(width))
        return pd.concat(parts, ignore_index=True) if agree else None
    total = sum(len(p) for p in parts)
    groups: dict[np.dtype, list[int]] = {}
    blocks = []
    for j in range(width):
        pieces = [p.iloc[:, j] for p in parts]
        dtype = _whole_dtype(pieces)
        if dtype is None:
            return None
        if isinstance(dtype, np.dtype) and dtype.kind in "iufb":
            groups.setdefault(dtype, []).append(j)
        elif isinstance(dtype, np.dtype):  # objects (True/False with missing values): a block of one
            blocks.append((np.concatenate([s.to_numpy(dtype=object) for s in pieces]).reshape(1, -1), np.array([j])))
        else:  # text: its own array type, joined as pandas joins it
            blocks.append((pd.concat([s.astype(dtype) for s in pieces], ignore_index=True).array, np.array([j])))
    copies = []
    for dtype, positions in groups.items():
        values = np.empty((len(positions), total), dtype=dtype)
        start = 0
        for part in parts:
            copies += [(values[row, start:start + len(part)], part.iloc[:, j].to_numpy())
                       for row, j in enumerate(positions)]
            start += len(part)
        blocks.append((values, np.array(positions)))
    step = max(1, -(-len(copies) // 8))
    for job in [pool.submit(_copy, copies[a:a + step]) for a in range(0, len(copies), step)]:
        job.result()
    return _from_blocks(blocks, index=pd.RangeIndex(total), columns=parts[0].columns)


def _copy(pairs: list[tuple[np.ndarray, np.ndarray]]) -> None:
    for target, source in pairs:
        np.copyto(target, source, casting="same_kind")


def _whole_dtype(pieces: list[pd.Series]):
    """The type the whole-file parse gives a column, from the types its parts gave it; None where only
    that parse can say (text in one part, numbers in another)."""
    dtypes = {s.dtype for s in pieces}
    if len(dtypes) == 1:
        return dtypes.pop()
    if {str(d) for d in dtypes} <= _NUMBERS:
        return np.dtype(np.float64)  # integers in one part, decimals in another: decimals
    # a part in which the column is empty parsed it as decimals (all NaN): the other parts say what it is
    typed = {s.dtype for s in pieces if not (s.dtype == np.float64 and s.isna().all())}
    if len(typed) == 1 and isinstance(next(iter(typed)), pd.StringDtype):
        return typed.pop()
    if typed <= {np.dtype(bool), np.dtype(object)}:  # True/False, and missing values in some part
        return np.dtype(object)
    return None


def _chunks_disagreed(part: pd.DataFrame) -> bool:
    """A column that pandas' chunks parsed as different types (numbers in one, text in another) comes
    out as objects of mixed types; the object columns a whole parse gives are all booleans (True/False
    with missing values), or all text in pandas 2."""
    return any(dtype == object and infer_dtype(part.iloc[:, j], skipna=True) not in _OBJECTS_OK
               for j, dtype in enumerate(part.dtypes))
