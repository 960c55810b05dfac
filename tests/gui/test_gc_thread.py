"""Cycles of Qt objects are collected on the Qt thread, never in a worker thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QTimer

from gui.gc_thread import MainThreadCollector


def test_collection_happens_on_the_qt_thread_only(qtbot):
    parent = QObject()
    collector = MainThreadCollector(parent, interval_ms=10)
    try:
        assert not gc.isenabled()
        seen: list[str] = []

        class Cycle(QObject):
            def __init__(self) -> None:
                super().__init__()
                self.me = self
                self.timer = QTimer()
                self.timer.start(1000)

            def __del__(self) -> None:
                seen.append(threading.current_thread().name)

        for _ in range(3):
            Cycle()

        def churn() -> None:  # allocations in a worker thread must not trigger a collection there
            junk = [[i] for i in range(50_000)]
            del junk

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        gc.set_threshold(1, 1, 1)
        qtbot.waitUntil(lambda: len(seen) == 3, timeout=5_000)
        assert set(seen) == {threading.main_thread().name}
    finally:
        gc.set_threshold(700, 10, 10)
        collector.deleteLater()
        parent.deleteLater()
        qtbot.waitUntil(gc.isenabled, timeout=5_000)


def test_freeze_startup_collects_then_keeps_the_survivors_out_of_later_collections():
    import weakref

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    gc.unfreeze()
    try:
        garbage = weakref.ref(Cycle())
        kept = [Cycle() for _ in range(100)]
        from gui.gc_thread import freeze_startup

        freeze_startup()
        assert garbage() is None  # collected first, not frozen
        assert gc.get_freeze_count() >= len(kept)
        tracked = {id(o) for o in gc.get_objects()}  # every generation: what a collection walks
        assert not any(id(o) in tracked for o in kept)
    finally:
        gc.unfreeze()
        gc.collect()
