"""Edits of the form: add / remove / move / swap sections, extend the song, inpaint a bar range.
No audio: these check the project (sections, bars, notes)."""

from __future__ import annotations

import pytest

from tests.tools.generation.conftest import make
from tools.base import ToolError
from tools.generation import edits
from tools.generation import structure_edits as se
from tools.generation.project import NoteEvent, SongProject
from tools.generation.theory import SCALES, pitch_class


@pytest.fixture(scope="module")
def long_song() -> SongProject:
    return make("a 100 second pop song in A major at 120 BPM with piano, bass and drums about a road trip")


def _form(p: SongProject) -> list[tuple[str, int]]:
    return [(s.name, s.bars) for s in p.sections]


def _section_notes(p: SongProject, name: str) -> dict[str, list[tuple[float, float, int]]]:
    """Notes of every track in section ``name``, relative to the section start (beats)."""
    start, end = p.section_range(name)
    return {
        t.name: [(round(n.start - start, 4), n.duration, n.pitch) for n in t.notes if start <= n.start < end]
        for t in p.tracks
    }


def test_add_section_after_a_named_one(long_song: SongProject) -> None:
    new, change, notes = se.add_section(long_song, "bridge", after="the second chorus")
    kinds = [s.kind for s in new.sections]
    second_chorus = [i for i, k in enumerate(kinds) if k == "chorus"][1]
    assert kinds[second_chorus + 1] == "bridge" and not notes
    assert new.total_bars == long_song.total_bars + new.sections[second_chorus + 1].bars
    assert "bridge" in change
    assert [s.name for s in new.sections].count("bridge 1") == 1  # two bridges now: renumbered
    # every section that was there plays the same notes at its new place
    assert _section_notes(new, "verse 1") == _section_notes(long_song, "verse 1")
    assert _section_notes(new, "chorus 1") == _section_notes(long_song, "chorus 1")
    # the song still ends on the tonic, and the new section is in the key
    assert new.sections[-1].chords[-1].startswith("A:")
    melody = next(t for t in new.tracks if t.role == "melody")
    start, end = new.section_range(new.sections[second_chorus + 1].name)
    bridge_notes = [n.pitch for n in melody.notes if start <= n.start < end]
    in_key = sum((x - 9) % 12 in SCALES["major"] for x in bridge_notes)
    assert bridge_notes and in_key / len(bridge_notes) >= 0.8


def test_add_intro_goes_first_and_an_outro_last(band: SongProject) -> None:
    with_intro, _, _ = se.add_section(band, "intro")
    assert with_intro.sections[0].kind == "intro" and with_intro.total_bars == band.total_bars + 4
    melody = next(t for t in with_intro.tracks if t.role == "melody")
    assert all(n.start >= 4 * with_intro.beats_per_bar for n in melody.notes)  # an intro has no tune
    assert with_intro.lyrics and all(x.section != "intro" for x in with_intro.lyrics)
    with pytest.raises(ToolError) as err:
        se.add_section(with_intro, "intro")
    assert err.value.code == "already_there"
    with pytest.raises(ToolError) as err:
        se.add_section(band, "kazoo solo")
    assert err.value.code == "unknown_section_kind" and "bridge" in err.value.message


def test_remove_section_and_its_errors(long_song: SongProject) -> None:
    new, change, _ = se.remove_section(long_song, "the second verse")
    assert [s.kind for s in new.sections].count("verse") == 1
    assert new.total_bars == long_song.total_bars - 8 and "verse 2" in change
    assert _section_notes(new, "chorus 1") == _section_notes(long_song, "chorus 1")
    one_verse, _, _ = se.remove_section(long_song, "verse 2")
    with pytest.raises(ToolError) as err:  # there is no second verse any more: nothing is removed
        se.remove_section(one_verse, "the second verse")
    assert err.value.code == "unknown_section" and "only 1 verse" in err.value.message
    with pytest.raises(ToolError) as err:
        se.remove_section(make("a 12 second lo-fi beat", seed=3), "the bridge")
    assert err.value.code == "unknown_section"
    single = make("a 6 second ambient piece", seed=2)
    assert len(single.sections) == 1
    with pytest.raises(ToolError) as err:
        se.remove_section(single, single.sections[0].name)
    assert err.value.code == "nothing_left"


def test_move_and_swap_keep_each_sections_notes(long_song: SongProject) -> None:
    moved, change, _ = se.move_section(long_song, "bridge", before="the first chorus")
    names = [s.name for s in moved.sections]
    assert names.index("bridge") == names.index("chorus 1") - 1 and "bridge" in change
    assert _section_notes(moved, "bridge") == _section_notes(long_song, "bridge")
    swapped, change, _ = se.swap_sections(long_song, "verse 2", "chorus 1")
    assert [s.kind for s in long_song.sections][1:5] == ["verse", "chorus", "verse", "chorus"]
    assert [s.kind for s in swapped.sections][1:5] == ["verse", "verse", "chorus", "chorus"]
    assert "swapped verse 2 and chorus 1" in change
    # each section plays its own notes at its new place (names: still the second verse, first chorus)
    for name in ("verse 2", "chorus 1", "bridge"):
        assert _section_notes(swapped, name) == _section_notes(long_song, name)
    assert swapped.total_bars == long_song.total_bars
    with pytest.raises(ToolError):
        se.move_section(long_song, "bridge")
    with pytest.raises(ToolError) as err:
        se.move_section(long_song, "chorus", before="bridge")
    assert err.value.code == "ambiguous_section"


def test_extend_continues_in_style_before_the_outro(band: SongProject) -> None:
    longer, change, notes = se.extend_song(band, seconds=30)
    assert "continued the song" in change and not notes
    assert longer.duration_s == pytest.approx(band.duration_s + 30, abs=1.0)
    assert longer.sections[-1].kind == band.sections[-1].kind  # the ending stays the ending
    assert (longer.key_label, longer.tempo_bpm, longer.style) == (band.key_label, band.tempo_bpm, band.style)
    added = [s for s in longer.sections if s.name not in {x.name for x in band.sections}]
    assert added and any(s.variant > 0 for s in added)  # the motif takes new turns
    assert {t.name for t in longer.tracks} == {t.name for t in band.tracks}
    default, _, _ = se.extend_song(band)
    assert default.total_bars == band.total_bars + 16
    with pytest.raises(ToolError):
        se.extend_song(band, seconds=-5)
    huge, _, notes = se.extend_song(band, seconds=3000)
    assert huge.duration_s <= 600.5 and notes and "3000" not in notes[0]


def _outside(p: SongProject, lo: float, hi: float) -> dict[str, list[NoteEvent]]:
    return {t.name: [n for n in t.notes if not lo <= n.start < hi] for t in p.tracks}


def _inside(p: SongProject, role: str, lo: float, hi: float) -> list[NoteEvent]:
    track = next(t for t in p.tracks if t.role == role)
    return [n for n in track.notes if lo <= n.start < hi]


def test_inpaint_changes_only_the_bars_and_joins_smoothly(long_song: SongProject) -> None:
    bpb = long_song.beats_per_bar
    first, last = 9, 12
    lo, hi = (first - 1) * bpb, last * bpb
    new, change, _ = se.inpaint_bars(long_song, first, last)
    assert "bars 9-12" in change
    assert _outside(new, lo, hi) == _outside(long_song, lo, hi)  # bit-identical outside
    for role in ("melody", "bass"):
        pitches = [n.pitch for n in _inside(new, role, lo, hi)]
        assert pitches != [n.pitch for n in _inside(long_song, role, lo, hi)]
    for role in ("chords", "drums"):
        assert _inside(new, role, lo, hi) == _inside(long_song, role, lo, hi)
    melody = next(t for t in new.tracks if t.role == "melody").notes
    inside = [n for n in melody if lo <= n.start < hi]
    before = max((n for n in melody if n.start < lo), key=lambda n: n.start)
    after = min((n for n in melody if n.start >= hi), key=lambda n: n.start)
    assert abs(inside[0].pitch - before.pitch) <= 5 and abs(inside[-1].pitch - after.pitch) <= 5
    assert all(n.start + n.duration <= hi + 1e-6 for n in inside)
    tonic = pitch_class(new.key)
    assert sum((n.pitch - tonic) % 12 in SCALES["major"] for n in inside) / len(inside) >= 0.8
    # lyrics follow the new melody
    onsets = {n.start for n in melody}
    assert all(x.beat in onsets for x in new.lyrics)


def test_inpaint_counts_negative_bars_from_the_end(long_song: SongProject) -> None:
    from tools.generation.form_tools import InpaintInput, SongInpaint

    total = long_song.total_bars
    _, change, _ = SongInpaint().edit(long_song, InpaintInput(first_bar=-4, last_bar=-1))  # 'the last 4 bars'
    assert f"bars {total - 3}-{total}" in change


def test_inpaint_survives_later_edits_and_checks_its_range(long_song: SongProject) -> None:
    bpb = long_song.beats_per_bar
    lo, hi = 8 * bpb, 12 * bpb
    new, _, _ = se.inpaint_bars(long_song, 9, 12, ["melody"])
    faster, _, _ = edits.set_tempo(new, 130)
    assert _inside(faster, "melody", lo, hi) == _inside(new, "melody", lo, hi)
    louder, _ = edits.add_instrument(new, "strings")  # re-arranges every part: the new bars stay
    assert _inside(louder, "melody", lo, hi) == _inside(new, "melody", lo, hi)
    retake, _ = edits.regenerate_section(new, new.sections[2].name)  # a whole new take drops the patch
    assert retake.sections[2].patches == [] and new.sections[2].patches
    again, _, _ = se.inpaint_bars(new, 9, 12, ["melody"])
    assert _inside(again, "melody", lo, hi) != _inside(new, "melody", lo, hi)
    drums, _, _ = se.inpaint_bars(long_song, 5, 5, ["drums"])
    assert _inside(drums, "drums", 4 * bpb, 5 * bpb) != _inside(long_song, "drums", 4 * bpb, 5 * bpb)
    assert _outside(drums, 4 * bpb, 5 * bpb) == _outside(long_song, 4 * bpb, 5 * bpb)
    total = long_song.total_bars
    for first, last in ((0, 3), (total - 1, total + 4), (7, 5)):
        with pytest.raises(ToolError) as err:
            se.inpaint_bars(long_song, first, last)
        assert err.value.code == "bad_bars" and str(total) in err.value.message
    with pytest.raises(ToolError) as err:
        se.inpaint_bars(make("a 12 second classical piano piece", seed=4), 1, 2, ["drums"])
    assert err.value.code == "unknown_track"
