"""Atomic file writes: a temporary file in the same folder, flush, fsync, os.replace.

An interrupted save leaves the previous file intact; a failed one leaves no temporary behind.
"""
from __future__ import annotations

import errno
import os
import secrets
import stat
import time
from pathlib import Path
from typing import BinaryIO, Callable

from .errors import ParamsError

TMP_MARK = ".dlstudio-tmp-"


def _tmp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def clean_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporaries left by a crashed save (their process is gone)."""
    removed = []
    for p in folder.glob(f".*{TMP_MARK}*"):
        pid = p.name.rsplit(TMP_MARK, 1)[-1].split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid), p):
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


STALE_SECONDS = 24 * 3600  # where no process can be asked about, a temporary this old is a crash's
WINDOWS = os.name == "nt"


def _alive(pid: int, temporary: Path) -> bool:
    """Whether the process that wrote ``temporary`` may still be writing it. On Windows os.kill(pid, 0)
    does not ask, it ends that process: there, only the temporary's age tells."""
    if WINDOWS:
        try:
            return time.time() - temporary.stat().st_mtime < STALE_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_bytes_atomic(target: str | os.PathLike, data: bytes) -> None:
    write_atomic(target, lambda f: f.write(data))


def write_atomic(target: str | os.PathLike, write: Callable[[BinaryIO], object]) -> None:
    """``write`` fills a temporary file beside ``target``, which then replaces it. Whatever ``write``
    raises (Cancelled, say) leaves the previous file as it was and no temporary behind."""
    target = Path(target)
    folder = writable_target(target)
    clean_stale_temporaries(folder)
    tmp = None
    try:
        tmp = _staged(target, write)
        os.replace(tmp, target)
        _fsync_dir(folder)
    except BaseException as exc:
        if tmp is not None:
            _remove(tmp)
        if isinstance(exc, OSError):
            raise ParamsError(f"Could not save {target}: {_why(exc)}.",
                              hint="Choose another folder, or free some disk space. The previous file, "
                                   "if any, is unchanged.") from None
        raise


def write_pair_atomic(first: tuple[Path, bytes], second: tuple[Path, bytes]) -> None:
    """Two files that belong together (parameters and the description holding their hash): both are
    written to temporaries first, then put in place; if the second cannot be, the first goes back to
    what it was, so a failed save never leaves a new file beside an old one that does not fit it."""
    (target_a, data_a), (target_b, data_b) = (Path(first[0]), first[1]), (Path(second[0]), second[1])
    temporaries: list[Path] = []  # removed at the end (those put in place are gone by then)
    try:
        for folder in {_folder(target_a), _folder(target_b)}:
            if folder.is_dir():
                clean_stale_temporaries(folder)  # (before staging: it would take this save's first one)
        tmp_a = _staged(target_a, lambda f: f.write(data_a))
        temporaries.append(tmp_a)
        tmp_b = _staged(target_b, lambda f: f.write(data_b))
        temporaries.append(tmp_b)
        backup = _kept_copy(target_a)
        if backup is not None:
            temporaries.append(backup)
        os.replace(tmp_a, target_a)
        try:
            os.replace(tmp_b, target_b)
        except OSError:
            if backup is not None:
                os.replace(backup, target_a)
            else:
                target_a.unlink()
            raise
        for folder in dict.fromkeys((_folder(target_a), _folder(target_b))):
            _fsync_dir(folder)
    except OSError as exc:
        raise ParamsError(f"Could not save {target_a.name} and {target_b.name}: {_why(exc)}.",
                          hint="Choose another folder, or free some disk space. The files that were there "
                               "are unchanged.") from None
    finally:
        for tmp in temporaries:
            _remove(tmp)


def _staged(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """A temporary beside ``target`` that ``write`` filled, on disk (removed if anything fails)."""
    writable_target(target)
    tmp = _tmp_name(target)
    try:
        with open(tmp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        if target.exists():  # the file it replaces keeps its permissions (a private 0600 file stays so)
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def writable_target(target: Path, hint: str = "Choose another name, or make the file writable first.") -> Path:
    """``target``'s folder, refused before anything is written if it is missing, or ``target`` is a
    folder or a read-only file (os.replace would fail, or replace it, only after the whole file was
    written); also asked before work that would end in the write (training, say)."""
    folder = _folder(target)
    if not folder.is_dir():
        raise ParamsError(f"Cannot save to {target}: the folder {folder} does not exist.")
    if target.is_dir():
        raise ParamsError(f"Cannot save to {target}: it is a folder.", hint="Choose a file name inside it.")
    if target.exists() and not target.stat().st_mode & 0o222:  # (replacing it needs only the folder's leave)
        raise ParamsError(f"Cannot save over {target}: the file is read-only.",
                          hint=hint)
    return folder


def _kept_copy(target: Path) -> Path | None:
    """A second name for ``target``'s current file (a hard link: no copy), or None if there is none."""
    if not target.exists():
        return None
    backup = _tmp_name(target)
    try:
        os.link(target, backup)
    except OSError:  # (a file system without hard links)
        import shutil
        try:
            shutil.copy2(target, backup)
        except BaseException:
            _remove(backup)
            raise
    return backup


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only or you lack permission to write there"
    return exc.strerror or str(exc)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not supported on this platform (Windows)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
