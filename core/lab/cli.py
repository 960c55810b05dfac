"""`nestwiz lab new | run | export`: the lab without a window, on the same engine and steps as the wizard."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from core.commands import Credential
from core.errors import NestWizError
from core.lab import plan as lab_plan
from core.lab.engine import Engine, Event, LabStopped, RunReport
from core.lab.fit import fitted_plan
from core.lab.journal import Journal, journal_path
from core.lab.plan import LabPlan, TargetPlan
from core.lab.steps import chain

EXIT_DONE, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEMO_SPEED_CLI = 2000.0  # a lab on the simulated host in a few seconds


def build_parser() -> argparse.ArgumentParser:
    from core.targets import add_target_arguments

    parser = argparse.ArgumentParser(prog="nestwiz lab", description="A nested Hyper-V lab from a plan file.")
    sub = parser.add_subparsers(dest="action", required=True, metavar="{new,run,export}")
    new = sub.add_parser("new", help="write the default plan fitted to a host")
    add_target_arguments(new, default_speed=DEMO_SPEED_CLI)
    new.add_argument("-o", "--output", type=Path, default=Path("lab.toml"), help="the plan file (default lab.toml)")
    run = sub.add_parser("run", help="build (or finish) the lab a plan describes; each step checks before it acts")
    run.add_argument("plan", type=Path, help="the lab plan (.toml)")
    add_target_arguments(run, default_speed=DEMO_SPEED_CLI)
    run.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the guest administrator's password from the first line of standard input",
    )
    run.add_argument("--json", action="store_true", help="print one JSON object: ok, steps, changes, round trips")
    run.add_argument(
        "--fresh",
        action="store_true",
        help="a new lab: forget what an earlier run of this plan recorded (nothing is removed)",
    )
    export = sub.add_parser("export", help="write the lab as one re-runnable PowerShell script")
    export.add_argument("plan", type=Path, help="the lab plan (.toml)")
    export.add_argument("-o", "--output", type=Path, required=True, help="the script to write (.ps1)")
    return parser


def _target_plan(built: Any) -> TargetPlan:
    from core.targets import target_plan

    return target_plan(built.kind, built.profile, built.remote)


async def _new(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from core.targets import runner_from_args

    built = runner_from_args(args, stdin)
    try:
        plan = await fitted_plan(built.runner, _target_plan(built))
    finally:
        await built.runner.close()
    lab_plan.save(args.output, plan)
    out.write(
        f"Wrote {args.output}: the outer VM '{plan.outer.name}' on {built.describe}. "
        f"Run it with: nestwiz lab run {args.output}\n"
    )
    for problem in lab_plan.problems(plan):
        err.write(f"nestwiz lab new: before it can run, change this in the plan: {problem}\n")
    return EXIT_DONE


def _password(args: argparse.Namespace, built: Any, plan: LabPlan, stdin: TextIO) -> str:
    if args.password_stdin:
        return stdin.readline().rstrip("\r\n")
    if built.sim is not None:
        from core.targets import SIMULATED_PASSWORD, simulated_guest_password

        return simulated_guest_password(built.sim, plan.outer.name) or SIMULATED_PASSWORD
    raise NestWizError("Give the guest administrator's password on standard input with --password-stdin.")


def _printer(out: TextIO, titles: dict[str, str]) -> Any:
    words = {"done": "done", "already": "already done", "failed": "FAILED", "cancelled": "cancelled"}

    def show(event: Event) -> None:
        if event.kind == "step" and event.status in words:
            out.write(f"[{words[event.status]}] {titles.get(event.step, event.step)}: {event.text}\n")
        elif event.kind == "say":
            out.write(f"    {event.text}\n")
        else:
            return
        out.flush()

    return show


async def run_plan(
    plan: LabPlan,
    built: Any,
    password: str,
    *,
    journal: Journal | None = None,
    listener: Any = None,
    fresh: bool = False,
) -> RunReport:
    """The whole chain on one host, resuming from the journal of the same lab when there is one."""
    journal = journal or Journal.open(journal_path())
    if fresh:
        journal.discard()
    saved, wanted = journal.plan, lab_plan.as_dict(plan)
    other_lab = saved and (saved.get("name") != wanted["name"] or saved.get("target") != wanted["target"])
    if other_lab or (journal.finished and saved != wanted):
        journal.discard()  # another lab, or a finished one planned differently: this run starts its own
    credential = Credential(plan.guest.user, password, variable="GuestCredential")
    from core.targets import installer_for

    engine = Engine(plan, built.runner, journal, chain(), credential=credential, installer=installer_for(built.sim))
    if listener is not None:
        engine.events.subscribe(listener)
    return await engine.run()


async def _run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from core.targets import runner_from_args

    plan = lab_plan.load(args.plan)
    problems = lab_plan.problems(plan)
    if problems:
        raise UsageError("The plan cannot work: " + " ".join(problems))
    if not (args.demo or args.remote) and plan.target.kind == "simulated":
        args.demo = plan.target.profile or None
    built = runner_from_args(args, stdin)
    if built.note:
        err.write(f"nestwiz lab run: {built.note}\n")
    plan = replace(plan, target=_target_plan(built))
    try:
        password = _password(args, built, plan, stdin)
        if not password:
            raise UsageError(
                "The guest administrator's password is empty; give it on the first line of standard input."
            )
        journal = Journal.open(journal_path())
        if journal.note:
            err.write(f"nestwiz lab run: {journal.note}\n")
        titles = {s.id: s.title() for s in chain()}
        # A simulated host started afresh holds none of the Ids an earlier run recorded: a new lab, too.
        report = await run_plan(
            plan,
            built,
            password,
            journal=journal,
            fresh=args.fresh or args.demo_reset,
            listener=None if args.json else _printer(out, titles),
        )
    finally:
        await built.runner.close()
    if args.json:
        json.dump(report.as_dict(), out, indent=1, ensure_ascii=False)
        out.write("\n")
    elif report.ok:
        out.write(f"The lab is ready: {len(report.changes)} change(s), {report.round_trips} round trips.\n")
    if report.ok:
        return EXIT_DONE
    stopped = isinstance(report.error, LabStopped)
    if not args.json and report.error is not None:
        err.write(f"nestwiz lab run: {report.error.message}\n")
    return EXIT_USAGE if stopped and not report.changes else EXIT_FAILED


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from core.lab.export import write

    plan = lab_plan.load(args.plan)
    problems = lab_plan.problems(plan)
    if problems:
        raise UsageError("The plan cannot work: " + " ".join(problems))
    write(args.output, plan)
    out.write(f"Wrote {args.output}\n")
    return EXIT_DONE


class UsageError(NestWizError):
    """The command line or the plan file cannot be used as given."""


def main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None, stdin: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    from core.targets import TargetArgumentError

    def failed(message: str, code: int) -> int:
        if getattr(args, "json", False):  # scripts reading --json get an object in every case
            json.dump(
                {"ok": False, "message": message, "steps": [], "changes": [], "round_trips": 0, "direct_sessions": 0},
                out,
                indent=1,
                ensure_ascii=False,
            )
            out.write("\n")
        err.write(f"nestwiz lab {args.action}: {message}\n")
        return code

    try:
        if args.action == "export":
            return _export(args, out)
        work = _new if args.action == "new" else _run
        return asyncio.run(work(args, out, err, stdin or sys.stdin))
    except (UsageError, lab_plan.PlanFileError, TargetArgumentError) as exc:
        return failed(exc.message, EXIT_USAGE)
    except NestWizError as exc:
        return failed(exc.message, EXIT_FAILED)
    except OSError as exc:
        return failed(str(exc), EXIT_FAILED)
