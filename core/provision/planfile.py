"""Outer-VM plans saved as TOML: a small writer of our own (strings, integers, booleans) and tomllib to read."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from core.errors import NestWizError
from core.provision.outer import OuterVmOptions

FORMAT = 1
KIND = "nestwiz-outer-vm"
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


class PlanFileError(NestWizError):
    """A plan file that cannot be read, or that does not describe an outer VM."""


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text` (control characters escaped, everything else as is)."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            raise ValueError("a lone surrogate cannot be stored in a plan file")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    raise TypeError(f"a plan file holds strings, integers and booleans, not {type(value).__name__}")


def dumps(options: OuterVmOptions) -> str:
    lines = [
        "# NestWiz plan: a Hyper-V VM ready for nested virtualization.",
        "# Open it in NestWiz, or turn it into a PowerShell script: nestwiz export-script THIS.toml",
        f"format = {FORMAT}",
        f"kind = {toml_string(KIND)}",
        "",
        "[vm]",
    ]
    lines.extend(f"{key} = {toml_value(value)}" for key, value in asdict(options).items())
    return "\n".join(lines) + "\n"


def loads(text: str) -> OuterVmOptions:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError(f"This plan file is not valid TOML: {exc}.", detail=str(exc)) from None
    if data.get("kind") != KIND:
        raise PlanFileError("This file is not a NestWiz outer-VM plan (its 'kind' is missing or different).")
    if data.get("format") != FORMAT:
        raise PlanFileError(f"This plan file has format {data.get('format')!r}; this NestWiz reads format {FORMAT}.")
    vm = data.get("vm")
    if not isinstance(vm, dict):
        raise PlanFileError("This plan file has no [vm] table.")
    known = {f.name: f for f in fields(OuterVmOptions)}
    unknown = sorted(set(vm) - set(known))
    if unknown:
        raise PlanFileError(f"This plan file has settings NestWiz does not know: {', '.join(unknown)}.")
    defaults = asdict(OuterVmOptions())
    for key, value in vm.items():
        expected = type(defaults[key])
        if type(value) is not expected:
            raise PlanFileError(f"In this plan file, '{key}' should be {_kind(expected)}, not {value!r}.")
    return OuterVmOptions(**vm)


def _kind(expected: type) -> str:
    return {bool: "true or false", int: "a whole number", str: "text in quotes"}.get(expected, expected.__name__)


def save(path: Path, options: OuterVmOptions) -> None:
    path.write_text(dumps(options), encoding="utf-8", newline="\n")


def load(path: Path) -> OuterVmOptions:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError(f"NestWiz cannot read the plan file {path}: {exc}.", detail=repr(exc)) from None
    return loads(text)
