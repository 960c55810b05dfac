"""Frozen onedir size: NestWiz against a bare PySide6 QWizard frozen the same way (packaging/freeze.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
TARGET = 1.3


def onedir_size(folder: Path) -> tuple[int, int]:
    """Bytes and file count; symbolic links (PyInstaller's on Linux) count as links, not as their targets."""
    total, count = 0, 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            total += (Path(dirpath) / name).lstat().st_size
            count += 1
    return total, count


def largest(folder: Path, top: int) -> list[tuple[int, str]]:
    sizes = [
        ((Path(d) / n).lstat().st_size, str((Path(d) / n).relative_to(folder)))
        for d, _dirs, names in os.walk(folder)
        for n in names
    ]
    return sorted(sizes, reverse=True)[:top]


def compare(platform: str, dist: Path, top: int) -> float | None:
    app, bare = dist / "NestWiz", dist / "BareWizard"
    if not (app.is_dir() and bare.is_dir()):
        hint = "packaging/build_linux.sh" if platform == "linux" else "packaging/build_windows.sh"
        print(f"size ({platform}): skipped, no NestWiz/ and BareWizard/ onedirs in {dist} (run {hint})")
        return None
    app_bytes, app_files = onedir_size(app)
    bare_bytes, bare_files = onedir_size(bare)
    ratio = app_bytes / bare_bytes
    print(
        f"size ({platform} onedir): bare QWizard {bare_bytes / 2**20:.1f} MB in {bare_files} files, "
        f"NestWiz {app_bytes / 2**20:.1f} MB in {app_files} files, "
        f"ratio {ratio:.2f}x (target <= {TARGET}x) {'PASS' if ratio <= TARGET else 'MISS'}"
    )
    for size, name in largest(app, top):
        print(f"    {size / 2**20:7.1f} MB  {name}")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", type=Path, default=BUILD, help="folder holding linux/dist and windows/dist")
    parser.add_argument("--top", type=int, default=5, help="list the largest files of NestWiz's onedir")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    ratios = [compare(p, args.build / p / "dist", args.top) for p in ("linux", "windows")]
    measured = [r for r in ratios if r is not None]
    if not measured:
        return 1
    return 1 if (args.strict and any(r > TARGET for r in measured)) else 0


if __name__ == "__main__":
    sys.exit(main())
