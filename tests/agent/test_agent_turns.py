"""Whole turns through the LangGraph graph with the LocalPlanner and the real tools."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from agent.agent import Agent
from tests.agent.conftest import write_song
from tools.audio.decode import decode_audio
from tools.audio.loudness import integrated_loudness_lufs
from tools.registry import get_tool


def _lufs(path: str) -> float:
    return integrated_loudness_lufs(decode_audio(Path(path)))


def _files_intact(agent: Agent, session: str) -> list[str]:
    history = agent.open_session(session).history()
    assert all(Path(a.path).is_file() for a in history)
    return [a.id for a in history]


def test_normalise_then_undo_then_redo(agent: Agent, song: Path) -> None:
    r1 = agent.turn("normalise this to -14 LUFS", "s1", [song])
    assert r1.ok, r1.reply
    assert [c.name for c in r1.tool_calls] == ["normalize_loudness"]
    assert r1.tool_calls[0].arguments["target_lufs"] == -14
    assert abs(_lufs(r1.current.path) - -14.0) <= 0.5
    assert r1.current.parent == r1.attachments[0].id
    assert "-14" in r1.reply

    r2 = agent.turn("undo", "s1")
    assert r2.ok and r2.current.id == r1.attachments[0].id
    r3 = agent.turn("redo", "s1")
    assert r3.current.id == r1.current.id
    assert len(agent.open_session("s1").history()) == 2


def test_two_intents_become_ordered_dependent_calls(agent: Agent, song: Path) -> None:
    r = agent.turn("trim to 2 s and make it 6 dB louder", "s2", [song])
    assert r.ok, r.reply
    assert [c.name for c in r.tool_calls] == ["trim", "gain"]
    assert r.tool_calls[1].arguments["gain_db"] == 6.0
    trimmed, louder = r.artifacts[-2:]
    assert louder.parent == trimmed.id
    assert decode_audio(Path(louder.path)).duration_s == pytest.approx(2.0, abs=0.01)
    before = _lufs(trimmed.path)
    assert _lufs(louder.path) - before == pytest.approx(6.0, abs=0.3)


def test_fade_in_and_out_is_one_call(agent: Agent, song: Path) -> None:
    r = agent.turn("fade in 1 s and out 2 s", "s3", [song])
    assert [c.name for c in r.tool_calls] == ["fade"]
    assert r.tool_calls[0].arguments["fade_in_s"] == 1.0
    assert r.tool_calls[0].arguments["fade_out_s"] == 2.0
    audio = decode_audio(Path(r.current.path))
    head = np.abs(audio.samples[:, :100]).max()
    assert head < 0.01


def test_missing_argument_becomes_a_question_answered_next_turn(agent: Agent, song: Path) -> None:
    r1 = agent.turn("trim it", "s4", [song])
    assert r1.tool_calls == [] and "how long" in r1.reply.lower()
    r2 = agent.turn("3 seconds", "s4")
    assert [c.name for c in r2.tool_calls] == ["trim"]
    assert decode_audio(Path(r2.current.path)).duration_s == pytest.approx(3.0, abs=0.01)


def test_silence_at_the_edges_is_cut_in_a_stranger_s_words(agent: Agent, song: Path, tmp_path: Path) -> None:
    import soundfile as sf

    audio = decode_audio(song)
    sr = audio.sample_rate
    quiet = np.zeros((audio.channels, int(1.5 * sr)), dtype=np.float32)
    padded = np.concatenate([quiet, audio.samples, quiet], axis=1)  # 1.5 s of silence on each side
    take = tmp_path / "voice memo.wav"
    sf.write(take, padded.T, sr, subtype="PCM_16")
    r = agent.turn("theres dead air at the start and the end, can u get rid of it", "s9", [take])
    assert r.ok, r.reply
    assert [c.name for c in r.tool_calls] == ["trim"] and r.tool_calls[0].arguments["silence"] == "both"
    kept = decode_audio(Path(r.current.path))
    assert kept.duration_s == pytest.approx(audio.duration_s + 0.2, abs=0.15)  # 0.1 s kept at each cut
    assert "Cut the silence" in r.reply and "from the start" in r.reply and "from the end" in r.reply


def test_version_references(agent: Agent, song: Path) -> None:
    agent.turn("normalise to -20 LUFS", "s5", [song])
    agent.turn("make it 2 dB quieter", "s5")
    r = agent.turn("go back to version 2", "s5")
    assert r.current.version == 2
    r = agent.turn("use the original", "s5")
    assert r.current.version == 1
    r = agent.turn("normalise the original to -16 LUFS", "s5")
    assert r.current.parent == agent.open_session("s5").resolve("version:1").id
    listing = agent.turn("list the versions", "s5")
    assert "4 versions" in listing.reply


def test_upload_without_instructions_is_described(agent: Agent, song: Path, tmp_path: Path) -> None:
    other = write_song(tmp_path / "other.wav", seconds=2.0)
    r = agent.turn("", "s6", [song, other])
    assert [c.name for c in r.tool_calls] == ["describe_audio", "describe_audio"]
    assert "0:04" in r.reply and "0:02" in r.reply


def test_nonsense_gets_a_clear_answer_and_the_session_goes_on(agent: Agent, song: Path) -> None:
    agent.turn("normalise to -14 LUFS", "s7", [song])
    before = _files_intact(agent, "s7")
    r = agent.turn("purple monkey dishwasher quantum", "s7")
    assert not r.ok and "didn't understand" in r.reply
    assert _files_intact(agent, "s7") == before
    assert agent.turn("undo", "s7").ok


@pytest.mark.parametrize(
    ("name", "content", "code_words"),
    [
        ("empty.wav", b"", "empty"),
        ("notes.mp3", b"these are my lyrics, not audio\n" * 20, "audio"),
        ("random.flac", os.urandom(4096), ""),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_lost(
    agent: Agent, song: Path, tmp_path: Path, name: str, content: bytes, code_words: str
) -> None:
    agent.turn("normalise to -14 LUFS", "s8", [song])
    before = _files_intact(agent, "s8")
    current = agent.open_session("s8").current()
    bad = tmp_path / name
    bad.write_bytes(content)
    r = agent.turn("make it louder", "s8", [bad])
    assert not r.ok
    assert r.tool_calls == []  # nothing ran on the previous track by mistake
    assert name in r.reply and code_words in r.reply.lower()
    assert _files_intact(agent, "s8") == before
    assert agent.open_session("s8").current() == current


def test_huge_upload_is_refused(agent: Agent, song: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_MAX_UPLOAD_MB", "0.01")
    r = agent.turn("normalise", "s9", [song])
    assert not r.ok and "limit" in r.reply


def test_silent_file_cannot_be_normalised(agent: Agent, tmp_path: Path) -> None:
    import soundfile as sf

    silent = tmp_path / "silence.wav"
    sf.write(silent, np.zeros((44100, 2), dtype=np.float32), 44100)
    r = agent.turn("normalise to -14 LUFS", "s10", [silent])
    assert not r.ok and "silent" in r.reply.lower()
    assert r.current.label == "silence.wav"


def test_a_tool_crash_mid_plan_keeps_earlier_steps(
    agent: Agent, song: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(get_tool("gain"), "run", boom)
    r = agent.turn("trim to 2 s and make it 3 dB louder", "s11", [song])
    assert not r.ok
    assert [c.ok for c in r.tool_calls] == [True, False]
    assert "failed unexpectedly" in r.reply and "simulated crash" in r.reply
    assert r.current.label.startswith("trim")
    assert agent.turn("undo", "s11").ok


def test_a_path_is_never_taken_as_an_artifact(agent: Agent, song: Path) -> None:
    from agent.executor import InProcessExecutor
    from agent.plan import ToolCall

    agent.turn("normalise to -14 LUFS", "s12", [song])
    ws = agent.open_session("s12")
    for ref in ("/etc/passwd", str(song), "../../song.wav"):
        res = InProcessExecutor().call(
            ToolCall(id="x", tool="gain", arguments={"audio": ref, "gain_db": 1}), ws
        )
        assert not res.ok and res.error_code == "not_an_artifact", ref


def test_progress_events_stream_in_order(agent: Agent, song: Path) -> None:
    from agent.agent import TurnStarted
    from agent.executor import ToolEvent

    items = list(agent.stream_turn("normalise to -14 LUFS", "s13", [song]))
    started = items[0]  # before any tool runs, the upload is already a saved version
    assert isinstance(started, TurnStarted) and started.session == "s13"
    assert [a.label for a in started.attachments] == [song.name] and started.attachment_errors == []
    events = [i for i in items if isinstance(i, ToolEvent)]
    assert events[0].type == "started" and events[-1].type == "finished"
    assert any(e.type == "progress" for e in events)
