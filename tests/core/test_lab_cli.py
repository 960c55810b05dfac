"""`nestwiz lab new | run | export` on the simulated host: one chain, plain messages, exit codes, stdin."""

from __future__ import annotations

import asyncio
import io
import json
from dataclasses import replace
from pathlib import Path

from core.lab import plan as lab_plan
from core.lab.cli import EXIT_DONE, EXIT_FAILED, EXIT_USAGE, main, run_plan
from core.lab.journal import Journal
from core.lab.plan import OuterPlan
from core.provision.inner import GB, InnerVmPlan
from core.provision.network import NetworkPlan
from core.targets import SIMULATED_PASSWORD, Built, simulated_runner
from tests.ps_eval import syntax_errors
from tests.ps_lint import lint

SPEED = ["--speed", "100000"]


def _new(tmp_path: Path, *extra: str) -> Path:
    plan = tmp_path / "lab.toml"
    out, err = io.StringIO(), io.StringIO()
    assert main(["new", "--demo", *SPEED, "-o", str(plan), *extra], out, err) == EXIT_DONE, err.getvalue()
    assert "Wrote" in out.getvalue() and "nestwiz lab run" in out.getvalue()
    return plan


def test_new_then_run_builds_the_whole_lab_and_reports_it_as_json(tmp_path):
    plan = _new(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert main(["run", str(plan), "--demo", *SPEED, "--json"], out, err) == EXIT_DONE, err.getvalue()
    report = json.loads(out.getvalue())
    assert report["ok"] is True
    assert [s["id"] for s in report["steps"]] == [
        "host",
        "outer_vm",
        "nesting",
        "guest_os",
        "guest_hyperv",
        "network",
        "inner_vm",
    ]
    assert {s["status"] for s in report["steps"]} <= {"done", "already"}
    assert all({"id", "title", "status", "message"} <= set(s) for s in report["steps"])
    commands = [c["command"] for c in report["changes"]]
    assert any(c.startswith("New-VM -Name 'NestWiz-Outer'") for c in commands)
    assert any(c.startswith("New-VM -Name 'NestWiz-Inner'") for c in commands)
    assert report["round_trips"] > len(commands) and report["direct_sessions"] > 0
    journal = Journal.load()
    assert journal is not None and journal.finished and set(journal.vms) == {"outer", "inner"}
    assert SIMULATED_PASSWORD not in (tmp_path / "lab.toml").read_text(encoding="utf-8")


def test_a_second_run_on_the_same_host_changes_nothing(tmp_path):
    plan = lab_plan.load(_new(tmp_path))
    runner, host = simulated_runner(plan.target.profile, 100000)
    built = Built(runner, "sim", "simulated", plan.target.profile, host)

    async def twice():
        return await run_plan(plan, built, SIMULATED_PASSWORD), await run_plan(plan, built, SIMULATED_PASSWORD)

    first, second = asyncio.run(twice())
    assert first.ok and first.changes
    assert second.ok and second.changes == [] and {s.status for s in second.steps} == {"already"}
    assert second.round_trips < first.round_trips


def test_the_text_output_says_each_step(tmp_path):
    plan = _new(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert main(["run", str(plan), "--demo", *SPEED], out, err) == EXIT_DONE, err.getvalue()
    text = out.getvalue()
    assert "[done] Hyper-V inside the outer VM:" in text and "Restarting the guest" in text
    assert "The lab is ready:" in text


def test_a_wrong_password_from_stdin_fails_with_the_reason(tmp_path):
    path = _new(tmp_path)
    plan = lab_plan.load(path)  # the profile's own VM, whose Windows has its own password
    lab_plan.save(path, replace(plan, outer=OuterPlan("existing", replace(plan.outer.options, name="Lab-Host01"))))
    err = io.StringIO()
    code = main(["run", str(path), "--demo", *SPEED, "--password-stdin"], io.StringIO(), err, io.StringIO("no\n"))
    assert code == EXIT_FAILED
    assert "refused the user name or password" in err.getvalue()


def test_an_existing_vm_that_is_not_on_the_host_is_a_usage_error_with_no_change(tmp_path):
    path = _new(tmp_path)
    plan = lab_plan.load(path)
    lab_plan.save(path, replace(plan, outer=OuterPlan("existing", replace(plan.outer.options, name="NoSuchVM"))))
    out, err = io.StringIO(), io.StringIO()
    assert main(["run", str(path), "--demo", *SPEED, "--json"], out, err) == EXIT_USAGE
    report = json.loads(out.getvalue())
    assert report["ok"] is False and report["changes"] == []
    assert "no VM named 'NoSuchVM'" in report["message"]


def test_plans_that_cannot_work_are_refused_before_anything_runs(tmp_path):
    path = _new(tmp_path)
    plan = lab_plan.load(path)
    lab_plan.save(path, replace(plan, network=NetworkPlan(prefix="8.8.8.0/24")))
    err = io.StringIO()
    assert main(["run", str(path), "--demo", *SPEED], io.StringIO(), err) == EXIT_USAGE
    assert "not a private network" in err.getvalue()
    lab_plan.save(path, replace(plan, inner=InnerVmPlan(memory=64 * GB)))
    err = io.StringIO()
    assert main(["run", str(path), "--demo", *SPEED], io.StringIO(), err) == EXIT_FAILED
    assert "Give the inner VM at most" in err.getvalue()
    err = io.StringIO()
    assert main(["run", str(tmp_path / "missing.toml"), "--demo"], io.StringIO(), err) == EXIT_USAGE
    assert "missing.toml" in err.getvalue()


def test_export_writes_a_script_that_lints_and_holds_no_secret(tmp_path):
    path = _new(tmp_path)
    out_file = tmp_path / "lab.ps1"
    out = io.StringIO()
    assert main(["export", str(path), "-o", str(out_file)], out, io.StringIO()) == EXIT_DONE
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    text = out_file.read_text(encoding="utf-8-sig")
    assert lint(text) == [] and syntax_errors(text) == []
    assert "Wait-NestWizGuest" in text and SIMULATED_PASSWORD not in text


def _run_json(path: Path, *extra: str, stdin: str = "") -> tuple[int, dict, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["run", str(path), "--demo", *SPEED, "--json", *extra], out, err, io.StringIO(stdin))
    return code, json.loads(out.getvalue()), err.getvalue()


def test_a_plan_that_does_not_fit_the_host_is_refused_before_any_change(tmp_path):
    path = _new(tmp_path)
    plan = lab_plan.load(path)
    lab_plan.save(path, replace(plan, outer=OuterPlan("new", replace(plan.outer.options, processors=16))))
    code, report, _ = _run_json(path)
    assert code == EXIT_USAGE and report["changes"] == []
    assert "logical processors" in report["message"]


def test_target_options_that_cannot_work_are_usage_errors_with_a_json_answer(tmp_path):
    path = _new(tmp_path)
    for extra in (["--speed", "nan"], ["--speed", "0"], ["--speed", "inf"], ["--demo", "no-such-profile"]):
        out, err = io.StringIO(), io.StringIO()
        assert main(["run", str(path), *extra, "--json"], out, err) == EXIT_USAGE, extra
        assert json.loads(out.getvalue())["ok"] is False and err.getvalue()


def test_an_empty_password_is_refused(tmp_path):
    code, report, _err = _run_json(_new(tmp_path), "--password-stdin", stdin="\n")
    assert code == EXIT_USAGE and "password is empty" in report["message"] and report["changes"] == []


def test_a_demo_host_started_afresh_starts_a_new_lab_and_fresh_forgets_the_old_one(tmp_path):
    path = _new(tmp_path)
    assert _run_json(path)[0] == EXIT_DONE
    code, report, _ = _run_json(path, "--demo-reset")  # the host from its profile: the old Ids mean nothing here
    assert code == EXIT_DONE and report["changes"], report["message"]
    journal = Journal.load()
    journal.vms["outer"] = replace(journal.vms["outer"], id="00000000-0000-0000-0000-000000000000")
    journal.save()
    code, report, _ = _run_json(path)
    assert code == EXIT_USAGE and "--fresh" in report["message"]
    code, report, _ = _run_json(path, "--fresh")
    assert code == EXIT_DONE, report["message"]


def test_an_unreadable_journal_is_set_aside_and_said(tmp_path):
    from core.lab.journal import journal_path

    path = _new(tmp_path)
    for _ in range(2):
        journal_path().parent.mkdir(parents=True, exist_ok=True)
        journal_path().write_text("{ not json", encoding="utf-8")
        code, _report, err = _run_json(path)
        assert code == EXIT_DONE and "could not be read" in err
    assert sorted(p.name for p in journal_path().parent.glob("*.unreadable*")) == [
        "lab-journal.json.unreadable",
        "lab-journal.json.unreadable.2",
    ]
