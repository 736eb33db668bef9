"""Scoring: music written with the generation code against a cue sheet, rendered and fitted to the
video to the sample.

``score_project`` turns a :class:`~tools.video.cue.CueSheet` into a :class:`SongProject`: the composer
chooses the band, key and motif for the style and mood; the sections, their energies and the tempo
map (one tempo per beat, so every beat of the grid lands where the cue sheet put it) come from the
cue sheet; then the notes get the energy curve (velocity per bar), accents on the hit points (crash
+ kick + a bass hit) and a closing hit on the last downbeat. ``fit_music`` cuts the render to the
video: the pickup before the first frame off, exactly ``n_samples`` long, a short fade at the end.

Units: beats are quarter notes from bar 0 (at ``CueSheet.start_s``); times in seconds; gains in dB.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import soundfile as sf

from tools.generation.compose.arrange import arrange, make_track, stable_seed
from tools.generation.compose.harmony import section_chords
from tools.generation.compose.request import ComposeRequest
from tools.generation.project import NoteEvent, Section, SongProject, TempoChange, Track
from tools.generation.styles import STYLES
from tools.generation.theory import parse_chord, pitch_class
from tools.video.cue import ENERGY_RATE_HZ, CueSheet

CRASH, KICK = 49, 36
"""General MIDI percussion keys of the accents."""
FADE_IN_S = 0.02
"""Fade-in when the music starts inside its pickup bar, seconds (no click)."""
MAX_END_FADE_S = 1.5
"""Longest fade at the end, seconds (shorter when the closing hit is close to the end)."""


def _tempo_map(cue: CueSheet, n_beats: int) -> tuple[float, list[TempoChange]]:
    """(initial BPM, changes) so that beat k of the song falls at ``cue.beats_s[k]``."""
    grid = np.asarray(cue.beats_s[: n_beats + 1], dtype=float)
    bpm = 60.0 / np.diff(grid)
    changes = []
    last = round(float(bpm[0]), 4)
    for k in range(1, len(bpm)):
        value = round(float(bpm[k]), 4)
        if abs(value - last) > 1e-3:
            changes.append(TempoChange(beat=float(k), bpm=value))
            last = value
    return round(float(bpm[0]), 4), changes


def _chord_at(project: SongProject, beat: float) -> str:
    """Chord label sounding at ``beat``."""
    bpb = project.beats_per_bar
    for name, start in project.section_starts().items():
        sec = next(s for s in project.sections if s.name == name)
        end = start + sec.bars * bpb
        if start <= beat < end:
            slot = int((beat - start) / bpb * sec.chords_per_bar)
            return sec.chords[slot % len(sec.chords)]
    return project.sections[-1].chords[-1]


def _accent_notes(project: SongProject, cue: CueSheet) -> tuple[list[NoteEvent], list[NoteEvent]]:
    """(drum notes, bass notes) of the accents on hit points and of the closing hit."""
    total = project.total_beats
    drums: list[NoteEvent] = []
    bass: list[NoteEvent] = []
    beats: list[tuple[float, float]] = []
    for h in cue.hit_points:
        if h.accent and h.beat_index is not None and 0 < h.beat_index < total:
            beats.append((float(h.beat_index), h.strength))
    beats.append((float(cue.end_bar * cue.beats_per_bar), 0.8))  # the button on the last downbeat
    taken: list[float] = []
    for beat, strength in sorted(beats):
        if any(abs(beat - b) < 2 for b in taken):
            continue
        taken.append(beat)
        vel = int(np.clip(85 + 40 * strength, 1, 127))
        drums.append(NoteEvent(start=beat, duration=1.0, pitch=CRASH, velocity=vel))
        drums.append(NoteEvent(start=beat, duration=0.5, pitch=KICK, velocity=min(127, vel + 5)))
        root, _ = parse_chord(_chord_at(project, beat))
        bass.append(NoteEvent(start=beat, duration=1.5, pitch=28 + (root - 28) % 12, velocity=min(127, vel)))
    return drums, bass


def _shape_velocity(notes: list[NoteEvent], cue: CueSheet, bpb: float) -> list[NoteEvent]:
    """Notes with their velocity following the action: scaled 0.6x (still) .. 1.2x (full motion) by the
    energy of their bar and of the moment they start (the cue sheet's curves), moved by the user's
    'more energetic' / 'calmer' and held down in a 'calmer at the end' last quarter."""
    opts = cue.options
    grid = np.asarray(cue.beats_s, dtype=float)
    curve = np.asarray(cue.energy_curve or [0.5], dtype=float)
    n_bars = len(cue.bar_energy)
    out = []
    for n in notes:
        bar = min(n_bars - 1, int(n.start // bpb)) if n_bars else 0
        t = float(np.interp(n.start, np.arange(len(grid)), grid))
        moment = curve[min(len(curve) - 1, max(0, int(t * ENERGY_RATE_HZ)))]
        e = 0.5 * (cue.bar_energy[bar] if n_bars else 0.5) + 0.5 * moment + 0.25 * opts.energy_shift
        if opts.end_energy is not None and bar >= 0.75 * n_bars:
            e = min(e, opts.end_energy)
        factor = 0.6 + 0.6 * float(np.clip(e, 0.0, 1.0))
        out.append(n.model_copy(update={"velocity": int(np.clip(round(n.velocity * factor), 1, 127))}))
    return out


def score_project(cue: CueSheet) -> SongProject:
    """The song project for ``cue``. The composer picks band, key and motif from the style, mood, the
    instruments named in the words and a seed that depends only on the video and the style, so an edit
    of the options changes only what it asks for."""
    from tools.generation.compose.arrange import compose
    from tools.generation.instruments import find_instruments

    opts = cue.options
    bpb = cue.beats_per_bar
    n_bars = cue.end_bar + 1
    n_beats = n_bars * bpb
    tempo0, changes = _tempo_map(cue, n_beats)
    seed = (
        opts.seed
        if opts.seed is not None
        else random.Random(f"{cue.duration_s}:{cue.style}").randrange(10**6)
    )
    named = [i.name for i in find_instruments(opts.prompt.lower())] if opts.prompt else []
    request = ComposeRequest(
        style=cue.style,
        instruments=named or None,
        mood=cue.mood or None,
        tempo_bpm=round(cue.tempo_bpm, 2),
        key=opts.key,
        duration_s=max(5.0, min(600.0, n_bars * bpb * 60.0 / cue.tempo_bpm)),
        seed=seed,
    )
    base = compose(request)
    style = STYLES[base.style]
    tonic_pc = pitch_class(base.key)
    sections = []
    for i, cs in enumerate(cue.sections):
        chords = section_chords(
            style, tonic_pc, base.mode, cs.kind, cs.bars, base.seed, is_last=i == len(cue.sections) - 1
        )
        sections.append(
            Section(
                name=cs.name,
                kind=cs.kind,
                bars=cs.bars,
                chords=chords,
                energy=cs.energy,
                seed=stable_seed(base.seed, cs.name),
            )
        )
    tracks = [t.model_copy(update={"notes": [], "muted_sections": []}) for t in base.tracks]
    if opts.no_drums:
        tracks = [t for t in tracks if not t.is_drums]
    notes = list(cue.notes)
    if opts.no_vocals:
        if not any(t.role == "lead_vocal" for t in tracks):
            notes.append("the music has no sung part, so there were no vocals to take out")
        tracks = [t for t in tracks if t.role != "lead_vocal"]
    start_s = cue.start_s
    music_end = cue.beats_s[n_beats] - start_s
    tail = max(0.0, min(8.0, (cue.duration_s - start_s) - music_end))
    project = base.model_copy(
        update={
            "title": base.title if base.title and "sketch" not in base.title else "Score for the video",
            "tempo_bpm": tempo0,
            "tempo_changes": changes,
            "meter": (bpb, 4),
            "sections": sections,
            "tracks": tracks,
            "lyrics": [],
            "tail_s": round(tail, 6),
            "mood": cue.mood,
            "notes": notes,
        }
    )
    project = arrange(project)
    shaped = []
    for t in project.tracks:
        shaped.append(t.model_copy(update={"notes": _shape_velocity(t.notes, cue, bpb)}))
    project = project.model_copy(update={"tracks": shaped})
    drum_hits, bass_hits = _accent_notes(project, cue)
    tracks = list(project.tracks)
    drum_track = next((t for t in tracks if t.is_drums), None)
    if not opts.no_drums:
        if drum_track is None:  # a style without drums still marks the hits (crash + kick only)
            from tools.generation.instruments import lookup

            kit = lookup("drums")
            if kit is not None:
                drum_track = make_track("drums", kit, tracks)
                drum_track = drum_track.model_copy(
                    update={"mix": drum_track.mix.model_copy(update={"gain_db": -4.0})}
                )
                tracks.append(drum_track)
        if drum_track is not None:
            i = tracks.index(drum_track)
            tracks[i] = _with_notes(drum_track, drum_hits)
    bass_track = next((t for t in tracks if t.role == "bass"), None)
    if bass_track is not None:
        i = tracks.index(bass_track)
        low = 28 if bass_track.instrument != "cello" else 36
        hits = [n.model_copy(update={"pitch": low + (n.pitch - low) % 12}) for n in bass_hits]
        tracks[i] = _with_notes(bass_track, hits)
    return project.model_copy(update={"tracks": tracks})


def _with_notes(track: Track, extra: list[NoteEvent]) -> Track:
    notes = sorted([*track.notes, *extra], key=lambda n: (n.start, n.pitch))
    return track.model_copy(update={"notes": notes})


def fit_music(mix_path: Path, cue: CueSheet, out_path: Path) -> Path:
    """Write the render at ``mix_path`` fitted to the video into ``out_path`` (16-bit WAV): the pickup
    before the first frame cut off, exactly ``cue.n_samples`` long, faded out after the closing hit."""
    data, sr = sf.read(str(mix_path), dtype="float32", always_2d=True)
    if sr != cue.sample_rate:
        raise ValueError(f"render at {sr} Hz, cue sheet at {cue.sample_rate} Hz")
    skip = max(0, round(-cue.start_s * sr))
    x = data[skip : skip + cue.n_samples]
    if len(x) < cue.n_samples:
        x = np.pad(x, ((0, cue.n_samples - len(x)), (0, 0)))
    x = x.copy()
    if skip > 0:
        n = min(len(x), int(FADE_IN_S * sr))
        x[:n] *= np.linspace(0.0, 1.0, n, dtype=np.float32)[:, None]
    button = cue.beats_s[cue.end_bar * cue.beats_per_bar]
    fade_s = max(0.3, min(MAX_END_FADE_S, (cue.duration_s - button) * 0.6))
    n = min(len(x), int(fade_s * sr))
    if n > 0:
        x[-n:] *= np.linspace(1.0, 0.0, n, dtype=np.float32)[:, None] ** 2
    out_path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(out_path), np.clip(x, -1.0, 1.0), sr, subtype="PCM_16", format="WAV")
    return out_path


def music_beats(path: Path) -> tuple[list[float], list[float], float | None]:
    """(beats, downbeats, tempo BPM) heard in the music at ``path`` by our beat tracker (seconds)."""
    import soxr

    from tools.audio.decode import decode_audio
    from tools.understanding import constants as C  # noqa: N812
    from tools.understanding.rhythm import analyze_rhythm

    audio = decode_audio(str(path), C.ANALYSIS_SAMPLE_RATE_HZ, allow_silent=True)
    mono = audio.samples.mean(axis=0).astype(np.float32)
    x22 = soxr.resample(mono, C.ANALYSIS_SAMPLE_RATE_HZ, C.DSP_SAMPLE_RATE_HZ).astype(np.float32)
    rhythm = analyze_rhythm(mono, x22)
    return list(rhythm.beats), list(rhythm.downbeats), rhythm.tempo_bpm


def loudness_curve(path: Path, fps: float) -> np.ndarray:
    """RMS loudness of the music at ``path`` in dB, one value per 1/``fps`` seconds."""
    data, sr = sf.read(str(path), dtype="float32", always_2d=True)
    mono = data.mean(axis=1)
    hop = max(1, int(sr / fps))
    n = len(mono) // hop
    frames = mono[: n * hop].reshape(n, hop)
    rms = np.sqrt((frames**2).mean(axis=1) + 1e-12)
    return 20 * np.log10(rms + 1e-9)
