"""Japanese (Shift-JIS), Korean (EUC-KR) and Traditional Chinese (Big5) CSVs, as Excel saves them there,
read as written: most of their bytes also decode as GB18030, which used to read them, silently, as
nonsense Chinese."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from dlstudio.cli import main
from dlstudio.core import east_asian, sniff, split_read, workers
from dlstudio.core.errors import DataError
from dlstudio.core.table import read_csv

JAPANESE = {
    "reviews, kana and kanji": "id,コメント,評価\n1,とても良い商品でした。また買いたいです。,5\n"
                               "2,配送が遅かったですが、品質は満足しています。,4\n3,サイズが少し小さかったので交換しました。,3\n",
    "names with their reading": "氏名,フリガナ,住所\n山田太郎,ヤマダタロウ,東京都新宿区\n佐藤花子,サトウハナコ,大阪府大阪市\n"
                                "鈴木一郎,スズキイチロウ,愛知県名古屋市\n",
    "kanji only": "都市,人口\n東京,1396\n大阪,882\n名古屋,232\n横浜,377\n京都,146\n札幌,197\n",
    "half-width katakana": "氏名,ｶﾅ,金額\n山田太郎,ﾔﾏﾀﾞ ﾀﾛｳ,1000\n佐藤花子,ｻﾄｳ ﾊﾅｺ,2000\n",
    "two kanji": "性別,年齢\n男,30\n女,25\n男,41\n",
    "symbols: ㈱ ① ○ ★ ㎡ ※ →": "会社名,評価,面積,備考\n㈱山田製作所,★★★☆☆,74.3㎡,※要確認\n㈱NTT Data,①,55㎡,→次回\n"
                               "㈱中央物産,○,80㎡,\n",
}
KOREAN = {
    "names and addresses": "이름,주소,나이\n김민준,서울특별시 강남구,34\n이서연,부산광역시 해운대구,28\n"
                           "박지훈,인천광역시 남동구,45\n",
    "reviews": "번호,리뷰,점수\n1,배송이 빠르고 품질이 좋습니다,5\n2,생각보다 크기가 작아서 아쉬워요,3\n",
    "symbols and jamo: ㅋㅋ ♥ ㈜ ㎡ · ￦": "회사,리뷰,면적,가격\n㈜삼성전자,좋아요 ㅋㅋㅋ ♥,103㎡,￦5000\n"
                                          "㈜한국전력,배송이 빨라요 ㅠㅠ,84㎡,￦12000\n㈜부산·해운대,보통이에요,59㎡,￦800\n",
    "gender only": "성별,나이\n남,30\n여,25\n남,41\n여,33\n",
}
BIG5 = {
    "names and cities": "姓名,縣市,收入\n陳大文,臺北市,50000\n林美麗,高雄市,42000\n黃國華,臺中市,38000\n張志明,臺南市,45000\n",
    "reviews": "編號,評論,分數\n1,商品品質很好，出貨速度也很快。,5\n2,包裝有點破損，但是東西沒問題。,4\n",
    "Hong Kong companies": "公司,地區\n香港電訊,九龍\n長江實業,港島\n新世界發展,新界\n",
}
CHINESE = {  # each also decodes as Shift-JIS or EUC-KR, or is mostly GBK's rarer characters
    "gender and departments: every character a Korean syllable": "id,性别,部门\n" + "".join(
        f"{i},{'男女'[i % 2]},{['工程部', '客服部', '后勤部', '采购部'][i % 4]}\n" for i in range(40)),
    "provinces: every character a Korean syllable": "省份,人数\n河北,1\n河南,2\n湖北,3\n湖南,4\n黑龙江,5\n吉林,6\n",
    "HR, few characters (Korean syllables when read as EUC-KR)": "id,性别,学历\n0,男,硕士\n1,女,本科\n2,男,博士\n",
    "cities": "城市,x\n北京,1\n上海,2\n广州,3\n",
    "the same city": "城市,x\n北京,1\n北京,2\n",
    "traditional": "姓名,城市,說明\n陳大文,臺北,這個學生很認真\n林美麗,高雄,電腦資料\n張志明,臺南,對於學習很有興趣\n",
    "traditional, GBK's rarer characters": "地區,數量\n臺灣,1\n國語,2\n學習,3\n們個,4\n",
    "pinyin with tones (Big5 hanzi when read as Big5)": "id,name,city\n0,Zhāng Wěi,Shànghǎi\n1,Lǐ Nà,Guǎngzhōu\n",
    "names and cities": "姓名,城市,收入\n张伟,北京,8000\n王芳,上海,9500\n李娜,广州,7200\n刘洋,深圳,11000\n",
}


GB_NOTICE = ("Read as GB18030 (Chinese) text: the file is not UTF-8, and its characters read as Chinese. If its "
             "text looks wrong, choose the encoding it was saved in.")


def expected(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), sep=";" if ";" in text.split("\n")[0] else ",")


def read(path, how: str):
    if how == "windowed":
        return read_csv(path, progress=lambda f: None, cancel=lambda: False)
    return read_csv(path, nrows=1000) if how == "preview" else read_csv(path)


@pytest.mark.parametrize("how", ["path", "windowed", "preview"])
@pytest.mark.parametrize("text,encoding,language", [(t, "cp932", "Shift-JIS (Japanese)") for t in JAPANESE.values()]
                         + [(t, "cp949", "EUC-KR (Korean)") for t in KOREAN.values()]
                         + [(t, "cp950", "Big5 (Traditional Chinese)") for t in BIG5.values()],
                         ids=[f"ja: {k}" for k in JAPANESE] + [f"ko: {k}" for k in KOREAN] + [f"big5: {k}" for k in BIG5])
def test_japanese_korean_and_big5_files_are_read_as_written(write_csv, how, text, encoding, language):
    t = read(write_csv(text, encoding=encoding), how)
    assert t.encoding == encoding
    pd.testing.assert_frame_equal(t.frame, expected(text), check_dtype=False)
    assert any(f"Read as {language} text" in n for n in t.notices)


@pytest.mark.parametrize("text", CHINESE.values(), ids=CHINESE.keys())
def test_chinese_that_also_decodes_as_japanese_or_korean_stays_chinese(write_csv, text):
    t = read_csv(write_csv(text, encoding="gb18030"))
    assert t.encoding == "gb18030" and t.notices == [GB_NOTICE]
    pd.testing.assert_frame_equal(t.frame, expected(text), check_dtype=False)


@pytest.mark.parametrize("encoding,text", [("cp932", "東京都新宿区,7\n"), ("cp949", "서울특별시 강남구,7\n"),
                                           ("cp950", "臺北市信義區市府路,7\n")])
@pytest.mark.parametrize("windowed", [False, True])
def test_east_asian_text_after_a_long_ascii_start(write_csv, monkeypatch, encoding, text, windowed):
    """The start is UTF-8 (pandas reads it so), a later byte is not: the whole file then decides; the
    window reads it in parts on two threads."""
    monkeypatch.setattr(sniff, "SNIFF_BYTES", 64)
    monkeypatch.setattr(split_read, "MIN_BYTES", 0)
    monkeypatch.setattr(workers, "PARALLEL_CELLS", 0)
    start = "name,n\n" + "".join(f"row{i},{i}\n" for i in range(5000))
    path = write_csv(start + text * 3, encoding=encoding)
    t = read_csv(path, progress=lambda f: None, cancel=lambda: False) if windowed else read_csv(path)
    assert t.encoding == encoding and t.frame["name"].tolist()[-3:] == [text.split(",")[0]] * 3
    assert len(t.frame) == 5003


WESTERN = {  # symbols that read as lone half-width katakana in Shift-JIS; quotes that start a kanji
    "lab values": "Probe;Temp;Fläche;Dosis\nA;30 °C;20 m²;5 µg ± 1\nB;25 °C;12 m²;3 µg ± 0,5\n",
    "units in the header": "T (°C),A (m²)\n20,3\n25,4\n",
    "UK prices": "item,price,size\nTea,£4.44,½ pint\nMilk,£1.19,1 pint\n",
    "Spanish floors": "nombre;piso\nLopez;8º 1ª\nGarcia;3º 2ª\n",
    "curly apostrophes": "customer,shop,note\nO’Brien,McDonald’s,don’t call\nD’Souza,Sainsbury’s,it’s paid\n",
    "apostrophes and an ellipsis": "id,quote\n0,She’d…know\n1,They’re…back\n2,Don’t…stop\n",
    "no-break spaces before ! and €": "id;avis;prix\n" + "".join(  # (Shift-JIS reads them as U+F8F0)
        f"{i};{['Très bien', 'Génial', 'Nul'][i % 3]}\xa0{'!?'[i % 2]};{i + 1},50\xa0€\n" for i in range(12)),
}


@pytest.mark.parametrize("text", WESTERN.values(), ids=WESTERN.keys())
def test_western_symbols_and_quotes_stay_windows_1252(write_csv, text):
    t = read_csv(write_csv(text, encoding="cp1252"))
    assert t.encoding == "cp1252"
    pd.testing.assert_frame_equal(t.frame, expected(text), check_dtype=False)


@pytest.mark.parametrize("text", ["id,year\n" + "".join(f"{i},{2000 + i}年度\n" for i in range(20)),
                                  "name,title\n" + "".join(f"{n},{t}\n" for n, t in [("Tanaka", "様"), ("Sato", "殿")] * 9)])
def test_kanji_whose_bytes_look_like_curly_quotes_are_not_windows_1252(write_csv, text):
    """年 is 0x94 'N' (”N in Windows-1252), 様 0x97 'l' (—l): lone bytes of quotes and dashes, but not
    after a Latin letter, or not nine runs in ten."""
    t = read_csv(write_csv(text, encoding="cp932"))
    assert t.encoding == "cp932"
    pd.testing.assert_frame_equal(t.frame, expected(text), check_dtype=False)


def test_the_sample_starts_where_the_text_does():
    """Past 256 KiB of ASCII in the first chunk read, the Japanese is still what is looked at."""
    data = ("id,memo\n" + "".join(f"{i},\n" for i in range(60_000))).encode() + "山田太郎様 要確認\n".encode("cp932")
    assert len(data) > east_asian.SAMPLE_BYTES
    assert east_asian.east_asian(lambda: iter([data])) == ("cp932", "gb18030")


KOREAN_LABELS = "length,stars,sentiment\n" + "".join(f"{20 + i},{1 + i % 5},{'긍정' if i % 5 > 1 else '부정'}\n"
                                                 for i in range(40))  # three syllables: no guess can tell


@pytest.mark.parametrize("how", ["path", "windowed", "preview"])
def test_the_encoding_a_person_chooses_is_the_one_read(write_csv, how):
    path = write_csv(KOREAN_LABELS, encoding="cp949")
    assert read_csv(path).encoding == "gb18030"
    kind = dict(progress=lambda f: None, cancel=lambda: False) if how == "windowed" else \
        dict(nrows=1000) if how == "preview" else {}
    t = read_csv(path, encoding="cp949", **kind)
    assert t.encoding == "cp949" and t.notices == ["Read as EUC-KR (Korean) text, as chosen."]
    pd.testing.assert_frame_equal(t.frame, expected(KOREAN_LABELS), check_dtype=False)


def test_a_chosen_encoding_the_file_is_not_in_is_refused(write_csv):
    with pytest.raises(DataError) as info:
        read_csv(write_csv("氏名,年齢\n山田太郎,34\n", "ja.csv", encoding="cp932"), encoding="utf-8")
    assert str(info.value).startswith("ja.csv is not UTF-8 text: ")
    assert info.value.hint == "Choose the encoding the file was saved in, or let DL Studio detect it."


def test_the_command_line_takes_the_encoding(write_csv, tmp_path, capsys):
    path = write_csv(KOREAN_LABELS, encoding="cp949")
    out = tmp_path / "model"
    assert main(["train", str(path), "--label", "sentiment", "--encoding", "cp949", "--epochs", "2",
                 "--batch-size", "8", "--out", str(out)]) == 0
    assert "note: Read as EUC-KR (Korean) text, as chosen." in capsys.readouterr().err
    assert main(["predict", str(out / "model.json"), str(path), "--encoding", "cp949", "-o",
                 str(tmp_path / "p.csv")]) == 0
    assert set(pd.read_csv(tmp_path / "p.csv")["sentiment_predicted"]) <= {"긍정", "부정"}


def test_utf8_chosen_for_a_file_with_a_byte_order_mark_and_a_blank_first_line(write_csv):
    t = read_csv(write_csv("\ufeff\nid,x\n1,2\n3,4\n"), encoding="utf-8")
    assert list(t.frame.columns) == ["id", "x"] and t.frame.values.tolist() == [[1, 2], [3, 4]]


def test_a_chosen_encoding_that_needs_a_mark_the_file_lacks_is_refused_by_name(write_csv):
    with pytest.raises(DataError) as info:
        read_csv(write_csv("city\nZürich\n", "w.csv", encoding="cp1252"), encoding="utf-16")
    assert str(info.value).startswith("w.csv is not UTF-16 text: it holds bytes that encoding does not have.")
