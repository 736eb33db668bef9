"""A requested chord progression is written into every section, and the song ends at home."""

from __future__ import annotations

from tools.generation.compose.request import ComposeRequest
from tools.generation.compose_tool import compose_song
from tools.generation.progression import final_tonic, parse_progression


def test_minor_progression_is_cycled_and_the_song_ends_on_its_tonic() -> None:
    song = compose_song(ComposeRequest(prompt="a 30 second rock song in A minor at 120 BPM, chords Am F C G"))
    cycle = ["A:min", "F:maj", "C:maj", "G:maj"]
    bars = [c for s in song.sections for c in s.chords]
    assert bars[-1] == "A:min"  # the cycle alone would stop on another chord; the song ends at home
    for s in song.sections:  # every other bar follows the cycle from each section's start
        body = s.chords[:-1] if s is song.sections[-1] else s.chords
        assert body == [cycle[i % 4] for i in range(len(body))]
    assert any("ending on Am" in n for n in song.notes)


def test_the_final_tonic_keeps_the_progression_colour() -> None:
    song = compose_song(
        ComposeRequest(prompt="a 30 second lo-fi beat in F major at 82 BPM with Fmaj7 - Dm7 - Gm7 - C7")
    )
    wanted = parse_progression("Fmaj7 - Dm7 - Gm7 - C7", song.key, song.mode)
    assert wanted is not None and final_tonic(song, wanted) == "F:maj7"
    assert song.sections[-1].chords[-1] == "F:maj7"
