"""An elevated relaunch continues on the Host page with the same target (the state file from the remedy)."""

from __future__ import annotations

from core.host.remedies import ResumeState
from gui.app import make_session
from gui.main import build_parser


def test_resume_state_restores_the_simulated_target(tmp_path):
    path = ResumeState(["--demo"], {"page": "host", "target": "simulated", "profile": "laptop-8gb"}).save(tmp_path)
    args, _ = build_parser().parse_known_args(["--resume", str(path)])
    session, page = make_session(args)
    assert page == "host"
    assert session.target.profile == "laptop-8gb" and session.runner is not None
    assert session.sim_host is not None and session.sim_host.state.total_memory == 8 * 1024**3


def test_no_resume_starts_at_the_beginning():
    args, _ = build_parser().parse_known_args(["--demo", "win11-home"])
    session, page = make_session(args)
    assert page is None and session.runner is None and session.target.profile == "win11-home"
