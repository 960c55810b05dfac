"""Imports that cost the wizard less memory: PySide6 without its source scan, asyncio without OpenSSL.

gui.main calls `prepare()` before it imports the wizard, and NestWizard.add_rest() imports asyncio through
`import_asyncio_without_tls()`; tests, which import asyncio and the modules themselves first, are unaffected.
"""

from __future__ import annotations

import sys


def import_asyncio_without_tls() -> None:
    """Import asyncio without the ssl module it imports for TLS transports, which NestWiz does not use.

    Downloads (core.enable.fetch) and WinRM (pypsrp) open TLS in worker threads and import ssl when they run.
    Loading OpenSSL up front costs ~4 MB in every run, and most runs never open a TLS connection.
    """
    if "asyncio" in sys.modules or "ssl" in sys.modules:
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # asyncio catches the ImportError: no TLS transports
    try:
        import asyncio  # noqa: F401
    finally:
        del sys.modules["ssl"]


class _SkipPySideSourceScan:
    """A meta-path finder that finds nothing: it tells PySide that a module about to be imported uses no `__feature__`.

    PySide6 reads the source of every module imported after it (inspect.getsource, which keeps it in linecache) to
    learn whether it names PySide6, the module then being allowed `from __feature__ import ...`. NestWiz uses no
    feature, and the scan costs ~6 MB of source lines and their fragments, and milliseconds per module. Marking the
    module "uses PySide, no feature" (0) before it loads is what the scan would conclude for a module of ours.
    """

    def __init__(self, features: dict[str, int]) -> None:
        self.features = features

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        self.features.setdefault(fullname, 0)


def skip_pyside_source_scan() -> None:
    features = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", None)
    if isinstance(features, dict) and not any(isinstance(f, _SkipPySideSourceScan) for f in sys.meta_path):
        # The scan runs on every import statement, also of a module loaded before PySide: mark those too.
        for name in list(sys.modules):
            features.setdefault(name, 0)
        sys.meta_path.insert(0, _SkipPySideSourceScan(features))


def prepare() -> None:
    """Before the wizard's first import of Qt. asyncio comes later (NestWizard.add_rest), after the first window."""
    import PySide6.QtCore  # noqa: F401  (installs PySide's import hook, whose scan the finder then skips)

    skip_pyside_source_scan()
