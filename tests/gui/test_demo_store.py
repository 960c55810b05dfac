"""The wizard on a demo host that remembers: a new session continues it, --demo-reset and --demo FILE."""

from __future__ import annotations

import shutil

from core.host.remedies import ResumeState
from core.paths import resource
from core.session import Session
from gui.app import make_session
from gui.main import build_parser
from gui.wizard import NestWizard, PageId
from tests.gui.test_chain import SPEED, TIMEOUT, _settled, _walk_to


def test_a_new_session_continues_the_saved_demo_host(make_wizard, qtbot):
    first = make_wizard(speed=SPEED)
    _walk_to(first, qtbot, PageId.INNER_VM)
    first.close()
    # As a new process would: no host handed over, only what was saved under NESTWIZ_HOME.
    second = NestWizard(Session(sim_speed=SPEED))
    qtbot.addWidget(second)
    second.show()
    second.next()
    assert second.currentId() == PageId.GUEST
    qtbot.waitUntil(lambda: _settled(second), timeout=TIMEOUT)
    second.next()  # the re-check found Hyper-V running in the saved guest: straight on to the inner VM
    assert second.currentId() == PageId.INNER_VM
    assert second.session.sim_host is not first.session.sim_host and second.session.sim_host.store is not None


async def test_demo_reset_starts_the_saved_host_afresh():
    from core.commands import Command

    kept = Session(sim_speed=SPEED)
    await kept.use_simulated("laptop-8gb").run(Command.of("New-VM", Name="Before", Generation=2))
    args, _ = build_parser().parse_known_args(["--demo", "laptop-8gb", "--demo-reset"])
    session, page = make_session(args)
    assert page is None and session.sim_reset
    session.use_simulated(session.target.profile)
    assert not session.sim_host.find_vms("Before") and not session.sim_reset


def test_a_relaunch_carries_on_even_with_demo_reset(tmp_path):
    path = ResumeState(["--demo-reset"], {"page": "host", "target": "simulated", "profile": "laptop-8gb"}).save(
        tmp_path
    )
    args, _ = build_parser().parse_known_args(["--demo-reset", "--resume", str(path)])
    session, page = make_session(args)
    assert page == "host" and not session.sim_reset and session.sim_host is not None


def test_demo_takes_a_trainers_profile_file(tmp_path):
    own = tmp_path / "classroom.toml"
    shutil.copy(resource("profiles", "laptop-8gb.toml"), own)
    args, _ = build_parser().parse_known_args(["--demo", str(own)])
    session, _ = make_session(args)
    session.use_simulated(session.target.profile)
    assert session.sim_host is not None and session.sim_host.state.total_memory == 8 * 1024**3
