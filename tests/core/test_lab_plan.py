"""The lab plan file: any typed value round-trips, every mistake in a file gets its sentence, format 1 still loads,
impossible values are named, and saving never leaves half a file."""

from __future__ import annotations

import json
import os
from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.lab.plan import (
    FORMAT,
    KIND,
    GuestPlan,
    LabPlan,
    NestingPlan,
    OuterPlan,
    PlanFileError,
    TargetPlan,
    as_dict,
    dumps,
    from_dict,
    load,
    loads,
    problems,
    save,
)
from core.provision.inner import InnerVmPlan
from core.provision.network import MODES, NetworkPlan
from core.provision.outer import GB, OuterVmOptions

DATA = Path(__file__).resolve().parents[1] / "data" / "plans"
TYPED = [
    "it's",
    "‘curly’ ‚low‛",
    '"double"',
    '"""',
    "'''",
    "back\\slash\\",
    "C:\\VMs\\",
    "line\nbreak",
    "cr\r\nlf",
    "tab\there",
    "# not a comment",
    "a = 1",
    "[outer]",
    "Лаборатория",
    "实验室",
    "😀",
    "\x00nul",
    "\x7fdel",
    "",
]
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
ascii_text = st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=20)
BY_TYPE = {str: text, int: st.integers(-(2**63), 2**63 - 1), bool: st.booleans()}


def built(cls, **overrides):
    """Any instance of a flat dataclass: each field drawn by the type of its default."""
    default = cls()
    drawn = {f.name: BY_TYPE[type(getattr(default, f.name))] for f in fields(cls)}
    return st.builds(cls, **{**drawn, **overrides})


plans = st.builds(
    LabPlan,
    name=text,
    target=built(TargetPlan),
    outer=st.builds(OuterPlan, text, built(OuterVmOptions)),
    nesting=built(NestingPlan),
    guest=built(GuestPlan),
    inner=built(InnerVmPlan),
    network=built(NetworkPlan, mode=st.sampled_from(MODES), switch_name=ascii_text, prefix=ascii_text, dns=ascii_text),
)


def everywhere(value: str) -> LabPlan:
    """`value` in every text setting a user can type."""
    options = replace(
        OuterVmOptions(), name=value, location=value, vhd_path=value, iso_path=value, switch_name=value, version=value
    )
    return LabPlan(
        name=value,
        target=TargetPlan(
            profile=value, host=value, user=value, ca_file=value, certificate_pem=value, certificate_key_pem=value
        ),
        outer=OuterPlan(value, options),
        guest=GuestPlan(user=value),
        inner=InnerVmPlan(name=value, iso_path=value),
    )


def refused(text_: str) -> str:
    with pytest.raises(PlanFileError) as caught:
        loads(text_)
    return caught.value.message


LAB = f'format = {FORMAT}\nkind = "{KIND}"\n'


# ------------------------------------------------------------------ round trips
@settings(max_examples=300, deadline=None)
@given(plans)
def test_any_plan_round_trips(plan):
    assert loads(dumps(plan)) == plan
    assert from_dict(as_dict(plan)) == plan
    assert from_dict(json.loads(json.dumps(as_dict(plan)))) == plan  # as the journal keeps it


@pytest.mark.parametrize("value", TYPED)
def test_typed_values_round_trip(value):
    assert loads(dumps(everywhere(value))) == everywhere(value)


def test_the_file_says_what_it_is_and_has_one_table_per_part():
    written = dumps(LabPlan())
    assert written.startswith("# NestWiz lab plan") and "nestwiz lab run THIS.toml" in written
    assert "password" not in written.replace("never holds a password", "")
    tables = [line for line in written.splitlines() if line.startswith("[")]
    assert tables == ["[target]", "[outer]", "[nesting]", "[guest]", "[network]", "[inner]"]
    outer = written.split("[outer]\n")[1].split("\n\n")[0].splitlines()
    assert [line.split(" = ")[0] for line in outer] == ["mode", *(f.name for f in fields(OuterVmOptions))]
    assert written.split("\n\n")[1].splitlines() == ["format = 2", 'kind = "nestwiz-lab"', 'name = "NestWiz lab"']


def test_missing_tables_and_keys_take_their_defaults():
    assert loads(LAB) == LabPlan()
    assert loads(LAB + "[inner]\nname = 'X'\n[outer]\nprocessors = 4\n") == LabPlan(
        outer=OuterPlan(options=replace(OuterVmOptions(), processors=4)), inner=InnerVmPlan(name="X")
    )


def test_a_lone_surrogate_is_refused_with_a_sentence(tmp_path):
    plan = LabPlan(outer=OuterPlan(options=replace(OuterVmOptions(), vhd_path="C:\\\ud800.vhdx")))
    with pytest.raises(PlanFileError) as caught:
        dumps(plan)
    assert caught.value.message == (
        "In [outer], 'vhd_path' holds a character that cannot be saved in a file (a lone "
        "surrogate); type that value again."
    )
    with pytest.raises(PlanFileError, match="At the top of this plan file, 'name' holds"):
        save(tmp_path / "plan.toml", LabPlan(name="\udfff"))
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ files on disk
def test_save_and_load(tmp_path):
    path = tmp_path / "lab.toml"
    save(path, everywhere("Лаб 'x' \"y\" $z"))
    assert load(path) == everywhere("Лаб 'x' \"y\" $z")
    assert [p.name for p in tmp_path.iterdir()] == ["lab.toml"]


def test_a_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    written = dumps(everywhere("Лаб"))
    assert loads("\ufeff" + written) == everywhere("Лаб")
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + written.replace("\n", "\r\n").encode("utf-8"))
    assert load(path) == everywhere("Лаб")


def test_a_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "lab.toml"
    save(path, LabPlan(name="first"))
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(PlanFileError) as caught:
        save(path, LabPlan(name="second"))
    monkeypatch.undo()
    assert caught.value.message == f"NestWiz cannot save the plan file {path}: No space left on device."
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["lab.toml"]  # no temporary file left


def test_unreadable_files_name_their_path(tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(PlanFileError) as caught:
        load(missing)
    assert caught.value.message == f"NestWiz cannot read the plan file {missing}: No such file or directory."
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(LAB.encode() + "name = 'Café'\n".encode("latin-1"))
    with pytest.raises(PlanFileError) as caught:
        load(latin1)
    position = len(LAB) + len("name = 'Caf")
    assert caught.value.message == (
        f"NestWiz cannot read the plan file {latin1}: it is not UTF-8 text (byte {position})."
    )
    with pytest.raises(PlanFileError) as caught:
        load(tmp_path)
    assert caught.value.message.startswith(f"NestWiz cannot read the plan file {tmp_path}: ")


# ------------------------------------------------------------------ mistakes in a file, each with its sentence
@pytest.mark.parametrize(
    ("text_", "sentence"),
    [
        (
            "this is = not toml =",
            "This plan file is not valid TOML: expected '=' after a key in a key/value pair (line 1).",
        ),
        (LAB + "name = = 1\n", "This plan file is not valid TOML: invalid value (line 3)."),
        (
            LAB + "[outer\n",
            "This plan file is not valid TOML: expected ']' at the end of a table declaration (line 3).",
        ),
        (LAB + '[inner]\nname = """open\n', "This plan file is not valid TOML: unterminated string (line 4)."),
        (
            'format = 2\nkind = "something-else"\n',
            "This file is not a NestWiz lab plan (its 'kind' is missing or different).",
        ),
        ("format = 2\n", "This file is not a NestWiz lab plan (its 'kind' is missing or different)."),
        (
            'format = 1\nkind = "nestwiz-lab"\n',
            "This file is not a NestWiz lab plan (its 'kind' does not match its format).",
        ),
        ('format = 9\nkind = "nestwiz-lab"\n', "This plan file has format 9; this NestWiz reads formats 1 and 2."),
        ('kind = "nestwiz-lab"\n', "This plan file has format None; this NestWiz reads formats 1 and 2."),
        ('format = "2"\nkind = "nestwiz-lab"\n', "This plan file has format '2'; this NestWiz reads formats 1 and 2."),
        (
            'format = true\nkind = "nestwiz-outer-vm"\n',
            "This plan file has format true; this NestWiz reads formats 1 and 2.",
        ),
        (LAB + "colour = 'red'\n[extra]\n", "At the top of this plan file, NestWiz does not know: colour, extra."),
        (LAB + "[outer]\ncolour = 'red'\n", "In [outer], NestWiz does not know: colour."),
        (LAB + "[target]\npassword = 'x'\nfoo = 1\n", "In [target], NestWiz does not know: foo, password."),
        (LAB + "[inner]\nmemory = 'lots'\n", "In [inner], 'memory' should be a whole number, not 'lots'."),
        (LAB + "[outer]\ntpm = 1\n", "In [outer], 'tpm' should be true or false, not 1."),
        (LAB + "[target]\nport = true\n", "In [target], 'port' should be a whole number, not true."),
        (LAB + "[guest]\nuser = 7\n", "In [guest], 'user' should be text in quotes, not 7."),
        (LAB + "[nesting]\nmethod = ['direct']\n", "In [nesting], 'method' should be text in quotes, not ['direct']."),
        (LAB + "name = 3\n", "At the top of this plan file, 'name' should be text in quotes, not 3."),
        (LAB + "inner = 'X'\n", "At the top of this plan file, 'inner' should be a table ([inner]), not 'X'."),
        (LAB + "[network]\nmode = 'wifi'\n", "In [network], 'mode' should be 'nat' or 'bridge', not 'wifi'."),
        (
            LAB + "[network]\nswitch_name = 'Réseau'\n",
            "In [network], 'switch_name' should be plain ASCII text, not 'Réseau'.",
        ),
    ],
)
def test_each_mistake_has_its_sentence(text_, sentence):
    assert refused(text_) == sentence


def test_from_dict_checks_as_a_file_does():
    data = as_dict(LabPlan())
    data["inner"]["memory"] = "lots"
    with pytest.raises(PlanFileError, match=r"In \[inner\], 'memory' should be a whole number, not 'lots'\."):
        from_dict(data)


# ------------------------------------------------------------------ format 1: outer-VM plans of NestWiz 0.1
def test_a_format_1_file_loads_as_a_lab_with_its_new_outer_vm():
    options = OuterVmOptions(
        name='Лаб ‘O’Brien’ "x" $y # z',
        location="C:\\VMs",
        processors=4,
        memory_bytes=8 * GB,
        vhd_path="C:\\VMs\\Lab\\Lab.vhdx",
        iso_path="C:\\ISO\\Server 2025.iso",
        switch_name="Default Switch",
        version="11.0",
        tpm=True,
    )
    assert load(DATA / "format1-saved-by-0.1.toml") == LabPlan(outer=OuterPlan("new", options))
    assert load(DATA / "format1-defaults.toml") == LabPlan()


def test_a_format_1_file_edited_in_notepad_loads(tmp_path):
    path = tmp_path / "old.toml"
    text_ = (DATA / "format1-saved-by-0.1.toml").read_text(encoding="utf-8")
    path.write_text(text_.replace("processors = 4", "processors = 6"), encoding="utf-8-sig", newline="\r\n")
    assert load(path).outer.options.processors == 6


FORMAT_1 = 'format = 1\nkind = "nestwiz-outer-vm"\n'


@pytest.mark.parametrize(
    ("text_", "sentence"),
    [
        (FORMAT_1, "This plan file has no [vm] table."),
        (FORMAT_1 + "vm = 3\n", "This plan file has no [vm] table."),
        (FORMAT_1 + "[vm]\nbogus = 1\n", "In [vm], NestWiz does not know: bogus."),
        (FORMAT_1 + "[vm]\nprocessors = '4'\n", "In [vm], 'processors' should be a whole number, not '4'."),
        (FORMAT_1 + "[vm]\ntpm = 1\n", "In [vm], 'tpm' should be true or false, not 1."),
        (FORMAT_1 + "[vm]\nmode = 'new'\n", "In [vm], NestWiz does not know: mode."),
        (FORMAT_1 + "[vm]\n[inner]\n", "At the top of this plan file, NestWiz does not know: inner."),
        (
            'format = 2\nkind = "nestwiz-outer-vm"\n[vm]\n',
            "This file is not a NestWiz lab plan (its 'kind' does not match its format).",
        ),
    ],
)
def test_format_1_mistakes_have_their_sentences(text_, sentence):
    assert refused(text_) == sentence


# ------------------------------------------------------------------ values that cannot work
GOOD = LabPlan(
    outer=OuterPlan(options=replace(OuterVmOptions(), vhd_path="C:\\VMs\\Lab.vhdx", iso_path="C:\\ISO\\Windows.iso"))
)


def test_a_new_vm_whose_os_is_to_be_installed_needs_an_iso():
    no_iso = replace(GOOD, outer=OuterPlan(options=replace(GOOD.outer.options, iso_path="")))
    assert problems(no_iso) == [
        "Outer VM: the new VM gets no installation ISO, so no Windows can be installed in it: "
        "set 'iso_path', or set 'install = false' in [guest] and install it yourself."
    ]
    assert problems(replace(no_iso, guest=GuestPlan(install=False))) == []


def test_a_good_plan_has_no_problems():
    assert problems(GOOD) == []
    assert problems(replace(GOOD, target=TargetPlan("remote", host="hv1", port=5986, auth="kerberos"))) == []
    assert problems(replace(GOOD, outer=OuterPlan("existing", replace(OuterVmOptions(), name="Lab")))) == []


@pytest.mark.parametrize(
    ("plan", "sentences"),
    [
        (
            replace(GOOD, target=TargetPlan(kind="cloud")),
            ["Target: 'kind' should be one of simulated, local, remote, not 'cloud'."],
        ),
        (
            replace(GOOD, target=TargetPlan(profile="C:\\profiles\\demo.toml")),
            ["Target: 'profile' names a simulated host's profile; it is not a path."],
        ),
        (
            replace(GOOD, target=TargetPlan("remote", port=70000, auth="digest")),
            [
                "Target: Name the remote Hyper-V host in 'host'.",
                "Target: 'port' should be 0 (the default) or a port from 1 to 65535.",
                "Target: 'auth' should be one of negotiate, kerberos, ntlm, credssp, basic, certificate, not 'digest'.",
            ],
        ),
        (
            replace(GOOD, outer=OuterPlan("adopt", GOOD.outer.options)),
            ["Outer VM: 'mode' should be one of new, existing, not 'adopt'."],
        ),
        (
            replace(GOOD, outer=OuterPlan(options=replace(GOOD.outer.options, processors=1, iso_path="C:\\a.img"))),
            ["Outer VM: Hyper-V inside the VM needs at least 2 virtual processors."],
        ),  # the .img warning does not block
        (
            replace(GOOD, outer=OuterPlan("existing", replace(OuterVmOptions(), name=" "))),
            ["Outer VM: Name the existing VM to prepare."],
        ),
        (
            replace(GOOD, nesting=NestingPlan(method="magic")),
            ["Nesting: 'method' should be one of direct, script, not 'magic'."],
        ),
        (replace(GOOD, guest=GuestPlan(user="")), ["Guest OS: Name the user NestWiz signs in as."]),
        (
            replace(GOOD, network=NetworkPlan(prefix="8.8.8.0/24", switch_name="")),
            [
                "Network: Name the inner VMs' virtual switch.",
                "Network: 8.8.8.0/24 is not a private network; use one such as 192.168.100.0/24.",
            ],
        ),
        (replace(GOOD, network=NetworkPlan(mode="bridge", prefix="")), []),  # a bridge has no prefix of its own
        (
            replace(GOOD, inner=InnerVmPlan(name="a/b", memory=0, disk_size=-1)),
            [
                'Inner VM: A VM name needs 1 to 100 characters, without \\ / : * ? " < > | and without leading or '
                "trailing spaces.",
                "Inner VM: 'memory' should be a size above zero, not 0.",
                "Inner VM: 'disk_size' should be a size above zero, not -1.",
            ],
        ),
    ],
)
def test_problems_name_what_cannot_work(plan, sentences):
    assert problems(plan) == sentences


def test_values_no_windows_can_take_are_problems():
    bad = replace(
        GOOD,
        guest=GuestPlan('Admin"\nistrator'),
        network=NetworkPlan(dns="1.1.1.1 & calc.exe"),
        inner=InnerVmPlan(disk_size=2**64, memory=2**63),
        outer=OuterPlan(options=replace(GOOD.outer.options, processors=2**63 - 1, location="C:\\VMs\nx")),
    )
    found = problems(bad)
    assert any("cannot be a Windows account name" in p for p in found)
    assert any("'dns' should be the IPv4 address" in p for p in found)
    assert any("'disk_size' is 18446744073709551616; Hyper-V allows at most" in p for p in found)
    assert any("'memory' is 9223372036854775808" in p for p in found)
    assert any("'processors' is 9223372036854775807; Hyper-V allows at most 240" in p for p in found)
    assert any("'location' holds a line break" in p for p in found)
    assert problems(replace(GOOD, guest=GuestPlan("LAB\\Administrator"))) == []
