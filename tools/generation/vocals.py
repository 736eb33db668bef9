"""The sung guide vocal as a part of the song project: a 'vocals' track (instrument 'voice', role lead
vocal) that sings the melody's notes with the lyric syllables. The render pipeline hands voice
tracks to the singer (:mod:`tools.generation.render.vocal`) instead of FluidSynth, so the vocals get
their own stem, and the existing mute / instrument / mix edits work on it ('no vocals', 'mute the
vocals in the intro', 'louder vocals').
"""

from __future__ import annotations

from tools.generation.instruments import lookup
from tools.generation.project import MixSettings, SongProject, Track
from tools.generation.render.vocal import VOICE_INSTRUMENT, is_vocal

VOCAL_TRACK = "vocals"
VOCAL_MIX = MixSettings(gain_db=1.0, pan=0.0, reverb=0.3)
MELODY_UNDER_VOCAL_DB = -4.0
"""The lead instrument steps back this many dB when a vocal sings its line."""


def has_vocals(project: SongProject) -> bool:
    """True when a track of the project is sung."""
    return any(is_vocal(t) for t in project.tracks)


def with_vocals(project: SongProject) -> SongProject:
    """The project with a sung 'vocals' track doubling the melody (the track the lyrics are set on),
    when it has lyrics and no vocal yet; otherwise the project unchanged."""
    if not project.lyrics or has_vocals(project):
        return project
    lead = next((t for t in project.tracks if t.role == "melody"), None)
    if lead is None or not lead.notes:
        return project
    voice = lookup(VOICE_INSTRUMENT)
    assert voice is not None
    names = {t.name for t in project.tracks}
    name = VOCAL_TRACK if VOCAL_TRACK not in names else "sung vocals"
    vocal = Track(
        name=name,
        instrument=voice.name,
        program=voice.program,
        role="lead_vocal",
        notes=list(lead.notes),
        mix=VOCAL_MIX.model_copy(),
    )
    gain = max(-60.0, lead.mix.gain_db + MELODY_UNDER_VOCAL_DB)
    lead = lead.model_copy(update={"mix": lead.mix.model_copy(update={"gain_db": gain})})
    tracks = [lead if t.name == lead.name else t for t in project.tracks] + [vocal]
    return project.model_copy(update={"tracks": tracks})
