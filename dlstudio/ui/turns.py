"""Work split across passes of the event loop, so that the window answers in between."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer


def in_a_later_turn(receiver: QObject, function) -> None:
    """Call ``function`` in a later pass of the event loop that runs timers, after the paints pending
    now; dropped if ``receiver`` is deleted first. A 1 ms timer, not a 0 ms one: Qt 6 runs a 0 ms
    single shot as a posted event, and one posted while posted events are handled may run in the same
    pass, so a chain of parts stalled the window two at a time (parts of 20 ms: a 10 ms heartbeat saw
    40-43 ms gaps; 21 ms with 1 ms timers)."""
    QTimer.singleShot(1, receiver, function)
