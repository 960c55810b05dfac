"""The VM console (vmconnect through Start-Process): a VM name reaches vmconnect as one argument, whatever it holds."""

from __future__ import annotations

import pytest

from core.commands import render
from core.provision.guest import console_command
from core.runners.simulated import SimulatedRunner
from core.sim.handlers.process import command_line_to_argv
from tests.ps_lint import lint


@pytest.mark.parametrize("name", ["Lab-Host01", "Lab Host 01", 'Lab "quoted" Host', "Lab\\Host\\", 'Lab\\\\ "x\\'])
async def test_console_gets_the_vm_name_whole(sim_host, name):
    """Start-Process joins -ArgumentList with spaces; the simulated vmconnect splits it as Windows does."""
    host = sim_host()
    host.find_vms("Lab-Host01")[0].name = name
    runner = SimulatedRunner(host)
    command = console_command(name)
    runner.reference.check(command)
    assert lint(render(command)) == []
    await runner.run(command)
    assert host.consoles == [name]


def test_command_line_splitting_follows_commandlinetoargvw():
    # The examples in CommandLineToArgvW's documentation.
    assert command_line_to_argv('"abc" d e') == ["abc", "d", "e"]
    assert command_line_to_argv(r'a\\b d"e f"g h') == [r"a\\b", "de fg", "h"]
    assert command_line_to_argv(r"a\\\"b c d") == [r"a\"b", "c", "d"]
    assert command_line_to_argv(r'a\\\\"b c" d e') == [r"a\\b c", "d", "e"]
    assert command_line_to_argv("localhost  Lab Host") == ["localhost", "Lab", "Host"]
