"""Logging: a rotating file in the user log folder, with every record redacted before it is written."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from core.paths import log_dir
from core.redact import redact

LOG_FILE = "nestwiz.log"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the `nestwiz` loggers to a rotating file (1 MB x 5). Returns the file's path. Idempotent."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    logger = logging.getLogger("nestwiz")
    for handler in list(logger.handlers):
        if getattr(handler, "nestwiz", False):
            if Path(getattr(handler, "baseFilename", "")) == path:
                return path
            logger.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(RedactingFormatter(FORMAT))
    handler.nestwiz = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def close_logging() -> None:
    logger = logging.getLogger("nestwiz")
    for handler in list(logger.handlers):
        if getattr(handler, "nestwiz", False):
            logger.removeHandler(handler)
            handler.close()
