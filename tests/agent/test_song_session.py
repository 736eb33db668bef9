"""A scripted song session through the agent (LocalPlanner + real tools): compose, many edits, undo,
redo, going back to a version, exports; every version is playable and matches what was asked."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from agent.agent import Agent
from tests.agent.conftest import song_project
from tools.audio.decode import decode_audio
from tools.generation.measure import measure_file, same_key
from tools.generation.render.fluid import check_fluidsynth

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(check_fluidsynth() is not None, reason=str(check_fluidsynth())),
]


def _playable(agent: Agent, session: str, turn) -> dict:  # type: ignore[no-untyped-def]
    assert turn.ok, turn.reply
    assert turn.current.kind == "audio"
    project = song_project(agent, session, turn.current.id)
    audio = decode_audio(Path(turn.current.path))
    bars = sum(s["bars"] for s in project["sections"])
    num, den = project["meter"]
    expected = bars * num * 4 / den * 60 / project["tempo_bpm"] + project["tail_s"]
    assert abs(audio.duration_s - expected) <= 1.0
    assert float(abs(audio.samples).max()) > 0.1  # not silent
    return project


def test_ten_turn_song_session(agent: Agent, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_SONG_CHECK", "0")  # measured below, where it matters
    s = "song"
    t1 = agent.turn("Write a 24 second piano ballad in D minor at 72 BPM", s)
    assert [c.name for c in t1.tool_calls] == ["compose"]
    p1 = _playable(agent, s, t1)
    assert p1["tempo_bpm"] == 72 and (p1["key"], p1["mode"]) == ("D", "minor")
    assert "72 BPM" in t1.reply and "D minor" in t1.reply
    m1 = measure_file(t1.current.path)
    assert abs(m1.tempo_bpm - 72) <= 0.02 * 72 and same_key(m1.key, "D minor"), m1

    t2 = agent.turn("faster", s)
    p2 = _playable(agent, s, t2)
    assert [c.name for c in t2.tool_calls] == ["song_tempo"] and p2["tempo_bpm"] == pytest.approx(79.2)
    assert t2.current.parent == t1.current.id
    m2 = measure_file(t2.current.path)
    assert abs(m2.tempo_bpm - 79.2) <= 0.02 * 79.2, m2

    t3 = agent.turn("put it in A major", s)
    p3 = _playable(agent, s, t3)
    assert (p3["key"], p3["mode"]) == ("A", "major") and "A major" in t3.reply
    assert same_key(measure_file(t3.current.path).key, "A major")

    t4 = agent.turn("swap the piano for strings", s)
    p4 = _playable(agent, s, t4)
    assert {t["instrument"] for t in p4["tracks"]} == {"strings"}

    t5 = agent.turn("add drums", s)
    p5 = _playable(agent, s, t5)
    assert "drums" in {t["instrument"] for t in p5["tracks"]}

    first = p5["sections"][0]["name"]
    t6 = agent.turn(f"no drums in the {first}", s)
    p6 = _playable(agent, s, t6)
    assert next(t for t in p6["tracks"] if t["instrument"] == "drums")["muted_sections"] == [first]

    t7 = agent.turn("make the chorus longer", s)
    p7 = _playable(agent, s, t7)
    bars = lambda p: {x["name"]: x["bars"] for x in p["sections"]}  # noqa: E731
    assert bars(p7)["chorus"] > bars(p6)["chorus"]

    t8 = agent.turn("louder drums", s)
    p8 = _playable(agent, s, t8)
    gain = lambda p: next(t for t in p["tracks"] if t["instrument"] == "drums")["mix"]["gain_db"]  # noqa: E731
    assert gain(p8) == pytest.approx(gain(p7) + 3)

    t9 = agent.turn("undo", s)
    assert t9.current.id == t7.current.id
    t10 = agent.turn("redo", s)
    assert t10.current.id == t8.current.id
    t11 = agent.turn(f"go back to version {t4.current.version}", s)
    assert t11.current.id == t4.current.id

    t12 = agent.turn("export stems, midi, musicxml and lrc", s)
    assert t12.ok and [c.name for c in t12.tool_calls] == ["song_export"], t12.reply
    out = t12.tool_calls[0].output
    assert out is not None
    files = out["files"]
    assert {"midi", "musicxml"} <= set(files) and any(k.startswith("stem:") for k in files)
    assert "stem:strings" in files  # the version we went back to: strings, no drums
    assert not any(k == "stem:drums" for k in files)
    with zipfile.ZipFile(out["zip"]) as zf:
        assert "song.mid" in zf.namelist() and "song.musicxml" in zf.namelist()
    assert t12.current.id == t4.current.id  # exporting changes nothing


def test_bad_song_requests_get_clear_replies(agent: Agent, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_SONG_CHECK", "0")
    r = agent.turn("undo", "bad")
    assert not r.ok and "nothing" in r.reply.lower()
    r = agent.turn("faster", "bad")
    assert not r.ok
    r = agent.turn("write a 6 second pop song at 3000 BPM", "bad")
    assert r.ok and "240" in r.reply and "3000" in r.reply
    r = agent.turn("swap the kazoo for strings", "bad")
    assert not r.ok and "kazoo" in r.reply


def _notes_outside(project: dict, lo: float, hi: float) -> dict[str, list[dict]]:
    return {t["name"]: [n for n in t["notes"] if not lo <= n["start"] < hi] for t in project["tracks"]}


def _melody_pitches(project: dict) -> list[int]:
    track = next(t for t in project["tracks"] if t["role"] in ("melody", "lead_vocal"))
    return [n["pitch"] for n in track["notes"]]


def test_form_style_and_reference_session(
    agent: Agent, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Sections added, written again, swapped, removed; the song extended, restyled, compared, made
    like a reference; undo/redo; bad requests change nothing; exports of the last version."""
    monkeypatch.setenv("BANDLEADER_SONG_CHECK", "0")
    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(tmp_path / "features"))
    s = "form"
    names = lambda p: [x["name"] for x in p["sections"]]  # noqa: E731
    t1 = agent.turn(
        "Write a 16 second pop song in A major at 120 BPM with piano, bass and drums about a road trip", s
    )
    p1 = _playable(agent, s, t1)
    assert names(p1) == ["verse", "chorus"] and p1["tempo_bpm"] == 120 and p1["lyrics"]

    t2 = agent.turn("add a 4 bar bridge after the chorus", s)
    p2 = _playable(agent, s, t2)
    assert [c.name for c in t2.tool_calls] == ["song_add_section"]
    assert names(p2) == ["verse", "chorus", "bridge"] and p2["sections"][2]["bars"] == 4
    assert "bridge" in t2.reply

    t3 = agent.turn("redo bars 3-4", s)
    p3 = _playable(agent, s, t3)
    assert [c.name for c in t3.tool_calls] == ["song_inpaint"]
    lo, hi = 2 * 4.0, 4 * 4.0
    assert _notes_outside(p3, lo, hi) == _notes_outside(p2, lo, hi)  # bit-identical outside bars 3-4
    assert _melody_pitches(p3) != _melody_pitches(p2)

    t4 = agent.turn("swap the verse and the chorus", s)
    p4 = _playable(agent, s, t4)
    assert names(p4) == ["chorus", "verse", "bridge"]

    t5 = agent.turn("drop the bridge", s)
    p5 = _playable(agent, s, t5)
    assert [c.name for c in t5.tool_calls] == ["song_remove_section"] and names(p5) == ["chorus", "verse"]

    t6 = agent.turn("make it 8 seconds longer", s)
    p6 = _playable(agent, s, t6)
    assert [c.name for c in t6.tool_calls] == ["song_extend"]
    assert t6.tool_calls[0].output["duration_s"] == pytest.approx(16 + 8, abs=1.0)
    assert len(p6["sections"]) > len(p5["sections"]) and p6["key"] == "A"

    t7 = agent.turn("make it jazz", s)
    p7 = _playable(agent, s, t7)
    assert [c.name for c in t7.tool_calls] == ["song_style"] and p7["style"] == "jazz"
    assert _melody_pitches(p7) == _melody_pitches(p6)  # the tune is kept
    assert {t["instrument"] for t in p7["tracks"] if t["role"] == "bass"} == {"upright bass"}
    assert {t["program"] for t in p7["tracks"] if t["role"] == "bass"} == {32}  # GM acoustic bass
    m7 = measure_file(t7.current.path)
    assert abs(m7.tempo_bpm - 120) <= 0.02 * 120, m7

    t8 = agent.turn("compare with the previous one", s)
    assert t8.ok and [c.name for c in t8.tool_calls] == ["song_compare"]
    assert "pop → jazz" in t8.reply and t8.current.id == t7.current.id  # comparing changes nothing

    t9 = agent.turn("undo", s)
    assert t9.current.id == t6.current.id
    t10 = agent.turn("redo", s)
    assert t10.current.id == t7.current.id

    # a reference track: a funk song in E minor at 100 BPM, written in another session and uploaded
    ref_turn = agent.turn("Write a 12 second funk song in E minor at 100 BPM", "reference")
    reference = tmp_path / "reference.wav"
    reference.write_bytes(Path(ref_turn.current.path).read_bytes())
    t11 = agent.turn("make it like this", s, attachments=[reference])
    assert [c.name for c in t11.tool_calls] == ["song_reference"], t11.reply
    p11 = _playable(agent, s, t11)
    assert (p11["key"], p11["mode"]) == ("E", "minor") and abs(p11["tempo_bpm"] - 100) <= 2
    assert p11["style"] == "jazz" and len(p11["sections"]) == len(p7["sections"])  # form and style kept
    assert "E minor" in t11.reply and "BPM" in t11.reply and "chords" in t11.reply
    m11 = measure_file(t11.current.path)
    assert abs(m11.tempo_bpm - p11["tempo_bpm"]) <= 0.02 * p11["tempo_bpm"], m11
    assert same_key(m11.key, "E minor"), m11

    t12 = agent.turn(f"what changed between version {t7.current.version} and {t11.current.version}", s)
    assert t12.ok and "A major → E minor" in t12.reply and "120 → " in t12.reply

    for bad, code_word in (
        ("remove the chorus 5", "only 2 choruses"),
        ("redo bars 90-95", "bars"),
        ("make it polka", "polka"),
    ):
        r = agent.turn(bad, s)
        assert not r.ok and code_word in r.reply and r.current.id == t11.current.id

    t13 = agent.turn("export stems, midi, musicxml and lrc", s)
    out = t13.tool_calls[0].output
    assert t13.ok and out is not None and {"midi", "musicxml", "lrc"} <= set(out["files"])
    lrc = Path(out["files"]["lrc"]).read_text()
    sung = {x["section"] for x in p11["lyrics"]}
    assert sung and sung <= set(names(p11))  # lyrics follow the renamed, moved and added sections
    assert lrc.count("\n[0") >= len(sung)  # a timed line (at least) for every sung section
    assert "stem:upright bass" in out["files"] and "stem:drums" in out["files"]


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "add a bridge after the second chorus",
            "song_add_section",
            {"section": "bridge", "after": "second chorus"},
        ),
        ("add an intro", "song_add_section", {"section": "intro"}),
        ("drop the second verse", "song_remove_section", {"section": "second verse"}),
        (
            "move the bridge before the last chorus",
            "song_move_section",
            {"section": "bridge", "before": "last chorus"},
        ),
        ("swap verse 2 and the chorus", "song_move_section", {"section": "verse 2", "swap_with": "chorus"}),
        ("make it 30 seconds longer", "song_extend", {"seconds": 30.0}),
        ("continue the song", "song_extend", {}),
        ("redo bars 5-8", "song_inpaint", {"first_bar": 5, "last_bar": 8}),
        ("new melody in bars 9 to 12", "song_inpaint", {"first_bar": 9, "last_bar": 12, "parts": ["melody"]}),
        ("make it jazz", "song_style", {"style": "jazz"}),
        ("as a bossa nova", "song_style", {"style": "bossa nova"}),
        ("make it like this", "song_reference", {}),
        ("what changed between version 3 and 5", "song_compare", {"a": "version:3", "b": "version:5"}),
        ("compare with the previous one", "song_compare", {"a": "previous"}),
        ("drop the pad", "song_instrument", {"instrument": "pad", "action": "remove"}),
        (
            "add 4 bars to the chorus",
            "song_section",
            {"section": "chorus", "change_bars": 4, "direction": "longer"},
        ),
    ],
)
def test_form_requests_are_understood(text: str, tool: str, args: dict) -> None:
    from agent.planners.local import default_local_planner

    understood = default_local_planner().understand(text)
    assert [u.intent.tool for u in understood] == [tool]
    assert understood[0].arguments == args
