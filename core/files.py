"""Files written so that a reader, or a crash, sees the old content or the whole new content, never a part."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".nestwiz-"


def write_atomic(target: Path, data: bytes) -> None:
    """Write a temporary file beside `target` (named TEMP_PREFIX…), flush it to disk, then rename it over."""
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
