"""Check a built NestWiz .exe on any OS: subsystem, version strings, icon group and an asInvoker manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pefile

sys.path.insert(0, str(Path(__file__).resolve().parent))
import version_info

RT_ICON_GROUP = pefile.RESOURCE_TYPE["RT_GROUP_ICON"]
RT_MANIFEST = pefile.RESOURCE_TYPE["RT_MANIFEST"]
GUI = pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_GUI"]
CONSOLE = pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_CUI"]


def _resources(pe: pefile.PE, type_id: int) -> list[bytes]:
    found: list[bytes] = []
    directory = getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None)
    for entry in directory.entries if directory else []:
        if entry.id != type_id:
            continue
        for name in entry.directory.entries:
            for lang in name.directory.entries:
                found.append(pe.get_data(lang.data.struct.OffsetToData, lang.data.struct.Size))
    return found


def _version_strings(pe: pefile.PE) -> dict[str, str]:
    strings: dict[str, str] = {}
    for info in getattr(pe, "FileInfo", []):
        for block in info:
            for table in getattr(block, "StringTable", []):
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    return strings


def check(exe: Path, *, console: bool) -> list[str]:
    """Problems found in `exe` (empty when it is as built by packaging/nestwiz.spec)."""
    problems: list[str] = []
    pe = pefile.PE(str(exe))
    if pe.FILE_HEADER.Machine != pefile.MACHINE_TYPE["IMAGE_FILE_MACHINE_AMD64"]:
        problems.append(f"machine is {pe.FILE_HEADER.Machine:#x}, not x86-64")
    want = CONSOLE if console else GUI
    if pe.OPTIONAL_HEADER.Subsystem != want:
        kind = "console" if console else "GUI"
        problems.append(f"subsystem is {pe.OPTIONAL_HEADER.Subsystem}, want {want} ({kind})")
    version = version_info.package_version()
    strings = _version_strings(pe)
    for key in ("FileVersion", "ProductVersion"):
        if strings.get(key) != version:
            problems.append(f"{key} is {strings.get(key)!r}, want {version!r}")
    if strings.get("ProductName") != "NestWiz":
        problems.append(f"ProductName is {strings.get('ProductName')!r}")
    fixed = pe.VS_FIXEDFILEINFO[0] if getattr(pe, "VS_FIXEDFILEINFO", None) else None
    numbers = version_info.version_tuple(version)
    want_ms, want_ls = (numbers[0] << 16) | numbers[1], (numbers[2] << 16) | numbers[3]
    if fixed is None or (fixed.FileVersionMS, fixed.FileVersionLS) != (want_ms, want_ls):
        problems.append("fixed file version does not match the package version")
    groups = _resources(pe, RT_ICON_GROUP)
    if not groups:
        problems.append("no icon group")
    else:
        count = int.from_bytes(groups[0][4:6], "little")
        if count < len(icon_sizes()):
            problems.append(f"icon group has {count} images, want {len(icon_sizes())}")
    manifests = _resources(pe, RT_MANIFEST)
    if not manifests:
        problems.append("no manifest")
    elif b'level="asInvoker"' not in manifests[0]:
        problems.append("manifest does not ask for asInvoker")
    return problems


def icon_sizes() -> tuple[int, ...]:
    """The sizes packaging/make_icons.py puts in nestwiz.ico."""
    ico = (Path(__file__).resolve().parent.parent / "resources" / "icons" / "nestwiz.ico").read_bytes()
    return tuple(ico[6 + 16 * i] or 256 for i in range(int.from_bytes(ico[4:6], "little")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("exe", type=Path)
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--gui", dest="console", action="store_false", help="a windowed build (the default)")
    kind.add_argument("--console", dest="console", action="store_true", help="a debug-console build")
    args = parser.parse_args(argv)
    problems = check(args.exe, console=args.console)
    for problem in problems:
        print(f"check_pe: {args.exe.name}: {problem}", file=sys.stderr)
    if not problems:
        print(
            f"check_pe: {args.exe.name}: x86-64, {'console' if args.console else 'GUI'} subsystem, "
            f"version {version_info.package_version()}, icon group, asInvoker manifest"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
