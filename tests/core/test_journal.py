"""The journal: atomic writes under the data folder, no secrets, the step to resume, unreadable files set aside."""

from __future__ import annotations

import json
import os

import pytest

from core.journal import Journal, journal_path, write_atomically
from core.paths import data_dir


def test_journal_lives_in_the_data_folder_and_round_trips(nestwiz_home):
    journal = Journal.open()
    assert journal.path == journal_path() and journal.path.parent == data_dir()
    journal.update_plan(outer_vm="Lab-Host01", guest_user="Administrator", password="Lab-Passw0rd!")
    journal.begin("guest", "guest Lab-Host01")
    journal.done("guest", "The guest answered.", ["Start-VM -Name 'Lab-Host01'"], target_seconds=120.0)
    journal.begin("guest_hyperv", "guest Lab-Host01")
    text = journal.path.read_text(encoding="utf-8")
    assert "Lab-Passw0rd!" not in text and "password" not in text
    again = Journal.load()
    assert again is not None
    assert again.plan == {"outer_vm": "Lab-Host01", "guest_user": "Administrator"}
    assert again.steps["guest"].commands == ["Start-VM -Name 'Lab-Host01'"]
    assert again.steps["guest"].target_seconds == 120.0
    assert again.resume_step() == "guest_hyperv"


def test_resume_step_follows_the_flow():
    journal = Journal(data_dir() / "j.json")
    assert journal.resume_step() is None  # nothing started: nothing to resume
    journal.done("target", "", [])
    journal.done("host", "", [])
    assert journal.resume_step() == "outer_vm"
    journal.done("guest", "", [])
    journal.failed("guest_hyperv", "The role failed.")
    assert journal.resume_step() == "guest_hyperv"
    journal.done("guest_hyperv", "", [])
    journal.done("inner_vm", "", [])
    assert journal.resume_step() is None
    journal.finish()
    assert not journal.resumable and Journal.load(journal.path).finished


def test_a_crash_while_writing_leaves_the_previous_journal_intact(monkeypatch):
    journal = Journal.open()
    journal.done("guest", "first", [])
    before = journal.path.read_text(encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", broken_replace)
    journal.steps["guest"].summary = "second"
    with pytest.raises(OSError):
        journal.save()
    monkeypatch.undo()
    assert journal.path.read_text(encoding="utf-8") == before
    assert [p.name for p in journal.path.parent.iterdir()] == [journal.path.name]  # no temporary file left


def test_an_unreadable_journal_is_set_aside_not_lost():
    path = journal_path()
    write_atomically(path, "{ not json")
    assert Journal.load() is None
    assert path.with_name(path.name + ".unreadable").read_text(encoding="utf-8") == "{ not json"
    assert not path.exists()
    write_atomically(path, json.dumps({"format": 99}))
    assert Journal.load() is None


def test_discard_forgets_the_run():
    journal = Journal.open()
    journal.done("guest", "", [])
    journal.discard()
    assert not journal.path.exists() and Journal.load() is None and journal.resume_step() is None
