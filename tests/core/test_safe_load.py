"""Parameter files that must never run code or exhaust memory (issue 8 cases 1–5 and 8)."""
from __future__ import annotations

import builtins
import io
import pickle
import struct
import zipfile

import pytest
import torch

from dlstudio.core.errors import ParamsError
from dlstudio.core.persistence import load_params_into
from dlstudio.core.safe_load import load_state_dict_file

EXPECTED = {"w": (1000,)}


class Payload:
    """Unpickling this creates the marker file: proof that code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return builtins.open, (self.marker, "w")


@pytest.fixture
def spy(monkeypatch):
    """Every torch.load call's keyword arguments; a call without weights_only=True fails the test."""
    calls: list[dict] = []
    real = torch.load

    def load(*args, **kwargs):
        calls.append(kwargs)
        assert kwargs.get("weights_only") is True, f"torch.load called with {kwargs}"
        return real(*args, **kwargs)
    monkeypatch.setattr(torch, "load", load)
    return calls


def refused(path, expected=EXPECTED) -> str:
    with pytest.raises(ParamsError) as info:
        load_state_dict_file(path, expected)
    text = str(info.value)
    assert "weights_only" not in text and "Traceback" not in text and path.name in text
    return text


def good_bytes(n: int = 1000) -> bytes:
    buffer = io.BytesIO()
    torch.save({"w": torch.arange(n, dtype=torch.float32)}, buffer)
    return buffer.getvalue()


def rezip(data: bytes, path, change=lambda name, data: data, compression=zipfile.ZIP_STORED):
    """Copy a torch.save zip entry by entry, letting `change` alter an entry's bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info.filename)))
    return path


def test_the_payload_really_runs_code_when_unpickled(tmp_path):
    marker = tmp_path / "MARKER"
    pickle.loads(pickle.dumps(Payload(marker)))
    assert marker.exists()  # so its absence below means the loader did not run it


# --- 1. code in a pickle ------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["torch.save", "raw pickle"])
def test_malicious_pickle_is_refused_and_never_runs(tmp_path, spy, how):
    marker = tmp_path / "MARKER"
    path = tmp_path / "params.pkl"
    if how == "torch.save":
        torch.save({"w": Payload(marker)}, path)
    else:
        path.write_bytes(pickle.dumps({"w": Payload(marker)}))
    text = refused(path)
    assert not marker.exists()
    assert "refused" in text
    assert all(call["weights_only"] is True for call in spy)


def test_malicious_pickle_is_refused_when_loaded_onto_a_model(tmp_path, spy, regression):
    marker = tmp_path / "MARKER"
    torch.save({k: Payload(marker) for k in regression.model.state_dict()}, tmp_path / "evil.pkl")
    before = regression.model
    with pytest.raises(ParamsError):
        load_params_into(regression, tmp_path / "evil.pkl")
    assert not marker.exists() and regression.model is before and spy


# --- 2. a whole module ------------------------------------------------------------------------------
def test_whole_module_is_refused_as_a_python_object(tmp_path, spy):
    path = tmp_path / "model.pkl"
    torch.save(torch.nn.Sequential(torch.nn.Linear(2, 1)), path)
    text = refused(path, None)
    assert "Python object" in text and "state_dict()" in text


# --- 3. not a parameter file ------------------------------------------------------------------------
def legacy(path):
    torch.save({"w": torch.zeros(3)}, path, _use_new_zipfile_serialization=False)


@pytest.mark.parametrize("make, needle", [
    (legacy, "old-style (non-zip) pickle"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.write_bytes(good_bytes()[:3000]), "damaged or truncated"),
    (lambda p: p.write_bytes(b"sepal_length,species\n5.1,setosa\n"), "CSV"),
    (lambda p: torch.save(torch.zeros(1000), p), "single tensor"),
    (lambda p: torch.save({"w": 3.0, "b": "x"}, p), "not a state_dict"),
    (lambda p: torch.save([torch.zeros(2)], p), "not a state_dict"),
    # (a meta tensor gave PyTorch's own RuntimeError; a complex one loaded with its imaginary part dropped)
    (lambda p: torch.save({"w": torch.empty(3, device="meta")}, p), "no values (a meta tensor)"),
    (lambda p: torch.save({"w": torch.zeros(3, dtype=torch.complex64)}, p), "complex numbers"),
    # (a sparse one ended in 12 KB of torch's dispatcher text)
    (lambda p: torch.save({"w": torch.eye(3).to_sparse()}, p), "stored as a sparse_coo tensor"),
])
def test_other_files_give_one_friendly_error(tmp_path, spy, make, needle):
    path = tmp_path / "params.pkl"
    make(path)
    assert needle in refused(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ParamsError, match="does not exist"):
        load_state_dict_file(tmp_path / "nowhere.pkl")


# --- 4–5. sizes -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory):
    """A 300 KB .pkl whose one deflated entry inflates to 256 MB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.pkl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("archive/data.pkl", pickle.dumps({"w": 0}))
        with z.open("archive/data/0", "w", force_zip64=True) as f:
            block = bytes(1 << 22)
            for _ in range(64):
                f.write(block)
    return path


def test_zip_bomb_is_refused_before_anything_is_inflated(zip_bomb, spy, monkeypatch):
    assert zip_bomb.stat().st_size < 2 * 1024 * 1024
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("an entry was opened"))
    text = refused(zip_bomb)
    assert "compressed" in text and "268,435,4" in text
    assert spy == []


def test_content_far_larger_than_the_architecture_needs_is_refused(tmp_path, spy):
    path = rezip(good_bytes(), tmp_path / "padded.pkl",
                 lambda name, data: data + bytes(3 * 1024 * 1024) if name.endswith("data/0") else data)
    text = refused(path)
    assert "declares" in text and "refused before loading" in text
    assert spy == []


def test_zip_directory_declaring_more_bytes_than_stored_is_refused(tmp_path, spy):
    data = bytearray(good_bytes())
    at = data.rfind(b"PK\x01\x02")  # the central-directory record of the last entry
    data[at + 24:at + 28] = struct.pack("<I", 300 * 1024 * 1024)  # its uncompressed size
    path = tmp_path / "liar.pkl"
    path.write_bytes(bytes(data))
    refused(path)
    assert spy == []


def test_tensor_declared_larger_than_its_stored_bytes_is_refused(tmp_path, spy):
    path = rezip(good_bytes(), tmp_path / "short.pkl",
                 lambda name, data: data[:40] if name.endswith("data/0") else data)
    assert "damaged" in refused(path, None)


# --- 8. values --------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_weights_are_refused_naming_the_parameter(tmp_path, bad):
    path = tmp_path / "params.pkl"
    w = torch.zeros(1000)
    w[17] = bad
    torch.save({"w": w}, path)
    text = refused(path)
    assert "'w'" in text and "NaN or infinite" in text and "smaller learning rate" in text


def test_a_good_file_loads_with_its_values(tmp_path, spy):
    path = tmp_path / "params.pkl"
    path.write_bytes(good_bytes())
    state = load_state_dict_file(path, EXPECTED)
    assert torch.equal(state["w"], torch.arange(1000, dtype=torch.float32))
    assert spy == [{"map_location": "cpu", "weights_only": True}]
