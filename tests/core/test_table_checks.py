"""The cheap checks of a read (issue 7 item 3): the encoding is scanned only when pandas' strict
UTF-8 decoding fails, empty columns are found from their first cell, infinities from column sums."""
from __future__ import annotations

import pandas as pd
import pytest

from dlstudio.core import short_rows, sniff, split_read, table, workers
from dlstudio.core.errors import DataError
from dlstudio.core.table import read_csv

ASCII_START = "name,n\n" + "".join(f"row{i},{i}\n" for i in range(5000))  # past the sample's decoding


def test_a_utf8_file_is_not_scanned_before_it_is_parsed(write_csv, monkeypatch):
    def scan(*args, **kwargs):
        raise AssertionError("detect_encoding scanned a file whose start is UTF-8")
    monkeypatch.setattr(sniff, "detect_encoding", scan)
    t = read_csv(write_csv(ASCII_START + "张三,7\n"))
    assert t.encoding == "utf-8" and t.frame["name"].iloc[-1] == "张三"


@pytest.mark.parametrize("windowed", [False, True])
@pytest.mark.parametrize("start", [ASCII_START, "name,n\nrow0,0\n"])  # pandas finds it, or the sample does
def test_gb18030_after_an_ascii_start_is_read_as_gb18030(write_csv, monkeypatch, windowed, start):
    monkeypatch.setattr(sniff, "SNIFF_BYTES", 64)  # the start looked at holds no Chinese
    path = write_csv(start + "张三,7\n", encoding="gb18030")
    seen = []
    t = read_csv(path, progress=seen.append, cancel=lambda: False) if windowed else read_csv(path)
    assert t.encoding == "gb18030" and t.frame["name"].iloc[-1] == "张三" and len(t.frame) == start.count("\n")
    assert not windowed or seen[-1] == 1.0


def test_the_progress_bar_goes_on_when_a_late_byte_makes_the_read_start_over(write_csv):
    start = "name,n\n" + "".join(f"row{i},{i}\n" for i in range(200_000))  # ~2.6 MB: many reads
    path = write_csv(start + "张三,7\n", encoding="gb18030")
    seen = []
    t = read_csv(path, progress=seen.append, cancel=lambda: False)
    assert t.encoding == "gb18030" and t.frame["name"].iloc[-1] == "张三"
    assert len(seen) > 20 and seen[-1] == 1.0
    assert seen == sorted(seen)  # the second parse continues the bar from where the first stopped


def test_a_late_byte_that_no_encoding_takes_is_refused(write_csv, monkeypatch):
    monkeypatch.setattr(sniff, "SNIFF_BYTES", 64)
    path = write_csv(ASCII_START.encode() + b"\x81,1\n", "late.csv")  # not in any encoding tried
    with pytest.raises(DataError) as info:
        read_csv(path)
    assert "late.csv" in str(info.value) and "neither UTF-8, Windows-1252, GB18030, Big5, Shift-JIS nor EUC-KR" in str(info.value)


WESTERN = "city,n\nZürich,1\ncafé,2\nSão Paulo,3\nMéxico,4\nKöln,5\nGröße,6\nInformação,7\n"


@pytest.mark.parametrize("rows", [["São Paulo,Não", "Belém,Sim", "João Pessoa,Não"],  # GB18030 decodes these
                                  ["Évry,Île-de-France", "Orléans,Centre"]])
def test_accents_at_the_ends_of_words_are_windows_1252_too(write_csv, rows):
    t = read_csv(write_csv("city,other\n" + "\n".join(rows * 5) + "\n", encoding="cp1252"))
    assert t.encoding == "cp1252" and t.frame["city"].tolist()[:len(rows)] == [r.split(",")[0] for r in rows]


@pytest.mark.parametrize("how", ["path", "windowed", "preview"])
@pytest.mark.parametrize("start", ["", ASCII_START.replace("name", "city")])
def test_windows_1252_text_is_read_as_it_is_not_as_gb18030(write_csv, how, start):
    """Zürich in Windows-1252 also decodes as GB18030 (Z黵ich, Größe as Gr鲞e): a Chinese character
    seldom stands between two Latin letters."""
    path = write_csv(start + WESTERN.split("\n", 1)[1] if start else WESTERN, encoding="cp1252")
    t = read_csv(path, progress=lambda f: None, cancel=lambda: False) if how == "windowed" else \
        read_csv(path, nrows=10_000) if how == "preview" else read_csv(path)
    assert t.encoding == "cp1252"
    assert t.frame["city"].tail(7).tolist() == ["Zürich", "café", "São Paulo", "México", "Köln", "Größe",
                                                "Informação"]
    assert how == "preview" or any("Windows-1252" in n for n in t.notices)


@pytest.mark.parametrize("text", ["名字,数量\n张三,1\n李四,2\n", "名字,数量\niPhone手机,1\nA区,2\n黵,3\n",
                                  "名稱,數量\n臺北市信義區,1\n趙,2\n許,3\n盧,4\n",  # (traditional: GBK's ASCII trail bytes)
                                  "名字,数量\nA座B区,1\nB栋C单元,2\nBěijīng,3\n",  # Chinese between Latin letters
                                  "名字,性别\n" + "张三,女\n" * 70 + "李四,男\n" * 30])  # 女 is also valid UTF-8
def test_chinese_gb18030_text_is_still_read_as_gb18030(write_csv, text):
    t = read_csv(write_csv(text, encoding="gb18030"))
    assert t.encoding == "gb18030" and t.frame.iloc[0, 0] == text.split("\n")[1].split(",")[0]
    assert [n[:37] for n in t.notices] == ["Read as GB18030 (Chinese) text: the f"]


def test_utf8_with_one_bad_byte_is_refused_not_read_as_windows_1252(write_csv):
    data = ("city,n\n" + "Zürich,1\n" * 30).encode() + b"M\xe9xico,2\n"
    with pytest.raises(DataError) as info:
        read_csv(write_csv(data, "damaged.csv"))
    assert "damaged.csv is UTF-8 text but holds a byte that is not, near position" in str(info.value)


def test_empty_columns_are_found_whatever_their_first_cell(write_csv):
    t = read_csv(write_csv("a,gap,text,blank,none\n1,,,,\n2,5,x,,\n3,,y,,\n"))
    assert t.frame["gap"].notna().sum() == 1
    notice = [n for n in t.notices if "hold no values" in n]
    assert notice and "'blank'" in notice[0] and "'none'" in notice[0]
    assert "'gap'" not in notice[0] and "'text'" not in notice[0]


@pytest.mark.parametrize("threads", [False, True])
def test_infinity_next_to_missing_values_is_refused_and_huge_sums_are_not(write_csv, monkeypatch, threads):
    if threads:
        monkeypatch.setattr(workers, "PARALLEL_CELLS", 0)
    t = read_csv(write_csv("a,b\n1e308,1\n1e308,\n"))  # the sum overflows; every value is finite
    assert t.frame["a"].tolist() == [1e308, 1e308]
    with pytest.raises(DataError) as info:
        read_csv(write_csv("a,b,c\n1,,2\n2,inf,3\n4,,-inf\n", "inf.csv"))
    assert "'b'" in str(info.value) and "row 2" in str(info.value)


def test_a_short_row_is_reported_when_the_last_column_is_text(write_csv):
    t = read_csv(write_csv("a,b,c\n1,2,x\n4,5\n7,8,z\n"))
    assert t.frame["c"].isna().tolist() == [False, True, False]
    assert any("line 3" in n and "2 field" in n for n in t.notices), t.notices
    assert not read_csv(write_csv("a,b,c\n1,2,x\n4,5,y\n", "full.csv")).notices


def test_short_rows_are_looked_for_past_the_first_100000_rows_and_up_to_the_scan_limit(write_csv, monkeypatch):
    rows = [f"{i},{i}\n" for i in range(150_000)]
    rows[140_000] = "140000,\n"  # a missing value in the last column: the file is scanned
    rows[145_000] = "145000\n"  # a short row: line 145,002 of the file
    path = write_csv("a,b\n" + "".join(rows))
    notices = read_csv(path).notices
    assert any("line 145002 has 1 field" in n for n in notices), notices
    monkeypatch.setattr(short_rows, "RAGGED_SCAN_BYTES", 500_000)  # the scan stops after ~100,000 rows
    assert not any("Short rows" in n for n in read_csv(path).notices)


def _notes_file(write_csv, noted: range) -> str:
    """40,000 rows × 64 numbers and a notes column holding text in the rows ``noted`` only: pandas'
    parallel chunks disagree on it (empty, then text)."""
    header = "note," + ",".join(f"c{j}" for j in range(63))
    rows = [",".join(["late" if i in noted else ""] + [str(i + j) for j in range(63)]) for i in range(40_000)]
    return write_csv(header + "\n" + "\n".join(rows) + "\n")


def _count_reads(monkeypatch, path: str) -> dict:
    """How often pandas parses ``path`` whole by itself (its parallel read, then one thread) and how
    often the parts reader runs."""
    calls = {"pandas": 0, "parts": 0}
    real_read_csv = pd.read_csv

    def read_csv_counted(source, *args, **kwargs):
        calls["pandas"] += str(source) == str(path) and kwargs.get("nrows") is None
        return real_read_csv(source, *args, **kwargs)

    monkeypatch.setattr(table.pd, "read_csv", read_csv_counted)
    monkeypatch.setattr(table, "read_parts", lambda *a: calls.__setitem__("parts", calls["parts"] + 1)
                        or split_read.read_parts(*a))
    return calls


def test_a_script_reads_text_in_the_middle_of_an_empty_column_in_parts_after_pandas(write_csv, monkeypatch):
    monkeypatch.setattr(split_read, "MIN_BYTES", 0)
    monkeypatch.setattr(workers, "PARALLEL_CELLS", 0)
    path = _notes_file(write_csv, range(20_000, 20_010))  # neither the start nor the end shows it
    calls = _count_reads(monkeypatch, path)
    frame = read_csv(path).frame
    assert calls == {"pandas": 1, "parts": 1}  # pandas' read warned of mixed types: parsed again in parts
    monkeypatch.undo()
    pd.testing.assert_frame_equal(frame, pd.read_csv(path, low_memory=False), check_exact=True)
    assert frame["note"].iloc[20_000] == "late" and frame["note"].isna().sum() == 39_990


def test_a_script_reads_a_column_empty_until_its_last_rows_in_parts_at_once(write_csv, monkeypatch):
    monkeypatch.setattr(split_read, "MIN_BYTES", 0)
    monkeypatch.setattr(workers, "PARALLEL_CELLS", 0)
    path = _notes_file(write_csv, range(39_990, 40_000))  # the file's end shows text the start lacks
    calls = _count_reads(monkeypatch, path)
    frame = read_csv(path).frame
    assert calls == {"pandas": 0, "parts": 1}  # not first parsed by pandas (twice, as it gives up)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(frame, pd.read_csv(path, low_memory=False), check_exact=True)
    assert frame["note"].iloc[-1] == "late" and frame["note"].isna().sum() == 39_990
