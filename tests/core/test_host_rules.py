"""Every simulated profile gives its expected verdicts; the rules hold at their boundaries."""

from __future__ import annotations

import pytest

from core.host.diagnose import Verdict, diagnose
from core.host.facts import HostFacts, Processor
from core.host.rules import GB, Plan, Status, check_build, check_edition, check_memory, check_permissions, run_checks
from core.sim.host import profile_names

P, W, F, U = Status.PASS, Status.WARN, Status.FAIL, Status.UNKNOWN

# profile -> (verdict, {check id: status} for every check that does not pass)
EXPECTED: dict[str, tuple[Verdict, dict[str, Status]]] = {
    "intel-laptop-win11-pro": (Verdict.READY, {}),
    "server-2022-amd-epyc": (Verdict.READY, {}),
    "laptop-8gb": (Verdict.READY, {"memory": W, "disk": W}),
    "amd-ryzen-win10-22h2": (Verdict.BLOCKED, {"os-build": F, "config-version": F}),
    "firmware-virtualization-off": (
        Verdict.BLOCKED,
        {"virtualization": F, "hyperv-feature": F, "hypervisor": U, "config-version": U},
    ),
    "hyperv-not-installed": (
        Verdict.BLOCKED,
        {"hyperv-feature": F, "hypervisor": U, "config-version": U, "other-hypervisors": W},
    ),
    "win11-home": (Verdict.BLOCKED, {"edition": F, "hyperv-feature": F, "hypervisor": U, "config-version": U}),
    "guest-windows-server-2022": (
        Verdict.BLOCKED,
        {"hyperv-feature": F, "hypervisor": U, "config-version": U, "memory": F},
    ),
    "guest-windows-11-enterprise": (
        Verdict.BLOCKED,
        {"hyperv-feature": F, "hypervisor": U, "config-version": U, "memory": F},
    ),
}


def test_every_profile_has_an_expectation():
    assert sorted(EXPECTED) == profile_names(include_guests=True)


@pytest.mark.parametrize("profile", sorted(EXPECTED))
async def test_profile_verdicts(profile, sim_runner):
    runner = sim_runner(profile)
    d = await diagnose(runner)
    verdict, not_passing = EXPECTED[profile]
    got = {c.id: c.status for c in d.checks if c.status is not Status.PASS}
    assert got == not_passing, d.report()
    assert d.verdict is verdict
    assert d.round_trips == 1
    for check in d.checks:
        assert check.sentence.endswith("."), check
        if check.status is Status.FAIL and check.remedy is not None:
            assert check.remedy.label and check.remedy.instructions


async def test_remedies_named_by_profile(sim_runner):
    firmware = await diagnose(sim_runner("firmware-virtualization-off"))
    remedy = firmware.check("virtualization").remedy
    assert remedy is not None and not remedy.automated
    assert "F2" in remedy.instructions and "Dell" in remedy.instructions and "VT-x" in remedy.instructions
    home = await diagnose(sim_runner("win11-home"))
    assert home.check("edition").remedy.id == "upgrade-edition"
    amd = await diagnose(sim_runner("amd-ryzen-win10-22h2"))
    assert "22000" in amd.check("os-build").sentence
    assert "9.3" in amd.check("config-version").sentence
    laptop = await diagnose(sim_runner("laptop-8gb"))
    vbs = laptop.check("vbs")
    assert vbs.status is Status.PASS and "does not block" in vbs.sentence and "VirtualBox" in vbs.sentence


async def test_non_elevated_hyperv_admin_still_diagnoses(sim_host):
    from core.runners.simulated import SimulatedRunner

    host = sim_host("intel-laptop-win11-pro")
    host.state.elevated = False
    d = await diagnose(SimulatedRunner(host))
    assert d.check("permissions").status is Status.PASS
    assert d.check("hyperv-feature").status is Status.PASS  # Get-VMHost answered
    assert d.verdict is Verdict.READY
    host.state.group_sids = ["S-1-5-32-545"]
    d = await diagnose(SimulatedRunner(host))
    assert d.check("permissions").status is Status.FAIL
    assert d.check("permissions").remedy.id == "elevate"


def _facts(vendor: str, build: int, product_type: int = 1) -> HostFacts:
    return HostFacts(build=build, product_type=product_type, processors=[Processor(manufacturer=vendor)])


@pytest.mark.parametrize(
    ("vendor", "build", "server", "status"),
    [
        ("GenuineIntel", 14393, False, P),
        ("GenuineIntel", 14392, False, F),
        ("GenuineIntel", 14393, True, P),
        ("AuthenticAMD", 22000, False, P),
        ("AuthenticAMD", 21999, False, F),
        ("AuthenticAMD", 20348, False, F),
        ("AuthenticAMD", 20348, True, P),
        ("AuthenticAMD", 20347, True, F),
        ("AuthenticAMD", 17763, True, F),
        ("CentaurHauls", 22631, False, F),
    ],
)
def test_build_per_vendor(vendor, build, server, status):
    assert check_build(_facts(vendor, build, 3 if server else 1)).status is status


@pytest.mark.parametrize(
    ("sku", "edition", "status"),
    [
        (101, "Core", F),
        (98, "CoreN", F),
        (99, "CoreCountrySpecific", F),
        (100, "CoreSingleLanguage", F),
        (48, "Professional", P),
        (4, "Enterprise", P),
        (121, "Education", P),
        (None, "Core", F),
        (None, None, U),
    ],
)
def test_home_editions(sku, edition, status):
    assert check_edition(HostFacts(sku=sku, edition_id=edition)).status is status


def test_memory_against_the_plan():
    plan = Plan(outer_vm_memory=8 * GB, inner_vm_memory=4 * GB, host_reserve=4 * GB)
    assert check_memory(HostFacts(total_memory=32 * GB, free_memory=20 * GB), plan).status is P
    assert check_memory(HostFacts(total_memory=32 * GB, free_memory=10 * GB), plan).status is W
    low = check_memory(HostFacts(total_memory=12 * GB, free_memory=10 * GB), plan)
    assert low.status is F and "16.0 GB" in low.sentence
    assert check_memory(HostFacts(), plan).status is U


def test_hyperv_administrators_by_sid_only():
    from core.host.facts import parse_facts

    # An older probe without the explicit IsInRole flag: the group SID decides, never a group name.
    f = parse_facts(
        {
            "Elevated": False,
            "GroupSids": ["S-1-1-0", "S-1-5-32-578"],
            "HyperVFeature": {"Kind": "OptionalFeature", "State": "Enabled"},
        }
    )
    assert f.hyperv_admin is True
    assert check_permissions(f).status is P
    named = parse_facts({"Elevated": False, "GroupSids": ["Hyper-V-Administratoren"]})
    assert named.hyperv_admin is False and check_permissions(named).status is F
    assert check_permissions(HostFacts(elevated=False, hyperv_admin=True, feature_state="Disabled")).status is W


def test_disk_where_the_vhdx_goes():
    from core.host.facts import DiskVolume

    f = HostFacts(
        volumes=[DiskVolume("C:", 500 * GB, 10 * GB), DiskVolume("D:", 2000 * GB, 900 * GB)],
        vhd_path="C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks",
    )
    checks = {c.id: c for c in run_checks(f)}
    assert checks["disk"].status is F
    checks = {c.id: c for c in run_checks(f, Plan(vhdx_folder="D:\\VMs"))}
    assert checks["disk"].status is P and checks["disk"].facts["Volume"] == "D:"
    checks = {c.id: c for c in run_checks(f, Plan(vhdx_folder="\\\\server\\share"))}
    assert checks["disk"].status is U


def test_dep_off_in_firmware_blocks_before_hyperv_runs():
    from core.host.rules import check_virtualization

    cpu = Processor(manufacturer="GenuineIntel", vmx=True, slat=True, firmware_enabled=True)
    assert check_virtualization(HostFacts(processors=[cpu], hypervisor_present=False, dep=True)).status is P
    off = check_virtualization(HostFacts(processors=[cpu], hypervisor_present=False, dep=False))
    assert off.status is F and "NX" in off.sentence and off.remedy.id == "firmware-virtualization"
