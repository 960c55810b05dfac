"""The wizard's shared state: the target, its runner, and what each step learned. Qt-free."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.i18n import translate
from core.sim import DEFAULT_PROFILE, DEMO_SPEED

if TYPE_CHECKING:  # the runners, the engine and the simulator are imported when used, not with the window
    from core.commands import Credential
    from core.host.facts import HostFacts
    from core.lab.engine import Engine
    from core.lab.journal import Journal
    from core.lab.plan import LabPlan, TargetPlan
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
    events: list[CallEvent] = field(default_factory=list)
    owned: list[Runner] = field(default_factory=list)  # every runner opened in this session, closed at the end
    # The lab: the plan the pages edit, its journal, and the guest's credential (in memory only, never saved).
    plan: LabPlan | None = None
    journal: Journal | None = None
    credential: Credential | None = None
    resuming: bool = False  # continuing an earlier run: the pages re-check what it did before going on
    resume_remote: str | None = None  # resuming on this remote host: the Target page's Next goes on to the chain
    skip_to: str | None = None  # resuming: the first later step whose re-check found it not done
    nesting_consent: Any = None  # core.enable.direct.Consent from the Enable page: may the VM be stopped, upgraded
    enable_script: tuple[bytes, tuple[str, ...]] | None = None  # Microsoft's script, and the digests accepted
    sim_reset: bool = False  # --demo-reset: the next simulated host opened starts from its profile, not as left
    _engine: Engine | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ the lab
    def lab_plan(self) -> LabPlan:
        if self.plan is None:
            from core.lab.plan import LabPlan

            self.plan = LabPlan()
        return self.plan

    def update_plan(self, **parts: Any) -> LabPlan:
        """Replace parts of the plan (outer=…, network=…); the journal keeps the plan of the next run."""
        from dataclasses import replace

        self.plan = replace(self.lab_plan(), **parts)
        return self.plan

    def require_journal(self) -> Journal:
        """The run's journal; a new run starts a fresh one (it replaces an older file on its first save)."""
        if self.journal is None:
            from core.lab.journal import Journal, journal_path

            self.journal = Journal(journal_path())
        return self.journal

    @property
    def outer_vm_name(self) -> str | None:
        """The VM that will run Hyper-V: the one the journal knows by Id, else the one the plan names."""
        journal = self.journal
        if journal is not None and "outer" in journal.vms:
            return journal.vms["outer"].name
        return self.plan.outer.name if self.plan is not None and self.plan.outer.mode == "existing" else None

    def choose_outer_vm(self, name: str) -> None:
        """The user picked an existing VM (the Outer VM or Enable page): the plan prepares it, found by name once."""
        from dataclasses import replace

        from core.lab.journal import VmRef
        from core.lab.plan import OuterPlan

        plan = self.lab_plan()
        if self.outer_vm_name != name:
            self.update_plan(outer=OuterPlan("existing", replace(plan.outer.options, name=name)))
            journal = self.journal
            if journal is not None:
                journal.vms.pop("outer", None)
                # Back to the VM this lab created (the user looked at another one first): it is still the lab's, by
                # its Id, so its OS is still to be installed and undo may still remove it.
                made = [
                    c
                    for c in journal.created
                    if c.kind == "vm"
                    and c.where == "host"
                    and c.confirmed
                    and c.vm_id
                    and c.target.lower() == name.lower()
                ]
                if len(made) == 1:
                    journal.vms["outer"] = VmRef(made[0].target, made[0].vm_id)
                journal.save()

    @property
    def created_vm(self) -> str | None:
        """The outer VM this lab created (nothing in it to lose, no OS yet), by the journal."""
        journal = self.journal
        ref = journal.vms.get("outer") if journal is not None else None
        if ref is None or journal is None or not journal.made_vm(ref.id):
            return None
        return ref.name

    def cpu_vendor(self) -> str:
        """The host processor's vendor ID from the diagnosis; Intel until the host is diagnosed."""
        from core.host.facts import INTEL

        return (self.facts.cpu_vendor if self.facts is not None else None) or INTEL

    def target_plan(self) -> TargetPlan:
        from core.targets import target_plan

        return target_plan(self.target.kind, self.target.profile, self.target.remote)

    def engine(self) -> Engine:
        """The lab's engine on the current target, with the plan, credential and facts as they are now."""
        from core.lab.engine import Engine
        from core.lab.steps import chain

        runner = self.require_runner()
        if self._engine is None or self._engine.ctx.host.inner is not runner:
            from core.targets import installer_for

            self._engine = Engine(
                self.lab_plan(), runner, self.require_journal(), chain(), installer=installer_for(self.sim_host)
            )
        engine = self._engine
        engine.plan = self.update_plan(target=self.target_plan())
        engine.ctx.journal = self.require_journal()
        engine.ctx.credential = self.credential
        engine.ctx.cpu_vendor = self.cpu_vendor()
        engine.ctx.facts = self.facts
        engine.ctx.consent = self.nesting_consent
        engine.ctx.enable_script, engine.ctx.accepted_digests = self.enable_script or (None, ())
        return engine

    def simulated_guest_password(self, vm_name: str) -> str | None:
        """On the simulated host, the password of the OS a demo's VM already holds, or of the one it installs."""
        if self.sim_host is None:
            return None
        from core.targets import SIMULATED_PASSWORD, simulated_guest_password

        return simulated_guest_password(self.sim_host, vm_name) or SIMULATED_PASSWORD

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
