"""Edits on the project, and the files made from it (MIDI with lyrics, MusicXML, LRC). No audio."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import mido
import pytest

from tools.base import ToolError
from tools.generation import edits
from tools.generation.lyrics import line_syllables, syllables, to_lrc
from tools.generation.project import SongProject
from tools.generation.render.midi import write_midi
from tools.generation.render.musicxml import DIVISIONS, to_musicxml
from tools.generation.theory import SCALES, parse_chord, pitch_class


def _in_key(p: SongProject) -> float:
    tonic = pitch_class(p.key)
    pitched = [n.pitch for t in p.tracks if t.role in ("melody", "bass") for n in t.notes]
    return sum((x - tonic) % 12 in SCALES[p.mode] for x in pitched) / len(pitched)


def test_tempo_edit_keeps_notes_and_scales_duration(ballad: SongProject) -> None:
    faster, change, notes = edits.set_tempo(ballad, 90)
    assert faster.tempo_bpm == 90 and "72" in change and not notes
    assert [t.notes for t in faster.tracks] == [t.notes for t in ballad.tracks]
    assert faster.music_s == pytest.approx(ballad.music_s * 72 / 90)
    clamped, _, notes = edits.set_tempo(ballad, 3000)
    assert clamped.tempo_bpm == 240 and "3000" in notes[0]


def test_key_edit_transposes_or_reharmonises(ballad: SongProject) -> None:
    a_major, change = edits.change_key(ballad, "A", "major")
    assert a_major.key_label == "A major" and "D minor" in change
    assert _in_key(a_major) >= 0.85 and _in_key(ballad) >= 0.85
    assert all(parse_chord(c)[0] in {(9 + s) % 12 for s in SCALES["major"]}
               for s in a_major.sections for c in s.chords)  # fmt: skip
    e_minor, _ = edits.change_key(ballad, "E", None)  # same mode: a transposition
    assert e_minor.key_label == "E minor"
    assert [n.start for n in e_minor.tracks[0].notes] == [n.start for n in ballad.tracks[0].notes]
    assert edits.parse_key_request("make it major", ballad) == (None, "major")
    assert edits.parse_key_request("up 2 semitones", ballad) == ("E", None)
    assert edits.parse_key_request("put it in f", ballad) == ("F", None)  # a tonic alone keeps the mode
    assert edits.parse_key_request("in the key of e flat", ballad) == ("Eb", None)


def test_a_bass_part_moved_to_a_synth_plays_synth_bass(ballad: SongProject) -> None:
    band, _ = edits.add_instrument(ballad, "bass")
    synthy, change = edits.swap_instrument(band, "bassline", "synthesizer")  # 'the bassline on a synth'
    basses = [t for t in synthy.tracks if t.role == "bass"]
    assert [t.instrument for t in basses] == ["synth bass"] and "synth bass" in change
    assert max(n.pitch for t in basses for n in t.notes) < 60  # still a bass line, below middle C
    lead, _ = edits.swap_instrument(band, "piano", "synth")  # a melody on a synth is a synth lead
    assert "synth lead" in {t.instrument for t in lead.tracks}


def test_adding_a_muted_instrument_brings_it_back(ballad: SongProject) -> None:
    with_drums, _ = edits.add_instrument(ballad, "drums")
    silent, _ = edits.set_muted(with_drums, "drums", None)
    back, change = edits.add_instrument(silent, "drums")  # 'bring the drums back'
    assert "brought back" in change
    assert [t.name for t in back.tracks] == [t.name for t in with_drums.tracks]
    assert back.track("drums").muted_sections == [] and back.track("drums").notes
    again, _ = edits.add_instrument(with_drums, "piano")  # a piano that plays: another piano part
    assert len(again.tracks) == len(with_drums.tracks) + 1


def test_instrument_swap_add_remove(ballad: SongProject) -> None:
    strings, change = edits.swap_instrument(ballad, "piano", "strings")
    assert {t.instrument for t in strings.tracks} == {"strings"} and change == "piano → strings"
    assert all(t.program == 48 for t in strings.tracks)
    more, _ = edits.add_instrument(strings, "drums")
    assert more.track("drums").is_drums and more.track("drums").notes
    fewer, _ = edits.remove_instrument(more, "drums")
    assert [t.name for t in fewer.tracks] == [t.name for t in strings.tracks]
    with pytest.raises(ToolError) as err:
        edits.remove_instrument(ballad, "piano")
    assert err.value.code == "nothing_left"
    with pytest.raises(ToolError) as err:
        edits.swap_instrument(ballad, "kazoo", "strings")
    assert err.value.code == "unknown_track" and "piano" in err.value.message


def test_section_length_and_regenerate_keep_the_rest(band: SongProject) -> None:
    chorus = next(s for s in band.sections if s.kind == "chorus")
    longer, _, _ = edits.set_section_bars(band, "chorus", change=4)
    assert longer.sections[[s.name for s in longer.sections].index(chorus.name)].bars == chorus.bars + 4
    assert longer.total_bars == band.total_bars + 4 * sum(s.kind == "chorus" for s in band.sections)
    new, _ = edits.regenerate_section(band, chorus.name)
    a, b = band.section_range(chorus.name)
    melody = next(t.name for t in band.tracks if t.role == "melody")
    outside = lambda p: [n for n in p.track(melody).notes if not a <= n.start < b]  # noqa: E731
    inside = lambda p: [n for n in p.track(melody).notes if a <= n.start < b]  # noqa: E731
    assert outside(new) == outside(band)
    assert inside(new) != inside(band)


def test_mute_in_a_section_removes_its_notes_from_the_midi(band: SongProject, tmp_path: Path) -> None:
    first = band.sections[0].name
    muted, change = edits.set_muted(band, "drums", first)
    assert first in change
    mid = mido.MidiFile(write_midi(muted, tmp_path / "m.mid"))
    a, b = muted.section_range(first)
    drum_track = next(t for t in mid.tracks if any(getattr(m, "name", "") == "drums" for m in t))
    tick, onsets = 0, []
    for msg in drum_track:
        tick += msg.time
        if msg.type == "note_on":
            onsets.append(tick / mid.ticks_per_beat)
    assert onsets and not [t for t in onsets if a <= t < b - 1e-6]


def test_midi_has_tempo_programs_and_lyric_events_on_the_melody(band: SongProject, tmp_path: Path) -> None:
    mid = mido.MidiFile(write_midi(band, tmp_path / "song.mid"))
    tempos = [m.tempo for m in mid.tracks[0] if m.type == "set_tempo"]
    assert mido.tempo2bpm(tempos[0]) == pytest.approx(120)
    programs = {m.program for t in mid.tracks for m in t if m.type == "program_change"}
    assert programs == {t.program for t in band.tracks if not t.is_drums}
    melody = next(t.name for t in band.tracks if t.role == "melody")
    assert band.lyrics
    for track in mid.tracks[1:]:
        names = [m.name for m in track if m.type == "track_name"]
        lyrics = [m.text for m in track if m.type == "lyrics"]
        assert bool(lyrics) == (names == [melody])
        if lyrics:
            assert len(lyrics) == len(band.lyrics)


def test_lyrics_syllables_alignment_and_lrc(band: SongProject) -> None:
    assert syllables("morning") == ["mor", "ning"]
    assert line_syllables("summer road") == ["sum-", "mer", "road"]
    melody = next(t for t in band.tracks if t.role == "melody")
    onsets = {n.start for n in melody.notes}
    assert band.lyrics and all(s.beat in onsets for s in band.lyrics)
    lrc = to_lrc(band)
    times = [int(m[0]) * 60 + float(m[1]) for m in re.findall(r"^\[(\d\d):(\d\d\.\d\d)\]", lrc, flags=re.M)]
    assert len(times) >= 2 and times == sorted(times) and times[-1] < band.duration_s
    assert "summer road trip" in lrc


def test_musicxml_is_well_formed_with_full_measures(band: SongProject) -> None:
    root = ET.fromstring(to_musicxml(band).split("\n", 2)[2])
    parts = root.findall("part")
    assert len(parts) == len(band.tracks)
    bar = round(band.beats_per_bar * DIVISIONS)
    for part in parts:
        measures = part.findall("measure")
        assert len(measures) == band.total_bars
        for m in measures:
            assert (
                sum(int(n.findtext("duration")) for n in m.findall("note") if n.find("chord") is None) == bar
            )
    assert root.findall(".//lyric")


def test_section_references() -> None:
    from tests.tools.generation.conftest import make

    p = make("a 60 second pop song at 120 BPM")
    assert [s.name for s in p.sections] == ["intro", "verse 1", "chorus 1", "verse 2", "chorus 2", "outro"]
    assert edits.find_sections(p, "chorus") == ["chorus 1", "chorus 2"]
    assert edits.find_sections(p, "the choruses") == ["chorus 1", "chorus 2"]
    assert edits.find_sections(p, "verse 2") == ["verse 2"]
    assert edits.find_sections(p, "the last chorus") == ["chorus 2"]
    longer, _, _ = edits.set_section_bars(p, "chorus", change=2)
    assert [s.bars for s in longer.sections if s.kind == "chorus"] == [
        s.bars + 2 for s in p.sections if s.kind == "chorus"
    ]
    with pytest.raises(ToolError) as err:
        edits.find_sections(p, "bridge")
    assert err.value.code == "unknown_section" and "verse 1" in err.value.message
