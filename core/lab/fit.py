"""The default lab for a host: the outer VM sized from its facts, a free name, its switch and ISO."""

from __future__ import annotations

from core.errors import NestWizError
from core.lab.plan import LabPlan, OuterPlan, TargetPlan
from core.provision.inner import InnerVmPlan, default_memory
from core.provision.outer import defaults_for, host_choices
from core.runners.base import Runner


async def fitted_plan(runner: Runner, target: TargetPlan) -> LabPlan:
    """Diagnoses the host first: a host that cannot run the lab gets its first blocker, not a plan."""
    from core.host.diagnose import diagnose

    diagnosis = await diagnose(runner)
    if diagnosis.blockers:
        raise NestWizError(diagnosis.summary())
    choices = await host_choices(runner)
    options = defaults_for(diagnosis.facts, choices.switches, choices.isos, choices.free_name())
    inner = InnerVmPlan(memory=default_memory(options.memory_bytes))
    return LabPlan(target=target, outer=OuterPlan("new", options), inner=inner)
