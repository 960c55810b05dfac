"""Probe output as Windows PowerShell 5.1 serializes it parses into the right facts; garbage never crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.host.diagnose import Verdict, diagnose_output
from core.host.facts import as_int, parse_facts, unwrap
from core.host.rules import Status, run_checks

DATA = Path(__file__).resolve().parent.parent / "data" / "probe"


def load(name: str) -> object:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_hyperv_running_laptop_reads_every_fact():
    f = parse_facts(load("win11-pro-hyperv-running.json"))
    assert f.unknown == {}
    assert (f.build, f.product_type, f.sku, f.edition_id) == (22631, 1, 48, "Professional")
    assert f.total_memory == 34066362368  # TotalPhysicalMemory in bytes wins over the KB figure
    assert f.free_memory == 21873412 * 1024  # FreePhysicalMemory is in kilobytes
    assert f.cpu_vendor == "GenuineIntel" and f.cpu.vmx is False and f.hypervisor_present is True
    assert f.feature_state == "Enabled" and f.elevated is True and f.hyperv_admin is False
    assert f.vbs_status == 2 and f.security_services_running == [2]
    assert f.volume_for(f.vhd_path or "").drive == "C:"
    assert f.supported_version_tuples[-1] == (11, 0)
    assert f.is_virtual_machine is False


def test_unwrapped_arrays_numeric_enums_and_string_numbers():
    f = parse_facts(load("win10-amd-enums-unwrapped.json"))
    assert f.unknown == {}
    assert len(f.processors) == 1 and f.cpu_vendor == "AuthenticAMD"
    assert f.cpu.name is not None and f.cpu.name.startswith("AMD Ryzen 7 5800X")
    assert f.feature_state == "Enabled"  # DISM FeatureState 2
    assert f.execution_policy == "Restricted"  # ExecutionPolicy 3
    assert f.total_memory == 68654362624 and f.free_memory == 50118844 * 1024
    assert f.volumes is not None and f.volumes[0].free == 1095216660480
    assert f.supported_versions is not None and f.supported_versions[-1] == "9.2"
    assert f.software == ["VMware Workstation"]
    assert f.security_services_running == [0]
    assert f.probe_errors == []


def test_server_role_two_sockets_two_volumes():
    f = parse_facts(load("server2022-epyc-role.json"))
    assert f.is_server and f.feature_kind == "Role" and f.feature_state == "Enabled"
    assert len(f.processors) == 2
    assert f.vhd_path is not None and f.volume_for(f.vhd_path).drive == "D:"
    assert f.hyperv_admin is True


def test_localized_errors_are_kept_but_never_parsed():
    home = parse_facts(load("win11-home-de.json"))
    assert home.feature_state is None
    assert home.probe_errors[0].section == "HyperVFeature"
    assert "unbekannt" in home.unknown["HyperVFeature"]  # shown to people as it came
    fr = parse_facts(load("win10-not-elevated-hvadmin-fr.json"))
    assert fr.elevated is False and fr.hyperv_admin is True and fr.vhd_path is not None


@pytest.mark.parametrize(
    ("name", "verdict", "failing"),
    [
        ("win11-pro-hyperv-running.json", Verdict.READY, set()),
        ("win10-amd-enums-unwrapped.json", Verdict.BLOCKED, {"os-build", "config-version"}),
        ("server2022-epyc-role.json", Verdict.READY, set()),
        ("win11-home-de.json", Verdict.BLOCKED, {"edition", "hyperv-feature"}),
        ("win10-not-elevated-hvadmin-fr.json", Verdict.READY, set()),
        ("azure-vm-nesting-exposed.json", Verdict.BLOCKED, {"hyperv-feature"}),
        ("serialized-too-shallow.json", Verdict.INCOMPLETE, set()),
    ],
)
def test_recorded_outputs_give_their_verdicts(name, verdict, failing):
    d = diagnose_output(load(name))
    assert d.verdict is verdict, d.report()
    assert {c.id for c in d.checks if c.status is Status.FAIL} == failing


def test_hypervisor_present_proves_virtualization_though_flags_read_false():
    d = diagnose_output(load("win11-pro-hyperv-running.json"))
    assert d.check("virtualization").status is Status.PASS
    assert d.check("slat").status is Status.PASS
    assert "proves" in d.check("virtualization").sentence


def test_azure_vm_is_told_about_its_own_hypervisor():
    d = diagnose_output(load("azure-vm-nesting-exposed.json"))
    vm = d.check("host-is-vm")
    assert vm.status is Status.WARN and vm.remedy is not None and vm.remedy.id == "enable-nesting-on-parent"
    assert d.check("virtualization").status is Status.PASS  # its hypervisor exposes VT-x
    assert d.check("hyperv-feature").remedy.id == "enable-hyperv"


def test_too_shallow_serialization_says_why():
    d = diagnose_output(load("serialized-too-shallow.json"))
    reason = d.check("os-build").sentence
    assert "serialized too shallow" in reason
    assert d.exit_code == 2


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        [],
        "garbage",
        42,
        [1, 2, 3],
        {"OS": 5},
        {"unexpected": True},
        [{"ProbeVersion": "two"}],
        {"value": "x", "Count": 1},
    ],
)
def test_garbage_gives_unknown_with_a_reason(raw):
    d = diagnose_output(raw)
    assert d.verdict is Verdict.INCOMPLETE
    unknown = [c for c in d.checks if c.status is Status.UNKNOWN]
    assert unknown and all(c.sentence.strip() for c in unknown)
    assert "?" in d.report()


def test_half_the_fields_keeps_what_it_has():
    full = load("win11-pro-hyperv-running.json")
    assert isinstance(full, dict)
    half = {k: v for i, (k, v) in enumerate(full.items()) if i % 2 == 0}
    d = diagnose_output(half)
    assert d.facts.build == 22631 or "OS" in d.facts.unknown
    missing = [c for c in d.checks if c.status is Status.UNKNOWN]
    assert missing
    for c in missing:
        assert "NestWiz" in c.sentence or "starts" in c.sentence


def test_wrong_types_inside_sections_become_unknown():
    raw = load("win11-pro-hyperv-running.json")
    assert isinstance(raw, dict)
    raw["OS"] = dict(raw["OS"], BuildNumber="22631.1", ProductType=True, FreePhysicalMemory="lots")
    raw["ComputerSystem"] = dict(raw["ComputerSystem"], HypervisorPresent="maybe")
    f = parse_facts(raw)
    assert f.build == 22631  # "22631.1" reads as a number
    assert f.product_type is None and "boolean" in f.unknown["ProductType"]
    assert f.free_memory is None and "lots" in f.unknown["FreePhysicalMemory"]
    assert f.hypervisor_present is None
    run_checks(f)


def test_conversions():
    assert unwrap({"value": [1], "Count": 1}) == [1]
    assert as_int("  17 ", "x") == 17 and as_int(3.0, "x") == 3


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "OS",
        "Processors",
        "ComputerSystem",
        "Volumes",
        "Elevated",
        "HyperVFeature",
        "Errors",
        "DeviceGuard",
        "SupportedVersions",
        "VMHost",
        "Software",
        "GroupSids",
        "RebootPending",
        "ExecutionPolicy",
        "HyperVAdministrator",
        "BuildNumber",
        "State",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, json_values, max_size=12) | json_values)
def test_any_json_never_crashes(raw):
    d = diagnose_output(raw)
    assert d.report()
    json.dumps(d.as_dict(), default=str)
    assert d.exit_code in (0, 1, 2)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_real_output_never_crashes(data):
    raw = load("win11-pro-hyperv-running.json")
    assert isinstance(raw, dict)
    section = data.draw(st.sampled_from(sorted(raw)))
    raw[section] = data.draw(json_values)
    d = diagnose_output(raw)
    assert d.report() and d.exit_code in (0, 1, 2)
