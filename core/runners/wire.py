"""PowerShell values on the wire: requests for the local wrapper, and results turned into plain data."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import re
import uuid
from collections.abc import Iterable
from typing import Any

from core.commands import Command, Credential, Hashtable, Pipeline, Runnable, Script, ScriptBlock, Variable
from core.errors import CommandRejected
from core.results import ErrorRecord, ProgressRecord

log = logging.getLogger(__name__)

PROTOCOL = 1
"""Version of the JSON-lines protocol spoken with resources/scripts/NestWiz-Invoke.ps1."""

TAG = "__nw"
"""Key marking a tagged JSON object (hashtable, credential, script block, bytes, truncated object)."""

# System.Management.Automation.ErrorCategory, by value (the wire sends the number, people read the name).
ERROR_CATEGORIES = (
    "NotSpecified",
    "OpenError",
    "CloseError",
    "DeviceError",
    "DeadlockDetected",
    "InvalidArgument",
    "InvalidData",
    "InvalidOperation",
    "InvalidResult",
    "InvalidType",
    "MetadataError",
    "NotImplemented",
    "NotInstalled",
    "ObjectNotFound",
    "OperationStopped",
    "OperationTimeout",
    "SyntaxError",
    "ParserError",
    "PermissionDenied",
    "ResourceBusy",
    "ResourceExists",
    "ResourceUnavailable",
    "ReadError",
    "WriteError",
    "FromStdErr",
    "SecurityError",
    "ProtocolError",
    "ConnectionError",
    "AuthenticationError",
    "LimitsExceeded",
    "QuotaExceeded",
    "NotEnabled",
)


class Truncated(str):
    """The text PowerShell put where an object was too deep to send whole (its ToString()).

    Still a str, so it prints and serializes as one; test `isinstance(value, Truncated)` to notice that
    the object was cut and select the property explicitly (Select-Object) instead.
    """


def category_name(value: Any) -> str:
    """An ErrorCategory given as a number or a name, as its name."""
    if isinstance(value, int) and not isinstance(value, bool):
        return ERROR_CATEGORIES[value] if 0 <= value < len(ERROR_CATEGORIES) else str(value)
    return "" if value is None else str(value)


def as_list(value: Any) -> list[Any]:
    """A property that PowerShell may have unwrapped (one element) or left out (none), as a list."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, tuple):
        return list(value)
    return [value]


# --------------------------------------------------------------------------------------------- requests


def encode_value(value: Any) -> Any:
    """A parameter value as JSON for the local wrapper; every JSON object on the wire carries a tag."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Hashtable):
        return {TAG: "hashtable", "items": [[str(k), encode_value(v)] for k, v in value]}
    if isinstance(value, tuple | list):
        return [encode_value(v) for v in value]
    if isinstance(value, Credential):
        return {TAG: "credential", "user": value.user, "password": value.password}
    if isinstance(value, ScriptBlock):
        return {TAG: "scriptblock", "text": value.text}
    if isinstance(value, bytes):
        return {TAG: "bytes", "base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, Variable):
        raise CommandRejected(
            f"${value.name} is a variable of an exported script; a runner needs the value itself.",
            detail=f"Variable {value.name!r} passed to a runner",
        )
    raise CommandRejected(f"A {type(value).__name__} value cannot be sent to PowerShell.", detail=repr(value))


def _encode_params(params: Iterable[tuple[str, Any]]) -> list[list[Any]]:
    return [[name, encode_value(value)] for name, value in params]


def encode_request(runnable: Runnable, request_id: str, depth: int) -> dict[str, Any]:
    """The JSON request the wrapper reads: commands (a pipeline) or a fixed script, with their parameters."""
    request: dict[str, Any] = {"id": request_id, "depth": depth}
    if isinstance(runnable, Script):
        request["script"] = runnable.name
        request["params"] = _encode_params(runnable.params)
    else:
        commands: tuple[Command, ...] = runnable.commands if isinstance(runnable, Pipeline) else (runnable,)
        request["commands"] = [{"name": c.name, "params": _encode_params(c.params)} for c in commands]
    return request


# --------------------------------------------------------------------------------- local (JSON) results

# ConvertTo-Json in Windows PowerShell 5.1 writes a DateTime as "\/Date(ms)\/" (ms since 1970 UTC),
# sometimes with an offset suffix that does not change the instant.
_JSON_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
# A TimeSpan reaches ConvertTo-Json as an object of all its properties.
_TIMESPAN_KEYS = frozenset({"Ticks", "Days", "Hours", "Milliseconds", "Minutes", "Seconds", "TotalDays"})
# A DateTime with PowerShell's DisplayHint note becomes {"value": ..., "DisplayHint": n, "DateTime": text}.
_DISPLAY_HINT_KEYS = frozenset({"value", "DisplayHint", "DateTime"})
# What PowerShell writes instead of a collection or a custom object that lies beyond the serialization depth.
_TRUNCATED_TEXT = re.compile(
    r"^(System\.Collections\.\S.*|System\.Object\[\]|System\.[A-Za-z.]+\[\]|@\{[^=]*=.*\}|"
    r"System\.Management\.Automation\.PS(Custom)?Object)$",
    re.DOTALL,
)


def _from_json_date(match: re.Match[str]) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(milliseconds=int(match.group(1)))


def from_json(value: Any) -> Any:
    """A value decoded from the wrapper's JSON, with Windows PowerShell 5.1's JSON habits undone.

    Dates ("/Date(ms)/" or the DisplayHint object) become aware datetimes, a TimeSpan object becomes a
    timedelta, tagged objects become bytes or `Truncated`, and text PowerShell writes for an object it cut
    ("System.Collections.Hashtable", "System.Object[]", "@{a=1}") becomes `Truncated`.
    """
    if isinstance(value, str):
        date = _JSON_DATE.match(value)
        if date:
            return _from_json_date(date)
        if _TRUNCATED_TEXT.match(value):
            return Truncated(value)
        return value
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict):
        tag = value.get(TAG)
        if tag == "truncated":
            return Truncated(str(value.get("text", "")))
        if tag == "bytes":
            return base64.b64decode(str(value.get("base64", "")))
        keys = value.keys()
        if keys == _DISPLAY_HINT_KEYS and isinstance(value["value"], str):
            date = _JSON_DATE.match(value["value"])
            if date:
                return _from_json_date(date)
        if keys >= _TIMESPAN_KEYS and isinstance(value.get("Ticks"), int):
            return dt.timedelta(microseconds=value["Ticks"] / 10)
        return {str(k): from_json(v) for k, v in value.items()}
    return value


def error_from_json(value: Any) -> ErrorRecord:
    data = value if isinstance(value, dict) else {"message": str(value)}
    return ErrorRecord(
        message=str(data.get("message") or "PowerShell reported an error without a message."),
        error_id=str(data.get("error_id") or ""),
        category=category_name(data.get("category")),
        target=str(data.get("target") or ""),
        exception_type=str(data.get("exception_type") or ""),
    )


def progress_from_json(value: Any) -> ProgressRecord:
    data = value if isinstance(value, dict) else {"activity": str(value)}
    percent = data.get("percent")
    activity_id = data.get("activity_id")
    return ProgressRecord(
        activity=str(data.get("activity") or ""),
        status=str(data.get("status") or ""),
        percent=percent if isinstance(percent, int) else -1,
        activity_id=activity_id if isinstance(activity_id, int) else 0,
    )


def truncated_paths(value: Any, path: str = "") -> list[str]:
    """Where in a value objects were cut (for the log), e.g. ["[0].NetworkAdapters"]."""
    if isinstance(value, Truncated):
        return [path or "(top)"]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in truncated_paths(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in truncated_paths(v, f"{path}[{i}]")]
    return []


# --------------------------------------------------------------------------------- remote (CLIXML) results

_ENUM_TYPES = frozenset({"System.Enum", "Deserialized.System.Enum"})


def _type_names(obj: Any) -> list[str]:
    names = getattr(obj, "types", None)
    return [str(n) for n in names] if isinstance(names, list) else []


def plain(obj: Any) -> Any:
    """A deserialized PSRP object (pypsrp) as plain data, the same shapes the local runner gives.

    Objects become dicts of their properties (adapted first, then notes), enums their name ("Running"),
    DateTime an aware datetime, TimeSpan a timedelta, Guid/Version/Uri/char a str, byte[] bytes,
    SecureString None; an object cut by the serialization depth becomes `Truncated` (its ToString()).
    """
    if obj is None or isinstance(obj, bool | int | float | str | bytes | dt.datetime | dt.timedelta):
        return obj
    if isinstance(obj, uuid.UUID):
        return str(obj)
    if isinstance(obj, list | tuple):
        return [plain(v) for v in obj]
    if isinstance(obj, dict):
        return {str(plain(k)): plain(v) for k, v in obj.items()}
    if hasattr(obj, "queue") and hasattr(obj, "get_nowait"):  # queue.Queue from a serialized Queue
        return [plain(v) for v in list(obj.queue)]
    types = _type_names(obj)
    if types and _ENUM_TYPES & set(types):
        return str(getattr(obj, "to_string", "") or "")
    adapted = getattr(obj, "adapted_properties", None)
    extended = getattr(obj, "extended_properties", None)
    if isinstance(adapted, dict) and isinstance(extended, dict):
        sets = getattr(obj, "property_sets", [])
        if sets and len(sets) == 1:
            # A primitive carrying note properties: the value is what callers want.
            return plain(sets[0])
        if adapted or extended:
            merged = {str(k): plain(v) for k, v in adapted.items()}
            merged.update({str(k): plain(v) for k, v in extended.items()})
            return merged
        if sets:
            return [plain(v) for v in sets]
        return Truncated(str(getattr(obj, "to_string", "") or ""))
    if type(obj).__name__ == "Element":  # an undecryptable SecureString stays an XML element
        return None
    return str(obj)


def error_from_psrp(record: Any) -> ErrorRecord:
    """A pypsrp ErrorRecord as ours."""
    exception = getattr(record, "exception", None)
    message = getattr(record, "details_message", None) or ""
    if not message and exception is not None:
        props = getattr(exception, "adapted_properties", {}) or {}
        message = str(props.get("Message") or "")
    if not message:
        message = str(record)
    exc_types = _type_names(exception)
    exception_type = exc_types[0].removeprefix("Deserialized.") if exc_types else ""
    target = getattr(record, "target_object", None)
    target_text = ""
    if target is not None:
        value = plain(target)
        target_text = value if isinstance(value, str) else str(getattr(target, "to_string", None) or value)
    return ErrorRecord(
        message=message,
        error_id=str(getattr(record, "fq_error", "") or ""),
        category=category_name(getattr(record, "category", None)),
        target=target_text,
        exception_type=exception_type,
    )


def progress_from_psrp(record: Any) -> ProgressRecord:
    percent = getattr(record, "percent_complete", -1)
    activity_id = getattr(record, "activity_id", 0)
    return ProgressRecord(
        activity=str(getattr(record, "activity", "") or ""),
        status=str(getattr(record, "description", "") or ""),
        percent=percent if isinstance(percent, int) else -1,
        activity_id=activity_id if isinstance(activity_id, int) else 0,
    )


def information_text(record: Any) -> str:
    """An InformationRecord's message (Write-Host's HostInformationMessage gives its text)."""
    data = getattr(record, "message_data", record)
    if isinstance(data, str):
        return data
    text = getattr(data, "to_string", None)
    if text:
        return str(text)
    value = plain(data)
    if isinstance(value, dict) and "Message" in value:
        return str(value["Message"])
    return "" if value is None else str(value)
