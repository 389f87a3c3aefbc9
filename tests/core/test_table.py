"""Reading CSV files (issue 2 §1; issue 8 cases 11–18, 20–22): encodings, delimiters, number
formats, damaged rows, odd columns. Every refusal names the file and, where there is one, the line."""
from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest

from dlstudio.core import sniff
from dlstudio.core.errors import Cancelled, DataError, DLStudioError
from dlstudio.core.profile import profile_frame
from dlstudio.core.table import read_csv


def refused(path, *needles) -> str:
    with pytest.raises(DataError) as info:
        read_csv(path)
    text = str(info.value)
    for needle in needles:
        assert needle in text, text
    return text


# --- 11. empty, header only, blank lines -------------------------------------------------------------
def test_empty_file_is_refused_by_name(write_csv):
    message = refused(write_csv(b"", "nothing.csv"))
    assert "nothing.csv" in message and "empty" in message


def test_header_only_is_refused(write_csv):
    message = refused(write_csv("a,b,c\n", "head.csv"))
    assert "head.csv" in message and "no data rows" in message


def test_only_blank_lines_is_refused(write_csv):
    message = refused(write_csv("\n\n  \n", "blank.csv"))
    assert "blank.csv" in message and "blank" in message


def test_blank_lines_between_rows_are_skipped_without_losing_rows(write_csv):
    t = read_csv(write_csv("a,b\n1,2\n\n\n3,4\n\n5,6\n"))
    assert t.frame.values.tolist() == [[1, 2], [3, 4], [5, 6]]


def test_missing_file_and_binary_file_are_refused(tmp_path, write_csv):
    missing = refused(tmp_path / "absent.csv")
    assert "absent.csv" in missing and "does not exist" in missing
    binary = refused(write_csv(b"a,b\n\x00\x01,\x02\n", "image.csv"))
    assert "image.csv" in binary and "binary" in binary


def test_utf16_without_its_mark_and_excels_sep_line_are_named_for_what_they_are(write_csv):
    """(refused as 'a binary file', and as 'line 2 has 3 fields, but the header has 2')"""
    utf16 = refused(write_csv("a,b,y\n1,2,x\n3,4,z\n".encode("utf-16-le"), "u16.csv"))
    assert "u16.csv looks like UTF-16 text without the byte-order mark" in utf16 and "binary" not in utf16
    sep = refused(write_csv("sep=;\na;b;y\n1,5;3;x\n2,5;4;z\n", "excel.csv"))
    assert "The first line of excel.csv is 'sep=;', Excel's note of the delimiter, not the header." in sep
    assert "Delete that line" in sep


# --- 12. encodings ----------------------------------------------------------------------------------
CHINESE = "名字,年龄,城市\n张三,30,北京\n李四,25,上海\n王五,41,广州\n"


def test_gb18030_headers_and_values_read_right(write_csv):
    t = read_csv(write_csv(CHINESE, "excel.csv", encoding="gb18030"))
    assert t.encoding == "gb18030"
    assert list(t.frame.columns) == ["名字", "年龄", "城市"]
    assert t.frame["城市"].tolist() == ["北京", "上海", "广州"]
    assert t.frame["年龄"].tolist() == [30, 25, 41]


def test_utf8_chinese_is_never_read_as_gb18030(write_csv):
    data = CHINESE.encode("utf-8")
    data.decode("gb18030")  # the same bytes are valid GB18030 too: only the order of tries decides
    t = read_csv(write_csv(data))
    assert t.encoding == "utf-8"
    assert t.frame["名字"].tolist() == ["张三", "李四", "王五"]


def test_utf8_character_split_across_read_chunks_stays_utf8(write_csv, monkeypatch):
    monkeypatch.setattr(sniff, "_CHUNK", 5)  # cut multi-byte characters between reads
    path = write_csv(CHINESE * 3)
    assert sniff.detect_encoding(path) == "utf-8"


def test_bom_does_not_stick_to_first_header(write_csv):
    t = read_csv(write_csv("\ufeffid_code,value\nx,1\ny,2\n"))
    assert list(t.frame.columns) == ["id_code", "value"]
    assert t.encoding == "utf-8-sig"


def test_undecodable_file_is_refused_never_replaced(write_csv):
    text = refused(write_csv(b"a,b\n\x81,1\n", "odd.csv"), "odd.csv", "neither UTF-8, Windows-1252, GB18030, Big5, Shift-JIS nor EUC-KR")
    assert "\ufffd" not in text and "UTF-8" in text  # says how to fix it: save as CSV UTF-8


def test_preview_reads_few_rows_and_guesses_the_encoding_from_the_start(write_csv, monkeypatch):
    gb = write_csv(CHINESE, "gb.csv", encoding="gb18030")
    t = read_csv(gb, nrows=2)
    assert t.encoding == "gb18030" and t.frame["名字"].tolist() == ["张三", "李四"]
    monkeypatch.setattr(sniff, "SNIFF_BYTES", len("名字,年龄,城市\n张".encode()) + 1)  # cuts a character
    assert read_csv(write_csv(CHINESE), nrows=1).encoding == "utf-8"


def test_excel_unicode_text_utf16_tab_file(write_csv):
    t = read_csv(write_csv("名字\tvalue\n张三\t1.5\n", encoding="utf-16"))
    assert t.encoding == "utf-16" and t.delimiter == "\t"
    assert t.frame.values.tolist() == [["张三", 1.5]]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings(write_csv, newline):
    t = read_csv(write_csv(newline.join(["a,b", "1,2", "3,4", ""])))
    assert t.frame.values.tolist() == [[1, 2], [3, 4]]


# --- 13. delimiters ---------------------------------------------------------------------------------
@pytest.mark.parametrize("delim, word", [(";", "semicolon"), ("\t", "tab"), ("|", "pipe"), (",", None)])
def test_delimiters_are_detected(write_csv, delim, word):
    rows = ["a,b,c".replace(",", delim)] + [delim.join(str(i * 3 + j) for j in range(3)) for i in range(5)]
    t = read_csv(write_csv("\n".join(rows) + "\n"))
    assert t.delimiter == delim
    assert list(t.frame.columns) == ["a", "b", "c"] and t.frame.shape == (5, 3)
    assert any(word in n for n in t.notices) if word else not t.notices


def test_single_column_parse_gives_a_notice(write_csv):
    t = read_csv(write_csv("only\n1\n2\n3\n"))
    assert t.frame.shape == (3, 1)
    assert any("single column" in n and "delimiter" in n for n in t.notices)


# --- 14. number formats -----------------------------------------------------------------------------
def test_decimal_commas_in_semicolon_files(write_csv):
    t = read_csv(write_csv("a;b\n1,5;2,25\n3,0;-4,75\n"))
    assert t.decimal == ","
    assert t.frame.values.tolist() == [[1.5, 2.25], [3.0, -4.75]]
    assert any("Decimal commas" in n for n in t.notices)


def test_decimal_commas_in_a_few_cells_or_late_in_the_sample_are_found(write_csv):
    """prices mostly whole (12, and now and then 8,2), or the first decimals after row 50: the column was
    left out as 'mostly numbers, but 8,2 is not a number'"""
    rows = "".join(f"{i};{f'{i % 9},2' if i % 5 == 0 else i};x\n" for i in range(60))
    t = read_csv(write_csv("n;price;y\n" + rows))
    assert t.decimal == "," and t.frame["price"].tolist()[:6] == [0.2, 1, 2, 3, 4, 5.2]
    late = "".join(f"{i};{i}\n" for i in range(60)) + "60;1,5\n"
    assert read_csv(write_csv("n;price\n" + late)).frame["price"].iloc[-1] == 1.5
    points = "".join(f"{i};{i}.5;{'1,5' if i == 3 else 'x'}\n" for i in range(20))
    assert read_csv(write_csv("n;price;note\n" + points)).frame["price"].iloc[0] == 0.5  # points: as written


def test_a_lone_1_234_is_read_by_what_the_rest_of_the_file_says(write_csv):
    """a tab file of whole numbers and one 1,234 (US thousands) read 1.234; a semicolon file of prices
    (33,15) and whole thousands (18.582) read 18.582 as a feature and the prices as text"""
    tab = read_csv(write_csv("qty\tprice\n" + "".join(f"{i}\t{i * 3}\n" for i in range(40)) + "7\t\"1,234\"\n"))
    assert tab.frame["price"].iloc[-1] == 1234 and tab.decimal == "."
    eu = read_csv(write_csv("a;b;price\n18.582;98.064;33,15\n64.779;58.483;84,48\n27.096;63.029;50,55\n"))
    assert eu.frame["a"].tolist() == [18582, 64779, 27096] and eu.frame["price"].tolist() == [33.15, 84.48, 50.55]


def test_a_leading_zero_a_late_separator_and_an_exponent_are_read_as_written(write_csv):
    """0,108 in a tab file was read as 108 (no group of thousands starts with 0); decimal commas first met
    after row 200 were missed; 2.1E-05 beside 1.234,5 was read 21E-05"""
    t = read_csv(write_csv("id\tweight\n" + "".join(f"{i}\t0,{100 + i}\n" for i in range(20)) + "20\t-0,100\n"))
    assert t.frame["weight"].tolist()[:2] == [0.1, 0.101] and t.frame["weight"].iloc[-1] == -0.1
    late = read_csv(write_csv("n;price\n" + "".join(f"{i};{i}\n" for i in range(300)) + "300;1,5\n"))
    assert late.frame["price"].iloc[-1] == 1.5
    exp = read_csv(write_csv("menge;p\n1.234,5;2.1E-05\n2.345,5;3.4E-02\n3,5;0,5\n"))
    assert exp.frame["menge"].tolist() == [1234.5, 2345.5, 3.5] and exp.frame["p"].tolist()[0] == "2.1E-05"
    assert any("Column 'p' was read as text" in n for n in exp.notices)


def test_text_with_dots_or_commas_and_missing_dots_are_no_numbers_read_as_text(write_csv):
    """'Dr. Smith' and a@b.com beside 1.200,50 were 'read as text, not numbers (a date or a version?)';
    a lone '.' (missing) made a column of 1.234,5 text"""
    t = read_csv(write_csv("name;amount;email;sum\nDr. Smith;1.200,50;a@b.com;1.234,5\nJane;3.400,25;c@d.org;.\n"
                           "Joe;2,5;e@f.net;2.345,25\n"))
    assert t.frame["amount"].tolist() == [1200.5, 3400.25, 2.5] and t.frame["sum"].tolist()[::2] == [1234.5, 2345.25]
    assert not any("read as text" in n for n in t.notices)


def test_european_thousands_with_decimal_comma(write_csv):
    t = read_csv(write_csv("price;qty\n1.234,5;2\n5.678,25;3\n10,5;4\n"))
    assert t.frame["price"].tolist() == [1234.5, 5678.25, 10.5]
    assert any("Thousands" in n for n in t.notices)


def test_european_thousands_without_decimals(write_csv):
    t = read_csv(write_csv("a;b\n1.234.567;1\n2.345.678;2\n"))
    assert t.frame["a"].tolist() == [1234567, 2345678]


def test_quoted_thousands_separators_in_comma_files(write_csv):
    t = read_csv(write_csv('city,population\nA,"1,234,567"\nB,"89,000"\nC,512\n'))
    assert t.frame["population"].tolist() == [1234567, 89000, 512]
    assert any("Thousands" in n for n in t.notices)


def test_a_column_whose_separators_group_no_thousands_stays_text(write_csv):
    """pandas removes the thousands separator from any number-like cell: 08.06.2023 read as 8062023,
    1.14.7 as 1147, and a quoted 3,5 beside "1,200" as 35, each then a feature of wrong numbers"""
    t = read_csv(write_csv("Datum;Version;Umsatz\n08.06.2023;1.14.7;7.229,34\n13.08.2023;1.2.0;4.510,92\n"))
    assert t.frame["Umsatz"].tolist() == [7229.34, 4510.92]
    assert t.frame["Datum"].tolist() == ["08.06.2023", "13.08.2023"]
    assert t.frame["Version"].tolist() == ["1.14.7", "1.2.0"]
    assert "Column 'Datum' was read as text, not numbers: it holds 08.06.2023" in "\n".join(t.notices)
    assert [p.kind for p in profile_frame(t.frame)][0] == "datetime"
    t = read_csv(write_csv('amount,size\n"1,200",1\n"2,500","3,5"\n900,2\n'))
    assert t.frame["amount"].tolist() == [1200, 2500, 900]
    assert t.frame["size"].tolist() == ["1", "3,5", "2"]
    assert "it holds 3,5, where ',' does not separate groups of three digits" in "\n".join(t.notices)


# --- 15–16. ragged rows, quoting --------------------------------------------------------------------
def test_row_with_too_many_fields_names_its_line(write_csv):
    text = refused(write_csv("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n", "ragged.csv"), "ragged.csv", "line 4")
    assert "4 fields" in text and "3" in text


def test_every_row_longer_than_the_header_is_refused_not_shifted(write_csv):
    message = refused(write_csv("a,b\n1,2,3\n4,5,6\n", "shifted.csv"))
    assert all(part in message for part in ("shifted.csv", "line 2 has 3 fields", "header has 2")), message


def test_trailing_delimiter_on_data_rows_only_is_ignored_with_a_notice(write_csv):
    t = read_csv(write_csv("a,b\n1,2,\n4,5,\n"))
    assert list(t.frame.columns) == ["a", "b"] and t.frame.values.tolist() == [[1, 2], [4, 5]]
    assert any("trailing delimiter" in n for n in t.notices)


def test_trailing_delimiter_after_a_line_of_spaces_is_still_seen(write_csv):
    t = read_csv(write_csv("x1,x2\n   \n1,9,\n9,1,\n"))  # pandas skips the blank line; so must the check
    assert t.frame.values.tolist() == [[1, 9], [9, 1]]


def test_trailing_delimiter_then_a_filled_extra_field_is_refused(write_csv):
    message = refused(write_csv("a,b\n1,2,\n4,5,\n7,8,9\n", "late.csv"))
    assert "late.csv" in message and "data row 3 (line 4 of the file) has 3 fields" in message


def test_row_with_too_few_fields_is_reported_not_silent(write_csv):
    t = read_csv(write_csv("a,b,c\n1,2,3\n4,5\n7,8,9\n"))
    assert len(t.frame) == 3  # no row skipped
    assert math.isnan(t.frame["c"][1])
    assert any("line 3" in n and "2 field" in n for n in t.notices), t.notices


def test_empty_trailing_fields_are_not_called_short(write_csv):
    t = read_csv(write_csv("a,b,c\n1,2,3\n4,5,\n7,8,9\n"))
    assert not any("field" in n for n in t.notices)


def test_quoted_commas_newlines_and_doubled_quotes(write_csv):
    t = read_csv(write_csv('name,quote,n\n"Smith, J.","he said ""hi""",1\n"two\nlines","x",2\n'))
    assert t.frame["name"].tolist() == ["Smith, J.", "two\nlines"]
    assert t.frame["quote"].tolist() == ['he said "hi"', "x"]
    assert t.frame["n"].tolist() == [1, 2]


# --- 17–18. odd columns -----------------------------------------------------------------------------
def test_duplicate_column_names_are_warned_and_both_kept(write_csv):
    t = read_csv(write_csv("a,a,b\n1,2,3\n4,5,6\n"))
    assert t.frame.shape == (2, 3)
    assert sorted(t.frame.iloc[0].tolist()) == [1, 2, 3]  # no value lost
    assert any("Duplicate column names: a" in n for n in t.notices)


def test_names_alike_once_stripped_are_kept_apart_as_pandas_keeps_repeated_names(write_csv):
    """'a' and 'a ' were both named 'a' after the read stripped them: the window failed to open the file"""
    t = read_csv(write_csv("a,a ,a.1, b\n1,2,3,4\n5,6,7,8\n"))
    assert list(t.frame.columns) == ["a", "a.2", "a.1", "b"]
    assert t.frame["a.2"].tolist() == [2, 6] and t.frame["a.1"].tolist() == [3, 7]
    assert any("Duplicate column names: a. They were kept apart as 'a', 'a.1'" in n for n in t.notices)
    assert profile_frame(t.frame)[1].name == "a.2"


def test_trailing_delimiter_unnamed_column_dropped_with_notice(write_csv):
    t = read_csv(write_csv("a,b,\n1,2,\n3,4,\n"))
    assert list(t.frame.columns) == ["a", "b"]
    assert not any(c.startswith("Unnamed") for c in t.frame.columns)
    assert any("unnamed" in n for n in t.notices)


def test_named_all_empty_column_gets_a_notice(write_csv):
    t = read_csv(write_csv("a,blank,c\n1,,3\n4,,6\n"))
    assert any("'blank'" in n and "no values" in n for n in t.notices), t.notices


# --- 20–21. values ----------------------------------------------------------------------------------
@pytest.mark.parametrize("cell", ["inf", "-inf", "1e400", "Infinity"])
def test_infinite_values_are_refused_naming_column_and_row(write_csv, cell):
    message = refused(write_csv(f"a,weight\n1,2\n3,4\n5,{cell}\n", "inf.csv"))
    assert all(part in message for part in ("inf.csv", "'weight'", "row 3", "line 4")), message


def test_na_null_spellings_are_missing_values(write_csv):
    t = read_csv(write_csv("a,b\n1,NA\n2,null\n3,N/A\n4,5.5\n5,\n"))
    assert t.frame["b"].dtype.kind == "f"
    assert int(t.frame["b"].isna().sum()) == 4 and t.frame["b"][3] == 5.5


def test_blank_cells_of_spaces_or_tabs_are_missing_values(write_csv):
    # a spreadsheet writes an emptied cell as a space or two: the column stays numeric, the text column
    # gets no category ' ' (and the label no class ''), and a space inside a value is kept
    t = read_csv(write_csv("x,colour,label\n1.5,red,yes\n ,blue,no\n2.5,  ,yes\n3.5,dark red, \n4,\t ,no\n"))
    frame = t.frame
    assert frame["x"].dtype.kind == "f" and frame["x"].isna().tolist() == [False, True, False, False, False]
    assert frame["colour"].isna().tolist() == [False, False, True, False, True]
    assert frame["label"].isna().tolist() == [False, False, False, True, False]
    assert frame["colour"][3] == "dark red"
    kinds = {p.name: (p.kind, p.missing) for p in profile_frame(frame)}
    assert kinds["x"] == ("numeric", 1) and kinds["colour"][1] == 2 and kinds["label"][1] == 1


# --- 22. size, progress, cancel ---------------------------------------------------------------------
def test_very_wide_file_loads_and_profiles_quickly(tmp_path):
    from dlstudio.core.profile import profile_frame
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(20, 10_000)).round(3), columns=[f"c{i}" for i in range(10_000)])
    path = tmp_path / "wide.csv"
    frame.to_csv(path, index=False)
    start = time.process_time()  # this process's CPU time: other busy processes do not count
    t = read_csv(path)
    profiles = profile_frame(t.frame)
    seconds = time.process_time() - start
    assert t.frame.shape == (20, 10_000) and len(profiles) == 10_000
    assert all(p.kind == "numeric" for p in profiles)
    assert seconds < 3.0, f"a 10,000-column file took {seconds:.1f} s of CPU"


def test_progress_reaches_the_end_and_cancel_stops_reading(write_csv):
    path = write_csv("a,b\n" + "".join(f"{i},{i * 2}\n" for i in range(2000)))
    seen: list[float] = []
    read_csv(path, progress=seen.append)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled) as info:
        read_csv(path, cancel=lambda: True)
    assert isinstance(info.value, DLStudioError) and "nothing was changed" in str(info.value)


def test_a_totals_row_at_the_end_is_left_out_and_named(write_csv):
    # (an Excel export's 'Summe' row trained as data: a category of its own, numbers a thousand times the rest)
    t = read_csv(write_csv("Region;Menge;Preis;Umsatz\nNord;10;1,5;15\nSüd;20;2,5;50\nOst;5;3;15\nSumme;35;;80\n"))
    assert t.frame["Region"].tolist() == ["Nord", "Süd", "Ost"] and t.frame["Menge"].sum() == 35
    assert any("'Summe') holds the totals of the rows above (Menge, Umsatz)" in n for n in t.notices)


@pytest.mark.parametrize("last", ["Total,99,1\n",  # not the sum of the column above: a row like the others
                                  "North,35,1\n"])  # no word for a total
def test_a_last_row_that_sums_nothing_or_names_no_total_stays(write_csv, last):
    t = read_csv(write_csv("kind,n,x\nTotal,10,1\nSouth,20,2\nEast,5,3\n" + last))
    assert len(t.frame) == 4 and not any("totals" in n for n in t.notices)


def test_a_few_text_cells_in_a_column_of_numbers_are_read_as_missing_and_named(write_csv):
    # (12 'ERR' cells among 7,000 readings made a sensor column text, and it was left out of the model)
    rows = "".join(f"{'ERR' if i % 60 == 7 else f'{i / 10:.1f}'};{'n/v' if i == 3 else f'{i},5'};ok\n" for i in range(300))
    t = read_csv(write_csv("temp;load;status\n" + rows))
    assert t.frame["temp"].dtype.kind == "f" and int(t.frame["temp"].isna().sum()) == 5
    assert t.frame["load"].dtype.kind == "f" and t.frame["load"][4] == 4.5 and np.isnan(t.frame["load"][3])
    assert any("Column 'temp' holds numbers but for 5 cell(s) reading 'ERR'" in n for n in t.notices)
    assert t.frame["status"].dtype.kind != "f"


@pytest.mark.parametrize("cells", [["ERR"] * 20,  # 20 of 300: more than a stray few
                                   ["A1", "B2", "C3", "D4"]])  # four spellings: codes, not errors
def test_text_that_is_more_than_a_stray_few_keeps_the_column_text(write_csv, cells):
    values = [str(i) for i in range(300 - len(cells))] + cells
    t = read_csv(write_csv("code,y\n" + "".join(f"{v},{i}\n" for i, v in enumerate(values))))
    assert t.frame["code"].dtype.kind != "f" and not any("holds numbers but for" in n for n in t.notices)
