"""PySide6 6.12.0 on Python 3.11 returns None from QGraphicsItem.update() without a reference: each call
takes one reference from None, and a plot redrawing for long enough aborts in none_dealloc. Catch a
Qt binding with that leak before a person's long run does (pyproject pins PySide6 below 6.12)."""
from __future__ import annotations

import sys

import pytest

CALLS = 20_000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: no count to leak")
def test_redrawing_plot_items_does_not_leak_references_to_none(qapp):
    import pyqtgraph as pg
    from PySide6.QtWidgets import QGraphicsRectItem

    curve = pg.PlotDataItem([0, 1, 2], [1, 0, 1])
    rect = QGraphicsRectItem(0, 0, 1, 1)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        curve.update()
        rect.update()
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"{lost} references to None lost in {2 * CALLS} update() calls"
