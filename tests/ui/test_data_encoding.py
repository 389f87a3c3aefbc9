"""The Data step says how a file's text was read, and reads it again in the encoding the person
chooses when the guess is wrong (a few letters cannot tell Korean from Chinese: 긍정/부정)."""
from __future__ import annotations

from dlstudio.core.sniff import NAMES
from tests.ui.helpers import drop_files, screenshot
from tests.ui.results_helpers import predict, train_in_window

KOREAN_LABELS = "length,stars,sentiment\n" + "".join(f"{20 + i},{1 + i % 5},{'긍정' if i % 5 > 1 else '부정'}\n"
                                              for i in range(40))


def dropped(qtbot, window, path):
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        drop_files(window.data_panel.empty_page.drop_zone, path)
    qtbot.waitUntil(lambda: not window.loader.busy)
    return window.data_panel


def choose(combo, code) -> None:
    """Pick the entry whose data is ``code`` from the list, as a person does."""
    index = combo.findData(code)
    assert index >= 0 and combo.isEnabled()
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def column(panel, j, rows):
    return [panel.preview_model.data(panel.preview_model.index(r, j)) for r in range(rows)]


def test_a_shift_jis_file_from_excel_shows_its_japanese_and_says_how_it_was_read(qtbot, window, tmp_path):
    path = tmp_path / "顧客.csv"
    path.write_bytes("氏名,フリガナ,年齢,都市\n山田太郎,ヤマダタロウ,34,東京\n佐藤花子,サトウハナコ,28,大阪\n"
                     "鈴木一郎,スズキイチロウ,45,名古屋\n".encode("cp932"))  # Japanese Excel's "CSV"
    panel = dropped(qtbot, window, path)
    assert column(panel, 0, 3) == ["山田太郎", "佐藤花子", "鈴木一郎"]
    assert panel.encoding_box.currentData() == "cp932" and panel.encoding_box.currentText() == NAMES["cp932"]
    assert "Shift-JIS (Japanese)" in panel.notices.text()
    screenshot(window, "data_shift_jis")


def test_a_wrong_guess_is_read_again_in_the_encoding_chosen(qtbot, window, tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_bytes(KOREAN_LABELS.encode("cp949"))
    panel = dropped(qtbot, window, path)
    assert panel.encoding_box.currentData() == "gb18030"  # two words of two syllables: read as Chinese
    assert "choose the encoding it was saved in" in panel.notices.text()
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        choose(panel.encoding_box, "cp949")
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert window.state.table.encoding == "cp949" and window.state.table.path == str(path)
    assert list(window.state.table.frame.columns) == ["length", "stars", "sentiment"]
    assert column(panel, 2, 3) == ["부정", "부정", "긍정"]
    assert panel.encoding_box.currentData() == "cp949" and "as chosen" in panel.notices.text()
    assert window.state.data_config.labels == ["sentiment"]
    assert sorted(window.state.task.classes) == ["긍정", "부정"]
    screenshot(window, "data_encoding_chosen")


def test_an_encoding_the_file_is_not_in_is_refused_and_the_data_stays(qtbot, window, tmp_path):
    path = tmp_path / "japanese.csv"
    path.write_bytes("氏名,年齢\n山田太郎,34\n佐藤花子,28\n".encode("cp932"))
    panel = dropped(qtbot, window, path)
    with qtbot.waitSignal(window.loader.failed, timeout=20000):
        choose(panel.encoding_box, "utf-8")
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert "japanese.csv is not UTF-8 text" in window.banner.text()
    assert window.state.table.encoding == "cp932" and column(panel, 0, 2) == ["山田太郎", "佐藤花子"]
    assert panel.encoding_box.currentData() == "cp932"  # back to how the data shown was read


def test_predicting_on_a_file_from_the_same_place_uses_the_encoding_chosen(qtbot, window, tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_bytes(KOREAN_LABELS.encode("cp949"))
    panel = dropped(qtbot, window, path)
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        choose(panel.encoding_box, "cp949")
    qtbot.waitUntil(lambda: not window.loader.busy)
    train_in_window(qtbot, window, path, epochs=2, keep_config=True)
    new = tmp_path / "new_reviews.csv"
    new.write_bytes(KOREAN_LABELS.encode("cp949"))
    prediction = predict(qtbot, window.results_panel, new)
    assert "Read as EUC-KR (Korean) text, as chosen." in prediction.notices
    assert set(prediction.frame["sentiment_predicted"]) <= {"긍정", "부정"}
    late = tmp_path / "late.csv"  # its first 64 KiB are ASCII (no label yet): the chosen encoding still wins
    late.write_bytes(("length,stars,sentiment\n" + "".join(f"{i % 50},{1 + i % 5},\n" for i in range(15000))
                      + KOREAN_LABELS.split("\n", 1)[1]).encode("cp949"))
    prediction = predict(qtbot, window.results_panel, late)
    assert prediction.frame["sentiment"].dropna().tolist()[:3] == ["부정", "부정", "긍정"]
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(KOREAN_LABELS, encoding="utf-8")  # not in the chosen encoding: detected instead
    prediction = predict(qtbot, window.results_panel, utf8)
    assert prediction.frame["sentiment"].tolist()[:3] == ["부정", "부정", "긍정"]


def test_a_utf8_file_to_predict_on_is_read_as_utf8_whatever_was_chosen(qtbot, window, tmp_path):
    """Windows-1252 decodes any bytes: tried first on a UTF-8 file, it would garble every accent."""
    text = "city,x,y\n" + "".join(f"{['Zürich', 'São Paulo', 'Köln'][i % 3]},{i},{i * 0.5}\n" for i in range(40))
    path = tmp_path / "cities.csv"
    path.write_bytes(text.encode("cp1252"))
    panel = dropped(qtbot, window, path)
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        choose(panel.encoding_box, "gb18030")  # any other first, then Windows-1252 as the person's choice
    qtbot.waitUntil(lambda: not window.loader.busy)
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        choose(panel.encoding_box, "cp1252")
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert window.state.table.chosen and window.state.table.encoding == "cp1252"
    train_in_window(qtbot, window, path, epochs=2, keep_config=True)
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(text, encoding="utf-8")
    prediction = predict(qtbot, window.results_panel, utf8)
    assert prediction.frame["city"].tolist()[:3] == ["Zürich", "São Paulo", "Köln"]


def test_the_encoding_list_follows_what_is_loaded(qtbot, window, tmp_path):
    """Disabled while a file loads (a choice would read the file shown, not the one coming); back to
    how the data was read after a reload is cancelled; a UTF-16 file's entry goes with the file."""
    utf16 = tmp_path / "wide.csv"
    utf16.write_text("a,b\n1,2\n3,4\n", encoding="utf-16")
    panel = dropped(qtbot, window, utf16)
    assert panel.encoding_box.currentText() == "UTF-16"
    western = tmp_path / "west.csv"
    western.write_bytes("city,n\nZürich,1\nKöln,2\n".encode("cp1252"))
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        window.open_csv(western)
        assert not panel.encoding_box.isEnabled()
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert panel.encoding_box.findText("UTF-16") < 0 and panel.encoding_box.currentData() == "cp1252"
    with qtbot.waitSignal(window.loader.busyChanged, timeout=20000):
        choose(panel.encoding_box, "cp949")
    window.loader.cancel()
    qtbot.waitUntil(lambda: not window.loader.busy)
    assert window.state.table.encoding == "cp1252" and panel.encoding_box.currentData() == "cp1252"
