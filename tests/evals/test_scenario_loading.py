"""Scenario files: the documented format loads; bad files are refused with file:line messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.loader import ScenarioError, load_scenario, load_scenarios, scenario_files
from evals.scenario import Near

SCENARIOS = Path(__file__).resolve().parents[2] / "evals" / "scenarios"

FULL = """\
id: full-example
tags: [edit, generation]
turns:
  - user: "Write a 40 second piano ballad in D minor at 72 BPM"
    attach: []
    expect:
      ok: true
      tools: {include: [trim], exclude: [fade], args: {normalize_loudness: {target_lufs: -14}}}
      reply:
        contains_any: ["D minor"]
        contains_all: []
        not_contains: ["error"]
        regex: "7[0-4] ?BPM"
        number: {near: 72, tol_pct: 3}
      artifact:
        kind: audio
        duration_s: {near: 40, tol: 1}
        tempo_bpm: {near_from: {file: truth.json, field: tempo_bpm}, tol_pct: 2}
        key: "D minor"
        loudness_lufs: {near: -14, tol: 1}
        stems: [piano]
        streams: [video, audio]
        new: true
      state:
        versions: {min: 1}
        current_is_turn: 1
  - user: "undo"
    attach: [song.wav]
    expect:
      state: {versions: 2, current_version: 1, current_is_turn: 1}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "truth.json").write_text(json.dumps({"tempo_bpm": 72.5, "meta": {"key": "D minor"}}))
    (tmp_path / "song.wav").write_bytes(b"RIFF")
    return tmp_path


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return info.value.problems


def test_the_documented_format_loads_with_every_key(folder: Path) -> None:
    loaded = load_scenario(write(folder, "full.yaml", FULL))
    s = loaded.scenario
    assert s.id == "full-example" and s.tags == ["edit", "generation"] and len(s.turns) == 2
    e = s.turns[0].expect
    assert e is not None and e.ok is True
    assert e.tools.include == ["trim"] and e.tools.exclude == ["fade"]
    assert e.tools.args == {"normalize_loudness": {"target_lufs": -14}}
    assert e.reply.number.target == 72 and e.reply.number.band == pytest.approx(2.16)
    assert e.artifact.tempo_bpm.target == 72.5  # read from the sidecar
    assert e.artifact.key.target == "D minor"
    assert e.artifact.streams == ["video", "audio"] and e.artifact.stems == ["piano"]
    assert e.state.versions.min == 1 and e.state.current_is_turn == 1
    second = s.turns[1].expect.state
    assert second.versions.equals == 2 and second.current_version == 1
    assert loaded.base_dir == folder.resolve()


def test_bundled_scenarios_load() -> None:
    loaded = load_scenarios([SCENARIOS])
    ids = {item.scenario.id for item in loaded}
    assert {"edit-session", "multi-intent", "clarifying-question", "bad-input", "nonsense", "describe"} <= ids
    assert all(item.path.suffix == ".yaml" for item in loaded)


def test_folders_skip_media(folder: Path) -> None:
    (folder / "media").mkdir()
    write(folder / "media", "sidecar.yaml", "tempo: 1\n")
    write(folder, "a.yaml", "id: a\nturns: [{user: hi}]\n")
    assert [p.name for p in scenario_files([folder])] == ["a.yaml"]


def test_unknown_tool_names_are_refused_at_their_line(folder: Path) -> None:
    text = FULL.replace("include: [trim]", "include: [trim, levitate]")
    [msg] = problems(write(folder, "bad.yaml", text))
    assert msg.startswith(f"{folder / 'bad.yaml'}:8:")
    assert "turns[0].expect.tools.include[1]" in msg and "unknown tool 'levitate'" in msg
    assert "normalize_loudness" in msg  # lists the registered tools


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("exclude: [fade]", "exclude: [levitate]", 8, "unknown tool 'levitate'"),
        ("{normalize_loudness: {target", "{levitate: {target", 8, "unknown tool 'levitate'"),
        ("target_lufs: -14", "target_lufx: -14", 8, "no argument 'target_lufx'"),
        ("{near: 40, tol: 1}", "{near: 40}", 17, "give a tolerance"),
        ("{near: 40, tol: 1}", "{near: 40, tol: -1}", 17, "greater than or equal to 0"),
        (
            "{near: 40, tol: 1}",
            "{near: 40, near_from: {file: truth.json, field: x}, tol: 1}",
            17,
            "exactly one",
        ),
        ("field: tempo_bpm", "field: tempo", 18, "has no field 'tempo'"),
        ("file: truth.json", "file: nothing.json", 18, "does not exist"),
        ('key: "D minor"', "key: 12", 19, "key"),
        ('regex: "7[0-4] ?BPM"', 'regex: "7[0-4 ?BPM"', 13, "not a valid regular expression"),
        ("kind: audio", "kind: podcast", 16, "kind"),
        ("new: true", "new: truee", 23, "new"),
        ("        stems: [piano]\n", "        stemz: [piano]\n", 21, "stemz"),
        ("current_is_turn: 1\n  - user", "current_is_turn: 2\n  - user", 26, "not a later one"),
        ("attach: [song.wav]", "attach: [missing.wav]", 28, "'missing.wav' does not exist"),
        ("versions: 2,", "versions: {},", 30, "give 'min', 'max' and/or 'equals'"),
    ],
)
def test_mistakes_point_at_their_line(folder: Path, old: str, new: str, line: int, words: str) -> None:
    assert old in FULL
    msgs = problems(write(folder, "bad.yaml", FULL.replace(old, new)))
    assert any(m.startswith(f"{folder / 'bad.yaml'}:{line}:") and words in m for m in msgs), msgs


def test_yaml_syntax_errors_have_a_line(folder: Path) -> None:
    [msg] = problems(write(folder, "broken.yaml", "id: x\nturns:\n  - user: 'unclosed\n    attach: [\n"))
    assert msg.startswith(f"{folder / 'broken.yaml'}:") and "invalid YAML" in msg


def test_one_scenario_per_file(folder: Path) -> None:
    msgs = problems(
        write(folder, "two.yaml", "id: a\nturns: [{user: hi}]\n---\nid: b\nturns: [{user: hi}]\n")
    )
    assert msgs[0].startswith(f"{folder / 'two.yaml'}:3:1: invalid YAML") and "another document" in msgs[0]
    msgs = problems(write(folder, "list.yaml", "- id: a\n"))
    assert "one mapping" in msgs[0]


def test_duplicate_keys_and_missing_fields(folder: Path) -> None:
    msgs = problems(write(folder, "dup.yaml", "id: a\nid: b\nturns: [{user: hi}]\n"))
    assert any(":2:1: id: duplicate key 'id'" in m for m in msgs)
    msgs = problems(write(folder, "noturns.yaml", "id: a\ntags: [x]\n"))
    assert any(":1:1: turns: Field required" in m for m in msgs)
    msgs = problems(write(folder, "badid.yaml", "id: 'no spaces'\nturns: [{user: hi}]\n"))
    assert any(":1:5: id:" in m for m in msgs)


def test_every_file_is_reported_and_ids_are_unique(folder: Path) -> None:
    write(folder, "a.yaml", "id: same\nturns: [{user: hi}]\n")
    write(folder, "b.yaml", "id: same\nturns: [{user: hi}]\n")
    write(folder, "c.yaml", "id: c\nturns: [{user: hi, expect: {tools: {include: [nope]}}}]\n")
    with pytest.raises(ScenarioError) as info:
        load_scenarios([folder, folder / "missing.yaml"])
    text = str(info.value)
    assert "missing.yaml: no such file or folder" in text
    assert "id 'same' is already used" in text
    assert "c.yaml:2:" in text and "unknown tool 'nope'" in text


def test_near_tolerances() -> None:
    near = Near(near=72, tol_pct=2)
    assert near.holds(73.44) and not near.holds(73.5) and not near.holds(float("nan"))
    both = Near(near=-14, tol=0.5, tol_pct=10)  # the wider band (1.4) applies
    assert both.holds(-15.3) and not both.holds(-15.5)
    assert Near(near=0, tol=0).holds(0.0)
    unresolved = Near(near_from={"file": "x.json", "field": "y"}, tol=1)  # built in code: no folder
    with pytest.raises(ValueError, match="not resolved"):
        unresolved.holds(1.0)
