"""Start-up: the first window shows with the Welcome page alone, before the heavy imports; the rest follows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from core.session import Session
from gui.wizard import NestWizard, PageId

ROOT = Path(__file__).resolve().parents[2]
# Not needed for the first window: each costs start-up time (and some memory for a run that never uses it).
LATER = (
    "qasync",
    "asyncio",
    "keyring",
    "pypsrp",
    "requests",
    "cryptography",
    "core.runners.remote",
    "core.credentials",
    "core.sim.host",
    "core.runners.base",
    "core.logs",
    "platformdirs",
    "gui.pages.target",
    "gui.pages.host",
    "gui.support",
)


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


# Loaded only when used: OpenSSL (~4 MB) for a download or WinRM; the bundle and script export on their buttons.
ON_USE = ("ssl", "_ssl", "_hashlib", "core.support", "core.provision.export", "core.lab.export", "core.lab.scripts")


def test_the_simulated_flow_loads_no_openssl_and_keeps_no_module_sources():
    """The whole simulated walk imports nothing of ON_USE, and PySide's import hook leaves no source text behind."""
    script = (
        "import linecache, sys\n"
        "from gui.main import main\n"
        "code = main(['--demo', '--smoke', '--speed', '100000', '-platform', 'offscreen'])\n"
        f"loaded = [m for m in {ON_USE!r} if m in sys.modules]\n"
        "import ssl\n"  # still there for whoever needs TLS later
        "ssl.create_default_context()\n"
        "from core.enable.pins import sha256_hex\n"
        "print(code, loaded, len(linecache.cache), sha256_hex(b'abc')[:12])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 [] 0 ba7816bf8f01"


def test_prepare_turns_off_pysides_source_scan():
    # Without gui.lean.prepare(), PySide's import hook reads each new module's source into linecache.
    script = (
        "import linecache, sys\n"
        "{prepare}\n"
        "import colorsys\nfrom gui.pages.finish import FinishPage\n"
        "print(sorted(f.rsplit('/', 1)[-1] for f in linecache.cache if f.endswith(('colorsys.py', 'finish.py'))))\n"
    )
    outputs = []
    for prepare in ("import PySide6.QtCore", "from gui.lean import prepare; prepare()"):
        done = subprocess.run(
            [sys.executable, "-c", script.format(prepare=prepare)], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.strip())
    assert outputs == ["['colorsys.py', 'finish.py']", "[]"]


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform's notes on a popup
def test_clicking_the_real_support_button_opens_its_menu(qtbot, qloop):
    from PySide6.QtCore import Qt

    wizard = NestWizard(Session(), rest_later=False)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    button = wizard.button(QWizard.WizardButton.CustomButton1)
    assert button.isVisible() and wizard.support_menu is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.support_menu.isVisible, timeout=2000)
    wizard.support_menu.hide()
