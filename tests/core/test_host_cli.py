"""`nestwiz diagnose`: text for people, --json for scripts, exit 0 / 1 / 2."""

from __future__ import annotations

import io
import json

import pytest

from core.cli import SUBCOMMANDS
from core.host.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_registered():
    assert SUBCOMMANDS["diagnose"] == "core.host.cli:main"


def test_ready_profile_exits_0_with_a_readable_report():
    code, out, _ = run("--demo", "intel-laptop-win11-pro")
    assert code == 0
    assert "Verdict: ready" in out and "[ OK ] Windows edition" in out and "round trips: 1" in out


def test_blocked_profile_exits_1_and_names_the_fix():
    code, out, _ = run("--demo", "win11-home")
    assert code == 1
    assert "[FAIL] Windows edition" in out and "Upgrade to Windows Pro" in out


def test_json_for_scripts():
    code, out, _ = run("--demo", "hyperv-not-installed", "--json")
    data = json.loads(out)
    assert code == 1 and data["verdict"] == "blocked" and data["round_trips"] == 1
    feature = next(c for c in data["checks"] if c["id"] == "hyperv-feature")
    assert feature["status"] == "fail" and feature["remedy"]["automated"] is True


def test_memory_plan_from_the_command_line():
    code, out, _ = run("--demo", "laptop-8gb", "--memory-gb", "8", "--json")
    data = json.loads(out)
    memory = next(c for c in data["checks"] if c["id"] == "memory")
    assert code == 1 and memory["status"] == "fail"
    assert data["plan"]["outer_vm_memory"] == 8 * 1024**3


@pytest.mark.parametrize("argv", [("--demo", "no-such-profile"), ("--demo", "x", "--memory-gb", "-3")])
def test_failed_diagnosis_exits_2(argv):
    code, _, err = run(*argv)
    assert code == 2 and err.startswith("nestwiz diagnose: ")


def test_failed_diagnosis_json_is_still_json():
    code, out, _ = run("--demo", "no-such-profile", "--json")
    assert code == 2 and json.loads(out)["verdict"] == "failed"


def test_remote_without_the_winrm_runner_says_so(monkeypatch):
    import importlib

    real = importlib.import_module

    def fake(name: str, *a: object) -> object:
        if name == "core.runners.remote":
            raise ImportError(name)
        return real(name, *a)

    monkeypatch.setattr(importlib, "import_module", fake)
    code, _, err = run("--remote", "hv01.example.com")
    assert code == 2 and "core.runners.remote" in err


def test_remote_diagnosis_over_winrm(tmp_path, monkeypatch, sim_host):
    """End to end: the probe goes over WinRM (HTTPS, Basic) to a host answered by the simulated host."""
    import ssl

    import trustme

    from core.paths import resource
    from tests.remote.winrm_server import SimulatedHandler, WinRMServer

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    handler = SimulatedHandler(sim_host("hyperv-not-installed"), resource("scripts"))
    server = WinRMServer(handler, tls=context).start()
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("P@ssw0rd!\n"))
        code, out, err = run(
            "--remote",
            "127.0.0.1",
            "--port",
            str(server.port),
            "--auth",
            "basic",
            "--user",
            "nestwiz",
            "--password-stdin",
            "--ca-file",
            str(ca_file),
            "--json",
        )
    finally:
        server.stop()
        handler.close()
    assert code == 1, err
    data = json.loads(out)
    assert data["round_trips"] == 1 and data["target"] == "Remote host 127.0.0.1"
    assert next(c for c in data["checks"] if c["id"] == "hyperv-feature")["status"] == "fail"
    assert len(server.invocations) == 1


def test_remote_settings_problem_exits_2(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    code, _, err = run("--remote", "hv01", "--http", "--auth", "basic", "--user", "u", "--password-stdin")
    assert code == 2 and "plain HTTP" in err
