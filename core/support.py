"""The diagnostic bundle: one zip of logs, host facts, the plan and the journal, with every secret removed."""

from __future__ import annotations

import json
import platform
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from core import __version__
from core.paths import data_dir, log_dir
from core.redact import redact


def about() -> str:
    return (
        f"NestWiz {__version__}\nPython {sys.version.split()[0]} on {platform.platform()}\n"
        f"Frozen: {bool(getattr(sys, 'frozen', False))}\nCreated: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
    )


def save_bundle(dest: Path, *, facts: Any = None, plan_text: str | None = None, target: str = "") -> Path:
    """Write the bundle to `dest` (a .zip). Every text member is redacted; returns the written path."""
    dest = dest if dest.suffix.lower() == ".zip" else dest.with_suffix(".zip")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("about.txt", redact(about() + (f"Target: {target}\n" if target else "")))
        logs = log_dir()
        for path in sorted(logs.glob("*.log*")) if logs.is_dir() else []:
            bundle.writestr(f"logs/{path.name}", redact(path.read_text(encoding="utf-8", errors="replace")))
        if facts is not None:
            bundle.writestr("host-facts.json", redact(json.dumps(facts, indent=2, default=str)))
        if plan_text:
            bundle.writestr("plan.toml", redact(plan_text))
        data = data_dir()
        for path in sorted(data.rglob("*.json")) if data.is_dir() else []:
            name = path.relative_to(data).as_posix()
            bundle.writestr(f"journal/{name}", redact(path.read_text(encoding="utf-8", errors="replace")))
    partial.replace(dest)
    return dest
