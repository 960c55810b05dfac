"""Where NestWiz finds its shipped resources and keeps its per-user data, cache and logs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "NestWiz"


def resources_dir() -> Path:
    """The shipped `resources/` folder, in a checkout, an installed wheel or a frozen build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def _override(var: str) -> Path | None:
    value = os.environ.get(var)
    return Path(value) if value else None


def data_dir() -> Path:
    """Per-user data (journal, plans). NESTWIZ_HOME moves data, cache and logs together (tests, portable kits)."""
    home = _override("NESTWIZ_HOME")
    if home:
        return home / "data"
    import platformdirs  # here: resource() is needed before the first window, the per-user folders are not

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    home = _override("NESTWIZ_HOME")
    if home:
        return home / "cache"
    import platformdirs  # here: resource() is needed before the first window, the per-user folders are not

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = _override("NESTWIZ_HOME")
    if home:
        return home / "logs"
    import platformdirs  # here: resource() is needed before the first window, the per-user folders are not

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
