"""Commands as data, their validation against Microsoft's signatures, and their rendering."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.commands import Command, Credential, Pipeline, Script, Variable, quote, render
from core.errors import CommandRejected
from core.reference import Reference
from tests.ps_eval import commands, syntax_errors

REF = Reference.default()


def test_reference_holds_the_whole_copied_file():
    assert len(REF) == 845
    assert REF.cmdlet("set-vmprocessor").name == "Set-VMProcessor"
    assert REF.cmdlet("gcim").name == "Get-CimInstance"  # cmdlet aliases resolve


def test_command_is_frozen_data_and_drops_none():
    cmd = Command.of("Stop-VM", Name="Lab", TurnOff=True, Force=None)
    assert cmd.params == (("Name", "Lab"), ("TurnOff", True))
    assert hash(cmd) == hash(Command.of("Stop-VM", Name="Lab", TurnOff=True))
    assert cmd.with_params(Force=True).get("force") is True


@pytest.mark.parametrize("bad", ["Get-VM; rm", "Get VM", "", "Get-VM'"])
def test_command_names_cannot_carry_script_text(bad):
    with pytest.raises(ValueError):
        Command.of(bad)


def test_parameter_names_cannot_carry_script_text():
    with pytest.raises(ValueError):
        Command("Get-VM", (("Name;x", "a"),))
    with pytest.raises(ValueError):
        Command("Get-VM", (("Name", "a"), ("name", "b")))


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (Command.of("Get-Foo"), "'Get-Foo' is not a cmdlet"),
        (Command.of("Get-VM", Bogus=1), "cannot be found that matches parameter name 'Bogus'"),
        (
            Command.of("New-VM", Name="x", NewVHDPath="C:\\a.vhdx", NewVHDSizeBytes=1, VHDPath="C:\\b.vhdx"),
            "cannot be used together",
        ),
        (Command.of("New-VM", Name="x", NewVHDPath="C:\\a.vhdx"), "missing the mandatory parameter -NewVHDSizeBytes"),
        (Command.of("New-VM", Name="x", Generation=3), "'3' is not an accepted value for -Generation"),
        (Command.of("Set-VMProcessor", VMName="x", Count="2"), "-Count expects a Int64"),
        (Command.of("ConvertFrom-Json", InputObject="{}", AsHashtable=True), "AsHashtable"),
        (Command.of("ForEach-Object", Parallel="x"), "Parallel"),
    ],
)
def test_validation_errors_name_the_command(command, message):
    with pytest.raises(CommandRejected) as caught:
        REF.check(command)
    assert message in caught.value.message
    assert command.name in caught.value.message


def test_validation_accepts_aliases_common_parameters_and_pipeline_input():
    REF.check(Command.of("Get-VM", VMName="x", ErrorAction="Stop", Verbose=True))
    REF.check(Command.of("Stop-VM", Name="x", WhatIf=True))
    pipeline = Command.of("Get-VMNetworkAdapter", VMName="x") | Command.of(
        "Set-VMNetworkAdapter", MacAddressSpoofing="On"
    )
    REF.check_runnable(pipeline)
    with pytest.raises(CommandRejected):
        REF.check(Command.of("Set-VMNetworkAdapter", MacAddressSpoofing="On"))  # not piped: mandatory missing


def test_accepted_values_are_case_insensitive_like_powershell():
    REF.check(Command.of("Set-VMNetworkAdapter", VMName="x", MacAddressSpoofing="on"))
    with pytest.raises(CommandRejected):
        REF.check(Command.of("Set-VMNetworkAdapter", VMName="x", MacAddressSpoofing="Maybe"))


def test_render_switches_booleans_arrays_and_credentials():
    cred = Credential("lab\\admin", "s3cret!", variable="GuestCredential")
    text = render(Command.of("Invoke-Command", VMName=["a", "b"], Credential=cred, ErrorAction="Stop"))
    assert text == "Invoke-Command -VMName @('a', 'b') -Credential $GuestCredential -ErrorAction 'Stop'"
    assert "s3cret" not in text and "s3cret" not in repr(cred)
    stop = render(Command.of("Stop-VM", Name="x", TurnOff=True, Force=False))
    assert stop == "Stop-VM -Name 'x' -TurnOff -Force:$false"
    assert render(Command.of("Set-VMProcessor", VMName="x", ExposeVirtualizationExtensions=True)) == (
        "Set-VMProcessor -VMName 'x' -ExposeVirtualizationExtensions $true"
    )
    assert render(Command.of("Get-VM", Name=Variable("Name"))) == "Get-VM -Name $Name"


def test_render_pipeline_and_script():
    pipe = Command.of("Get-VMNetworkAdapter", VMName="v") | Command.of("Set-VMNetworkAdapter", MacAddressSpoofing="On")
    assert isinstance(pipe, Pipeline)
    assert render(pipe) == "Get-VMNetworkAdapter -VMName 'v' | Set-VMNetworkAdapter -MacAddressSpoofing 'On'"
    assert render(Script.of("Get-HostFacts.ps1")) == "& (Join-Path $PSScriptRoot 'Get-HostFacts.ps1')"


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "it's",
        "‘curly’ ‚low‛",
        "$(rm -r C:\\)",
        "`n`$x",
        "a;b|c&d",
        "line1\nline2",
        "\r\n",
        "\x00",
        "名前 Ωμέγα",
        "",
        "'",
        "@'\n'@",
        "\ud83d",
        "tab\there",
    ],
)
def test_rendered_literal_reads_back_as_the_value(value):
    text = render(Command.of("Set-VM", Name="vm", Notes=value))
    assert not syntax_errors(text), text
    assert commands(text) == [("Set-VM", [("Name", "vm"), ("Notes", value)])]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, categories=None)))
def test_any_string_survives_rendering_as_one_literal(value):
    text = render(Command.of("Set-VM", Name="vm", Notes=value))
    text.encode("utf-8")  # the script itself is always valid UTF-8
    assert not syntax_errors(text), text
    assert commands(text) == [("Set-VM", [("Name", "vm"), ("Notes", value)])]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=4))
def test_any_string_array_survives_rendering(values):
    text = render(Command.of("Get-VM", Name=values))
    assert not syntax_errors(text), text
    assert commands(text) == [("Get-VM", [("Name", tuple(values))])]


def test_quote_doubles_every_single_quote_character():
    assert quote("a'b’c") == "'a''b’’c'"
    assert quote("a\nb") == "('a' + [char]10 + 'b')"


def test_compact_reference_is_current_and_agrees_with_the_full_file():
    import json

    from core.paths import resource
    from core.reference import COMPACT_FILE, compact

    full = json.loads(resource("reference", "cmdlets.json").read_text(encoding="utf-8"))
    committed = json.loads(resource("reference", COMPACT_FILE).read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(compact(full))), "regenerate it: python -m core.reference"
    from_full = Reference.from_file(resource("reference", "cmdlets.json"))
    from_compact = Reference.from_compact_file(resource("reference", COMPACT_FILE))
    assert len(from_compact) == len(from_full) == len(full["cmdlets"])
    for name, raw in full["cmdlets"].items():
        assert from_compact.cmdlet(name) == from_full.cmdlet(name), name
        for alias in raw.get("aliases") or ():
            assert from_compact.cmdlet(alias) == from_full.cmdlet(name), alias
