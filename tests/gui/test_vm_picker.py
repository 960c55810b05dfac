"""The VM picker: its rows, the pick kept by name across refills, and what `follow` changes."""

from __future__ import annotations

from dataclasses import replace

from core.sim.model import GB
from gui.vm_picker import VmPicker
from tests.core.test_vm_readiness import ready_vm

LAB, DEV, WEB = (
    ready_vm(name="Lab"),
    ready_vm(name="Dev", state="Running", dynamic_memory=True, memory_startup=2 * GB, expose_extensions=False),
    ready_vm(name="Web"),
)


def picker(qtbot, **options: bool) -> tuple[VmPicker, list[str]]:
    widget = VmPicker(**options)
    qtbot.addWidget(widget)
    chosen: list[str] = []
    widget.chosen.connect(chosen.append)
    return widget, chosen


def rows(widget: VmPicker) -> list[list[str]]:
    return [
        [widget.topLevelItem(i).text(c) for c in range(widget.columnCount())] for i in range(widget.topLevelItemCount())
    ]


def test_rows_and_the_nesting_column(qtbot) -> None:
    plain, _ = picker(qtbot)
    plain.fill([LAB, DEV], None)
    assert rows(plain) == [["Lab", "Off", "2", "10.0", "8 GB"], ["Dev", "Running", "2", "10.0", "2 GB (dynamic)"]]
    nesting, _ = picker(qtbot, nesting_column=True)
    nesting.fill([LAB, DEV], None)
    assert [row[5] for row in rows(nesting)] == ["exposed", "off"]
    assert nesting.headerItem().text(5) == "Nesting"


def test_the_users_pick_outlasts_a_refill_and_wanted_stands_in_for_none(qtbot) -> None:
    widget, chosen = picker(qtbot)
    widget.fill([LAB, DEV], "Nobody")
    assert widget.selected() is None and chosen == []
    widget.fill([LAB, DEV], "Dev")
    assert widget.selected() == DEV and chosen == ["Dev"]
    widget.setCurrentItem(widget.topLevelItem(0))
    assert chosen == ["Dev", "Lab"]
    refreshed = replace(LAB, expose_extensions=False)
    widget.fill([DEV, refreshed, WEB], "Dev")
    assert widget.selected() == refreshed and chosen == ["Dev", "Lab"]  # the same VM read again: no new pick
    widget.fill([DEV, WEB], "Web")
    assert widget.selected() == WEB and chosen == ["Dev", "Lab", "Web"]
    widget.fill([], "Web")
    assert widget.selected() is None


def test_follow_picks_wanted_over_the_current_one_else_the_first(qtbot) -> None:
    widget, chosen = picker(qtbot, follow=True)
    widget.fill([LAB, DEV], None)
    assert widget.selected() == LAB and chosen == ["Lab"]
    widget.fill([LAB, DEV], "Dev")  # another page chose Dev meanwhile
    assert widget.selected() == DEV and chosen == ["Lab", "Dev"]
    widget.fill([WEB, LAB], "Dev")
    assert widget.selected() == WEB and chosen == ["Lab", "Dev", "Web"]
