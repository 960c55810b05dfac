"""Shared PyInstaller settings, so NestWiz and the bare QWizard baseline are frozen the same way."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path, PurePath

import version_info
from PyInstaller.building.api import COLLECT, EXE, PYZ
from PyInstaller.building.build_main import Analysis

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
ICON = ROOT / "resources" / "icons" / "nestwiz.ico"

# Modules the wizard never uses; PySide6's hooks would otherwise follow stray imports into them.
UNUSED_MODULES = [
    "tkinter",
    "_tkinter",
    # Build-time only: cffi's compiler shim pulls them in, nothing imports them at run time.
    "setuptools",
    "distutils",
    "pkg_resources",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtPrintSupport",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtMultimedia",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
]

# Platform plugins: windows (the product), xcb (Linux desktops), offscreen (smoke runs in CI).
KEEP_PLATFORMS = {"qwindows", "qoffscreen", "qxcb", "qminimal"}
# Qt's own translations: only the languages NestWiz ships, so QWizard's buttons follow the UI language.
KEEP_QT_LANGUAGES = {"en", "fr"}
# Qt libraries left behind by the modules and plugins dropped above (nothing kept links them), and Windows'
# 20 MB software OpenGL fallback, which a widgets-only wizard never loads.
DROP_QT_LIBS = re.compile(
    r"^((lib)?Qt6(Network|OpenGL|EglFSDeviceIntegration|EglFsKmsSupport|WaylandClient"
    r"|WlShellIntegration)\b|opengl32sw\.dll$)"
)
_TRANSLATION = re.compile(r"^(?P<catalogue>[a-z]+)_(?P<lang>[a-z]{2})(?:_[A-Za-z]+)?\.qm$")
# Plugin families a wizard with no network, printing or other display servers does not load.
DROP_PLUGIN_DIRS = {
    "egldeviceintegrations",
    "generic",
    "networkinformation",
    "platforminputcontexts",
    "platformthemes",
    "tls",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-graphics-integration-server",
    "wayland-shell-integration",
}
# Image formats: PNG is built into QtGui; the icons also come as .ico and .svg.
KEEP_IMAGE_FORMATS = {"qico", "qsvg", "qjpeg", "qgif"}


# UTF-8 mode (PEP 540): stdout and files are UTF-8 on Windows too, not the ANSI code page, so a smoke line or a
# log message with "→" or "é" cannot raise UnicodeEncodeError in the frozen program.
RUNTIME_OPTIONS = [("X utf8=1", None, "OPTION")]


def resource_datas(skip: set[str], skip_suffixes: set[str]) -> list[tuple[str, str]]:
    """(source, destination folder) for each file under resources/ that the program reads at run time."""
    base = ROOT / "resources"
    found = []
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(base)
        if not path.is_file() or "__pycache__" in relative.parts:
            continue
        if relative.as_posix() in skip or path.suffix in skip_suffixes:
            continue
        found.append((str(path), str(PurePath("resources", *relative.parts[:-1]))))
    return found


def options(argv: list[str]) -> argparse.Namespace:
    """Spec options, given after `--` on the pyinstaller command line."""
    parser = argparse.ArgumentParser(prog="pyinstaller SPEC --")
    parser.add_argument(
        "--console", action="store_true", help="debug build: keep a console window for stdout, stderr and tracebacks"
    )
    parser.add_argument("--onefile", action="store_true", help="one self-extracting .exe instead of a folder")
    parser.add_argument("--name", help="name of the program and its folder")
    return parser.parse_args(argv)


def _kept(entry: tuple[str, str, str]) -> bool:
    dest = PurePath(entry[0])
    parts = dest.parts
    if DROP_QT_LIBS.match(dest.name):
        return False
    if "plugins" in parts:
        family = parts[parts.index("plugins") + 1] if parts.index("plugins") + 1 < len(parts) else ""
        if family in DROP_PLUGIN_DIRS:
            return False
        stem = dest.stem.removeprefix("lib")
        if family == "platforms":
            return stem in KEEP_PLATFORMS
        if family == "imageformats":
            return stem in KEEP_IMAGE_FORMATS
    if "translations" in parts and dest.suffix == ".qm":
        match = _TRANSLATION.match(dest.name)
        return bool(match) and match["lang"] in KEEP_QT_LANGUAGES
    return True


def build(
    *,
    name: str,
    script: Path,
    argv: list[str],
    workpath: str,
    datas: list[tuple[str, str]] | None = None,
    hiddenimports: list[str] | None = None,
) -> None:
    """Analyse `script` and write a windowed onedir (or onefile) program called `name`."""
    opts = options(argv)
    name = opts.name or name
    version_file = version_info.write(Path(workpath) / "version_info.txt", exe_name=name)
    analysis = Analysis(
        [str(script)],
        pathex=[str(ROOT)],
        datas=datas or [],
        hiddenimports=hiddenimports or [],
        excludes=UNUSED_MODULES,
        noarchive=False,
        optimize=0,
    )
    analysis.binaries = [entry for entry in analysis.binaries if _kept(entry)]
    analysis.datas = [entry for entry in analysis.datas if _kept(entry)]
    pyz = PYZ(analysis.pure)
    windows = sys.platform == "win32"
    common = dict(
        name=name,
        debug=False,
        strip=False,
        upx=False,
        console=opts.console,
        disable_windowed_traceback=False,
        icon=str(ICON),
        version=str(version_file) if windows else None,
        # asInvoker: NestWiz relaunches itself elevated only for the steps that need it.
        uac_admin=False,
    )
    if opts.onefile:
        EXE(pyz, analysis.scripts, RUNTIME_OPTIONS, analysis.binaries, analysis.datas, runtime_tmpdir=None, **common)
        return
    exe = EXE(pyz, analysis.scripts, RUNTIME_OPTIONS, exclude_binaries=True, **common)
    COLLECT(exe, analysis.binaries, analysis.datas, strip=False, upx=False, upx_exclude=[], name=name)
