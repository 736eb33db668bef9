"""Keys and chords named as musicians write them: conventional key spelling, chord roots in the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.understanding.signals import render
from tools.understanding.spelling import key_name, normalise_key, note_in_key, spell_chord


def _progression(path: Path, chords: list[tuple[int, bool]], bpm: float = 120.0, repeats: int = 2) -> Path:
    """A block-chord piano progression (one chord per 4/4 bar, quarter notes, bass an octave below the
    root); ``chords`` are (root MIDI pitch, is minor)."""
    import pretty_midi

    pm = pretty_midi.PrettyMIDI(initial_tempo=bpm)
    piano = pretty_midi.Instrument(program=0)
    beat = 60.0 / bpm
    for b, (root, minor) in enumerate(chords * repeats):
        for q in range(4):
            start = (4 * b + q) * beat
            for p in (root - 12, root, root + (3 if minor else 4), root + 7):
                piano.notes.append(
                    pretty_midi.Note(velocity=90, pitch=p, start=start, end=start + 0.9 * beat)
                )
    pm.instruments.append(piano)
    pm.write(str(path))
    return path


def test_keys_take_their_conventional_spelling() -> None:
    assert key_name(3, False) == "Eb major"
    assert key_name(1, False) == "Db major"
    assert key_name(6, True) == "F# minor"
    assert key_name(8, True) == "G# minor"
    assert normalise_key("D# major") == "Eb major"
    assert normalise_key("A# major") == "Bb major"


def test_chord_roots_are_spelled_in_the_key() -> None:
    assert [spell_chord(c, "Bb major") for c in ("A#:maj", "D#:maj", "F:maj", "G:min")] == [
        "Bb:maj",
        "Eb:maj",
        "F:maj",
        "G:min",
    ]
    assert [spell_chord(c, "A major") for c in ("F#:min", "C#:min", "D:maj", "E:maj")] == [
        "F#:min",
        "C#:min",
        "D:maj",
        "E:maj",
    ]
    assert note_in_key(10, 0, False) == "Bb"  # the flat seventh of C major, not A#
    assert note_in_key(8, 9, True) == "G#"  # the leading tone of A minor
    assert spell_chord("N", "C major") == "N"
    assert spell_chord("C#:min", None) == "C#:min"


def test_midi_in_a_major_is_spelled_with_sharps(tmp_path: Path) -> None:
    from tools.understanding.sheet import compute_sheet

    # A - F#m - D - E
    midi = _progression(tmp_path / "a_major.mid", [(57, False), (54, True), (50, False), (52, False)])
    sheet = compute_sheet(midi)
    assert sheet.key == "A major"
    labels = {c.label for c in sheet.chords}
    assert {"A:maj", "F#:min", "D:maj", "E:maj"} <= labels
    assert not any("b" in lab.split(":")[0] for lab in labels)


@pytest.mark.slow
def test_rendered_b_flat_major_song_is_spelled_with_flats(tmp_path: Path) -> None:
    from tools.understanding.sheet import compute_sheet

    # Bb - Gm - Eb - F, rendered by FluidSynth and analysed as audio
    midi = _progression(tmp_path / "bb.mid", [(58, False), (55, True), (51, False), (53, False)], repeats=3)
    sheet = compute_sheet(render(midi, tmp_path / "bb.wav"))
    assert sheet.key == "Bb major"
    roots = {c.label.split(":")[0] for c in sheet.chords if c.label not in ("N", "X")}
    assert {"Bb", "Eb", "F"} <= roots
    assert not any("#" in r for r in roots)
