"""The lab's steps, in order: each checks (reading only), applies, verifies and undoes its own part of the chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.commands import Command
from core.enable import direct as direct_settings
from core.errors import NestWizError
from core.i18n import translate
from core.lab.engine import Context, LabStopped, Step, StepFailed
from core.lab.journal import Created, VmRef
from core.lab.plan import LabPlan
from core.provision import apply as outer_apply
from core.provision.guest import HEARTBEAT_OK, SESSION_CHECK, call_timeout, wait_until_ready
from core.provision.guest_hyperv import GuestHyperV, diagnose, hypervisor_taken
from core.provision.inner import InnerVm, check_memory, outer_memory
from core.provision.network import NAT, inspect
from core.provision.network import changes as network_changes
from core.provision.outer import folder_command as outer_folder
from core.provision.outer import plan as outer_plan
from core.provision.validate import validate
from core.vm import VmInfo, assess, read_vms, settings_in_place

INSTALL_HEARTBEAT_SECONDS = 4 * 3600.0  # Setup from the ISO, then the first boot: up to hours on a slow disk
CHECK_SECONDS = 30.0  # target seconds a check's single look may take


def _new_lab() -> str:
    return translate("lab", "Start over on the wizard's Welcome page, or give nestwiz lab run --fresh")


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()  # Hyper-V compares VM and switch names without regard to case


async def _outer_vms(ctx: Context) -> list[VmInfo]:
    return await read_vms(ctx.host)


def _find_outer(ctx: Context, vms: list[VmInfo]) -> VmInfo | None:
    """The outer VM the journal knows, by its Id; LabStopped when it is gone, renamed or its name is shared."""
    ref = ctx.journal.vms.get("outer")
    if ref is None:
        return None
    if not _same(ref.name, ctx.plan.outer.name):
        raise LabStopped(
            translate(
                "lab",
                "This lab's outer VM is '{name}' (Id {id}), but the plan now names '{planned}'. NestWiz stops "
                "rather than work on another VM: put the name back in the plan, or start a new lab ({how}).",
            ).format(name=ref.name, id=ref.id, planned=ctx.plan.outer.name, how=_new_lab())
        )
    found = next((v for v in vms if v.id.lower() == ref.id.lower()), None)
    if found is None:
        raise LabStopped(
            translate(
                "lab",
                "The outer VM '{name}' (Id {id}) is no longer on this host. NestWiz never picks another VM: "
                "restore it, or start a new lab ({how}).",
            ).format(name=ref.name, id=ref.id, how=_new_lab())
        )
    if found.name != ref.name:
        raise LabStopped(
            translate(
                "lab",
                "The outer VM '{name}' (Id {id}) is now named '{now}'. NestWiz stops rather than guess: rename it "
                "back, or start a new lab ({how}).",
            ).format(name=ref.name, id=ref.id, now=found.name, how=_new_lab())
        )
    _single(vms, found.name)
    return found


def _single(vms: list[VmInfo], name: str) -> None:
    if sum(_same(v.name, name) for v in vms) > 1:
        raise LabStopped(
            translate(
                "lab",
                "More than one VM on this host is named '{name}'. Hyper-V's cmdlets find VMs by name, so NestWiz "
                "cannot tell them apart: rename all but one, then run the lab again.",
            ).format(name=name)
        )


class BaseStep:
    """What most steps share: nothing more to verify than apply did, nothing of their own to undo, and their part
    of the export written by the builder of the same name in core.lab.scripts."""

    id: str
    where: str

    async def verify(self, ctx: Context) -> None:
        return None

    async def undo(self, ctx: Context) -> list[str]:
        return []

    def script(self, plan: LabPlan) -> list[str]:
        from core.lab import scripts  # on use: most runs export nothing

        builder: Callable[[LabPlan], list[str]] = getattr(scripts, self.id)
        return builder(plan)


# ---------------------------------------------------------------------------------------------- host
@dataclass
class HostStep(BaseStep):
    """The host diagnosed: the same probe and rules as the Host page; a blocker stops the lab before any change."""

    id: str = "host"
    where: str = "host"

    def title(self) -> str:
        return translate("lab", "Host diagnosed")

    async def check(self, ctx: Context) -> str | None:
        from core.host.diagnose import diagnose as diagnose_host

        diagnosis = await diagnose_host(ctx.host)
        ctx.cpu_vendor = diagnosis.facts.cpu_vendor or ctx.cpu_vendor
        ctx.facts = diagnosis.facts
        blockers = diagnosis.blockers
        if blockers:
            first = blockers[0]
            remedy = f" {first.remedy.label}: {first.remedy.instructions}" if first.remedy is not None else ""
            raise StepFailed(
                translate("lab", "This host cannot run the lab yet: {sentence}{remedy}").format(
                    sentence=first.sentence, remedy=remedy
                )
            )
        return diagnosis.summary()

    async def apply(self, ctx: Context) -> str:
        return ""


# ---------------------------------------------------------------------------------------------- outer VM
@dataclass
class OuterVmStep(BaseStep):
    """The outer VM: created from the plan ("new"), or the user's VM found by name once and known by Id after."""

    id: str = "outer_vm"
    where: str = "host"

    def title(self) -> str:
        return translate("lab", "Outer VM")

    async def _resolve(self, ctx: Context) -> VmInfo | None:
        vms = await _outer_vms(ctx)
        known = _find_outer(ctx, vms)
        if known is not None:
            return known
        outer = ctx.plan.outer
        named = [v for v in vms if _same(v.name, outer.name)]
        _single(vms, outer.name)
        if outer.mode == "existing":
            if not named:
                raise LabStopped(
                    translate(
                        "lab",
                        "There is no VM named '{name}' on this host. The plan prepares an existing VM: check the "
                        'name, or let NestWiz create a new one (mode = "new").',
                    ).format(name=outer.name)
                )
            ctx.journal.set_vm("outer", VmRef(named[0].name, named[0].id))
            return named[0]
        if not named:
            return None
        if not self._ours(ctx, named[0]) and not await self._uses_planned_disk(ctx, named[0]):
            raise LabStopped(
                translate(
                    "lab",
                    "A VM named '{name}' already exists on this host and is not this lab's (it does not use the "
                    "planned disk {disk}). NestWiz leaves it alone: choose another name for the outer VM.",
                ).format(name=outer.name, disk=outer.options.vhd_path)
            )
        ctx.journal.set_vm("outer", VmRef(named[0].name, named[0].id))
        for item in ctx.journal.created_by(self.id):
            if item.kind == "vm" and not item.confirmed:
                ctx.journal.confirm(item, named[0].id)
        return named[0]

    def _ours(self, ctx: Context, vm: VmInfo) -> bool:
        return any(
            c.kind == "vm" and (c.vm_id == vm.id or (not c.confirmed and _same(c.target, vm.name)))
            for c in ctx.journal.created_by(self.id)
        )

    async def _uses_planned_disk(self, ctx: Context, vm: VmInfo) -> bool:
        disk = ctx.plan.outer.options.vhd_path
        drives = (await ctx.host.run(Command.of("Get-VMHardDiskDrive", VMName=vm.name), check=False)).output
        return bool(disk) and any(isinstance(d, dict) and _same(str(d.get("Path", "")), disk) for d in drives)

    def _settings_hold(self, ctx: Context, vm: VmInfo) -> bool:
        o = ctx.plan.outer.options
        return (
            vm.expose_extensions
            and not vm.dynamic_memory
            and vm.memory_startup == o.memory_bytes
            and vm.processor_count == o.processors
        )

    async def check(self, ctx: Context) -> str | None:
        vm = await self._resolve(ctx)
        ctx.found[self.id] = vm  # for the apply right after: the VM as the check found it, or None
        if vm is None:
            return None
        if ctx.plan.outer.mode == "existing":
            return translate("lab", "The outer VM is '{name}' (Id {id}).").format(name=vm.name, id=vm.id)
        if not self._settings_hold(ctx, vm):
            return None
        return translate("lab", "'{name}' exists (Id {id}) with the planned settings.").format(name=vm.name, id=vm.id)

    async def apply(self, ctx: Context) -> str:
        options = ctx.plan.outer.options
        existing = ctx.found.pop(self.id) if self.id in ctx.found else await self._resolve(ctx)
        if existing is None:
            problems = [p for p in await validate(ctx.host, options, ctx.facts) if p.blocking]
            if problems:
                raise LabStopped(
                    translate("lab", "The outer VM's plan cannot work on this host: {problem}").format(
                        problem=problems[0].message
                    )
                )
        steps = outer_plan(options)
        disk_ours = any(c.kind == "file" and _same(c.target, options.vhd_path) for c in ctx.journal.created_by(self.id))
        for index, step in enumerate(steps):
            ctx.emit("fraction", (index, len(steps)), step.description)
            if step.creates == "vm" and existing is not None:
                continue
            if step.creates == "file" and existing is not None:
                continue
            if step.creates == "file" and disk_ours and await self._exists(ctx, step.target):
                continue
            if step.command == outer_folder(step.target) and (
                existing is not None or await self._exists(ctx, step.target)
            ):
                continue  # the disk's folder is there already
            item = ctx.record(Created(self.id, step.creates, step.target)) if step.creates else None
            result = await ctx.host.run(step.command, timeout=outer_apply.STEP_TIMEOUT)
            if item is not None:
                vm_id = _vm_id(result.output) if step.creates == "vm" else ""
                ctx.journal.confirm(item, vm_id)
                if step.creates == "vm":
                    ctx.journal.set_vm("outer", VmRef(options.name, vm_id))
        ctx.emit("fraction", (len(steps), len(steps)), "")
        ref = ctx.outer()
        return translate("lab", "'{name}' was created (Id {id}), ready for nesting.").format(name=ref.name, id=ref.id)

    async def _exists(self, ctx: Context, path: str) -> bool:
        return (await ctx.host.run(Command.of("Test-Path", LiteralPath=path))).first() is True

    async def verify(self, ctx: Context) -> None:
        vm = await self._resolve(ctx)
        if vm is None or not self._settings_hold(ctx, vm):
            raise StepFailed(translate("lab", "The outer VM's settings did not read back as planned."))

    async def undo(self, ctx: Context) -> list[str]:
        mine = ctx.journal.created_by(self.id)
        items = [outer_apply.Created(c.kind, c.target, c.vm_id) for c in mine]
        present = await outer_apply.present(ctx.host, items)
        report = await outer_apply.remove_created(ctx.host, present)
        gone = {(c.kind, c.target) for c in report.removed} | {(c.kind, c.target) for c in items if c not in present}
        ctx.journal.forget([c for c in mine if (c.kind, c.target) in gone])
        vm_left = any(c.kind == "vm" for c in ctx.journal.created_by(self.id))
        if ctx.plan.outer.mode == "new" and "outer" in ctx.journal.vms and not vm_left:
            del ctx.journal.vms["outer"]
            ctx.journal.save()
        return [f"{c.describe()}: {why}" for c, why in report.left]


def _vm_id(output: list[Any]) -> str:
    record = output[0] if output and isinstance(output[0], dict) else {}
    return str(record.get("Id") or record.get("VMId") or "")


# ---------------------------------------------------------------------------------------------- nesting
@dataclass
class NestingStep(BaseStep):
    """Nesting turned on for the outer VM: the settings applied directly, or by Microsoft's script; read back."""

    id: str = "nesting"
    where: str = "host"

    def title(self) -> str:
        return translate("lab", "Nesting enabled")

    def _checks(self, ctx: Context, vm: VmInfo) -> tuple[Any, ...]:
        n = ctx.plan.nesting
        return settings_in_place(vm, mac_spoofing=n.mac_spoofing, memory_4gb=n.memory_4gb, cpu_vendor=ctx.cpu_vendor)

    async def _vm(self, ctx: Context) -> VmInfo:
        vm = _find_outer(ctx, await _outer_vms(ctx))
        if vm is None:
            ctx.outer()  # raises: the outer-VM step has not run
            raise AssertionError
        return vm

    async def check(self, ctx: Context) -> str | None:
        vm = await self._vm(ctx)
        if all(c.in_place for c in self._checks(ctx, vm)):
            return translate("lab", "Nesting is on for '{name}': every setting reads back in place.").format(
                name=vm.name
            )
        return None

    async def apply(self, ctx: Context) -> str:
        vm = await self._vm(ctx)
        n = ctx.plan.nesting
        created_here = ctx.journal.made_vm(vm.id)
        default = ctx.facts.default_version if ctx.facts is not None else None
        readiness = assess(
            vm,
            cpu_vendor=ctx.cpu_vendor,
            mac_spoofing=n.mac_spoofing,
            memory_4gb=n.memory_4gb,
            host_default_version=default or None,
        )
        # A VM this lab created holds nothing to lose; the user's own VM is stopped only by the user.
        consent = ctx.consent or direct_settings.Consent(stop_vm=created_here, update_version=created_here)
        if n.method == "script":
            from core.enable.run import prepare_for_script, run_microsoft_script

            if ctx.enable_script is None:
                raise StepFailed(
                    translate(
                        "lab",
                        "Microsoft's Enable-NestedVm.ps1 is not in NestWiz's cache. Download it (nestwiz "
                        'fetch-script) or choose the direct method (method = "direct").',
                    )
                )
            try:
                await prepare_for_script(ctx.host, readiness, consent, on_record=ctx.on_record)
            except direct_settings.ConsentNeeded as exc:
                raise StepFailed(exc.message, detail=exc.detail) from exc
            outcome = await run_microsoft_script(
                ctx.host,
                vm.name,
                ctx.enable_script,
                _choices(ctx),
                accepted=ctx.accepted_digests,
                on_record=ctx.on_record,
                cpu_vendor=ctx.cpu_vendor,
            )
        else:
            try:
                outcome = await direct_settings.apply(
                    ctx.host,
                    readiness,
                    consent,
                    mac_spoofing=n.mac_spoofing,
                    memory_4gb=n.memory_4gb,
                    cpu_vendor=ctx.cpu_vendor,
                    on_record=ctx.on_record,
                )
            except direct_settings.ConsentNeeded as exc:
                raise StepFailed(exc.message, detail=exc.detail) from exc
        ctx.emit("outcome", outcome)
        if not outcome.complete:
            raise StepFailed(outcome.summary() + " " + " ".join(c.sentence for c in outcome.missing))
        return outcome.summary()

    async def verify(self, ctx: Context) -> None:
        vm = await self._vm(ctx)
        missing = [c for c in self._checks(ctx, vm) if not c.in_place]
        if missing:
            raise StepFailed(missing[0].sentence)


def _choices(ctx: Context) -> Any:
    from core.enable.run import EnableChoices

    return EnableChoices(mac_spoofing=ctx.plan.nesting.mac_spoofing, memory_4gb=ctx.plan.nesting.memory_4gb)


# ---------------------------------------------------------------------------------------------- guest OS
@dataclass
class GuestOsStep(BaseStep):
    """The outer VM's operating system: installed when the lab made the VM, then waited for stage by stage."""

    id: str = "guest_os"
    where: str = "outer"

    def title(self) -> str:
        return translate("lab", "Guest OS ready")

    async def _record(self, ctx: Context) -> dict[str, Any]:
        return (await ctx.host.run(Command.of("Get-VM", Name=ctx.outer().name))).first() or {}

    async def check(self, ctx: Context) -> str | None:
        ref = ctx.outer()
        record = ctx.found[self.id] = await self._record(ctx)  # the apply right after starts from it
        if str(record.get("State")) != "Running" or str(record.get("Heartbeat")) not in HEARTBEAT_OK:
            return None
        if ctx.credential is None:
            return None
        try:
            os_ = (await ctx.guest().run(SESSION_CHECK, timeout=call_timeout(ctx.host, CHECK_SECONDS))).first() or {}
        except NestWizError:
            return None
        return translate("lab", "{os} answers in '{name}'.").format(
            os=str(os_.get("Caption") or "Windows"), name=ref.name
        )

    def _install_here(self, ctx: Context) -> bool:
        """The plan installs the OS: a VM the lab made has none yet; for the user's own VM, the user said so."""
        ref = ctx.outer()
        return ctx.plan.guest.install and (ctx.journal.made_vm(ref.id) or ctx.plan.outer.mode == "existing")

    async def apply(self, ctx: Context) -> str:
        ref = ctx.outer()
        credential = ctx.require_credential()
        timeouts = None
        record = ctx.found.pop(self.id, None) or await self._record(ctx)
        booted_once = str(record.get("Heartbeat")) in HEARTBEAT_OK
        if self._install_here(ctx) and not booted_once:
            if str(record.get("State")) != "Running":
                await ctx.host.run(Command.of("Start-VM", Name=ref.name))
            if ctx.installer is None:
                raise StepFailed(
                    translate(
                        "lab",
                        "'{name}' has no operating system yet, and nothing here can install "
                        "one: install it in the VM's console, then run the lab again.",
                    ).format(name=ref.name)
                )
            ctx.say(translate("lab", "Installing the guest OS in '{name}'…").format(name=ref.name))
            await ctx.installer.install(ctx.host, ref.name, credential)
            timeouts = {"heartbeat": INSTALL_HEARTBEAT_SECONDS}
        ctx.say(translate("lab", "Waiting for the guest OS of '{name}'…").format(name=ref.name))
        ready = await wait_until_ready(
            ctx.host,
            ref.name,
            credential,
            timeouts=timeouts,
            listener=lambda status: ctx.emit("stage", status),
            direct=ctx.guest(),
        )
        caption = str((ready.facts.get("OS") or {}).get("Caption", "Windows"))
        return translate("lab", "{os} answers in '{name}'.").format(os=caption, name=ref.name)


# ---------------------------------------------------------------------------------------------- Hyper-V in the guest
@dataclass
class GuestHyperVStep(BaseStep):
    """Hyper-V inside the outer VM, across its restarts, verified: enabled, and its hypervisor running."""

    id: str = "guest_hyperv"
    where: str = "outer"

    def title(self) -> str:
        return translate("lab", "Hyper-V inside the outer VM")

    async def check(self, ctx: Context) -> str | None:
        if ctx.credential is None:
            return None
        try:
            diagnosis = await diagnose(ctx.guest())
        except NestWizError:
            return None
        if diagnosis.complete and hypervisor_taken(diagnosis.facts):
            return translate("lab", "Hyper-V runs inside '{name}'.").format(name=ctx.outer().name)
        return None

    async def apply(self, ctx: Context) -> str:
        ref = ctx.outer()
        worker = GuestHyperV(
            ctx.host,
            ref.name,
            ctx.require_credential(),
            progress=ctx.say,
            stage_listener=lambda status: ctx.emit("stage", status),
            on_record=ctx.on_record,
            direct=ctx.guest(),
        )
        try:
            outcome = await worker.run()
        finally:
            if worker.last_diagnosis is not None:
                ctx.emit("diagnosis", worker.last_diagnosis)
        if outcome.already:
            return translate("lab", "Hyper-V was already enabled inside '{name}' and its hypervisor runs.").format(
                name=ref.name
            )
        how = (
            translate("lab", "the optional feature (the role failed)")
            if outcome.fallback_used
            else (outcome.commands[0].name if outcome.commands else translate("lab", "the feature"))
        )
        return translate(
            "lab", "Hyper-V installed inside '{name}' with {how}, {count} restart(s); its hypervisor runs."
        ).format(name=ref.name, how=how, count=outcome.reboots)


# ---------------------------------------------------------------------------------------------- the inner network
_NETWORK_KINDS = {"New-VMSwitch": "switch", "New-NetIPAddress": "address", "New-NetNat": "nat"}


@dataclass
class NetworkStep(BaseStep):
    """The inner VMs' network inside the outer VM: an internal switch with NAT, or a bridged switch."""

    id: str = "network"
    where: str = "outer"

    def title(self) -> str:
        return translate("lab", "The inner VMs' network")

    async def _todo(self, ctx: Context) -> list[Any]:
        net = ctx.plan.network
        facts = await inspect(ctx.host, ctx.guest(), ctx.outer().name)
        conflict = facts.prefix_conflict(net)
        if conflict:
            raise StepFailed(conflict)
        todo = network_changes(net, facts, ctx.outer().name)
        warning = facts.nat_warning(net)
        if warning and any(c.command.name == "New-NetNat" for c in todo):
            raise StepFailed(warning, detail=str(facts.nats))
        return todo

    async def check(self, ctx: Context) -> str | None:
        todo = await self._todo(ctx)
        ctx.found[self.id] = todo  # what is missing: apply, which the engine runs right after, makes just that
        if todo:
            return None
        return self._sentence(ctx)

    def _sentence(self, ctx: Context) -> str:
        net = ctx.plan.network
        if net.mode == NAT:
            return translate("lab", "The switch '{switch}' and the NAT network {prefix} are in place.").format(
                switch=net.switch_name, prefix=net.prefix
            )
        return translate("lab", "The bridged switch '{switch}' is in place.").format(switch=net.switch_name)

    async def apply(self, ctx: Context) -> str:
        guest = ctx.guest()
        todo = ctx.found.pop(self.id, None)
        for change in todo if todo is not None else await self._todo(ctx):
            name = change.command.commands[-1].name
            kind = _NETWORK_KINDS.get(name)
            target = ""
            if kind is not None:
                command = change.command.commands[-1]
                target = str(command.get("Name") or command.get("IPAddress") or "")
            item = ctx.record(Created(self.id, kind, target, where="outer")) if kind else None
            ctx.say(change.why)
            await (ctx.host if change.where == "host" else guest).run(change.command)
            if item is not None:
                ctx.journal.confirm(item)
        return self._sentence(ctx)

    async def verify(self, ctx: Context) -> None:
        left = await self._todo(ctx)
        if left:
            raise StepFailed(
                translate("lab", "The network inside the outer VM is not complete: {what}.").format(what=left[0].why)
            )

    async def undo(self, ctx: Context) -> list[str]:
        left: list[str] = []
        mine = ctx.journal.created_by(self.id)
        if not mine:
            return left  # nothing to remove, and the outer VM may be gone already
        guest = ctx.guest()
        undo = {
            "nat": lambda t: Command.of("Remove-NetNat", Name=t, Confirm=False),
            "address": lambda t: Command.of("Remove-NetIPAddress", IPAddress=t, Confirm=False),
            "switch": lambda t: Command.of("Remove-VMSwitch", Name=t, Force=True),
        }
        # Read first: what is gone already (removed by hand) is forgotten, not reported as left.
        reads = {
            "nat": ("Get-NetNat", "Name"),
            "address": ("Get-NetIPAddress", "IPAddress"),
            "switch": ("Get-VMSwitch", "Name"),
        }
        for item in reversed(mine):
            try:
                cmdlet, key = reads[item.kind]
                found = (await guest.run(Command.of(cmdlet))).output
                if any(isinstance(r, dict) and _same(str(r.get(key, "")), item.target) for r in found):
                    await guest.run(undo[item.kind](item.target))
            except NestWizError as exc:
                left.append(f"{item.describe()}: {exc.message}")
                continue
            ctx.journal.forget([item])
        return left


# ---------------------------------------------------------------------------------------------- the inner VM
@dataclass
class InnerVmStep(BaseStep):
    """The inner VM, created inside the outer VM within its memory, on the lab's switch, and started."""

    id: str = "inner_vm"
    where: str = "outer"

    def title(self) -> str:
        return translate("lab", "Inner VM")

    async def _found(self, ctx: Context) -> list[dict[str, Any]]:
        name = ctx.plan.inner.name
        output = (await ctx.guest().run(Command.of("Get-VM", Name=name), check=False)).output
        found = [r for r in output if isinstance(r, dict) and _same(str(r.get("Name")), name)]
        if len(found) > 1:
            raise LabStopped(
                translate(
                    "lab",
                    "More than one VM inside the outer VM is named '{name}'; rename all but "
                    "one, then run the lab again.",
                ).format(name=name)
            )
        ref = ctx.journal.vms.get("inner")
        if found and ref is not None and _same(ref.name, name) and str(found[0].get("Id")) != ref.id:
            raise LabStopped(
                translate(
                    "lab",
                    "The VM '{name}' inside the outer VM is not the one this lab made (Id {id}). NestWiz leaves it "
                    "alone: remove or rename it, or give the inner VM another name.",
                ).format(name=name, id=ref.id)
            )
        return found

    async def check(self, ctx: Context) -> str | None:
        if ctx.credential is None:
            return None
        try:
            found = await self._found(ctx)
        except LabStopped:
            raise
        except NestWizError:
            return None
        if found and str(found[0].get("State")) == "Running":
            return self._sentence(ctx)
        return None

    def _sentence(self, ctx: Context) -> str:
        return translate("lab", "'{inner}' runs inside '{outer}' on the switch '{switch}'.").format(
            inner=ctx.plan.inner.name, outer=ctx.outer().name, switch=ctx.plan.network.switch_name
        )

    async def apply(self, ctx: Context) -> str:
        ref = ctx.outer()
        plan = ctx.plan.inner
        startup, dynamic = await outer_memory(ctx.host, ref.name)
        problem = check_memory(plan.memory, ref.name, startup, dynamic)
        if problem:
            raise StepFailed(problem)
        guest = ctx.guest()
        found = await self._found(ctx)
        items: list[Created] = []
        if not found:
            for path in ([plan.guest_iso] if plan.iso_path else []) + [plan.guest_vhd]:
                # A file inside the outer VM before this step (the user's copy of the ISO) is not the lab's to remove.
                if (await guest.run(Command.of("Test-Path", LiteralPath=path))).first() is not True:
                    items.append(ctx.record(Created(self.id, "file", path, where="outer")))
            items.append(ctx.record(Created(self.id, "vm", plan.name, where="outer")))
        worker = InnerVm(ctx.host, guest, ref.name, plan, ctx.plan.network, progress=ctx.say)
        outcome = await worker.run()
        after = await self._found(ctx)
        vm_id = str(after[0].get("Id")) if after else ""
        for item in items:
            ctx.journal.confirm(item, vm_id if item.kind == "vm" else "")
        if vm_id:
            ctx.journal.set_vm("inner", VmRef(plan.name, vm_id, "outer"))
        ctx.notes[self.id] = list(outcome.connectivity)
        return self._sentence(ctx)

    async def verify(self, ctx: Context) -> None:
        found = await self._found(ctx)
        if not found or str(found[0].get("State")) != "Running":
            raise StepFailed(
                translate("lab", "'{inner}' is not running inside '{outer}'.").format(
                    inner=ctx.plan.inner.name, outer=ctx.outer().name
                )
            )

    async def undo(self, ctx: Context) -> list[str]:
        left: list[str] = []
        mine = ctx.journal.created_by(self.id)
        if not mine:
            return left  # nothing to remove, and the outer VM may be gone already
        guest = ctx.guest()
        for item in reversed(mine):
            try:
                if item.kind == "vm":
                    found = [
                        r
                        for r in (await guest.run(Command.of("Get-VM", Name=item.target), check=False)).output
                        if isinstance(r, dict) and (not item.vm_id or str(r.get("Id")) == item.vm_id)
                    ]
                    if found and str(found[0].get("State")) != "Off":
                        await guest.run(Command.of("Stop-VM", Name=item.target, TurnOff=True, Force=True))
                    if found:
                        await guest.run(Command.of("Remove-VM", Name=item.target, Force=True))
                    ctx.journal.vms.pop("inner", None)
                else:
                    exists = (await guest.run(Command.of("Test-Path", LiteralPath=item.target))).first() is True
                    if exists:
                        await guest.run(Command.of("Remove-Item", LiteralPath=item.target))
            except NestWizError as exc:
                left.append(f"{item.describe()}: {exc.message}")
                continue
            ctx.journal.forget([item])
        return left


class ConsoleSetup:
    """A person installs the OS in the VM's console: NestWiz opens it where it can (this computer), then waits."""

    async def install(self, host: Any, vm_name: str, credential: Any) -> None:
        from core.provision.guest import open_console

        await open_console(host, vm_name)


def chain() -> list[Step]:
    """The whole lab, in order."""
    return [HostStep(), OuterVmStep(), NestingStep(), GuestOsStep(), GuestHyperVStep(), NetworkStep(), InnerVmStep()]


STEP_IDS = tuple(s.id for s in chain())
