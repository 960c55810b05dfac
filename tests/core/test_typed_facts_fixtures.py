"""Every recorded probe output (tests/data/probe) gives typed facts, outer-VM defaults and the right CPU vendor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.host.facts import AMD, INTEL, parse_facts, vendor_id
from core.provision.outer import GB, defaults_for
from core.vm import AMD_MIN_VERSION, assess
from tests.core.test_vm_readiness import ready_vm

DATA = Path(__file__).resolve().parents[1] / "data" / "probe"
FIXTURES = sorted(p.name for p in DATA.glob("*.json"))
VENDORS = {  # what each probe's Win32_Processor says; None where the probe's answer lost it
    "azure-vm-nesting-exposed.json": INTEL,
    "serialized-too-shallow.json": None,
    "server2022-epyc-role.json": AMD,
    "win10-amd-enums-unwrapped.json": AMD,
    "win10-not-elevated-hvadmin-fr.json": INTEL,
    "win11-home-de.json": INTEL,
    "win11-pro-hyperv-running.json": INTEL,
    "win10-vmware-psgumshoe.json": None,  # the public source shows no Win32_Processor
}


def facts_of(name: str):
    return parse_facts(json.loads((DATA / name).read_text(encoding="utf-8")))


def test_every_fixture_has_an_expected_vendor():
    assert sorted(VENDORS) == FIXTURES


@pytest.mark.parametrize("name", FIXTURES)
def test_defaults_for_every_fixture_are_sane(name):
    facts = facts_of(name)
    options = defaults_for(facts, ["Default Switch"], ["C:\\ISO\\Windows11_23H2.iso"])
    assert options.memory_bytes >= 4 * GB and options.processors >= 2
    if facts.total_memory:
        assert options.memory_bytes <= facts.total_memory
    if facts.supported_versions:
        assert options.version in facts.supported_versions
    if facts.vhd_path:
        assert options.vhd_path.startswith(facts.vhd_path)


@pytest.mark.parametrize("name", FIXTURES)
def test_cpu_vendor_of_every_fixture(name):
    assert facts_of(name).cpu_vendor == VENDORS[name]


@pytest.mark.parametrize("name", FIXTURES)
def test_readiness_uses_the_fixture_vendor(name):
    facts = facts_of(name)
    below_amd = ready_vm(version="9.0")  # enough for Intel (8.0), not for AMD (9.3)
    readiness = assess(below_amd, cpu_vendor=facts.cpu_vendor or INTEL, host_default_version=facts.default_version)
    assert (readiness.item("version") is not None) == (facts.cpu_vendor == AMD)
    assert AMD_MIN_VERSION > (9, 0)


@pytest.mark.parametrize(
    ("manufacturer", "name", "expected"),
    [
        ("GenuineIntel", None, INTEL),
        (" AuthenticAMD ", None, AMD),
        ("AMD", None, AMD),
        ("Intel Corporation", None, INTEL),
        ("Advanced Micro Devices, Inc.", None, AMD),
        ("CentaurHauls", None, "CentaurHauls"),
        (None, "12th Gen Intel(R) Core(TM) i5-1235U", INTEL),
        ("", "AMD EPYC 7543 32-Core Processor", AMD),
        (None, None, None),
        (None, "Virtual CPU", None),
    ],
)
def test_vendor_ids_are_normalised(manufacturer, name, expected):
    assert vendor_id(manufacturer, name) == expected


def test_elevation_and_default_version_are_typed():
    assert facts_of("win10-not-elevated-hvadmin-fr.json").elevated is False
    assert facts_of("win11-pro-hyperv-running.json").elevated is True
    assert facts_of("win10-amd-enums-unwrapped.json").default_version == "9.0"
    assert facts_of("serialized-too-shallow.json").default_version == "11.0"
