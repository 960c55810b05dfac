"""A host that is itself a cloud VM: which cloud, from SMBIOS strings, and what to do there."""

from __future__ import annotations

import pytest

from core.host.diagnose import diagnose
from core.host.facts import AWS, AZURE, AZURE_ASSET_TAG, GCP, HostFacts, Processor, parse_facts
from core.host.rules import Status
from core.runners.simulated import SimulatedRunner


def _vm(maker: str, model: str, tag: str | None = None) -> HostFacts:
    return HostFacts(
        system_manufacturer=maker,
        system_model=model,
        chassis_asset_tag=tag,
        processors=[Processor(manufacturer="GenuineIntel", vmx=False, slat=False, firmware_enabled=False)],
        hypervisor_present=True,
    )


@pytest.mark.parametrize(
    ("maker", "model", "tag", "cloud"),
    [
        ("Microsoft Corporation", "Virtual Machine", AZURE_ASSET_TAG, AZURE),
        ("Microsoft Corporation", "Virtual Machine", "1234-5678-9012-3456-7890-1234-56", None),  # a Hyper-V VM
        ("Microsoft Corporation", "Virtual Machine", None, None),
        ("Amazon EC2", "m8i.2xlarge", "i-0123456789abcdef0", AWS),
        ("Google", "Google Compute Engine", "", GCP),
        ("VMware, Inc.", "VMware7,1", "No Asset Tag", None),
    ],
)
def test_cloud_from_smbios(maker, model, tag, cloud):
    assert _vm(maker, model, tag).cloud == cloud


def test_probe_section_is_read_and_optional():
    raw = {
        "ProbeVersion": 2,
        "Errors": [],
        "SystemEnclosure": {"SMBIOSAssetTag": AZURE_ASSET_TAG},
        "ComputerSystem": {
            "HypervisorPresent": True,
            "Manufacturer": "Microsoft Corporation",
            "Model": "Virtual Machine",
        },
    }
    facts = parse_facts(raw)
    assert facts.chassis_asset_tag == AZURE_ASSET_TAG and facts.cloud == AZURE
    del raw["SystemEnclosure"]
    older = parse_facts(raw)
    assert older.chassis_asset_tag is None and older.cloud is None and "SystemEnclosure" not in older.unknown


def _remedy(facts: HostFacts):
    from core.host import rules

    check = rules.check_virtualization(facts)
    assert check.status is Status.FAIL
    return check.remedy


def test_azure_advice_names_the_size_and_the_security_type():
    remedy = _remedy(_vm("Microsoft Corporation", "Virtual Machine", AZURE_ASSET_TAG))
    assert "Azure" in remedy.instructions and "'Standard'" in remedy.instructions
    assert "Trusted Launch" in remedy.instructions


def test_local_hyperv_vm_keeps_the_general_advice():
    remedy = _remedy(_vm("Microsoft Corporation", "Virtual Machine", "4007-7589-3411-3637-9420-7178-88"))
    assert "Set-VMProcessor" in remedy.instructions


@pytest.mark.parametrize(
    ("model", "expect"),
    [
        ("m8i.2xlarge", "modify-instance-cpu-options"),
        ("c8i-flex.large", "modify-instance-cpu-options"),
        ("m5.xlarge", "only on the c8i, m8i and r8i"),
    ],
)
def test_aws_advice_depends_on_the_instance_type(model, expect):
    remedy = _remedy(_vm("Amazon EC2", model, "i-0123456789abcdef0"))
    assert expect in remedy.instructions and model in remedy.instructions


def test_gcp_says_hyperv_cannot_nest_there():
    remedy = _remedy(_vm("Google", "Google Compute Engine"))
    assert "not Hyper-V" in remedy.instructions


async def test_simulated_azure_vm_is_recognised_by_the_probe(sim_host):
    host = sim_host()
    s = host.state
    s.is_virtual_machine, s.system_manufacturer, s.system_model = True, "Microsoft Corporation", "Virtual Machine"
    s.chassis_asset_tag = AZURE_ASSET_TAG
    s.cpu.vmx = False
    d = await diagnose(SimulatedRunner(host))
    assert d.facts.cloud == AZURE
    assert d.check("host-is-vm").remedy.label == "Use an Azure VM that can nest"
