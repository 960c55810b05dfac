"""One engine at a time on a lab: a lock beside the journal that the operating system drops with its process."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class LabBusy(Exception):
    """Another NestWiz (the wizard, or nestwiz lab run) is running steps of this lab now."""


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def holding(journal: Path) -> Iterator[None]:
    """Hold the lab's lock while the block runs; LabBusy at once when another process holds it. A process that
    dies (even killed) releases it, so no stale lock ever blocks the next run."""
    path = journal.with_name(journal.name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        if not _try_lock(handle):
            raise LabBusy(str(path))
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        yield
