"""The ``accompany`` tool: new stems (drums, bass, chords, strings, pad) written for an uploaded recording
from its own beats, downbeats, key and chords, and mixed in ('add a bass line and drums to my guitar
recording'; the spirit of Multi-Track MusicLDM and GETMusic, done with the song generator's part
writers and FluidSynth).

The parts are written on a beat grid (the generator's patterns, in beats) and placed in time by the
recording's detected beats, so they follow its tempo even when it drifts. The recording is kept as
it was, as its own stem.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import mido
import numpy as np
from pydantic import BaseModel, Field

from tools.audio.decode import decode_audio
from tools.audio.loudness import limit_peaks, peak_dbfs
from tools.audio.types import Audio
from tools.base import ArtifactRef, Backend, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.editing.timed_midi import TimedEvents
from tools.generation.compose.bass import write_bass
from tools.generation.compose.comp import write_comp
from tools.generation.compose.drums import write_drums
from tools.generation.compose.groove import SectionContext
from tools.generation.instruments import lookup
from tools.generation.project import NoteEvent
from tools.generation.render.fluid import check_fluidsynth, render_many
from tools.generation.styles import STYLES
from tools.generation.theory import pitch_class
from tools.separation.stems_store import save_stem
from tools.understanding.analyze import sheet_for
from tools.understanding.sheet import FeatureSheet

FLUIDSYNTH = Backend(
    "fluidsynth-gm", "LGPL-2.1+ (library)", "FluidSynth with a General MIDI SoundFont.",
    check=check_fluidsynth,
)  # fmt: skip

PARTS: tuple[str, ...] = ("drums", "bass", "chords", "strings", "pad")
"""The parts this tool can add, in the order they are written."""
PART_SETUP: dict[str, tuple[str, int, float]] = {
    "drums": ("drums", 9, -4.0),
    "bass": ("bass", 1, -6.0),
    "chords": ("piano", 2, -9.0),
    "strings": ("strings", 3, -10.0),
    "pad": ("warm pad", 4, -12.0),
}
"""Part -> (instrument, MIDI channel, level in dB relative to the recording's RMS)."""
MIN_BEATS = 8
"""Fewer detected beats than this: no steady pulse to play along with."""
RENDER_RATE_HZ = 44_100


class AccompanyInput(BaseModel):
    audio: str = ArtifactRef("audio", "The recording to accompany: an artifact id or 'current'.")
    drums: bool = Field(False, description="Add a drum part.")
    bass: bool = Field(False, description="Add a bass line.")
    chords: bool = Field(False, description="Add chords (piano).")
    strings: bool = Field(False, description="Add a string section.")
    pad: bool = Field(False, description="Add a synth pad.")
    style: str = Field("pop", description=f"Groove of the new parts: {', '.join(STYLES)}.")
    level_db: float = Field(
        0.0, ge=-24, le=12, description="Level of the new parts, in dB, relative to their default balance."
    )


class AccompanyOutput(EditedAudio):
    parts: list[str] = Field(description="The parts added (each saved as its own stem).")
    tempo_bpm: float = Field(description="The recording's tempo the parts follow, in BPM.")
    key: str | None = Field(description="The recording's key the parts are in.")
    bars: int = Field(description="How many bars the new parts play.")
    chords: list[str] = Field(description="The chord of each bar the parts play (Harte labels).")
    start_s: float = Field(description="Where the new parts start (the first downbeat), in seconds.")
    limited: bool = Field(
        description="True when the fuller mix was held at -1 dBFS by a limiter (then the mix is not exactly "
        "the sum of the stems)."
    )
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


def beat_grid(sheet: FeatureSheet, duration_s: float) -> tuple[np.ndarray, int]:
    """Beat times in seconds from the first downbeat on, extended past the end at the median beat
    length, and the beats per bar. Raises ToolError ``no_beat`` when there is no steady pulse."""
    beats = np.asarray(sheet.beats, dtype=float)
    if sheet.content != "music" or len(beats) < MIN_BEATS or not sheet.tempo_bpm:
        raise ToolError(
            "I couldn't find a steady beat in this recording to play along with (it needs a few bars of "
            "music with a pulse). Try a longer or more rhythmic take.",
            code="no_beat",
        )
    per_bar = int((sheet.meter or "4/4").split("/")[0]) if sheet.meter else 4
    per_bar = per_bar if per_bar in (2, 3, 4, 6) else 4
    first = float(sheet.downbeats[0]) if sheet.downbeats else float(beats[0])
    grid = beats[np.argmin(np.abs(beats - first)) :]
    step = float(np.median(np.diff(beats)))
    extra = np.arange(1, int((duration_s - grid[-1]) / step) + per_bar + 2) * step + grid[-1]
    return np.concatenate([grid, extra]), per_bar


def bar_chords(sheet: FeatureSheet, grid: np.ndarray, per_bar: int, bars: int) -> list[str]:
    """The chord that sounds longest in each bar (the previous bar's, or the tonic, where none does)."""
    tonic = (sheet.key or "C major").split()
    fallback = f"{tonic[0]}:{'min' if tonic[-1] == 'minor' else 'maj'}"
    out: list[str] = []
    for b in range(bars):
        a, e = grid[b * per_bar], grid[(b + 1) * per_bar]
        overlap: dict[str, float] = {}
        for seg in sheet.chords:
            if seg.label in ("N", "X"):
                continue
            o = min(e, seg.end) - max(a, seg.start)
            if o > 0:
                overlap[seg.label] = overlap.get(seg.label, 0.0) + o
        out.append(max(overlap, key=overlap.__getitem__) if overlap else (out[-1] if out else fallback))
    return out


def write_parts(
    parts: list[str], chords: list[str], per_bar: int, key: str | None, style: str, seed: int
) -> dict[str, list[NoteEvent]]:
    """Notes of each part, in beats from the first downbeat, from the generator's pattern writers."""
    tonic_pc = pitch_class((key or "C major").split()[0])
    mode = "minor" if (key or "").endswith("minor") else "major"
    st = STYLES[style]
    ctx = SectionContext(
        kind="verse", start=0.0, bars=len(chords), beats_per_bar=float(per_bar), chords=tuple(chords),
        energy=0.6, tonic_pc=tonic_pc, mode=mode, swing=st.swing, is_first=False, is_last=False,
        next_chord=chords[0],
    )  # fmt: skip
    out: dict[str, list[NoteEvent]] = {}
    for part in parts:
        if part == "drums":
            out[part] = write_drums(st.drums or "pop", ctx, seed)
        elif part == "bass":
            out[part] = write_bass(st.bass or "root_fifth", ctx, seed)
        else:
            inst = lookup(PART_SETUP[part][0])
            low = inst.low if inst is not None else 48
            role = "pad" if part in ("pad", "strings") else "chords"
            out[part] = write_comp(st.comp if part == "chords" else "pad", ctx, seed, low, role=role)
    return out


def _seconds(beat: float, grid: np.ndarray) -> float:
    return float(np.interp(beat, np.arange(len(grid)), grid))


def part_midi(notes: list[NoteEvent], part: str, grid: np.ndarray, t0: float, path: Path) -> Path:
    """``notes`` (in beats) as a MIDI file timed by the beat ``grid``, shifted so ``t0`` is time 0."""
    instrument, channel, _ = PART_SETUP[part]
    ev = TimedEvents()
    if part != "drums":
        inst = lookup(instrument)
        ev.at(0.0, -100, mido.Message("program_change", program=inst.program if inst else 0, channel=channel))
    for n in notes:
        start = _seconds(n.start, grid) - t0
        end = _seconds(n.start + n.duration, grid) - t0
        ev.note(start, end, n.pitch, n.velocity, channel=channel)
    return ev.save(path, tail_s=1.0)


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2)) + 1e-12)


class Accompany(Tool):
    name = "accompany"
    description = (
        "Add new instrument parts to an uploaded recording that follow its beat, bars, key and chords: "
        "'add a bass line and drums to my guitar recording', 'put some strings behind it', 'add chords'. "
        "The recording stays as it was, as its own stem; each new part is saved as a stem too."
    )
    Input = AccompanyInput
    Output = AccompanyOutput
    resources = Resources(num_cpus=2, memory_mb=1500, seconds_per_audio_minute=20.0)
    backends = (FLUIDSYNTH, FFMPEG_NUMPY)
    changes_current = True

    def run(self, args: AccompanyInput, ctx: ToolContext) -> AccompanyOutput:
        parts = [p for p in PARTS if getattr(args, p)] or ["drums", "bass"]
        style = args.style.strip().lower()
        if style not in STYLES:
            raise ToolError(
                f"I don't know the style '{args.style}'. Styles: {', '.join(STYLES)}.", code="unknown_style"
            )
        reason = check_fluidsynth()
        if reason:
            raise ToolError(f"I can't play new parts here: {reason}.", code="renderer_missing")
        src = resolve_audio(ctx, args.audio)
        audio, info = load_audio(src, allow_silent=False)
        _, sheet = sheet_for(ctx, args.audio)
        ctx.progress(0.4, "writing the new parts")
        grid, per_bar = beat_grid(sheet, audio.duration_s)
        t0 = float(grid[0])
        bars = int(np.sum(grid[::per_bar] < audio.duration_s - 0.05)) if len(grid) else 0
        if bars < 1:
            raise ToolError("The recording is shorter than one bar: nothing to accompany.", code="too_short")
        chords = bar_chords(sheet, grid, per_bar, bars)
        notes = write_parts(parts, chords, per_bar, sheet.key, style, seed=int(src.sha256[:8] or "0", 16))
        ctx.progress(0.5, f"playing {', '.join(parts)}")
        sr = RENDER_RATE_HZ
        with tempfile.TemporaryDirectory(prefix="accompany-") as tmp:
            jobs = [
                (part_midi(notes[p], p, grid, t0, Path(tmp) / f"{p}.mid"), Path(tmp) / f"{p}.wav")
                for p in parts
            ]
            rendered = render_many(jobs)
            waves = {
                p: decode_audio(w, sample_rate=sr, allow_silent=True).samples
                for p, w in zip(parts, rendered, strict=True)
            }
        rec = audio.samples if audio.sample_rate == sr else _resampled(audio, sr)
        if rec.shape[0] == 1:
            rec = np.repeat(rec, 2, axis=0)
        n = rec.shape[1]
        start = round(t0 * sr)
        level = _rms(rec)
        stems: dict[str, np.ndarray] = {}
        for p, y in waves.items():
            y = y if y.shape[0] == 2 else np.repeat(y[:1], 2, axis=0)
            placed = np.zeros((2, n), dtype=np.float32)
            seg = y[:, : max(0, n - start)]
            placed[:, start : start + seg.shape[1]] = seg
            gain = level / _rms(placed) * 10 ** ((PART_SETUP[p][2] + args.level_db) / 20)
            stems[p] = (placed * gain).astype(np.float32)
        mix = rec + np.sum(list(stems.values()), axis=0)
        result = Audio(samples=mix.astype(np.float32), sample_rate=sr)
        notes_text: list[str] = []
        limited = peak_dbfs(result) > -1.0
        if limited:
            result = limit_peaks(result, -1.0, true_peak=True)
            notes_text.append("a limiter held the peaks of the fuller mix at -1 dBFS")
        if t0 > 0.5:
            notes_text.append(f"the new parts come in at the first downbeat, {t0:.1f} s in")
        label = f"{src.label} + {', '.join(parts)}"
        saved, fmt = save_audio(ctx, result, src, info, label=label)
        save_stem(ctx, "recording", Audio(samples=rec.astype(np.float32), sample_rate=sr), saved, src.label)
        for p, y in stems.items():
            save_stem(ctx, p, Audio(samples=y, sample_rate=sr), saved, src.label)
        ctx.progress(1.0, label)
        return AccompanyOutput(
            **edited(saved, result, fmt),
            parts=parts,
            tempo_bpm=round(float(sheet.tempo_bpm or 0.0), 1),
            key=sheet.key,
            bars=bars,
            chords=chords,
            start_s=round(t0, 3),
            limited=limited,
            notes=notes_text,
        )


def _resampled(audio: Audio, sr: int) -> np.ndarray:
    from tools.separation.resample import resample

    return resample(audio.samples, audio.sample_rate, sr)
