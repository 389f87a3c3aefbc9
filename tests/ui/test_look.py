"""The look is given per widget (ui/look.py): no style sheet on the application or on any ancestor of an
item view, whose every cell would otherwise paint through Qt's style-sheet engine (~40 % slower)."""
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from dlstudio.ui.look import Section
from tests.ui.helpers import load_csv


def _styled_ancestors(widget: QWidget) -> list[str]:
    """(A short list may style itself, as the steps and the layers do: its own few rows.)"""
    out, w = [], widget.parentWidget()
    while w is not None:
        if w.styleSheet():
            out.append(f"{type(w).__name__} '{w.objectName()}'")
        w = w.parentWidget()
    return out


def test_no_item_view_paints_through_a_style_sheet(qtbot, window, iris_csv):
    load_csv(qtbot, window, iris_csv)
    for step in range(4):
        window.go_to(step)  # every step built
    qtbot.waitUntil(lambda: window.train_panel.plots is not None, timeout=20000)
    assert QApplication.instance().styleSheet() == ""
    views = window.findChildren(QAbstractItemView)
    assert len(views) >= 6  # the preview, the columns, the layers, the ledger, the epoch log, …
    styled = {f"{type(v).__name__} '{v.objectName()}'": _styled_ancestors(v) for v in views}
    assert {v: s for v, s in styled.items() if s} == {}


def test_section_titles_are_bold_and_what_is_inside_is_not(qtbot, window, iris_csv):
    load_csv(qtbot, window, iris_csv)
    sections = window.findChildren(Section)
    assert len(sections) >= 5 and all(s.font().bold() for s in sections)
    inside = [w for s in sections for w in s.findChildren(QWidget) if w.parentWidget() is s and not w.styleSheet()]
    assert inside and not any(w.font().bold() for w in inside)
    panel = window.data_panel
    assert not panel.preview_view.font().bold() and not panel.columns_view.font().bold()
    hints = [w for w in window.findChildren(QLabel) if w.property("hint")]
    assert hints and all(w.palette().windowText().color().name() == "#5a6677" for w in hints)
    assert window.data_panel.next_button.styleSheet()  # the primary action keeps its accent colour


def test_a_long_file_name_and_the_training_settings_never_widen_the_window_past_a_laptop(qtbot, window, tmp_path):
    """A long file name made the window 1,822 px wide, and the Train step's line of settings kept it at
    1,216 px at least (1,330 after a run): Encoding, Open another CSV and Next were off a 1,280-px screen.
    (1,058 px now: the Results step's row of six buttons.)"""
    from tests.ui.test_train_panel import open_train_step, train_to_end
    name = "a_very_long_file_name_from_the_quarterly_export_of_the_sales_department_reviewed.csv"
    path = tmp_path / name
    path.write_text("x,y\n" + "".join(f"{i / 10},{i % 2}\n" for i in range(60)))
    load_csv(qtbot, window, path)
    title = window.data_panel.title
    assert title.toolTip() == name
    window.resize(1024, 700)
    for step in range(4):
        window.go_to(step)
        assert window.minimumSizeHint().width() <= 1100, step
    panel = open_train_step(qtbot, window, path, epochs=1, early_stopping=0, batch_size=8)
    train_to_end(qtbot, panel)
    assert window.minimumSizeHint().width() <= 1100
    assert "early stopping" not in panel.settings_label.text() and "batch 8" in panel.settings_label.text()
    window.go_to(0)
    qtbot.waitUntil(lambda: "…" in QLabel.text(title))  # shortened where it is shown, whole in the tooltip


def test_the_standardize_hint_gets_the_height_of_all_its_lines(qtbot, window, tmp_path):
    """In a form, the wrapped hint got two lines' height for three beside a tall Task box (a label of
    eleven classes): its text was cut at the top and the bottom"""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
    path = tmp_path / "months.csv"
    counts = [45, 99, 4, 7, 111, 125, 17, 82, 30, 40, 40]  # imbalanced: the Task box says so too
    labels = [m for m, n in zip(months, counts) for _ in range(n)]
    import numpy as np
    values = np.random.default_rng(0).normal(size=(len(labels), 5))
    path.write_text("a,b,c,d,e,month\n" + "".join(",".join(map(str, row)) + f",{m}\n"
                                                  for row, m in zip(values, labels)))
    window.resize(1280, 820)
    load_csv(qtbot, window, path)
    hint = window.data_panel.preparation.scale_hint
    qtbot.waitUntil(lambda: hint.isVisible() and hint.width() > 0)
    for width, height in ((1280, 820), (1280, 700), (1100, 650), (1400, 600)):
        window.resize(width, height)
        QApplication.processEvents()
        assert hint.height() >= hint.heightForWidth(hint.width()), (width, height)


def test_the_selected_steps_icon_is_drawn_in_white_on_the_blue_selection(qtbot, window):
    """(the blue Data icon nearly vanished on the blue selection)"""
    from PySide6.QtGui import QIcon

    def opaque(image):
        return [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
                if image.pixelColor(x, y).alpha() > 200]

    item = window.steps.item(0)
    assert window.steps.currentRow() == 0
    drawn = opaque(item.icon().pixmap(32, 32, QIcon.Selected).toImage())
    assert drawn and all(c.red() > 240 and c.green() > 240 and c.blue() > 240 for c in drawn)
    normal = opaque(item.icon().pixmap(32, 32).toImage())
    assert any(c.blue() > c.red() + 40 for c in normal)  # its own colour when not selected


def test_a_huge_speed_keeps_the_width_its_label_was_given(qtbot):
    """(a few rows an epoch in microseconds read '480,000,000 samples/s', and the window grew past 1,100 px)"""
    from dlstudio.core.events import EpochEnd
    from dlstudio.ui.widgets.train_progress import TrainProgress
    progress = TrainProgress()
    qtbot.addWidget(progress)
    progress.reset(epochs=2, batches=1)
    progress.update_epoch(EpochEnd(1, 2, 0.5, None, samples_per_s=4.8e8))
    assert progress.speed.text() == "480 M samples/s"
    assert progress.speed.sizeHint().width() <= progress.speed.minimumWidth()
