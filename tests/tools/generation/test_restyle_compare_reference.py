"""Style change keeping the melody, comparing two versions, and carrying a reference's traits over.
No audio (the reference's feature sheet is checked end to end in tests/agent/test_song_session.py)."""

from __future__ import annotations

import pytest

from tests.tools.generation.conftest import make
from tools.base import ToolError
from tools.generation import edits
from tools.generation import structure_edits as se
from tools.generation.compare import compare_projects
from tools.generation.project import SongProject
from tools.generation.reference import ReferenceTraits, apply_reference, chord_cycle, progression_chords
from tools.generation.restyle import restyle
from tools.generation.styles import STYLES
from tools.generation.theory import parse_chord


def _melody(p: SongProject) -> list[tuple[float, int]]:
    track = next(t for t in p.tracks if t.role in ("melody", "lead_vocal"))
    return [(n.start, n.pitch) for n in track.notes]


def _unswing(beat: float, swing: float) -> float:
    frac = beat % 1.0
    for grid, shift in ((0.5, 0.5), (0.25, 0.25), (0.75, 0.25)):
        if swing and abs(frac - (grid + swing * shift)) < 1e-3:
            return beat - swing * shift
    return beat


@pytest.mark.parametrize("style", ["jazz", "bossa nova", "rock", "classical"])
def test_style_change_keeps_the_melody(band: SongProject, style: str) -> None:
    new, change, _ = restyle(band, style)
    target = STYLES[new.style]
    assert new.style != band.style and f"→ {new.style}" in change and "melody kept" in change
    old_m, new_m = _melody(band), _melody(new)
    assert [p for _, p in new_m] == [p for _, p in old_m]  # the same tune, note for note
    assert [round(_unswing(t, target.swing), 4) for t, _ in new_m] == [t for t, _ in old_m]
    assert (new.key_label, new.total_bars) == (band.key_label, band.total_bars)
    assert target.tempo_range[0] <= new.tempo_bpm <= target.tempo_range[1]
    bass = next((t for t in new.tracks if t.role == "bass"), None)
    if target.bass and bass is not None:
        assert bass.instrument == dict(target.instruments)["bass"]
        assert bass.notes != next(t for t in band.tracks if t.role == "bass").notes
    assert any(t.is_drums for t in new.tracks) == bool(target.drums)
    chords = [c for s in new.sections for c in s.chords]
    if new.style in ("jazz", "bossa"):
        assert sum(len(parse_chord(c)[1]) == 4 for c in chords) / len(chords) >= 0.5  # seventh chords
    assert chords != [c for s in band.sections for c in s.chords]


def test_style_change_tempo_and_bad_style() -> None:
    ballad = make("a 20 second piano ballad in D minor at 72 BPM")
    edm, _, notes = restyle(ballad, "edm")
    assert edm.tempo_bpm == STYLES["edm"].tempo_range[0] and "72" in notes[0]
    told, _, notes = restyle(ballad, "edm", tempo_bpm=140)
    assert told.tempo_bpm == 140 and not notes
    assert _melody(edm) == _melody(ballad)
    with pytest.raises(ToolError) as err:
        restyle(ballad, "polka")
    assert err.value.code == "unknown_style" and "jazz" in err.value.message


def test_compare_says_what_changed(band: SongProject) -> None:
    assert compare_projects(band, band).summary == []
    faster, _, _ = edits.set_tempo(band, 132)
    in_d, _ = edits.change_key(faster, "D", "minor")
    strings, _ = edits.swap_instrument(in_d, "piano", "strings")
    louder, _ = edits.change_mix(strings, "drums", gain_db=3)
    bridge, _, _ = se.add_section(louder, "bridge")
    words, _ = edits.set_lyrics(bridge, "verse", "a brand new line\nand another one")
    d = compare_projects(band, words)
    assert d.tempo == "120 → 132 BPM" and d.key == "A major → D minor"
    assert any("piano → strings" in c.change for c in d.track_changes)
    assert any(c.name == "drums" and "gain -1 → +2 dB" in c.change for c in d.track_changes)
    assert d.sections_added == ["bridge"] and d.form is not None
    assert d.lyrics_changed == ["verse"]
    assert d.duration is not None and not d.tracks_added and not d.tracks_removed
    back = compare_projects(words, band)
    assert back.tempo == "132 → 120 BPM" and back.sections_removed == ["bridge"]
    more, _ = edits.add_instrument(band, "guitar")
    assert compare_projects(band, more).tracks_added == ["acoustic guitar (acoustic guitar)"]


def test_chord_cycle_finds_the_repeating_progression() -> None:
    labels = ["N", "E:min", "E:min", "C:maj", "G:maj", "D:maj", "E:min", "C:maj", "G:maj", "D:maj", "E:min"]
    assert chord_cycle(labels, tonic_pc=4) == ["0:min", "8:maj", "3:maj", "10:maj"]
    assert chord_cycle(["A:min", "D:min7"], tonic_pc=9) == ["0:min", "5:min7"]


def test_carried_chords_are_spelled_in_the_key() -> None:
    cycle = chord_cycle(["A#:maj", "D#:maj", "F:maj", "A#:maj"], tonic_pc=10)
    assert progression_chords(cycle, "Bb major") == ["Bb:maj", "Eb:maj", "F:maj", "Bb:maj"]
    assert progression_chords(["0:maj", "9:min", "4:min", "7:maj"], "A major") == [
        "A:maj", "F#:min", "C#:min", "E:maj"
    ]  # fmt: skip
    assert progression_chords(["0:min", "8:maj", "3:maj", "10:maj"], "Eb minor")[1] == "Cb:maj"


def test_reference_traits_are_carried_over(band: SongProject) -> None:
    curve = [-30.0] * 6 + [-16.0] * 12 + [-24.0] * 6  # quiet start, loud middle, quieter end
    traits = ReferenceTraits(
        source="ref.wav",
        tempo_bpm=96.0,
        key="E minor",
        meter="3/4",
        loudness_curve=curve,
        progression=["0:min", "8:maj", "3:maj", "10:maj"],
        qualities=["min", "maj"],
        instruments={"drums": 0.05, "bass": 0.9, "strings": 0.85, "organ": 0.3},
    )
    new, change, notes = apply_reference(band, traits)
    assert new.tempo_bpm == 96 and new.key_label == "E minor" and tuple(new.meter) == (3, 4)
    assert new.motif.length_beats == 6.0 and new.total_bars == band.total_bars
    assert new.sections[0].chords[:4] == ["E:min", "C:maj", "G:maj", "D:maj"]
    assert new.sections[-1].chords[-1] == "E:min"
    assert not any(t.is_drums for t in new.tracks) and "removed the drums" in change
    assert "strings" in {t.instrument for t in new.tracks} and "added strings" in change  # heard, so carried
    assert "organ" not in {t.instrument for t in new.tracks}  # 0.30 is not sure enough
    energies = [s.energy for s in new.sections]
    assert [s.kind for s in new.sections] == ["verse", "chorus", "outro"]
    assert energies[1] == max(energies) == 0.95 and min(energies) == 0.25  # the loud middle is the chorus
    for word in ("96 BPM", "E minor", "3/4", "E:min C:maj G:maj D:maj", "energy"):
        assert word in change
    assert not notes
    unsure = traits.model_copy(update={"key": None, "tempo_bpm": None, "progression": [], "instruments": {}})
    same, _, notes = apply_reference(band, unsure)
    assert same.key_label == band.key_label and same.tempo_bpm == band.tempo_bpm
    assert any("tempo stays" in n for n in notes) and any("key stays" in n for n in notes)


def test_a_bass_is_removed_only_when_no_bass_line_was_transcribed(band: SongProject) -> None:
    """The tagger's low bass score removes the bass only when the reference's notes have no low line:
    a third of the notes below C3 is a bass line whatever the tagger says."""
    traits = ReferenceTraits(
        source="ref.wav", tempo_bpm=None, key=None, meter=None, loudness_curve=[], progression=[],
        qualities=[], instruments={"bass": 0.04}, low_note_share=0.37,
    )  # fmt: skip
    assert any(t.role == "bass" for t in band.tracks)
    kept, change, _ = apply_reference(band, traits)
    assert any(t.role == "bass" for t in kept.tracks) and "removed the bass" not in change
    gone, change, _ = apply_reference(band, traits.model_copy(update={"low_note_share": 0.01}))
    assert not any(t.role == "bass" for t in gone.tracks) and "removed the bass" in change
