"""Saving never destroys what was there (issue 2 §7, §9; issue 8 case 10)."""
from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from dlstudio.core import atomic
from dlstudio.core.atomic import TMP_MARK, clean_stale_temporaries, write_atomic, write_bytes_atomic
from dlstudio.core.errors import ParamsError
from dlstudio.core.persistence import load_bundle, save_bundle

ROOT = Path(__file__).resolve().parents[2]
SIZE = 32 * 1024 * 1024

WRITER = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from dlstudio.core.atomic import write_bytes_atomic
i = 0
while True:
    i += 1
    write_bytes_atomic(sys.argv[1], bytes([i % 250 + 1]) * {SIZE})
"""


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if TMP_MARK in p.name]


def test_process_killed_mid_save_leaves_a_whole_file(tmp_path):
    target = tmp_path / "params.pkl"
    target.write_bytes(bytes(SIZE))  # the previous file: all zeros
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # wait until a temporary is part-written, then kill
            partial = [p for p in temporaries(tmp_path) if 0 < p.stat().st_size < SIZE] \
                if child.poll() is None else []
            if partial:
                break
            time.sleep(0.001)
        else:
            pytest.fail("the writer never got going")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL
    data = target.read_bytes()
    assert len(data) == SIZE and data.count(data[:1]) == SIZE  # one complete version, never a mix
    leftovers = temporaries(tmp_path)
    assert leftovers  # the crash left its temporary ...
    assert set(clean_stale_temporaries(tmp_path)) == set(leftovers)  # ... which the next save removes
    assert temporaries(tmp_path) == [] and target.read_bytes() == data


def test_read_only_folder_names_the_path_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "model.json"
    target.write_bytes(b"previous")

    def refuse(src, dst):
        raise OSError(errno.EROFS, "Read-only file system", str(dst))
    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(ParamsError) as info:
        write_bytes_atomic(target, b"new")
    text = str(info.value)
    assert str(target) in text and "read-only" in text and "unchanged" in text
    assert temporaries(tmp_path) == [] and target.read_bytes() == b"previous"


def test_full_disk_says_so_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "params.pkl"
    target.write_bytes(b"previous")
    real_open = open

    class Full:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "open", lambda *a, **k: Full(real_open(*a, **k)), raising=False)
    with pytest.raises(ParamsError) as info:
        write_bytes_atomic(target, b"x" * 100)
    assert "disk is full" in str(info.value) and str(target) in str(info.value)
    assert temporaries(tmp_path) == [] and target.read_bytes() == b"previous"


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(ParamsError, match="does not exist") as info:
        write_bytes_atomic(tmp_path / "gone" / "model.json", b"{}")
    assert "gone" in str(info.value)


def test_a_folder_as_the_target_is_named_before_anything_is_written(tmp_path):
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(ParamsError) as info:
        write_atomic(tmp_path / "out.csv", lambda f: pytest.fail("written"))
    assert "it is a folder" in str(info.value) and "disk" not in str(info.value)
    assert temporaries(tmp_path) == []


def test_stale_temporaries_of_dead_processes_are_cleaned_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".params.pkl{TMP_MARK}{int(dead.stdout)}-abcd1234"
    ours = tmp_path / f".params.pkl{TMP_MARK}{os.getpid()}-0000beef"
    busy = tmp_path / f".model.json{TMP_MARK}{os.getppid()}-12345678"  # a live process still writing
    for p in (stale, ours, busy):
        p.write_bytes(b"half")
    write_bytes_atomic(tmp_path / "params.pkl", b"whole")
    assert not stale.exists() and not ours.exists() and busy.exists()
    assert (tmp_path / "params.pkl").read_bytes() == b"whole"


def test_pkl_is_committed_before_the_json_that_carries_its_hash(regression, tmp_path, monkeypatch):
    order: list[str] = []
    real = atomic.os.replace
    monkeypatch.setattr(atomic.os, "replace", lambda src, dst: (order.append(Path(dst).name), real(src, dst)))
    save_bundle(regression, tmp_path / "model.json")
    assert order == ["params.pkl", "model.json"]


def refuse_json(monkeypatch):
    """model.json cannot be replaced (an immutable or locked file), everything else can."""
    real = atomic.os.replace

    def replace(src, dst):
        if Path(dst).name == "model.json":
            raise OSError(errno.EPERM, "Operation not permitted", str(dst))
        return real(src, dst)
    monkeypatch.setattr(atomic.os, "replace", replace)


def test_a_json_that_cannot_be_replaced_leaves_the_previous_pair_loadable(saved, monkeypatch):
    """(the new .pkl stayed beside the old .json, whose hash it no longer had: the saved model could not
    be opened, and the message said the previous file was unchanged)"""
    json_path, params_path, bundle = saved
    before = (json_path.read_bytes(), params_path.read_bytes())
    with torch.no_grad():
        next(bundle.model.parameters()).add_(1.0)  # other weights: another .pkl
    refuse_json(monkeypatch)
    with pytest.raises(ParamsError) as info:
        save_bundle(bundle, json_path)
    assert "unchanged" in str(info.value) and "permission" in str(info.value)
    monkeypatch.undo()
    assert (json_path.read_bytes(), params_path.read_bytes()) == before
    assert temporaries(json_path.parent) == []
    load_bundle(json_path)


def test_a_first_save_that_fails_halfway_leaves_no_file(regression, tmp_path, monkeypatch):
    refuse_json(monkeypatch)
    with pytest.raises(ParamsError):
        save_bundle(regression, tmp_path / "model.json")
    assert list(tmp_path.iterdir()) == []


def test_a_pair_that_fails_while_staged_leaves_no_temporary(tmp_path, monkeypatch):
    real = atomic.os.fsync
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second file: the disk fills up (its temporary stayed behind)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)
    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with pytest.raises(ParamsError, match="disk is full"):
        atomic.write_pair_atomic((tmp_path / "params.pkl", b"A"), (tmp_path / "model.json", b"{}"))
    assert list(tmp_path.iterdir()) == []


def test_a_pair_in_two_folders_syncs_both(tmp_path, monkeypatch):
    """(only the description's folder was synced: after a crash its rename could be on disk alone)"""
    synced = []
    monkeypatch.setattr(atomic, "_fsync_dir", synced.append)
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    atomic.write_pair_atomic((tmp_path / "a" / "params.pkl", b"A"), (tmp_path / "b" / "model.json", b"{}"))
    assert synced == [tmp_path / "a", tmp_path / "b"]


def test_on_windows_a_temporary_is_judged_by_its_age_never_by_signalling_its_process(tmp_path, monkeypatch):
    """os.kill(pid, 0) does not probe on Windows: it ends the process with that pid."""
    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.setattr(atomic.os, "kill", lambda *a: pytest.fail("signalled a process"))
    fresh = tmp_path / f".params.pkl{TMP_MARK}{os.getppid()}-00000001"
    old = tmp_path / f".model.json{TMP_MARK}{os.getppid()}-00000002"
    for p in (fresh, old):
        p.write_bytes(b"half")
    day_ago = time.time() - atomic.STALE_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    assert clean_stale_temporaries(tmp_path) == [old] and fresh.exists()


def test_parameters_and_description_cannot_be_one_file(regression, tmp_path):
    with pytest.raises(ParamsError, match="cannot both be"):
        save_bundle(regression, tmp_path / "weights.json", tmp_path / "weights.json")
    assert list(tmp_path.iterdir()) == []


def test_failed_pkl_write_leaves_the_previous_bundle_loadable(saved, monkeypatch):
    json_path, params_path, bundle = saved
    before = (json_path.read_bytes(), params_path.read_bytes())

    def fail(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(ParamsError, match="params.pkl"):
        save_bundle(bundle, json_path)
    monkeypatch.undo()
    assert (json_path.read_bytes(), params_path.read_bytes()) == before
    assert temporaries(json_path.parent) == []
    load_bundle(json_path)


def test_a_file_replaced_keeps_its_permissions_and_a_read_only_one_is_refused(tmp_path):
    """(a 0600 file came back 0644, and a 0444 export target was replaced and made writable)"""
    private = tmp_path / "private.csv"
    private.write_text("old")
    private.chmod(0o600)
    write_bytes_atomic(private, b"new")
    assert private.read_bytes() == b"new"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 or os.name == "nt"  # (Windows keeps a read-only flag only)
    locked = tmp_path / "locked.csv"
    locked.write_text("kept")
    locked.chmod(0o444)
    with pytest.raises(ParamsError, match="locked.csv: the file is read-only"):
        write_bytes_atomic(locked, b"new")
    assert locked.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.csv", "private.csv"]  # no temporary left
