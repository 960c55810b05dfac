"""Probe fixtures built from public output of real machines (tests/data/probe/README.md): the reader gets them right."""

from __future__ import annotations

import json
from pathlib import Path

from core.host import rules
from core.host.facts import parse_facts
from core.host.rules import Status

DATA = Path(__file__).resolve().parents[1] / "data" / "probe"


def test_vmware_guest_from_psgumshoe():
    facts = parse_facts(json.loads((DATA / "win10-vmware-psgumshoe.json").read_text(encoding="utf-8")))
    assert facts.build == 17134 and facts.caption == "Microsoft Windows 10 Enterprise"
    assert facts.total_memory == 8589398016
    assert facts.hypervisor_present is True
    assert facts.is_virtual_machine is True and facts.cloud is None
    assert "Processors" in facts.unknown and "ComputerSystem" not in facts.unknown
    check = rules.check_is_vm(facts)
    assert check.status is Status.WARN and "VMware, Inc. VMware Virtual Platform" in check.sentence
    assert "Expose hardware assisted virtualization" in check.remedy.instructions
