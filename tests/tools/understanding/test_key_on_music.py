"""The key estimate on music made here: synthesized progressions and a composed, rendered bossa nova."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.tools.understanding.signals import render

EB_MAJOR = ((39, (55, 58, 62, 63)), (36, (55, 58, 60, 63)), (41, (56, 60, 63, 65)), (46, (56, 58, 62, 65)))
"""Ebmaj7 - Cm7 - Fm7 - Bb7: bass root and chord pitches (MIDI). Its dominant Bb and relative C minor are
the usual misreadings."""
A_MINOR = ((45, (57, 60, 64)), (38, (57, 62, 65)), (40, (56, 59, 62, 64)), (45, (57, 60, 64)))
"""Am - Dm - E7 - Am (its relative major, C, shares every note but the G#)."""
C_MINOR = ((36, (55, 60, 63)), (41, (56, 60, 65)), (43, (55, 59, 62, 65)), (36, (55, 60, 63)))
"""Cm - Fm - G7 - Cm (its relative major is Eb)."""


def _bossa_like(path: Path, chords: tuple, bpm: float = 130.0, repeats: int = 4) -> Path:
    """Nylon guitar comping (beats 1, 3 and the and of 4) over an acoustic bass on root and fifth, one chord
    per bar, written as MIDI."""
    import pretty_midi

    pm = pretty_midi.PrettyMIDI(initial_tempo=bpm)
    guitar, bass = pretty_midi.Instrument(program=24), pretty_midi.Instrument(program=32)
    beat, t = 60.0 / bpm, 0.0
    for _ in range(repeats):
        for root, pitches in chords:
            for onset in (0.0, 2.0, 3.5):
                for p in pitches:
                    guitar.notes.append(pretty_midi.Note(80, p, t + onset * beat, t + (onset + 0.8) * beat))
            for pitch, onset, length in (
                (root, 0, 1.4),
                (root + 7, 1.5, 0.5),
                (root + 7, 2, 1.4),
                (root, 3.5, 0.5),
            ):
                bass.notes.append(pretty_midi.Note(90, pitch, t + onset * beat, t + (onset + length) * beat))
            t += 4 * beat
    pm.instruments += [guitar, bass]
    pm.write(str(path))
    return path


def _key_of(wav: Path) -> str | None:
    from tools.audio.decode import decode_audio
    from tools.understanding.tonality import analyze_key

    audio = decode_audio(wav, 44100)
    mono = (audio.samples.mean(axis=0) if audio.samples.ndim == 2 else audio.samples).astype(np.float32)
    return analyze_key(mono, None, len(mono) / 44100).key


@pytest.mark.parametrize(
    ("chords", "key"), [(EB_MAJOR, "Eb major"), (A_MINOR, "A minor"), (C_MINOR, "C minor")]
)
def test_a_rendered_progression_reads_its_key_spelled_as_musicians_do(
    tmp_path: Path, chords: tuple, key: str
) -> None:
    midi = _bossa_like(tmp_path / "song.mid", chords)
    assert _key_of(render(midi, tmp_path / "song.wav")) == key


def test_a_composed_eb_major_bossa_reads_eb_major_not_its_relative_minor(tmp_path: Path) -> None:
    # with every semitone band down to 65 Hz the key profile heard this song as C minor (0.7) and, surer
    # than the CNN (Eb major), overruled it; the bass bands below RESOLVED_PITCH_HZ hold no single pitch
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.compose_tool import compose_song
    from tools.generation.render.midi import write_midi

    song = compose_song(
        ComposeRequest(seed=11, duration_s=30.0, style="bossa", tempo_bpm=130, key="Eb major")
    )
    wav = render(write_midi(song, tmp_path / "bossa.mid"), tmp_path / "bossa.wav")
    assert _key_of(wav) == "Eb major"


def test_the_resolved_band_product_reads_the_composed_eb_major_bossa(tmp_path: Path) -> None:
    from tools.audio.decode import decode_audio
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.compose_tool import compose_song
    from tools.generation.render.midi import write_midi
    from tools.understanding.tonality import _madmom

    song = compose_song(
        ComposeRequest(seed=11, duration_s=30.0, style="bossa", tempo_bpm=130, key="Eb major")
    )
    audio = decode_audio(render(write_midi(song, tmp_path / "b.mid"), tmp_path / "b.wav"), 44100)
    mono = (audio.samples.mean(axis=0) if audio.samples.ndim == 2 else audio.samples).astype(np.float32)
    assert _madmom(mono, len(mono) / 44100, "cnn*profile").key == "Eb major"


def test_the_bass_salience_hears_the_bass_note_and_decides_only_the_relative_pair() -> None:
    from tools.understanding.key_cnn import bass_salience
    from tools.understanding.tonality import choose_relative_by_bass

    t = np.arange(6 * 44100) / 44100
    e2 = sum(0.3 / h * np.sin(2 * np.pi * 82.41 * h * t) for h in range(1, 5)).astype(np.float32)
    _, bass = bass_salience(e2)
    assert int(np.argmax(bass.sum(axis=0))) == 4  # E
    g_major = np.full(24, 0.01)
    g_major[7], g_major[12 + 4], g_major[2] = 0.5, 0.37, 0.3  # G major, E minor, D major
    chosen = choose_relative_by_bass(g_major / g_major.sum(), bass.sum(axis=0), 1.0)
    assert int(np.argmax(chosen)) == 12 + 4
    d_major = g_major.copy()
    d_major[2] = 0.6  # D major on top: only it or its relative (B minor) can win, never the bass's E minor
    assert int(np.argmax(choose_relative_by_bass(d_major, bass.sum(axis=0), 8.0))) in (2, 12 + 11)


def test_the_key_chroma_leaves_out_bands_that_hold_no_single_semitone() -> None:
    from tools.understanding.key_cnn import RESOLVED_PITCH_HZ, key_spectrogram, spectrogram_chroma

    assert 170 < RESOLVED_PITCH_HZ < 190
    t = np.arange(4 * 44100) / 44100
    low = key_spectrogram((0.3 * np.sin(2 * np.pi * 98.0 * t)).astype(np.float32))  # G2, below it
    assert spectrogram_chroma(low).sum() < 0.05 * spectrogram_chroma(low, resolved_only=False).sum()
    high = key_spectrogram((0.3 * np.sin(2 * np.pi * 392.0 * t)).astype(np.float32))  # G4
    assert int(np.argmax(spectrogram_chroma(high))) == 7
