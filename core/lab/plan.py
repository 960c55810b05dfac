"""The lab plan: the only copy of what the user chose, for the whole chain (the plan file reads and writes it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.provision.inner import InnerVmPlan
from core.provision.network import NetworkPlan
from core.provision.outer import OuterVmOptions


@dataclass(frozen=True)
class TargetPlan:
    kind: str = "simulated"
    profile: str = ""
    host: str = ""
    user: str = ""
    port: int = 0
    https: bool = True
    auth: str = "negotiate"
    ca_file: str = ""
    verify: bool = True
    certificate_pem: str = ""
    certificate_key_pem: str = ""


@dataclass(frozen=True)
class OuterPlan:
    mode: str = "new"
    options: OuterVmOptions = field(default_factory=OuterVmOptions)

    @property
    def name(self) -> str:
        return self.options.name


@dataclass(frozen=True)
class NestingPlan:
    method: str = "direct"
    mac_spoofing: bool = True
    memory_4gb: bool = True


@dataclass(frozen=True)
class GuestPlan:
    user: str = "Administrator"
    install: bool = True


@dataclass(frozen=True)
class LabPlan:
    name: str = "NestWiz lab"
    target: TargetPlan = field(default_factory=TargetPlan)
    outer: OuterPlan = field(default_factory=OuterPlan)
    nesting: NestingPlan = field(default_factory=NestingPlan)
    guest: GuestPlan = field(default_factory=GuestPlan)
    network: NetworkPlan = field(default_factory=NetworkPlan)
    inner: InnerVmPlan = field(default_factory=InnerVmPlan)


def as_dict(plan: LabPlan) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(plan)
