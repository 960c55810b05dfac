"""Python's cycle collector runs on the Qt thread only: a Qt object collected in a runner's worker thread would
be destroyed there, and Qt objects (timers above all) must die on the thread that made them."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    """Turns automatic collection off and collects each generation on a timer, when its threshold is passed."""

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()
        self.destroyed.connect(gc.enable)

    def collect(self) -> None:
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


def freeze_startup() -> None:
    """Collect what start-up left behind, then keep every object still alive out of later collections.

    Modules, classes and the pages live as long as the program; a full collection walked them all, ~12 ms of the
    Qt thread each time at the end of a walk. Frozen, later collections walk only what was made since.
    """
    gc.collect()
    gc.freeze()
