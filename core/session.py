"""The wizard's shared state: the target, its runner, and what each step learned. Qt-free."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.i18n import translate
from core.journal import ChainState
from core.sim import DEFAULT_PROFILE, DEMO_SPEED

if TYPE_CHECKING:  # the runners and the simulator are imported when a target is chosen, not with the window
    from core.host.facts import HostFacts
    from core.runners.base import CallEvent, Runner
    from core.sim.host import SimHost

log = logging.getLogger("nestwiz.session")


def log_call(event: CallEvent) -> None:
    outcome = "ok" if event.ok else f"FAILED: {event.error}"
    log.info("%s | %s | %.3f s | %s", event.runner, event.text, event.seconds, outcome)


def hyperv_possible_here() -> bool:
    """Only Windows can run Hyper-V; elsewhere the simulated host is the default target."""
    return sys.platform == "win32"


@dataclass
class Target:
    kind: str = "simulated"  # "local" | "remote" | "simulated"
    profile: str = DEFAULT_PROFILE
    remote: Any = None  # core.runners.remote.ConnectionSettings

    def describe(self) -> str:
        if self.kind == "local":
            return translate("session", "This computer")
        if self.kind == "remote":
            return translate("session", "Remote host {host}").format(host=getattr(self.remote, "host", "?"))
        return translate("session", "Simulated host ({profile})").format(profile=self.profile)


@dataclass
class Session:
    """One wizard run. Pages read and write it; core code acts on it."""

    target: Target = field(default_factory=Target)
    sim_speed: float = DEMO_SPEED
    runner: Runner | None = None
    sim_host: SimHost | None = None
    facts: HostFacts | None = None  # the host's diagnosis (its raw probe output is facts.raw)
    outer_vm_name: str | None = None  # the VM that will run Hyper-V, chosen on the outer-VM or enable page
    created_vm: str | None = None  # the outer VM this run created: nothing in it to lose, no OS yet
    nesting_enabled_for: str | None = None  # the VM whose nesting settings the enable page read back in place
    events: list[CallEvent] = field(default_factory=list)
    owned: list[Runner] = field(default_factory=list)  # every runner opened in this session, closed at the end
    chain: ChainState = field(default_factory=ChainState)  # the nested chain's pages: guest credential, journal

    sim_reset: bool = False  # --demo-reset: the next simulated host opened starts from its profile, not as left

    def use_simulated(self, profile: str) -> Runner:
        """The simulated host of `profile` (a name, or a trainer's .toml file) as the last run left it."""
        from core.targets import simulated_runner

        runner, self.sim_host = simulated_runner(profile, self.sim_speed, persist=True, reset=self.sim_reset)
        self.sim_reset = False
        if self.sim_host.store_note:
            log.warning("%s", self.sim_host.store_note)
        self.target = Target("simulated", profile)
        return self._attach(runner)

    def own(self, runner: Runner) -> Runner:
        """Close `runner` with the session (a connection tested but not, or not yet, chosen)."""
        if runner not in self.owned:
            self.owned.append(runner)
        return runner

    def _attach(self, runner: Runner) -> Runner:
        self.own(runner)
        self.runner = runner
        runner.listeners.append(self.events.append)
        runner.listeners.append(log_call)
        log.info("target: %s", self.target.describe())
        self.facts = None
        return runner

    def attach(self, runner: Runner, target: Target) -> Runner:
        self.target = target
        self.sim_host = None
        return self._attach(runner)

    def require_runner(self) -> Runner:
        if self.runner is None:
            raise RuntimeError("no target chosen yet")
        return self.runner

    async def close(self) -> None:
        for runner in self.owned:
            await runner.close()
