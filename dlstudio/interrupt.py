"""Ctrl+C during `train` on the command line stops like the window's Stop: the run ends after the
batch it is in, keeping what it learned, and the model is saved. A second Ctrl+C interrupts at once
(nothing saved). Before, the first Ctrl+C threw away every epoch trained so far.

Under torchrun every process gets the signal, but at different batches, and a rank that stopped alone
would leave the others waiting on its gradients; there Ctrl+C keeps interrupting at once."""
from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager


@contextmanager
def stop_on_interrupt(quiet: bool, alone: bool):
    """Yields the ``trainer_hook`` for ``pipeline.train``: it keeps the trainer, which the first SIGINT
    asks to stop. Only on the main thread of a run without other ranks (``alone``)."""
    trainers: list = []
    if not alone or threading.current_thread() is not threading.main_thread():
        yield trainers.append
        return

    def first(_signum, _frame):
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the second Ctrl+C: at once
        if not quiet:
            print("\nStopping after this batch and saving what was learned (Ctrl+C again to quit without "
                  "saving)…", file=sys.stderr)
        for trainer in trainers:
            trainer.request_stop()
        if not trainers:  # not training yet: nothing learned to keep
            raise KeyboardInterrupt

    before = signal.signal(signal.SIGINT, first)
    try:
        yield trainers.append
    finally:
        signal.signal(signal.SIGINT, before)
