"""`nestwiz nested`: the chain without a window, on the simulated host; the password never on the command line."""

from __future__ import annotations

import io

from core.journal import Journal
from core.provision.nested_cli import EXIT_DONE, EXIT_FAILED, main
from tests.ps_lint import lint


def test_the_whole_chain_headless_with_an_export(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    script = tmp_path / "path.ps1"
    code = main(["--demo", "--speed", "2000", "--iso", "C:\\ISO\\WindowsServer2022.iso", "--export", str(script)],
                out, err)
    assert code == EXIT_DONE, err.getvalue()
    text = out.getvalue()
    assert "The guest of Lab-Host01 answers." in text and "Restarting the guest" in text
    assert "'NestWiz-Inner' is connected to the switch 'NestWiz-NAT'." in text
    exported = script.read_text(encoding="utf-8-sig")
    assert lint(exported) == [] and "Start-VM -Name 'Lab-Host01'" in exported
    journal = Journal.load()
    assert journal is not None and journal.finished
    assert [s.name for s in journal.ordered()] == ["guest", "guest_hyperv", "inner_vm"]


def test_a_wrong_password_from_stdin_fails_with_the_reason():
    out, err = io.StringIO(), io.StringIO()
    code = main(["--demo", "--speed", "2000", "--password-stdin"], out, err, io.StringIO("not-it\n"))
    assert code == EXIT_FAILED
    assert "refused the user name or password" in err.getvalue()


def test_bad_choices_are_refused_before_anything_runs():
    out, err = io.StringIO(), io.StringIO()
    assert main(["--demo", "--prefix", "8.8.8.0/24"], out, err) == EXIT_FAILED
    assert "not a private network" in err.getvalue() and out.getvalue() == ""
    err = io.StringIO()
    assert main(["--demo", "--speed", "2000", "--inner-memory-gb", "6"], io.StringIO(), err) == EXIT_FAILED
    assert "at most 2 GB" in err.getvalue()
