"""Translations: extract every translatable string into resources/i18n/*.ts, and compile them to .qm.

Sources are gui/ (self.tr) and core/ (core.i18n.translate). French translations may also be merged from
JSON files of {"context": {"source": "traduction"}} with `merge FILE...`.

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
    """The wizard's own strings (self.tr) and core's sentences (core.i18n.translate)."""
    files = [*(ROOT / "gui").rglob("*.py"), *(ROOT / "core").rglob("*.py")]
    return sorted(str(p.relative_to(ROOT)) for p in files)


def ts_file(code: str) -> Path:
    return I18N / f"nestwiz_{code}.ts"


def update(target_dir: Path = I18N) -> list[Path]:
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for code in LANGUAGES:
        out = target_dir / ts_file(code).name
        if target_dir != I18N and ts_file(code).exists():
            shutil.copyfile(ts_file(code), out)
        subprocess.run(
            [
                tool("lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                code,
                *sources(),
                "-ts",
                str(out),
            ],
            cwd=ROOT,
            check=True,
        )
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


def merge(files: list[str], code: str = "fr") -> tuple[int, int]:
    """Fill the .ts with translations from JSON files; returns (filled, still missing)."""
    import json
    import xml.etree.ElementTree as ET

    table: dict[str, dict[str, str]] = {}
    for name in files:
        for context, pairs in json.loads(Path(name).read_text(encoding="utf-8")).items():
            table.setdefault(context, {}).update(pairs)
    tree = ET.parse(ts_file(code))
    filled = missing = 0
    for context in tree.getroot().iter("context"):
        pairs = table.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            text = pairs.get(message.findtext("source") or "")
            if text:
                translation.text = text
                translation.attrib.pop("type", None)
                filled += 1
            elif translation.get("type") == "unfinished":
                missing += 1
    tree.write(ts_file(code), encoding="utf-8", xml_declaration=True)
    return filled, missing


if __name__ == "__main__":
    if sys.argv[1:2] == ["merge"]:
        filled, missing = merge(sys.argv[2:])
        print(f"filled {filled}, missing {missing}")
        raise SystemExit(0)
    actions = {"update": update, "release": release}
    if len(sys.argv) != 2 or sys.argv[1] not in actions:
        raise SystemExit(__doc__)
    for path in actions[sys.argv[1]]():
        print(path.relative_to(ROOT))
