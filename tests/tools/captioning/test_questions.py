"""answer_question and captions: answers quote measured values with times, and say when they can't tell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tools.conftest import MemoryStore
from tests.tools.understanding.signals import click_track, progression_midi, render
from tools.captioning.captions import Caption, compose_captions
from tools.captioning.questions import AnswerQuestion, answer, topics_of
from tools.understanding.analyze import Analyze
from tools.understanding.models import Segment, Tags
from tools.understanding.sheet import FeatureSheet


@pytest.fixture(autouse=True)
def _private_feature_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(tmp_path / "feature-cache"))


def _sheet(**update: object) -> FeatureSheet:
    base = FeatureSheet(
        sha256="0" * 64,
        source="song.wav",
        kind="audio",
        content="music",
        duration_s=150.0,
        tempo_bpm=96.0,
        tempo_confidence=0.95,
        tempo_alternatives=[48.0, 192.0],
        beats=[0.5, 1.125],
        downbeats=[0.5],
        meter="4/4",
        key="D minor",
        key_confidence=0.71,
        key_changes=[Segment(start=0, end=150, label="D minor", confidence=0.71)],
        chords=[
            Segment(start=0, end=24, label="D:min"),
            Segment(start=24, end=48, label="A#:maj"),
            Segment(start=48, end=80, label="F:maj"),
            Segment(start=80, end=112, label="C:maj"),
            Segment(start=112, end=150, label="D:min"),
        ],
        notes=[],
        melody=[],
        loudness_lufs=-11.5,
        loudness_range_lu=6.2,
        short_term_lufs=[-14.0] * 150,
        short_term_hop_s=1.0,
        sections=[
            Segment(start=0, end=16, label="intro"),
            Segment(start=16, end=48, label="verse"),
            Segment(start=48, end=80, label="chorus"),
            Segment(start=80, end=112, label="verse"),
            Segment(start=112, end=150, label="chorus"),
        ],
        tags=Tags(instruments=[], vocals=None, genre=[], mood=[], backend="test"),
        backends={"rhythm": "test"},
    )
    return base.model_copy(update=update)


def test_chorus_answer_has_its_times() -> None:
    text, topics, ok = answer("where does the chorus start?", [("song", _sheet())])
    assert text == "The chorus starts at 0:48 and returns at 1:52."
    assert topics == ["sections"] and ok


def test_key_and_tempo_in_one_question() -> None:
    text, _topics, ok = answer("what key is this in and how fast is it?", [("song", _sheet())])
    assert "D minor" in text and "96 BPM" in text and ok
    assert topics_of("what key is this in and how fast is it?") == ["key", "tempo"]


def test_beats_per_minute_is_a_tempo_question() -> None:
    text, topics, ok = answer("roughly how many beats per minute?", [("song", _sheet())])
    assert topics == ["tempo"] and "96 BPM" in text and ok
    assert topics_of("how many beats are there?") == ["beats"]


def test_low_key_confidence_says_i_cant_tell() -> None:
    text, _, ok = answer("what key is it in?", [("song", _sheet(key_confidence=0.12))])
    assert text.startswith("I can't tell the key") and "D minor" in text and not ok


def test_no_key_is_never_made_up() -> None:
    text, _, ok = answer(
        "what key is it in?", [("s", _sheet(key=None, key_confidence=0.0, remarks=["No clear key."]))]
    )
    assert "I can't tell the key" in text and "minor" not in text and not ok


def test_chords_in_the_verse_only() -> None:
    text, _, _ = answer("what are the chords in the verse?", [("song", _sheet())])
    assert (
        "verse (0:16–0:48)" in text
        and "Bb major (0:24)" in text
        and "A#" not in text
        and "C major" not in text
    )


def test_vocals_are_not_guessed() -> None:
    text, _, ok = answer("is there singing?", [("song", _sheet())])
    assert "can't tell" in text and not ok


def test_which_one_is_faster() -> None:
    text, _, ok = answer(
        "which one is faster?", [("slow.wav", _sheet()), ("fast.wav", _sheet(tempo_bpm=128.0))]
    )
    assert text == "“fast.wav” is faster: 128 BPM against 96 BPM." and ok


def test_captions_cover_every_section_with_times() -> None:
    caps = compose_captions(_sheet())
    assert "D minor" in caps.summary and "96 BPM" in caps.summary
    assert [(c.start, c.end) for c in caps.sections] == [(s.start, s.end) for s in _sheet().sections]
    assert caps.sections[2].caption.startswith("Chorus (0:48–1:20)")
    assert compose_captions(_sheet()) == caps  # deterministic


def test_tools_on_a_rendered_track(store: MemoryStore, call_tool: Callable, tmp_path: Path) -> None:
    midi, _ = progression_midi(tmp_path / "prog.mid")
    wav = render(midi, tmp_path / "prog.wav")
    store.import_file(wav, label="prog.wav")
    out = call_tool(Analyze, audio="current").output
    assert out.sheet.key == "C major" and out.sheet.tempo_bpm == pytest.approx(120, abs=2)
    ans = call_tool(AnswerQuestion, question="what key is this in and how fast is it?").output
    assert "C major" in ans.answer and "120 BPM" in ans.answer and ans.confident
    cap = call_tool(Caption, audio="current").output
    assert "C major" in cap.captions.summary


def test_comparison_reads_the_previous_upload(
    store: MemoryStore, call_tool: Callable, tmp_path: Path
) -> None:
    store.import_file(click_track(tmp_path / "a.wav", 90.0, seconds=12.0), label="slow.wav")
    store.import_file(click_track(tmp_path / "b.wav", 140.0, seconds=12.0), label="fast.wav")
    ans = call_tool(AnswerQuestion, question="which one is faster?").output
    assert ans.answer.startswith("“fast.wav” is faster: 140 BPM against 90 BPM"), ans.answer
    assert len(ans.artifact_ids) == 2
