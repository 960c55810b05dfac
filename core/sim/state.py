"""A simulated host as versioned JSON-able data, guests included, and back: what the store saves between runs."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import TYPE_CHECKING, Any, TypeVar

from core.clock import ScaledClock
from core.sim import DEMO_SPEED
from core.sim.model import HostState, SimGuest, SimIpAddress, SimNat, SimSwitch, SimVM

if TYPE_CHECKING:
    from core.sim.host import SimHost

T = TypeVar("T")

FORMAT = "nestwiz-simulated-host"
VERSION = 1
# The command log and the failures tests inject are not the machine's state; parent and clock are restored whole.
HOST_KEYS = (
    "title",
    "description",
    "profile",
    "state",
    "vms",
    "switches",
    "nats",
    "ip_addresses",
    "files",
    "file_names",
    "directories",
    "boots",
)


class StateUnreadable(ValueError):
    """Saved state that is not a simulated host of this format version: truncated, corrupt or from another one."""


def dump(host: SimHost) -> dict[str, Any]:
    """The whole machine; its times are on its clock, whose current time is saved with it."""
    return {"format": FORMAT, "version": VERSION, "now": host.clock.now(), "host": dump_body(host)}


def dump_body(host: SimHost) -> dict[str, Any]:
    """The machine without the time: what a command can change (a guest's state is inside its VM's).

    Called after every round trip of a saved host, so built by hand: dataclasses.asdict deep-copies, 10x slower.
    """
    return {
        "title": host.title,
        "description": host.description,
        "profile": host.profile,
        "state": _plain(host.state),
        "vms": [_dump_vm(vm) for vm in host.vms],
        "switches": _plain(host.switches),
        "nats": _plain(host.nats),
        "ip_addresses": _plain(host.ip_addresses),
        "files": dict(host.files),
        "file_names": dict(host.file_names),
        "directories": dict(host.directories),
        "boots": host.boots,
    }


def _dump_vm(vm: SimVM) -> dict[str, Any]:
    data = {name: _plain(getattr(vm, name)) for name in _names(SimVM) if name != "guest"}
    guest = vm.guest
    if guest is None:
        data["guest"] = None
    else:
        data["guest"] = {name: getattr(guest, name) for name in _names(SimGuest) if name != "host"}
        data["guest"]["host"] = dump_body(guest.host)
    return data


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return {name: _plain(getattr(value, name)) for name in _names(type(value))}
    return value


def load(data: Any, *, clock: ScaledClock | None = None) -> SimHost:
    """The host `dump` saved, on `clock` moved to the saved time (a demo clock if none is given)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StateUnreadable("it is not a saved simulated host")
    if data.get("version") != VERSION:
        raise StateUnreadable(
            f"it was saved in format version {data.get('version')!r}; this NestWiz reads version {VERSION}"
        )
    now = _convert(float, data.get("now"), "now")
    clock = clock or ScaledClock(DEMO_SPEED)
    host = _load_body(data.get("host"), clock, None, "host")
    clock.move_to(now)  # only once the state proved readable: a caller may carry on with the clock without it
    return host


def _load_body(data: Any, clock: ScaledClock, parent: SimHost | None, where: str) -> SimHost:
    from core.sim.host import SimHost

    body = _fields(data, HOST_KEYS, where)
    host = SimHost(
        _build(HostState, body["state"], f"{where}.state"),
        title=_convert(str, body["title"], where),
        description=_convert(str, body["description"], where),
        clock=clock,
        profile=_convert(str, body["profile"], where),
    )
    host.parent = parent
    host.switches = [_build(SimSwitch, s, f"{where}.switches") for s in _convert(list, body["switches"], where)]
    host.nats = [_build(SimNat, n, f"{where}.nats") for n in _convert(list, body["nats"], where)]
    host.ip_addresses = [
        _build(SimIpAddress, ip, f"{where}.ip_addresses") for ip in _convert(list, body["ip_addresses"], where)
    ]
    host.files = _convert(dict[str, int], body["files"], f"{where}.files")
    host.file_names = _convert(dict[str, str], body["file_names"], f"{where}.file_names")
    host.directories = _convert(dict[str, str], body["directories"], f"{where}.directories")
    host.boots = _convert(int, body["boots"], f"{where}.boots")
    if set(host.files) != set(host.file_names):
        raise StateUnreadable(f"{where}: its files and their names do not match")
    for index, vm_data in enumerate(_convert(list, body["vms"], f"{where}.vms")):
        host.vms.append(_load_vm(vm_data, host, clock, f"{where}.vms[{index}]"))
    return host


def _load_vm(data: Any, host: SimHost, clock: ScaledClock, where: str) -> SimVM:
    if not isinstance(data, dict):
        raise StateUnreadable(f"{where}: not an object")
    if "guest" not in data:
        raise StateUnreadable(f"{where}: missing guest")
    guest_data = data["guest"]
    vm = _build(SimVM, {k: v for k, v in data.items() if k != "guest"}, where, skip=("guest",))
    if guest_data is not None:
        keys = tuple(f.name for f in dataclasses.fields(SimGuest))
        guest = _fields(guest_data, keys, f"{where}.guest")
        inner = _load_body(guest["host"], clock, host, f"{where}.guest.host")
        vm.guest = _build(SimGuest, {**guest, "host": inner}, f"{where}.guest")
    return vm


def _fields(data: Any, keys: tuple[str, ...], where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise StateUnreadable(f"{where}: not an object")
    missing = [k for k in keys if k not in data]
    unknown = [k for k in data if k not in keys]
    if missing or unknown:
        raise StateUnreadable(
            f"{where}: "
            + "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unknown {', '.join(unknown)}" if unknown else "",
                )
                if part
            )
        )
    return data


def _build(cls: type[T], data: Any, where: str, skip: tuple[str, ...] = ()) -> T:
    """A dataclass from exactly its fields, each checked against its annotation."""
    fields = [f for f in dataclasses.fields(cls) if f.name not in skip]  # type: ignore[arg-type]
    values = _fields(data, tuple(f.name for f in fields), where)
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _convert(hints[f.name], values[f.name], f"{where}.{f.name}") for f in fields})


def _convert(kind: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    if kind is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        (inner,) = [o for o in options if o is not type(None)]
        return _convert(inner, value, where)
    if origin is list or kind is list:
        if not isinstance(value, list):
            raise StateUnreadable(f"{where}: not a list")
        (item,) = typing.get_args(kind) or (Any,)
        return [_convert(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise StateUnreadable(f"{where}: not an object")
        _, item = typing.get_args(kind)
        return {str(k): _convert(item, v, f"{where}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(kind):
        return _build(kind, value, where)  # type: ignore[arg-type]
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if kind is int and isinstance(value, bool):
        raise StateUnreadable(f"{where}: not a number")
    if isinstance(value, kind):
        return value
    raise StateUnreadable(f"{where}: expected {getattr(kind, '__name__', kind)}, found {type(value).__name__}")
