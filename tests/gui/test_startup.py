"""Start-up: the first window shows with the Welcome page alone, before the heavy imports; the rest follows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QWizard

from core.session import Session
from gui.wizard import NestWizard, PageId

ROOT = Path(__file__).resolve().parents[2]
# Not needed for the first window: each costs start-up time (and some memory for a run that never uses it).
LATER = ("qasync", "asyncio", "keyring", "pypsrp", "requests", "cryptography", "core.runners.remote",
         "core.credentials", "core.sim.host", "core.runners.base", "core.logs", "platformdirs",
         "gui.pages.target", "gui.pages.host", "gui.support")


def test_the_first_window_needs_none_of_the_heavy_modules():
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['x', '-platform', 'offscreen'])\n"
        "from gui.main import build_parser\n"
        "from gui.app import make_session\n"
        "from gui.wizard import NestWizard\n"
        "session, _ = make_session(build_parser().parse_args(['--demo']))\n"
        "NestWizard(session, rest_later=True).show()\n"
        "app.processEvents()\n"
        f"print(' '.join(m for m in {LATER!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_welcome_alone_reads_next_and_the_rest_is_added_in_order(qtbot, qloop):
    wizard = NestWizard(Session(), rest_later=True)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.pageIds() == [PageId.WELCOME]
    assert wizard.button(QWizard.WizardButton.NextButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert wizard.support_menu is None

    wizard.add_rest()
    assert wizard.pageIds() == sorted(PageId)
    assert wizard.support_menu is not None
    wizard.next()
    assert wizard.currentId() == PageId.TARGET


def test_the_smoke_summary_is_ascii():
    from gui.tour import TourOutcome

    line = TourOutcome(code=0, pages=["00-welcome", "01-target"]).summary()
    assert line.isascii() and "00-welcome -> 01-target" in line
