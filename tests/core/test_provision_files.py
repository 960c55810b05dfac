"""Plan files, exported scripts, commands and the log keep hostile names and paths as data."""

from __future__ import annotations

from dataclasses import asdict, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cli import run_subcommand
from core.commands import Script, render
from core.lab.plan import LabPlan, OuterPlan, PlanFileError, dumps, load, loads, save
from core.provision.apply import apply
from core.provision.export import export_script
from core.provision.outer import GB, OuterVmOptions, defaults_for, plan
from core.provision.validate import validate
from tests import ps_eval, ps_lint

HOSTILE = [
    "it's",
    "‘curly’ ‚low‛",
    "$env:TEMP",
    "$(Remove-Item C:\\)",
    "back`tick",
    "semi;colon",
    "line\nbreak",
    "cr\r\nlf",
    "tab\there",
    "Лаборатория",
    "实验室",
    '"double"',
    "@{a=1}",
    "",
    "'",
    "''",
    "\x00nul",
]
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)

BASE = OuterVmOptions(
    name="Lab",
    location="C:\\VMs",
    processors=2,
    memory_bytes=8 * GB,
    vhd_path="C:\\VMs\\Lab.vhdx",
    iso_path="C:\\ISO\\Server.iso",
    switch_name="Default Switch",
    version="11.0",
    tpm=True,
)


def hostile(value: str) -> OuterVmOptions:
    return replace(
        BASE,
        name=value,
        location=value,
        vhd_path=value,
        iso_path=value,
        switch_name=value,
        version=value,
        checkpoint_type=value,
        secure_boot_template=value,
    )


def lab(options: OuterVmOptions) -> LabPlan:
    return LabPlan(outer=OuterPlan(options=options))


# ------------------------------------------------------------------ plan file
@pytest.mark.parametrize("value", HOSTILE)
def test_plan_file_round_trip(value):
    assert loads(dumps(lab(hostile(value)))) == lab(hostile(value))


@settings(max_examples=200, deadline=None)
@given(text, text, st.integers(0, 2**63 - 1), st.booleans())
def test_plan_file_round_trip_any_text(name, path, size, flag):
    options = replace(BASE, name=name, vhd_path=path, vhd_size_bytes=size, tpm=flag)
    assert loads(dumps(lab(options))) == lab(options)


def test_plan_file_on_disk(tmp_path):
    path = tmp_path / "plan.toml"
    save(path, lab(hostile("Лаб 'x' $y")))
    assert load(path) == lab(hostile("Лаб 'x' $y"))
    assert path.read_text(encoding="utf-8").startswith("# NestWiz lab plan")


@pytest.mark.parametrize(
    ("text_", "words"),
    [
        ("format = 1\nkind = 'other'\n[vm]\n", "not a NestWiz lab plan"),
        ("format = 9\nkind = 'nestwiz-outer-vm'\n[vm]\n", "format 9"),
        ("format = 1\nkind = 'nestwiz-outer-vm'\n", "no [vm] table"),
        ("format = 1\nkind = 'nestwiz-outer-vm'\n[vm]\nbogus = 1\n", "does not know: bogus"),
        ("format = 1\nkind = 'nestwiz-outer-vm'\n[vm]\nprocessors = '4'\n", "'processors' should be a whole number"),
        ("format = 1\nkind = 'nestwiz-outer-vm'\n[vm]\ntpm = 1\n", "'tpm' should be true or false"),
        ("this is = not toml =", "not valid TOML"),
    ],
)
def test_bad_plan_files_say_why(text_, words):
    with pytest.raises(PlanFileError) as caught:
        loads(text_)
    assert words in caught.value.message


def test_missing_plan_file(tmp_path):
    with pytest.raises(PlanFileError, match="cannot read"):
        load(tmp_path / "nope.toml")


# ------------------------------------------------------------------ commands and their rendering
def _rendered_values(options: OuterVmOptions) -> list[tuple[str, dict[str, object]]]:
    found = []
    for step in plan(options):
        for name, params in ps_eval.commands(render(step.command)):
            if isinstance(step.command, Script):  # & (Join-Path $PSScriptRoot 'X.ps1') -Param value
                if name == "Join-Path":
                    continue
                name = step.command.name if step.command.name in name else name
            found.append((name, {k: v for k, v in params}))
    return found


@pytest.mark.parametrize("value", HOSTILE)
def test_commands_carry_values_as_data_and_render_back(value):
    options = hostile(value)
    steps = plan(options)
    new_vm = next(s.command for s in steps if s.command.name == "New-VM")
    assert new_vm.get("Name") == value and new_vm.get("VHDPath") == value
    rendered = _rendered_values(options)
    assert [n for n, _ in rendered] == [s.command.name for s in steps]
    for step, (_, params) in zip(steps, rendered, strict=True):
        for key, expected in step.command.params:
            assert params[key] == expected, (key, render(step.command))


# ------------------------------------------------------------------ the exported script
def _defaults(script: str) -> dict[str, object]:
    src = script.encode("utf-8")
    root = ps_eval.parse(script)
    found: dict[str, object] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "script_parameter":
            variable = next(c for c in node.children if c.type == "variable")
            default = next(c for c in node.children if c.type == "script_parameter_default")
            found[src[variable.start_byte : variable.end_byte].decode()[1:]] = _value(src, default.children[-1])
        stack.extend(node.children)
    return found


def _value(src: bytes, node) -> object:
    kind = node.type
    named = [c for c in node.children if c.is_named]
    if kind == "string_literal":
        return ps_eval.unquote(src[node.start_byte : node.end_byte].decode())
    if kind == "integer_literal":
        return int(src[node.start_byte : node.end_byte].decode())
    if kind == "variable":
        return {"$true": True, "$false": False}[src[node.start_byte : node.end_byte].decode().lower()]
    if kind == "cast_expression":
        return chr(_value(src, named[-1]))  # type: ignore[arg-type]
    if kind == "additive_expression" and len(node.children) == 3:
        return _value(src, node.children[0]) + _value(src, node.children[2])  # type: ignore[operator]
    if len(named) == 1:
        return _value(src, named[0])
    raise AssertionError(f"not a literal: {kind}")


def _expected_defaults(o: OuterVmOptions) -> dict[str, object]:
    return {
        "VMName": o.name,
        "VMPath": o.location,
        "VhdPath": o.vhd_path,
        "VhdSizeBytes": o.vhd_size_bytes,
        "IsoPath": o.iso_path,
        "SwitchName": o.switch_name,
        "MemoryStartupBytes": o.memory_bytes,
        "ProcessorCount": o.processors,
        "Version": o.version,
        "SecureBootTemplate": o.secure_boot_template,
        "CheckpointType": o.checkpoint_type,
        "AutomaticCheckpoints": o.automatic_checkpoints,
    }


@pytest.mark.parametrize("value", [v for v in HOSTILE if v])
def test_export_keeps_hostile_values_as_literals(value):
    options = hostile(value)
    script = export_script(options)
    assert ps_lint.lint(script) == []
    assert _defaults(script) == _expected_defaults(options)


@settings(max_examples=100, deadline=None)
@given(text.filter(bool), text.filter(bool))
def test_export_round_trips_any_text(name, path):
    options = replace(BASE, name=name, vhd_path=path)
    script = export_script(options)
    assert ps_eval.syntax_errors(script) == []
    defaults = _defaults(script)
    assert (defaults["VMName"], defaults["VhdPath"]) == (name, path)


def test_export_has_the_plans_commands_and_parameters():
    script = export_script(BASE)
    assert ps_lint.lint(script) == []
    found = {name: {k for k, _ in params} for name, params in ps_eval.commands(script)}
    assert {
        "New-VHD",
        "New-VM",
        "Set-VMMemory",
        "Set-VMProcessor",
        "Add-VMDvdDrive",
        "Set-VMFirmware",
        "Set-VMKeyProtector",
        "Enable-VMTPM",
        "Set-VMNetworkAdapter",
        "Set-VM",
    } <= set(found)
    assert found["New-VM"] == {"Name", "Generation", "Version", "MemoryStartupBytes", "VHDPath", "Path", "SwitchName"}
    assert found["Set-VMProcessor"] == {"VM", "Count", "ExposeVirtualizationExtensions"}
    assert found["Set-VMFirmware"] == {"VM", "EnableSecureBoot", "SecureBootTemplate"}
    # the same checks as NestWiz's validation, before any change
    first_change = script.index("New-VHD ")
    for check in (
        "Get-VM |",
        "Test-Path -LiteralPath $VhdPath",
        "Test-Path -LiteralPath $IsoPath -PathType Leaf",
        "Get-VMSwitch",
        "Get-VMHostSupportedVersion",
        "TotalPhysicalMemory",
        "throw",
    ):
        assert script.index(check) < first_change, check
    assert "Get-Credential" not in script and "password" not in script.lower().replace("needs no password", "")


def test_export_follows_the_options():
    script = export_script(replace(BASE, tpm=False, iso_path="", networking="nat", new_disk=False, version=""))
    names = {name for name, _ in ps_eval.commands(script)}
    assert not names & {"Enable-VMTPM", "Set-VMKeyProtector", "Add-VMDvdDrive", "Set-VMNetworkAdapter", "New-VHD"}
    assert "$IsoPath" not in script and "$Version" not in script
    assert ps_lint.lint(script) == []


def test_export_script_command(tmp_path, capsys):
    plan_path = tmp_path / "plan.toml"
    save(plan_path, lab(replace(BASE, name="Лаб 'x'")))
    out = tmp_path / "out.ps1"
    assert run_subcommand("export-script", [str(plan_path), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # UTF-8 with BOM for Windows PowerShell 5.1
    assert _defaults(data.decode("utf-8-sig"))["VMName"] == "Лаб 'x'"
    assert run_subcommand("export-script", [str(plan_path)]) == 0
    assert (tmp_path / "plan.ps1").is_file()
    assert run_subcommand("export-script", [str(tmp_path / "missing.toml")]) == 2
    assert "cannot read the plan file" in capsys.readouterr().err
    save(plan_path, LabPlan(outer=OuterPlan("existing", BASE)))
    assert run_subcommand("export-script", [str(plan_path), "-o", str(out)]) == 2
    assert "this plan prepares an existing VM" in capsys.readouterr().err


# ------------------------------------------------------------------ the simulated run and its log
NAME = "Lab ‘O’Brien’ $x `y; z Лаб 实验"


async def test_hostile_but_valid_names_survive_a_real_run_and_the_log(sim_runner):
    runner = sim_runner()
    host = runner.host
    events = []
    runner.listeners.append(events.append)
    host.add_file(f"C:\\ISO\\{NAME}.iso", 5 * GB)
    options = replace(
        defaults_for(None, ["Default Switch"]),
        name=NAME,
        location=f"C:\\VMs\\{NAME}",
        vhd_path=f"C:\\VMs\\{NAME}\\{NAME}.vhdx",
        iso_path=f"C:\\ISO\\{NAME}.iso",
    )
    assert await validate(runner, options) == []
    report = await apply(runner, plan(options))
    assert report.ok, report.summary()
    [vm] = host.find_vms(NAME)
    assert vm.name == NAME and vm.disks[0].path == options.vhd_path and vm.dvds[0].path == options.iso_path
    assert vm.path == f"C:\\VMs\\{NAME}\\{NAME}"
    logged = [dict(params) for event in events for _, params in ps_eval.commands(event.text)]
    assert {"Name": NAME}.items() <= next(p for p in logged if "Generation" in p).items()
    assert any(p.get("VMName") == NAME for p in logged)
    assert asdict(loads(dumps(lab(options))).outer.options) == asdict(options)


CHANGING = {
    "New-VHD",
    "New-VM",
    "Set-VMMemory",
    "Set-VMProcessor",
    "Add-VMDvdDrive",
    "Set-VMFirmware",
    "Set-VMKeyProtector",
    "Enable-VMTPM",
    "Set-VMNetworkAdapter",
    "Set-VM",
}


def test_every_change_in_the_export_looks_first():
    script = export_script(BASE)
    src = script.encode("utf-8")
    guarded: dict[str, bool] = {}
    stack = [ps_eval.parse(script)]
    while stack:
        node = stack.pop()
        name_node = node.child_by_field_name("command_name") if node.type == "command" else None
        if name_node is not None:
            name = src[name_node.start_byte : name_node.end_byte].decode()
            if name in CHANGING:
                ancestor, inside_if, filtered = node.parent, False, False
                while ancestor is not None:
                    inside_if |= ancestor.type == "if_statement"
                    if ancestor.type == "pipeline":
                        filtered |= b"Where-Object" in src[ancestor.start_byte : ancestor.end_byte]
                    ancestor = ancestor.parent
                guarded[name] = inside_if or filtered
        stack.extend(node.children)
    assert set(guarded) == CHANGING and all(guarded.values()), guarded
