"""Headless subcommands of `nestwiz`: they run without Qt."""

from __future__ import annotations

import importlib
from collections.abc import Callable

# subcommand -> "module:function" taking argv and returning an exit code
SUBCOMMANDS: dict[str, str] = {
    "diagnose": "core.host.cli:main",
    "export-script": "core.provision.export:main",
    "fetch-script": "core.enable.fetch_cli:main",
    "lab": "core.lab.cli:main",
}


def run_subcommand(name: str, argv: list[str]) -> int:
    module_name, _, function = SUBCOMMANDS[name].partition(":")
    entry: Callable[[list[str]], int] = getattr(importlib.import_module(module_name), function)
    return entry(argv)
