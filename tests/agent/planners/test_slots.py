"""Slot extraction: numbers with units, keys and version references."""

from __future__ import annotations

import pytest

from agent.planners.slots import extract_slots, parse_key, parse_time_s


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0:30", 30.0), ("1:02:03", 3723.0), ("30 s", 30.0), ("2 minutes", 120.0), ("1 min 30 s", 90.0),
     ("500 ms", 0.5), ("1.5 seconds", 1.5)],
)  # fmt: skip
def test_time_expressions_become_seconds(text: str, seconds: float) -> None:
    assert parse_time_s(text) == pytest.approx(seconds)


def test_units_are_told_apart() -> None:
    s = extract_slots(
        "trim to 30 s, make it 3 dB louder, then normalise to -14 LUFS at 92 BPM up 2 semitones"
    )
    assert s.seconds == [30.0]
    assert s.db == [3.0]
    assert s.lufs == [-14.0]
    assert s.bpm == [92.0]
    assert s.semitones == [2.0]
    assert s.plain_numbers == []


def test_number_words_and_sample_rates() -> None:
    assert extract_slots("fade out the last three seconds").seconds == [3.0]
    s = extract_slots("convert to 44.1 kHz mp3")
    assert s.hz == [44100.0]
    assert s.audio_format == "mp3"
    assert s.plain_numbers == []  # the 3 of mp3 is not a number


@pytest.mark.parametrize(
    ("text", "key"),
    [("put it in D minor", "D minor"), ("F# major please", "F# major"), ("in Bb minor", "Bb minor"),
     ("E flat major", "Eb major"), ("in Am", "A minor"), ("C#m", "C# minor"), ("I am happy", None),
     ("make it better", None)],
)  # fmt: skip
def test_keys(text: str, key: str | None) -> None:
    assert parse_key(text) == key


@pytest.mark.parametrize(
    ("text", "ref"),
    [("go back to version 3", "version:3"), ("use the original", "original"),
     ("the previous version please", "previous"), ("make it louder", None), ("v12", "version:12")],
)  # fmt: skip
def test_version_references(text: str, ref: str | None) -> None:
    assert extract_slots(text).ref == ref
