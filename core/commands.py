"""PowerShell as data: commands, pipelines and named fixed scripts, and their readable rendering.

User values never become script text. Runners send them as data (CLIXML, JSON, arguments); `render()`
writes a readable .ps1 for previews and exports whose literals survive any string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from core.redact import register_secret

_CMDLET_NAME = re.compile(r"^[A-Za-z]+-[A-Za-z0-9]+$")
_PARAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCRIPT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9.-]*$")

# Every character PowerShell treats as a single quote inside a single-quoted string:
# ' and the typographic ‘ ’ ‚ ‛. Each is escaped by doubling it.
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


@dataclass(frozen=True)
class Variable:
    """A reference to a PowerShell variable, e.g. a credential gathered at the top of an exported script."""

    name: str

    def __post_init__(self) -> None:
        if not _VARIABLE_NAME.match(self.name):
            raise ValueError(f"not a PowerShell variable name: {self.name!r}")


@dataclass(frozen=True)
class Credential:
    """A user name and password. The password never appears in a rendering, a repr or a log."""

    user: str
    password: str = field(repr=False)
    variable: str = "Credential"

    def __post_init__(self) -> None:
        Variable(self.variable)
        register_secret(self.password)

    def __repr__(self) -> str:
        return f"Credential(user={self.user!r}, password=<hidden>)"


@dataclass(frozen=True)
class ScriptBlock:
    """A fixed script block shipped with NestWiz (never built from user values)."""

    text: str


class Hashtable(tuple):  # type: ignore[type-arg]
    """A hashtable value: (key, value) pairs, frozen so commands stay hashable; renders as @{ }."""

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self}


def _freeze(value: Any) -> Any:
    if isinstance(value, Hashtable):
        return value
    if isinstance(value, Mapping):
        return Hashtable((str(k), _freeze(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class _Named:
    """A name with named parameters (a cmdlet or a fixed script); both names are checked, never script text."""

    name: str
    params: tuple[tuple[str, Any], ...] = ()

    def _check_params(self) -> None:
        seen: set[str] = set()
        for key, _ in self.params:
            if not _PARAM_NAME.match(key):
                raise ValueError(f"not a parameter name: {key!r}")
            if key.lower() in seen:
                raise ValueError(f"{self.name}: parameter -{key} given twice")
            seen.add(key.lower())

    @classmethod
    def of(cls, name: str, /, **params: Any) -> Self:
        """Build one; parameters whose value is None are left out."""
        return cls(name, tuple((k, _freeze(v)) for k, v in params.items() if v is not None))

    @property
    def param_dict(self) -> dict[str, Any]:
        return dict(self.params)

    def get(self, name: str, default: Any = None) -> Any:
        for key, value in self.params:
            if key.lower() == name.lower():
                return value
        return default


@dataclass(frozen=True)
class Command(_Named):
    """One cmdlet with named parameters. A switch is a parameter whose value is True."""

    def __post_init__(self) -> None:
        if not _CMDLET_NAME.match(self.name):
            raise ValueError(f"not a cmdlet name: {self.name!r}")
        self._check_params()

    def with_params(self, **params: Any) -> Command:
        merged = {k: v for k, v in self.params if k not in params}
        merged.update({k: _freeze(v) for k, v in params.items() if v is not None})
        return Command(self.name, tuple(merged.items()))

    @property
    def commands(self) -> tuple[Command, ...]:
        return (self,)

    def __or__(self, other: Command | Pipeline) -> Pipeline:
        return Pipeline((self, *other.commands))


@dataclass(frozen=True)
class Pipeline:
    """Commands joined by `|`: each one's output is the next one's input."""

    commands: tuple[Command, ...]

    def __post_init__(self) -> None:
        if not self.commands:
            raise ValueError("a pipeline needs at least one command")

    @property
    def name(self) -> str:
        return " | ".join(c.name for c in self.commands)

    def __or__(self, other: Command | Pipeline) -> Pipeline:
        return Pipeline((*self.commands, *other.commands))


@dataclass(frozen=True)
class Script(_Named):
    """A named fixed script from resources/scripts, run with named parameters."""

    def __post_init__(self) -> None:
        if not _SCRIPT_NAME.match(self.name) or not self.name.endswith(".ps1"):
            raise ValueError(f"not a script name: {self.name!r}")
        self._check_params()


Runnable = Command | Pipeline | Script


def _needs_char_code(ch: str) -> bool:
    """Characters a script file may not carry intact: controls (line-ending conversion, NUL), surrogates."""
    code = ord(ch)
    return (code < 0x20 and ch != "\t") or code == 0x7F or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029)


def quote(text: str) -> str:
    """A PowerShell expression holding exactly `text`, whatever it contains.

    Plain text becomes one single-quoted literal, each quote character doubled. Characters a file could not
    carry intact become [char] codes joined with +, e.g. ('line 1' + [char]10 + 'line 2').
    """
    parts: list[str] = []
    run: list[str] = []
    for ch in text:
        if _needs_char_code(ch):
            if run:
                parts.append("'" + "".join(run) + "'")
                run = []
            parts.append(f"[char]{ord(ch)}")
        else:
            run.append(ch + ch if ch in SINGLE_QUOTES else ch)
    if run or not parts:
        parts.append("'" + "".join(run) + "'")
    if len(parts) == 1 and not parts[0].startswith("[char]"):
        return parts[0]
    if parts[0].startswith("[char]"):
        parts.insert(0, "''")  # so + concatenates strings, not numbers
    return "(" + " + ".join(parts) + ")"


def render_value(value: Any) -> str:
    if value is None:
        return "$null"
    if value is True:
        return "$true"
    if value is False:
        return "$false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, Variable):
        return f"${value.name}"
    if isinstance(value, Credential):
        return f"${value.variable}"
    if isinstance(value, ScriptBlock):
        return "{\n" + value.text.strip("\n") + "\n}"
    if isinstance(value, Hashtable):
        return "@{ " + "; ".join(f"{quote(k)} = {render_value(v)}" for k, v in value) + " }"
    if isinstance(value, tuple):
        return "@(" + ", ".join(render_value(v) for v in value) + ")"
    raise TypeError(f"cannot render {type(value).__name__} as PowerShell")


def _render_param(key: str, value: Any, switches: frozenset[str]) -> str:
    if isinstance(value, bool) and key.lower() in switches:
        return f"-{key}" if value else f"-{key}:$false"
    return f"-{key} {render_value(value)}"


def render_command(command: Command) -> str:
    from core.reference import Reference

    switches = Reference.default().switch_parameters(command.name)
    parts = [command.name]
    parts.extend(_render_param(k, v, switches) for k, v in command.params)
    return " ".join(parts)


def render(runnable: Runnable) -> str:
    """Readable PowerShell for a command, a pipeline or a fixed script call."""
    if isinstance(runnable, Command):
        return render_command(runnable)
    if isinstance(runnable, Pipeline):
        return " | ".join(render_command(c) for c in runnable.commands)
    parts = [f"& (Join-Path $PSScriptRoot {quote(runnable.name)})"]
    parts.extend(f"-{k} {render_value(v)}" for k, v in runnable.params)
    return " ".join(parts)


def credentials_in(runnable: Runnable) -> list[Credential]:
    """The credentials a runnable uses, so an export can ask for each one once at the top."""
    found: list[Credential] = []

    def visit(value: Any) -> None:
        if isinstance(value, Credential) and value not in found:
            found.append(value)
        elif isinstance(value, tuple):
            for v in value:
                visit(v)

    commands: tuple[Command | Script, ...] = runnable.commands if isinstance(runnable, Pipeline) else (runnable,)
    for c in commands:
        for _, v in c.params:
            visit(v)
    return found
