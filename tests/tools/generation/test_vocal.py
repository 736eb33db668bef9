"""The sung guide vocal: both singers follow the melody (pitch within 50 cents, onsets within 50 ms,
heard by pYIN), songs with lyrics get a 'vocals' stem, and 'no vocals' / 'mute the vocals' work."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tools.generation.measure import check_vocal
from tools.generation.render.psola import check_espeak
from tools.generation.render.vocal import SungNote, consonants, sing_formant, sung_notes, vowel_of

SR = 44100
WORDS = "I re- mem- ber sum- mer in the mor- ning light e- ve- ry lit- tle mo- ment felt so right".split()
PITCHES = [60, 62, 64, 65, 67, 69, 67, 65, 64, 62, 60, 64, 67, 72, 71, 69, 67, 65, 64, 62, 60]


def _phrase(transpose: int = 0) -> tuple[list[SungNote], int]:
    notes, t = [], 0.3
    for i, (w, p) in enumerate(zip(WORDS, PITCHES, strict=True)):
        d = 0.42 if i % 3 == 0 else 0.28
        notes.append(SungNote(t, d, p + transpose, 100, w.rstrip("-")))
        t += d + 0.02
    return notes, round((t + 0.4) * SR)


def _assert_follows(audio: np.ndarray, notes: list[SungNote]) -> None:
    check = check_vocal(audio, SR, [(n.start_s, n.dur_s, n.pitch) for n in notes])
    assert check.median_cents < 50, check
    assert check.voiced_share > 0.6, check
    found = [e for e in check.onset_errors_s if e is not None]
    assert len(found) >= 0.85 * len(notes), check
    assert check.median_onset_error_s < 0.05, check
    assert sum(abs(e) <= 0.05 for e in found) >= 0.8 * len(notes), check


def test_spelling_to_vowels_and_consonants() -> None:
    assert [vowel_of(s) for s in ("light", "sea", "moon", "home", "day", "I", "sum")] == [
        "ai", "i", "u", "ou", "ei", "ai", "a",
    ]  # fmt: skip
    assert consonants("night") == ("n", "t") and consonants("sing") == ("s", "ng")


@pytest.mark.slow
def test_formant_singer_follows_the_melody() -> None:
    notes, n = _phrase()
    audio = sing_formant(notes, SR, n)
    assert audio.shape == (n,) and np.isfinite(audio).all()
    _assert_follows(audio, notes)
    silent = audio[: int(0.15 * SR)]  # before the first consonant there is nothing
    assert float(np.max(np.abs(silent))) < 1e-4


@pytest.mark.slow
@pytest.mark.skipif(check_espeak() is not None, reason=str(check_espeak()))
def test_espeak_psola_singer_follows_the_melody() -> None:
    from tools.generation.render.psola import sing_espeak

    notes, n = _phrase(transpose=7)
    audio, missed = sing_espeak(notes, SR, n)
    assert missed == []
    assert audio.shape == (n,) and float(np.std(audio)) > 1e-3
    _assert_follows(audio, notes)


@pytest.mark.slow
def test_songs_with_lyrics_get_a_sung_vocal_stem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.generation.compose.arrange import compose
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.edits import remove_instrument, set_muted
    from tools.generation.render.fluid import check_fluidsynth
    from tools.generation.render.pipeline import render_project
    from tools.generation.vocals import has_vocals, with_vocals

    if check_fluidsynth():
        pytest.skip(str(check_fluidsynth()))
    monkeypatch.setenv("BANDLEADER_SINGER", "formant")
    project = compose(
        ComposeRequest(prompt="a 14 second pop song in C major at 100 BPM with piano about the sea", seed=4)
    )
    assert project.lyrics and not has_vocals(project)
    sung = with_vocals(project)
    vocal = next(t for t in sung.tracks if t.instrument == "voice")
    melody = next(t for t in sung.tracks if t.role == "melody")
    assert vocal.name == "vocals" and vocal.notes == melody.notes
    res = render_project(sung, tmp_path / "song")
    assert "vocals" in res.stems
    audio, sr = sf.read(res.stems["vocals"], dtype="float32", always_2d=True)
    notes = [
        (n.start_s, n.dur_s, n.pitch) for n in sung_notes(sung, vocal) if n.dur_s >= 0.2
    ]  # pYIN needs a few frames per note
    check = check_vocal(audio.T, sr, notes)
    assert check.median_cents < 50 and check.median_onset_error_s < 0.05, check

    no_vocals, _ = remove_instrument(sung, "vocals")
    assert not has_vocals(no_vocals) and len(no_vocals.tracks) == len(project.tracks)
    first = sung.sections[0].name
    muted, _ = set_muted(sung, "vocals", first)
    assert next(t for t in muted.tracks if t.name == "vocals").muted_sections == [first]
    assert next(t for t in muted.tracks if t.role == "melody").muted_sections == []


def test_phrases_take_the_lines_that_fit_them() -> None:
    from tools.generation.lyrics import pack_lines

    lines = ["stay with me", "the night is young", "we sing along"]  # 3, 4 and 4 syllables
    six, nine, twelve = [[0] * 6], [[0] * 9], [[0] * 12]
    assert pack_lines(six + six + six, lines) == lines  # one line each
    assert pack_lines(nine + nine, lines) == ["stay with me / the night is young", "we sing along"]
    assert pack_lines(twelve, lines) == [" / ".join(lines)]
    assert pack_lines(six, lines) == [" / ".join(lines)]  # no words are dropped...
    assert pack_lines(six, lines, keep_all=False) == ["stay with me"]  # ...unless they may be
    assert pack_lines(six * 4, lines[:1]) == ["stay with me"] * 4  # a single line comes back


def test_a_note_with_several_syllables_sings_them_in_turn() -> None:
    from tools.generation.compose.arrange import compose
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.project import LyricSyllable, NoteEvent
    from tools.generation.vocals import with_vocals

    project = with_vocals(
        compose(ComposeRequest(prompt="a 12 second pop song in C major at 90 BPM about rain", seed=2))
    )
    section = project.sections[-1].name
    beat = project.section_starts()[section]
    note = NoteEvent(start=beat, duration=2.0, pitch=64, velocity=90)  # 1.33 s at 90 BPM
    tracks = [
        t.model_copy(update={"notes": [note]}) if t.instrument == "voice" else t for t in project.tracks
    ]
    crowded = [LyricSyllable(beat=beat, text="fall ing down", section=section)]
    project = project.model_copy(update={"tracks": tracks, "lyrics": crowded})
    sung = sung_notes(project, next(t for t in project.tracks if t.instrument == "voice"))
    assert [n.text for n in sung] == ["fall", "ing", "down"] and {n.pitch for n in sung} == {64}
    assert [round(n.start_s - sung[0].start_s, 3) for n in sung] == [0.0, 0.444, 0.889]
