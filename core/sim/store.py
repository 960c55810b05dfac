"""Simulated hosts that remember between runs: one atomically saved JSON file per profile under NestWiz's data."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from core.clock import ScaledClock
from core.files import write_atomic
from core.paths import data_dir
from core.sim import state
from core.sim.host import SimHost, load_profile, profile_path

log = logging.getLogger("nestwiz.sim.store")

UNREADABLE_SUFFIX = ".unreadable"
SET_ASIDE = "The simulated host's saved state could not be read and was set aside; it starts afresh."
# A round trip that changed nothing but the time saves it at most this often (real seconds): a restart then loses at
# most this much of the simulated time spent waiting (a boot, a reboot), never a change.
TIME_ONLY_SAVE_SECONDS = 1.0


def store_dir() -> Path:
    return data_dir() / "sim"


def store_name(profile: str) -> str:
    """The saved state's name: the profile's name, or for a trainer's own file the file's stem.

    Only names reach the journal and the file names here, never paths (a profile file may move between runs).
    """
    own = Path(profile)
    if own.suffix.lower() == ".toml" and own.is_file():
        return own.stem
    if not profile_path(profile).is_file():
        load_profile(profile)  # raises the ValueError that lists the known profiles
    return profile


def _source(profile: str) -> str:
    """What the state was made from: a shipped profile's name, or a trainer's file by its name (it may move)."""
    own = Path(profile)
    return f"{own.name} (own file)" if own.suffix.lower() == ".toml" and own.is_file() else profile


class HostStore:
    """Where one opened host saves itself: after a round trip that changed it, and now and then for the time."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.source = source
        self.saves = 0
        self._body = ""
        self._saved_at = 0.0

    def round_trip_done(self, host: SimHost) -> None:
        body = json.dumps(state.dump_body(host), separators=(",", ":"))
        if body == self._body and time.monotonic() - self._saved_at < TIME_ONLY_SAVE_SECONDS:
            return
        self.save(host, body)

    def save(self, host: SimHost, body: str | None = None) -> None:
        body = body or json.dumps(state.dump_body(host), separators=(",", ":"))
        header = {"format": state.FORMAT, "version": state.VERSION, "source": self.source, "now": host.clock.now()}
        text = json.dumps(header, separators=(",", ":"))[:-1] + ',"host":' + body + "}"  # the body dumped once
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text.encode("utf-8"))
        except OSError as exc:
            log.warning("the simulated host's state could not be saved to %s: %s", self.path, exc)
            return
        self._body = body
        self._saved_at = time.monotonic()
        self.saves += 1


def open_host(profile: str, *, clock: ScaledClock | None = None, reset: bool = False) -> SimHost:
    """The simulated host of `profile` as it was left, saving itself from now on; fresh from the profile if it was
    never opened, if `reset`, or if its saved state cannot be read (then set aside, and `host.store_note` says so).

    `profile` is a name from resources/profiles/ or the path of a trainer's own .toml file.
    """
    name = store_name(profile)
    source = _source(profile)
    path = store_dir() / f"{name}.json"
    if reset:
        path.unlink(missing_ok=True)
    host: SimHost | None = None
    note: str | None = None
    if path.exists():
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
            if isinstance(data, dict) and data.get("format") == state.FORMAT and data.get("source") != source:
                raise state.StateUnreadable(f"it was made from the profile {data.get('source')!r}, not {source!r}")
            if isinstance(data, dict):
                data = {k: v for k, v in data.items() if k != "source"}
            host = SimHost.from_state(data, clock=clock)
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            aside = _set_aside(path)
            log.warning("the simulated host's saved state %s could not be read (%s); set aside as %s", path, exc, aside)
            note = f"{SET_ASIDE} ({aside.name}: {exc})"
    if host is None:
        host = SimHost.from_profile(profile, clock=clock)
    host.store = HostStore(path, source)
    host.store_note = note
    host.store.save(host)
    return host


def _set_aside(path: Path) -> Path:
    """Rename the unreadable file out of the way, never over an earlier one."""
    aside = path.with_name(path.name + UNREADABLE_SUFFIX)
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}{UNREADABLE_SUFFIX}.{number}")
    path.replace(aside)
    return aside
