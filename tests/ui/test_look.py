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
