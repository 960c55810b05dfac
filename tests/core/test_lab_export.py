"""The lab's export: the engine's own changes, each guarded by its check, literals that survive any name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.commands import SINGLE_QUOTES, Command, Pipeline, Script
from core.errors import NestWizError
from core.lab.engine import changes_something
from core.lab.export import script
from core.lab.plan import LabPlan, OuterPlan
from core.provision.inner import InnerVmPlan
from core.provision.network import BRIDGE, NetworkPlan
from core.provision.outer import OuterVmOptions
from core.sim import profile_names
from tests.core.test_lab_engine import engine_for, fitted
from tests.ps_eval import PARSER, commands, evaluate, syntax_errors
from tests.ps_lint import lint

# The one fixed script the engine sends that the export writes as the cmdlet it stands for.
INLINED = {"Set-FirstBootDvd.ps1": "Set-VMFirmware"}
# Branches of the export a given host never takes: the other edition's way to install Hyper-V.
OTHER_BRANCHES = {"Install-WindowsFeature", "Enable-WindowsOptionalFeature"}


def _mutating_names(text: str) -> set[str]:
    return {name for name, _ in commands(text) if changes_something(Command(name))}


def _sent_names(sent) -> set[str]:
    names = set()
    for item in sent:
        runnable = item.runnable
        if isinstance(runnable, Script):
            names.add(INLINED.get(runnable.name, runnable.name))
        else:
            names |= {
                c.name
                for c in (runnable.commands if isinstance(runnable, Pipeline) else (runnable,))
                if changes_something(c)
            }
    return names


@pytest.mark.parametrize("profile", profile_names())
async def test_the_export_holds_what_the_engine_sent_on_a_fresh_host(sim_runner, tmp_path, profile):
    from core.lab.journal import Journal

    runner = sim_runner(profile)
    try:
        plan = await fitted(runner)
    except NestWizError as exc:
        pytest.skip(f"no lab can be planned on {profile}: {exc}")
    report = await engine_for(runner, plan, Journal(tmp_path / "j.json")).run()
    if not report.ok:
        pytest.skip(f"the chain does not run on {profile}: {report.error}")
    text = script(plan)
    assert lint(text) == [] and syntax_errors(text) == []
    sent, exported = _sent_names(report.changes), _mutating_names(text)
    assert sent <= exported, sent - exported
    assert exported - sent <= OTHER_BRANCHES, exported - sent


def _ancestors(node) -> Iterator:
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _guarded(node, src: bytes) -> bool:
    """Inside an if, or after a Where-Object filter in its own pipeline."""
    for above in _ancestors(node):
        if above.type == "if_statement":
            return True
        if above.type == "pipeline":
            before = src[above.start_byte : node.start_byte].decode("utf-8")
            if "Where-Object" in before:
                return True
    return False


@pytest.mark.parametrize("mode", ["new", "existing"])
@pytest.mark.parametrize("network", ["nat", "bridge"])
def test_every_changing_command_is_guarded(mode, network):
    options = OuterVmOptions(
        vhd_path="C:\\VMs\\o.vhdx", iso_path="C:\\ISO\\w.iso", switch_name="Default Switch", tpm=True
    )
    net = NetworkPlan() if network == "nat" else NetworkPlan(BRIDGE, "NestWiz-External")
    plan = LabPlan(outer=OuterPlan(mode, options), network=net, inner=InnerVmPlan(iso_path="C:\\ISO\\i.iso"))
    text = script(plan)
    src = text.encode("utf-8")
    unguarded = []
    stack = [PARSER.parse(src).root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        name = node.child_by_field_name("command_name") if node.type == "command" else None
        if name is None:
            continue
        command = src[name.start_byte : name.end_byte].decode("utf-8")
        if "-" in command and changes_something(Command(command)) and not _guarded(node, src):
            unguarded.append((node.start_point.row + 1, command))
    assert unguarded == []


def _param_defaults(text: str) -> dict[str, object]:
    src = text.encode("utf-8")
    found: dict[str, object] = {}
    stack = [PARSER.parse(src).root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type == "script_parameter":
            variable = next((c for c in node.children if c.type == "variable"), None)
            default = next((c for c in node.children if c.type == "script_parameter_default"), None)
            if variable is not None and default is not None:
                value = next(c for c in default.children if c.type != "=")
                found[src[variable.start_byte : variable.end_byte].decode()[1:]] = evaluate(src, value)
    return found


HOSTILE = st.lists(
    st.sampled_from([*SINGLE_QUOTES, *'"`$#<>\n\r\t;{}()@&| ab', "#>", "<#"]), min_size=1, max_size=20
).map(lambda parts: "Zq9" + "".join(parts))  # Zq9: found nowhere else in a script


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(vm=HOSTILE, switch=HOSTILE, inner=HOSTILE)
def test_names_of_every_kind_stay_literals(vm, switch, inner):
    plan = LabPlan(
        outer=OuterPlan("existing", replace(OuterVmOptions(), name=vm, vhd_path="C:\\VMs\\o.vhdx")),
        network=NetworkPlan(switch_name="NestWiz-NAT"),
        inner=InnerVmPlan(name=inner),
    )
    plan = replace(plan, outer=replace(plan.outer, options=replace(plan.outer.options, switch_name=switch)))
    text = script(plan)
    assert syntax_errors(text) == []
    defaults = _param_defaults(text)
    assert defaults["VMName"] == vm and defaults["SwitchName"] == switch and defaults["InnerVMName"] == inner
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert not any("Zq9" in line for line in comments)  # no user value in a comment


def _enclosing(node, kind: str):
    while node is not None and node.type != kind:
        node = node.parent
    return node


def _nodes_with(root, needle: str, kind: str) -> list:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if node.type == kind and needle in node.text.decode("utf-8"):
            found.append(node)
        stack.extend(node.children)
    return found


def test_the_guests_restart_and_wait_survive_a_dropped_session_and_stop_on_a_refused_password():
    """The restart's session ends under the call (PSSessionStateBroken); under $ErrorActionPreference = 'Stop' that must
    not end the script, while any other failure still does. The wait stops at once on a refused credential
    (PSDirectException) and always within its time limit."""
    options = OuterVmOptions(vhd_path="C:\\VMs\\o.vhdx", iso_path="C:\\ISO\\w.iso", switch_name="Default Switch")
    text = script(LabPlan(outer=OuterPlan("new", options), inner=InnerVmPlan(iso_path="C:\\ISO\\i.iso")))
    root = PARSER.parse(text.encode("utf-8")).root_node
    (restart,) = [n for n in _nodes_with(root, "Restart-Computer", "command") if n.text.startswith(b"Invoke-Command")]
    trying = _enclosing(restart, "try_statement")
    assert trying is not None, "the restart's Invoke-Command must be inside try/catch"
    catch = trying.text.decode("utf-8").split("catch", 1)[1]
    assert "PSSessionStateBroken" in catch and "PSRemotingTransportException" in catch
    assert "throw" in catch  # another failure of the restart still stops the script
    (wait,) = _nodes_with(root, "Wait-NestWizGuest", "function_statement")
    body = wait.text.decode("utf-8")
    assert "$deadline" in body and "while ((Get-Date) -lt $deadline)" in body
    catch = body.split("catch", 1)[1]
    assert "PSDirectException" in catch and "throw" in catch.split("PSDirectException", 1)[1]
    assert "GetType().Name -eq 'PSDirectException'" in catch  # by its type: the message is in the host's language


def test_the_exported_inner_vm_starts_from_its_dvd_and_a_server_guest_gets_the_hyperv_module():
    """M2 and M4 in the export: the inner VM's DVD goes first, as the outer VM's does; the module feature is
    enabled on its own, since a role enabled through DISM's -All lacks it."""
    options = OuterVmOptions(vhd_path="C:\\VMs\\o.vhdx", iso_path="C:\\ISO\\w.iso")
    plan = LabPlan(outer=OuterPlan("new", options), network=NetworkPlan(), inner=InnerVmPlan(iso_path="C:\\ISO\\i.iso"))
    text = script(plan)
    assert syntax_errors(text) == []
    inner = text[text.index("# ---- The inner VM, inside the outer VM") :]
    assert "Set-VMFirmware -VM $inner -FirstBootDevice $dvd" in inner
    assert inner.index("Add-VMDvdDrive") < inner.index("Set-VMFirmware") < inner.index("Start-VM")
    assert "Enable-WindowsOptionalFeature -Online -FeatureName 'Microsoft-Hyper-V-Management-PowerShell'" in text
