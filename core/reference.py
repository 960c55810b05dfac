"""Microsoft's documented cmdlet signatures; every command is checked against them before it runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from core.commands import Command, Credential, Hashtable, Pipeline, Runnable, Script, ScriptBlock, Variable
from core.errors import CommandRejected
from core.paths import resource

COMMON_PARAMETERS = frozenset(
    p.lower()
    for p in (
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    )
)
COMMON_ALIASES = {"vb": "verbose", "db": "debug", "ea": "erroraction", "wa": "warningaction",
                  "infa": "informationaction", "ev": "errorvariable", "wv": "warningvariable",
                  "iv": "informationvariable", "ov": "outvariable", "ob": "outbuffer", "pv": "pipelinevariable"}
SHOULD_PROCESS = frozenset({"whatif", "confirm", "wi", "cf"})


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    mandatory: bool
    aliases: tuple[str, ...]
    pipeline: str | None
    accepted_values: tuple[str, ...] | None

    @property
    def is_switch(self) -> bool:
        return self.type == "SwitchParameter"


@dataclass(frozen=True)
class ParameterSet:
    name: str
    default: bool
    parameters: dict[str, Parameter]  # by lower-case name

    def find(self, key: str) -> Parameter | None:
        key = key.lower()
        if key in self.parameters:
            return self.parameters[key]
        for p in self.parameters.values():
            if key in (a.lower() for a in p.aliases):
                return p
        return None


@dataclass(frozen=True)
class Cmdlet:
    name: str
    module: str
    sets: tuple[ParameterSet, ...]
    should_process: bool

    def all_parameter_names(self) -> set[str]:
        return {p.name for s in self.sets for p in s.parameters.values()}


def _parse_cmdlet(name: str, raw: dict[str, Any]) -> Cmdlet:
    sets = []
    for s in raw["parameter_sets"]:
        params = {}
        for p in s["parameters"]:
            params[p["name"].lower()] = Parameter(
                name=p["name"],
                type=p.get("type", ""),
                mandatory=bool(p.get("mandatory")),
                aliases=tuple(p.get("aliases") or ()),
                pipeline=p.get("pipeline"),
                accepted_values=tuple(p["accepted_values"]) if p.get("accepted_values") else None,
            )
        sets.append(ParameterSet(s["name"], bool(s.get("default")), params))
    return Cmdlet(name, raw.get("module", ""), tuple(sets), bool(raw.get("supports_should_process")))


def _type_fits(param: Parameter, value: Any) -> bool:
    t = param.type.removesuffix("[]")
    is_array = param.type.endswith("[]")
    if isinstance(value, tuple) and not isinstance(value, Hashtable):
        return is_array and all(_type_fits(Parameter(param.name, t, False, (), None, None), v) for v in value)
    if isinstance(value, Variable):
        return True
    if t == "SwitchParameter" or t == "Boolean":
        return isinstance(value, bool)
    if t in ("Int16", "Int32", "Int64", "UInt16", "UInt32", "UInt64", "Byte"):
        return isinstance(value, int) and not isinstance(value, bool) and (not t.startswith("U") or value >= 0)
    if t in ("Double", "Single", "Decimal"):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if t == "String":
        return isinstance(value, str)
    if t == "PSCredential":
        return isinstance(value, Credential | str)
    if t == "ScriptBlock":
        return isinstance(value, ScriptBlock)
    if t == "Hashtable":
        return isinstance(value, Hashtable)
    return not isinstance(value, ScriptBlock | Credential)


class Reference:
    """The cmdlet signatures, loaded once from resources/reference/cmdlets.json."""

    def __init__(self, cmdlets: dict[str, Cmdlet], aliases: dict[str, str]) -> None:
        self._cmdlets = cmdlets
        self._aliases = aliases

    @classmethod
    def from_file(cls, path: Path) -> Reference:
        data = json.loads(path.read_text(encoding="utf-8"))["cmdlets"]
        cmdlets = {name.lower(): _parse_cmdlet(name, raw) for name, raw in data.items()}
        aliases = {a.lower(): name.lower() for name, raw in data.items() for a in raw.get("aliases") or ()}
        return cls(cmdlets, aliases)

    @staticmethod
    @cache
    def default() -> Reference:
        return Reference.from_file(resource("reference", "cmdlets.json"))

    def __len__(self) -> int:
        return len(self._cmdlets)

    def cmdlet(self, name: str) -> Cmdlet | None:
        key = name.lower()
        return self._cmdlets.get(self._aliases.get(key, key))

    def switch_parameters(self, name: str) -> frozenset[str]:
        found = self.cmdlet(name)
        if found is None:
            return frozenset()
        return frozenset(p.name.lower() for s in found.sets for p in s.parameters.values() if p.is_switch)

    def check(self, command: Command, *, piped: bool = False) -> ParameterSet:
        """The parameter set the command binds to; CommandRejected when it fits none."""
        cmdlet = self.cmdlet(command.name)
        if cmdlet is None:
            raise CommandRejected(
                f"'{command.name}' is not a cmdlet of Windows PowerShell 5.1 or the Hyper-V module, "
                "so NestWiz will not send it."
            )
        return resolve_set(cmdlet, command.params, piped=piped)

    def check_runnable(self, runnable: Runnable) -> None:
        if isinstance(runnable, Script):
            return
        commands = runnable.commands if isinstance(runnable, Pipeline) else (runnable,)
        for index, command in enumerate(commands):
            self.check(command, piped=index > 0)


def resolve_set(cmdlet: Cmdlet, params: tuple[tuple[str, Any], ...], *, piped: bool = False) -> ParameterSet:
    name = cmdlet.name
    specific: list[tuple[str, Any]] = []
    for key, value in params:
        low = key.lower()
        if low in COMMON_PARAMETERS or low in COMMON_ALIASES:
            continue
        if low in SHOULD_PROCESS and cmdlet.should_process:
            continue
        if not any(s.find(key) for s in cmdlet.sets):
            raise CommandRejected(
                f"{name}: a parameter cannot be found that matches parameter name '{key}'.",
                detail="NamedParameterNotFound",
            )
        specific.append((key, value))

    candidates = [s for s in cmdlet.sets if all(s.find(k) for k, _ in specific)]
    if not candidates:
        keys = ", ".join(f"-{k}" for k, _ in specific)
        raise CommandRejected(
            f"{name}: the parameters {keys} cannot be used together; they belong to different parameter sets.",
            detail="AmbiguousParameterSet",
        )

    given = {s.find(k).name.lower() for s in candidates for k, _ in specific if s.find(k)}  # type: ignore[union-attr]

    def missing(s: ParameterSet) -> list[Parameter]:
        return [
            p for p in s.parameters.values()
            if p.mandatory and p.name.lower() not in given and not (piped and p.pipeline)
        ]

    complete = [s for s in candidates if not missing(s)]
    if not complete:
        best = min(candidates, key=lambda s: (len(missing(s)), not s.default))
        needed = ", ".join(f"-{p.name}" for p in missing(best))
        raise CommandRejected(
            f"{name} is missing the mandatory parameter {needed}.", detail="MissingMandatoryParameter"
        )
    chosen = next((s for s in complete if s.default), complete[0])

    for key, value in specific:
        param = chosen.find(key)
        assert param is not None
        if param.accepted_values is not None:
            values = value if isinstance(value, tuple) else (value,)
            allowed = {v.lower() for v in param.accepted_values}
            bad = [v for v in values if str(v).lower() not in allowed]
            if bad:
                raise CommandRejected(
                    f"{name}: '{bad[0]}' is not an accepted value for -{param.name}; "
                    f"use one of {', '.join(param.accepted_values)}.",
                    detail="ParameterArgumentValidationError",
                )
        if not _type_fits(param, value):
            raise CommandRejected(
                f"{name}: -{param.name} expects a {param.type}, not {type(value).__name__} {value!r}.",
                detail="ParameterArgumentTransformationError",
            )
    return chosen
