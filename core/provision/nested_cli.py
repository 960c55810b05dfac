"""`nestwiz nested`: the chain without a window: guest ready, Hyper-V inside it, the network, the inner VM."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TextIO

from core.clock import ScaledClock
from core.commands import Command, Credential, Runnable
from core.errors import NestWizError
from core.journal import Journal, command_text, export_script, journal_path
from core.provision.guest import direct_runner, ensure_nesting, find_outer_vm, wait_until_ready
from core.provision.guest_hyperv import GuestHyperV
from core.provision.inner import GB, InnerVm, InnerVmPlan, check_memory, default_memory, outer_memory
from core.provision.network import DEFAULT_PREFIX, MODES, NAT, NetworkPlan, apply, validate_prefix
from core.runners.base import Runner
from core.sim.host import DEFAULT_PROFILE, DEMO_SPEED, SimHost

EXIT_DONE, EXIT_FAILED = 0, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nestwiz nested",
        description="Make the outer VM's guest ready, install Hyper-V inside it, give the inner VMs a network "
                    "and create the first inner VM. Each step checks before it changes, so running it again is safe.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--demo", nargs="?", const=DEFAULT_PROFILE, metavar="PROFILE",
                       help=f"on the simulated host with this profile (default {DEFAULT_PROFILE})")
    where.add_argument("--local", action="store_true", help="on this computer (Windows PowerShell)")
    parser.add_argument("--speed", type=float, default=DEMO_SPEED, help="simulated seconds per real second (demo)")
    parser.add_argument("--vm", help="the outer VM (default: the first VM with nesting on)")
    parser.add_argument("--user", default="Administrator", help="an administrator of the guest OS")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the guest's password from the first line of standard input")
    parser.add_argument("--network", choices=MODES, default=NAT, help="nat (default) or bridge")
    parser.add_argument("--prefix", default=DEFAULT_PREFIX, help=f"the NAT network (default {DEFAULT_PREFIX})")
    parser.add_argument("--inner-name", default=InnerVmPlan().name, help="the inner VM's name")
    parser.add_argument("--inner-memory-gb", type=float, help="the inner VM's memory (default: what fits)")
    parser.add_argument("--iso", default="", help="installation ISO on the host, copied into the outer VM")
    parser.add_argument("--export", metavar="FILE", help="write the whole path as one PowerShell script")
    return parser


def _runner(args: argparse.Namespace) -> tuple[Runner, SimHost | None]:
    if args.local:
        from core.runners.local import LocalRunner

        return LocalRunner(), None
    from core.runners.simulated import SimulatedRunner

    host = SimHost.from_profile(args.demo or DEFAULT_PROFILE, clock=ScaledClock(args.speed))
    return SimulatedRunner(host), host


def _password(args: argparse.Namespace, host: SimHost | None, vm_name: str, stdin: TextIO) -> str:
    if args.password_stdin:
        return stdin.readline().rstrip("\r\n")
    if host is not None:
        guest = host.find_vms(vm_name)[0].guest
        if guest is not None:
            return guest.password
    raise NestWizError("Give the guest's password on standard input with --password-stdin.")


async def _run(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    problem = validate_prefix(args.prefix) if args.network == NAT else None
    if problem:
        raise NestWizError(problem)
    runner, sim = _runner(args)
    try:
        name = await find_outer_vm(runner, args.vm)
        if name is None:
            raise NestWizError("There is no virtual machine on this host; create the outer VM first.")
        credential = Credential(args.user, _password(args, sim, name, stdin), variable="GuestCredential")
        journal = Journal(journal_path())
        journal.update_plan(target={"kind": "local" if args.local else "simulated", "profile": args.demo or ""},
                            outer_vm=name, guest_user=args.user)

        def say(text: str) -> None:
            out.write(text + "\n")
            out.flush()

        journal.begin("guest", f"host, and the guest of {name}")
        ran: list[Runnable] = list(await ensure_nesting(runner, name))
        ready = await wait_until_ready(runner, name, credential,
                                       listener=lambda s: say(f"  {s.title}: {s.state}") if s.state != "active"
                                       else None)
        if ready.started_vm:
            ran.append(Command.of("Start-VM", Name=name))
        journal.done("guest", "The guest answers.", [command_text("host", c, name) for c in ran],
                     target_seconds=ready.seconds)
        say(f"The guest of {name} answers.")

        journal.begin("guest_hyperv", f"the guest of {name}")
        outcome = await GuestHyperV(runner, name, credential, progress=say).run()
        journal.done("guest_hyperv", "Hyper-V runs inside the guest.",
                     [command_text("guest", c, name) for c in outcome.commands])

        startup, dynamic = await outer_memory(runner, name)
        memory = int(args.inner_memory_gb * GB) if args.inner_memory_gb else default_memory(startup)
        inner = InnerVmPlan(args.inner_name, memory // (2 * 1024**2) * 2 * 1024**2, args.iso)
        problem = check_memory(inner.memory, name, startup, dynamic)
        if problem:
            raise NestWizError(problem)
        network = NetworkPlan(args.network, "NestWiz-NAT" if args.network == NAT else "NestWiz-External",
                              args.prefix)
        journal.update_plan(network=network.as_dict(), inner=inner.as_dict())
        journal.begin("inner_vm", f"host, and the guest of {name}")
        guest = direct_runner(runner, name, credential)
        changes = await apply(runner, guest, network, name)
        made = await InnerVm(runner, guest, name, inner, network, progress=say).run()
        journal.done("inner_vm", f"'{inner.name}' runs inside {name}.",
                     [command_text(c.where, c.command, name) for c in changes]
                     + [command_text(w, c, name) for w, c in made.ran])
        journal.finish()
        for note in made.connectivity:
            say(note)
        if args.export:
            Path(args.export).write_text(export_script(journal), encoding="utf-8-sig")
            say(f"Wrote {args.export}.")
        return EXIT_DONE
    finally:
        await runner.close()


def main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None,
         stdin: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        return asyncio.run(_run(args, out, stdin or sys.stdin))
    except NestWizError as exc:
        err.write(f"nestwiz nested: {exc.message}\n")
        return EXIT_FAILED
