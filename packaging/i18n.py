"""Translations: extract every translatable string into resources/i18n/*.ts, and compile them to .qm.

    python packaging/i18n.py update    # refresh the .ts files from gui/ (keeps existing translations)
    python packaging/i18n.py release   # compile .ts -> .qm (committed; a test checks they are current)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gui").rglob("*.py"))


def ts_file(code: str) -> Path:
    return I18N / f"nestwiz_{code}.ts"


def update(target_dir: Path = I18N) -> list[Path]:
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for code in LANGUAGES:
        out = target_dir / ts_file(code).name
        if target_dir != I18N and ts_file(code).exists():
            shutil.copyfile(ts_file(code), out)
        subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", "-target-language", code,
                        *sources(), "-ts", str(out)], cwd=ROOT, check=True)
        written.append(out)
    return written


def release(target_dir: Path = I18N) -> list[Path]:
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for code in LANGUAGES:
        out = target_dir / f"nestwiz_{code}.qm"
        subprocess.run([tool("lrelease"), "-silent", str(ts_file(code)), "-qm", str(out)], cwd=ROOT, check=True)
        written.append(out)
    return written


if __name__ == "__main__":
    actions = {"update": update, "release": release}
    if len(sys.argv) != 2 or sys.argv[1] not in actions:
        raise SystemExit(__doc__)
    for path in actions[sys.argv[1]]():
        print(path.relative_to(ROOT))
