"""Start Qt and the asyncio loop (qasync), show the wizard, optionally walk it for screenshots or a smoke run."""

from __future__ import annotations

import argparse
import io
import linecache
import sys
import time
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from core.paths import resource
from core.session import Session, Target
from gui.i18n import chosen_language, install_translators


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        path = resource("icons", f"nestwiz-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


def make_session(args: argparse.Namespace) -> tuple[Session, str | None]:
    """The session, and the page to start on when NestWiz was relaunched to continue (elevated)."""
    session = Session()
    if args.speed:
        session.sim_speed = args.speed
    if args.demo:
        session.target.kind = "simulated"
        session.target.profile = args.demo
    if not args.resume:
        session.sim_reset = args.demo_reset  # a relaunch carries on, whatever its flags
        return session, None
    from core.host.remedies import ResumeState

    state = ResumeState.load(Path(args.resume)).state
    if state.get("target") == "local":
        from core.targets import local_runner

        session.attach(local_runner(), Target("local"))
    elif state.get("target") == "simulated":
        session.use_simulated(str(state.get("profile") or session.target.profile))
    else:
        return session, None
    return session, str(state.get("page") or "")


def show_now(app: QApplication, window: QWidget, limit: float = 0.5) -> None:
    """Show the window and let the platform map and paint it before anything slow runs."""
    window.show()
    handle = window.windowHandle()
    deadline = time.monotonic() + limit
    while handle is not None and not handle.isExposed() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()


def run_wizard(args: argparse.Namespace, qt_args: list[str]) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("NestWiz")
    app.setOrganizationName("NestWiz")
    app.setWindowIcon(app_icon())
    if args.resume:
        from core.logs import setup_logging

        setup_logging()  # a relaunch chooses its target before the window shows, and that is logged
    install_translators(app, chosen_language(args.lang))
    from gui.wizard import NestWizard, PageId  # after the translators, so page texts are translated

    session, resume_page = make_session(args)
    # The first window shows with the Welcome page alone; the other pages, and qasync, come once it is up.
    # A relaunch that continues on a later page builds them all first.
    wizard = NestWizard(session, rest_later=resume_page is None)
    if resume_page == "host":
        wizard.setStartId(PageId.HOST)
    show_now(app, wizard)
    from core.logs import setup_logging  # its handlers' imports are not needed for the first window

    wizard.setProperty("logPath", str(setup_logging()))
    if resume_page is None:
        wizard.add_rest()
    import asyncio

    import qasync

    from gui.gc_thread import MainThreadCollector, freeze_startup

    # The sources PySide's import hook read while PySide itself loaded, before gui.lean turned its scan off.
    linecache.clearcache()

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    MainThreadCollector(wizard)
    freeze_startup()
    exit_code = 0

    async def main() -> None:
        nonlocal exit_code
        closed = asyncio.Event()
        wizard.finished.connect(lambda _result: closed.set())
        if args.screenshots or args.smoke:
            from gui.tour import walk

            outcome = await walk(wizard, Path(args.screenshots) if args.screenshots else None)
            stream = sys.stderr if outcome.code else sys.stdout
            if isinstance(stream, io.TextIOWrapper):
                # The reason may quote a page title in any language; a cp1252 pipe must not turn it into a crash.
                stream.reconfigure(errors="replace")
            print(outcome.summary(), file=stream, flush=True)
            exit_code = outcome.code
            wizard.close()
            return
        await closed.wait()

    with loop:
        loop.run_until_complete(main())
        loop.run_until_complete(session.close())
    return exit_code
