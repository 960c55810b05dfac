"""The lab plan: everything the user chose for the whole chain, kept as a TOML file (format 2; format 1 still loads)."""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import tomli_w

from core.errors import NestWizError
from core.files import write_atomic
from core.i18n import translate
from core.provision.inner import InnerVmPlan, validate_name
from core.provision.network import MODES, NAT, NetworkPlan, validate_prefix
from core.provision.outer import OuterVmOptions
from core.provision.validate import check_options

FORMAT = 2
KIND = "nestwiz-lab"
KINDS = {1: "nestwiz-outer-vm", 2: KIND}  # the formats this NestWiz reads, each with the kind it was written with
TARGET_KINDS = ("simulated", "local", "remote")
OUTER_MODES = ("new", "existing")
NESTING_METHODS = ("direct", "script")
TABLES = ("target", "outer", "nesting", "guest", "network", "inner")
HEADER = (
    "# NestWiz lab plan: a Hyper-V host, a VM on it ready for nested virtualization, and a VM inside that one.\n"
    "# Build it with: nestwiz lab run THIS.toml   (or open it in the NestWiz wizard)\n"
    "# It never holds a password: NestWiz asks for them when it runs.\n\n"
)
_TOML_ERROR = re.compile(r"^(?P<reason>.*) \(at line (?P<line>\d+), column \d+\)$", re.DOTALL)


class PlanFileError(NestWizError):
    """A plan file that cannot be read or written, or that does not describe a NestWiz lab."""


@dataclass(frozen=True)
class TargetPlan:
    """Where the lab is built; never a password."""

    kind: str = "simulated"  # "simulated" | "local" | "remote"
    profile: str = ""  # simulated: a profile NAME, never a path
    host: str = ""  # remote, like the next ones
    user: str = ""
    port: int = 0  # 0: the default port for https
    https: bool = True
    auth: str = "negotiate"
    ca_file: str = ""
    verify: bool = True
    certificate_pem: str = ""
    certificate_key_pem: str = ""


@dataclass(frozen=True)
class OuterPlan:
    mode: str = "new"  # "new": NestWiz creates it; "existing": prepare a VM the user named
    options: OuterVmOptions = field(default_factory=OuterVmOptions)

    @property
    def name(self) -> str:
        return self.options.name


@dataclass(frozen=True)
class NestingPlan:
    method: str = "direct"  # "direct": the settings applied by NestWiz; "script": Microsoft's Enable-NestedVm.ps1
    mac_spoofing: bool = True
    memory_4gb: bool = True


@dataclass(frozen=True)
class GuestPlan:
    user: str = "Administrator"  # never the password
    install: bool = True  # True: install the OS from the outer VM's ISO; False: it is already installed


@dataclass(frozen=True)
class LabPlan:
    name: str = "NestWiz lab"
    target: TargetPlan = field(default_factory=TargetPlan)
    outer: OuterPlan = field(default_factory=OuterPlan)
    nesting: NestingPlan = field(default_factory=NestingPlan)
    guest: GuestPlan = field(default_factory=GuestPlan)
    network: NetworkPlan = field(default_factory=NetworkPlan)
    inner: InnerVmPlan = field(default_factory=InnerVmPlan)


def _values(instance: Any) -> dict[str, Any]:
    return {f.name: getattr(instance, f.name) for f in fields(instance)}


def as_dict(plan: LabPlan) -> dict[str, Any]:
    """The plan as the TOML document holds it: format, kind and name, then one flat table per part."""
    return {
        "format": FORMAT,
        "kind": KIND,
        "name": plan.name,
        "target": _values(plan.target),
        "outer": {"mode": plan.outer.mode, **_values(plan.outer.options)},
        "nesting": _values(plan.nesting),
        "guest": _values(plan.guest),
        "network": _values(plan.network),
        "inner": _values(plan.inner),
    }


def _place(table: str | None) -> str:
    if table is None:
        return translate("lab_plan", "At the top of this plan file")
    return translate("lab_plan", "In [{table}]").format(table=table)


def _shown(value: Any) -> str:
    """A value as the file spells it, for a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _kind_of(expected: type) -> str:
    if expected is bool:
        return translate("lab_plan", "true or false")
    if expected is int:
        return translate("lab_plan", "a whole number")
    return translate("lab_plan", "text in quotes")


def _refuse_unknown(table: str | None, data: Mapping[str, Any], known: Collection[str]) -> None:
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise PlanFileError(
            translate("lab_plan", "{place}, NestWiz does not know: {names}.").format(
                place=_place(table), names=", ".join(unknown)
            )
        )


def _checked(table: str | None, data: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """`data`'s settings, refused when one is unknown or of another type than its default."""
    _refuse_unknown(table, data, defaults)
    for key, value in data.items():
        expected = type(defaults[key])
        if type(value) is not expected:  # exact: true is not a whole number
            raise PlanFileError(
                translate("lab_plan", "{place}, '{key}' should be {kind}, not {value}.").format(
                    place=_place(table), key=key, kind=_kind_of(expected), value=_shown(value)
                )
            )
    return dict(data)


def _table(data: Mapping[str, Any], name: str, defaults: Mapping[str, Any]) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise PlanFileError(
            translate(
                "lab_plan", "At the top of this plan file, '{key}' should be a table ([{key}]), not {value}."
            ).format(key=name, value=_shown(table))
        )
    return _checked(name, table, defaults)


def _network(values: dict[str, Any]) -> NetworkPlan:
    # NetworkPlan refuses these itself; here they get a sentence that names the table.
    mode = values.get("mode", NAT)
    if mode not in MODES:
        raise PlanFileError(
            translate("lab_plan", "In [network], 'mode' should be {choices}, not {value}.").format(
                choices=" or ".join(repr(m) for m in MODES), value=_shown(mode)
            )
        )
    for key, value in values.items():
        if isinstance(value, str) and not value.isascii():
            raise PlanFileError(
                translate("lab_plan", "In [network], '{key}' should be plain ASCII text, not {value}.").format(
                    key=key, value=_shown(value)
                )
            )
    return NetworkPlan(**values)


def _format_1(data: Mapping[str, Any]) -> LabPlan:
    """An outer-VM plan saved by an earlier NestWiz: its [vm] table is the new outer VM, the rest defaults."""
    _refuse_unknown(None, data, ("format", "kind", "vm"))
    vm = data.get("vm")
    if not isinstance(vm, dict):
        raise PlanFileError(translate("lab_plan", "This plan file has no [vm] table."))
    return LabPlan(outer=OuterPlan("new", OuterVmOptions(**_checked("vm", vm, _values(OuterVmOptions())))))


def from_dict(data: Mapping[str, Any]) -> LabPlan:
    """The plan in `data` (a parsed plan file, or what as_dict gave), checked as a plan file is."""
    kind, version = data.get("kind"), data.get("format")
    if kind not in KINDS.values():
        raise PlanFileError(
            translate("lab_plan", "This file is not a NestWiz lab plan (its 'kind' is missing or different).")
        )
    if type(version) is not int or version not in KINDS:
        raise PlanFileError(
            translate("lab_plan", "This plan file has format {found}; this NestWiz reads formats 1 and 2.").format(
                found=_shown(version)
            )
        )
    if kind != KINDS[version]:
        raise PlanFileError(
            translate("lab_plan", "This file is not a NestWiz lab plan (its 'kind' does not match its format).")
        )
    if version == 1:
        return _format_1(data)
    defaults = as_dict(LabPlan())
    top = _checked(
        None, {k: v for k, v in data.items() if k not in TABLES}, {k: v for k, v in defaults.items() if k not in TABLES}
    )
    tables = {name: _table(data, name, defaults[name]) for name in TABLES}
    outer = tables["outer"]
    return LabPlan(
        name=top.get("name", LabPlan().name),
        target=TargetPlan(**tables["target"]),
        outer=OuterPlan(outer.pop("mode", OuterPlan().mode), OuterVmOptions(**outer)),
        nesting=NestingPlan(**tables["nesting"]),
        guest=GuestPlan(**tables["guest"]),
        network=_network(tables["network"]),
        inner=InnerVmPlan(**tables["inner"]),
    )


def loads(text: str) -> LabPlan:
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))  # Notepad starts UTF-8 files with a byte order mark
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_ERROR.match(str(exc))
        reason = found["reason"] if found else str(exc)
        line = int(found["line"]) if found else max(1, len(text.splitlines()))  # else: "at end of document"
        reason = reason.removesuffix(" (at end of document)")
        raise PlanFileError(
            translate("lab_plan", "This plan file is not valid TOML: {reason} (line {line}).").format(
                reason=reason[:1].lower() + reason[1:], line=line
            ),
            detail=str(exc),
        ) from None
    return from_dict(data)


def _refuse_unstorable(document: Mapping[str, Any]) -> None:
    """A lone surrogate (from a broken paste) is not text a file can hold: say where it is."""
    for table, content in document.items():
        items = content.items() if isinstance(content, dict) else [(table, content)]
        for key, value in items:
            if isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise PlanFileError(
                        translate(
                            "lab_plan",
                            "{place}, '{key}' holds a character that cannot be saved in a file (a lone "
                            "surrogate); type that value again.",
                        ).format(place=_place(table if isinstance(content, dict) else None), key=key)
                    ) from None


def dumps(plan: LabPlan) -> str:
    document = as_dict(plan)
    _refuse_unstorable(document)
    return HEADER + tomli_w.dumps(document)


def load(path: Path) -> LabPlan:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanFileError(
            translate("lab_plan", "NestWiz cannot read the plan file {path}: {reason}.").format(
                path=path, reason=exc.strerror or exc
            ),
            detail=repr(exc),
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(
            translate(
                "lab_plan", "NestWiz cannot read the plan file {path}: it is not UTF-8 text (byte {position})."
            ).format(path=path, position=exc.start),
            detail=repr(exc),
        ) from None
    return loads(text)


def save(path: Path, plan: LabPlan) -> None:
    """Old content or the whole new plan, never a part: a failed write leaves the file as it was."""
    data = dumps(plan).encode("utf-8")
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise PlanFileError(
            translate("lab_plan", "NestWiz cannot save the plan file {path}: {reason}.").format(
                path=path, reason=exc.strerror or exc
            ),
            detail=repr(exc),
        ) from None


# Hyper-V's maximum scale limits for a generation 2 VM, Windows Server 2016 and later: 240 virtual processors,
# 12 TB of memory, a VHDX of 64 TB.
# https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/maximum-scale-limits
MAX_PROCESSORS = 240
MAX_MEMORY = 12 * 1024**4
MAX_VHDX = 64 * 1024**4
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Characters a Windows user name cannot hold ("User name" rules of Local Users and Groups):
# https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2003/cc783323(v=ws.10)
_USER_FORBIDDEN = re.compile(r'["/\\\[\]:;|=,+*?<>\x00-\x1f\x7f]')


def problems(plan: LabPlan) -> list[str]:
    """Sentences for the values in `plan` that cannot work, found without asking any host."""
    from core.runners.remote import AUTH_METHODS  # on use: the remote runner is slow to import

    found: list[str] = []

    def part(label: str, sentence: str) -> None:
        found.append(translate("lab_plan", "{part}: {problem}").format(part=label, problem=sentence))

    def one_of(label: str, key: str, value: str, choices: tuple[str, ...]) -> None:
        if value not in choices:
            part(
                label,
                translate("lab_plan", "'{key}' should be one of {choices}, not {value}.").format(
                    key=key, choices=", ".join(choices), value=_shown(value)
                ),
            )

    target, outer, inner = plan.target, plan.outer, plan.inner
    label = translate("lab_plan", "Target")
    one_of(label, "kind", target.kind, TARGET_KINDS)
    if target.kind == "simulated" and ("/" in target.profile or "\\" in target.profile):
        part(label, translate("lab_plan", "'profile' names a simulated host's profile; it is not a path."))
    if target.kind == "remote":
        if not target.host.strip():
            part(label, translate("lab_plan", "Name the remote Hyper-V host in 'host'."))
        if not 0 <= target.port <= 65535:
            part(label, translate("lab_plan", "'port' should be 0 (the default) or a port from 1 to 65535."))
        one_of(label, "auth", target.auth, AUTH_METHODS)

    label = translate("lab_plan", "Outer VM")
    one_of(label, "mode", outer.mode, OUTER_MODES)
    if outer.mode == "existing":
        if not outer.name.strip():
            part(label, translate("lab_plan", "Name the existing VM to prepare."))
    else:
        for problem in check_options(outer.options):
            if problem.blocking:
                part(label, problem.message)
        if plan.guest.install and not outer.options.iso_path:
            part(
                label,
                translate(
                    "lab_plan",
                    "the new VM gets no installation ISO, so no Windows can be installed "
                    "in it: set 'iso_path', or set 'install = false' in [guest] and install it "
                    "yourself.",
                ),
            )

    one_of(translate("lab_plan", "Nesting"), "method", plan.nesting.method, NESTING_METHODS)
    if not plan.guest.user.strip():
        part(translate("lab_plan", "Guest OS"), translate("lab_plan", "Name the user NestWiz signs in as."))
    elif any(_USER_FORBIDDEN.search(piece) or not piece.strip() for piece in plan.guest.user.split("\\", 1)):
        part(
            translate("lab_plan", "Guest OS"),
            translate(
                "lab_plan",
                "'user' cannot be a Windows account name: it may not contain \" / [ ] : ; | = , + * ? < > "
                "or control characters (a domain may come first, as DOMAIN\\user).",
            ),
        )

    label = translate("lab_plan", "Network")
    if not plan.network.switch_name.strip():
        part(label, translate("lab_plan", "Name the inner VMs' virtual switch."))
    if plan.network.mode == NAT:
        prefix_problem = validate_prefix(plan.network.prefix)
        if prefix_problem:
            part(label, prefix_problem)
    try:
        ipaddress.IPv4Address(plan.network.dns)
    except ValueError:
        part(
            label,
            translate(
                "lab_plan", "'dns' should be the IPv4 address of a DNS server, such as 1.1.1.1, not {value}."
            ).format(value=_shown(plan.network.dns)),
        )

    label = translate("lab_plan", "Inner VM")
    name_problem = validate_name(inner.name)
    if name_problem:
        part(label, name_problem)
    for key, size in (("memory", inner.memory), ("disk_size", inner.disk_size)):
        if size <= 0:
            part(
                label,
                translate("lab_plan", "'{key}' should be a size above zero, not {value}.").format(key=key, value=size),
            )
    sizes = [
        (translate("lab_plan", "Outer VM"), "processors", outer.options.processors, MAX_PROCESSORS),
        (translate("lab_plan", "Outer VM"), "memory_bytes", outer.options.memory_bytes, MAX_MEMORY),
        (translate("lab_plan", "Outer VM"), "vhd_size_bytes", outer.options.vhd_size_bytes, MAX_VHDX),
        (label, "memory", inner.memory, MAX_MEMORY),
        (label, "disk_size", inner.disk_size, MAX_VHDX),
    ]
    for where, key, value, limit in sizes:
        if value > limit:
            part(
                where,
                translate("lab_plan", "'{key}' is {value}; Hyper-V allows at most {limit}.").format(
                    key=key, value=value, limit=limit
                ),
            )
    paths = [
        ("location", outer.options.location),
        ("vhd_path", outer.options.vhd_path),
        ("iso_path", outer.options.iso_path),
        ("iso_path", inner.iso_path),
    ]
    for key, path in paths:
        if _CONTROL.search(path):
            part(
                translate("lab_plan", "Paths"),
                translate(
                    "lab_plan", "'{key}' holds a line break or another control character, which no Windows path can."
                ).format(key=key),
            )
    return found
