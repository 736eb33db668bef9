"""The ``timbre_transfer`` tool: a hummed, whistled or sung melody played again on another instrument
('turn my humming into a saxophone'), following the performance: its pitch contour (vibrato, slides and
bends as MIDI pitch bends), its notes and its loudness (MIDI expression), rendered by FluidSynth with
the General MIDI SoundFont (the DDSP / RAVE idea made practical, with no model weights).
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
from tools.editing.melody_track import Melody, track_melody
from tools.editing.timed_midi import TimedEvents
from tools.generation.instruments import INSTRUMENTS, Instrument, lookup
from tools.generation.render.fluid import check_fluidsynth, render_midi

FLUIDSYNTH = Backend(
    "fluidsynth-gm", "LGPL-2.1+ (library)", "FluidSynth with a General MIDI SoundFont.",
    check=check_fluidsynth,
)  # fmt: skip
YIN = Backend("yin-numpy", "none", "YIN pitch tracking with parabolic interpolation, in numpy.")

BEND_RANGE = 12
"""Pitch-bend range set on the channel, in semitones (RPN 0): slides of up to an octave stay one note."""
CC_STEP = 2
"""Expression changes smaller than this (in MIDI units) are not written."""
EXPRESSION_FLOOR = 24
"""Lowest expression value (0-127) while a note sounds, so quiet endings stay audible."""
RELEASE_S = 0.4
"""Time kept after the performance ends for the last note's release, in seconds."""
LOW_SPAN = 24
"""An instrument's comfortable range: its ``low`` pitch to this many semitones above, in semitones."""
DEFAULT_INSTRUMENT = "saxophone"

SUSTAINED = ("saxophone", "tenor saxophone", "violin", "viola", "cello", "flute", "clarinet", "oboe",
             "trumpet", "trombone", "french horn", "harmonica", "synth lead", "organ", "accordion",
             "strings", "choir", "voice", "brass")  # fmt: skip
"""Instruments that hold a note (and follow loudness and bends like a voice); others are plucked or struck."""


class TimbreTransferInput(BaseModel):
    audio: str = ArtifactRef(
        "audio", "The hummed, whistled, sung or played melody: an artifact id or 'current'."
    )
    instrument: str = Field(
        DEFAULT_INSTRUMENT,
        description="The instrument to play it on: saxophone, violin, flute, cello, trumpet, clarinet, "
        "oboe, trombone, french horn, harmonica, synth lead, piano, guitar, ... (General MIDI names).",
    )
    octave: int | None = Field(
        None,
        ge=-3,
        le=3,
        description="Octaves to move the melody (e.g. 1 = an octave up); None: into the instrument's range.",
    )


class TimbreTransferOutput(EditedAudio):
    instrument: str = Field(description="The instrument it was played on (General MIDI name).")
    note_count: int = Field(description="How many notes were played.")
    octave_shift: int = Field(description="Octaves the melody was moved to fit the instrument (0: none).")
    median_pitch_error_cents: float = Field(
        description="Median distance between the input's pitch and the result's, in cents (after the "
        "octave shift), measured on the frames both sound."
    )
    voiced_s: float = Field(description="Seconds of the input that had a pitch to follow.")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


def instrument_for(name: str) -> Instrument:
    """The General MIDI instrument ``name`` means ('sax' -> saxophone); ToolError when none, or drums."""
    inst = lookup(name)
    if inst is None or inst.is_drums:
        options = ", ".join(n for n in SUSTAINED if n in INSTRUMENTS)
        raise ToolError(
            f"I don't know an instrument called '{name}' to play a melody on. Try one of: {options}.",
            code="unknown_instrument",
        )
    return inst


def octave_shift_for(median_pitch: float, inst: Instrument) -> int:
    """The fewest octaves that bring ``median_pitch`` (MIDI) inside ``inst``'s comfortable range (its
    ``low`` pitch to ``LOW_SPAN`` semitones above, a tone in from each end); when none does, the octave
    nearest the middle of that range."""
    lo, hi = inst.low + 2, inst.low + LOW_SPAN - 2
    fits = [k for k in range(-3, 4) if lo <= median_pitch + 12 * k <= hi]
    if fits:
        return min(fits, key=abs)
    return int(np.round((inst.low + LOW_SPAN / 2 - median_pitch) / 12))


def _bend_value(semitones: float) -> int:
    return int(np.clip(round(semitones / BEND_RANGE * 8192), -8192, 8191))


def melody_midi(melody: Melody, program: int, shift: int, path: Path) -> Path:
    """Write ``melody`` as a one-channel MIDI file at ``path``: notes moved by ``shift`` semitones, the
    contour as pitch bends every frame, the loudness curve as expression (CC 11)."""
    ev = TimedEvents()
    setup = [mido.Message("program_change", program=program, channel=0)]
    for cc, v in ((101, 0), (100, 0), (6, BEND_RANGE), (38, 0), (101, 127), (100, 127), (7, 110), (11, 100)):
        setup.append(mido.Message("control_change", control=cc, value=v, channel=0))
    for i, msg in enumerate(setup):
        ev.at(0.0, -100 + i, msg)
    last_cc = -100
    for f, db in enumerate(melody.level_db):
        value = int(np.clip(round(127 * np.sqrt(10 ** (db / 20))), EXPRESSION_FLOOR, 127))
        if abs(value - last_cc) >= CC_STEP:
            ev.at(f * melody.hop_s, 1, mido.Message("control_change", control=11, value=value, channel=0))
            last_cc = value
    for note in melody.notes:
        pitch = int(np.clip(note.pitch + shift, 0, 127))
        last = _bend_value(float(note.bend[0]))
        ev.at(note.start_s, 2, mido.Message("pitchwheel", pitch=last, channel=0))
        velocity = int(np.clip(round(45 + 82 * np.sqrt(note.velocity)), 1, 127))
        ev.note(note.start_s, note.end_s, pitch, velocity)  # legato: the note before ends first
        for k, b in enumerate(note.bend[1:], start=1):
            value = _bend_value(float(b))
            if value != last:
                ev.at(note.start_s + k * melody.hop_s, 2, mido.Message("pitchwheel", pitch=value, channel=0))
                last = value
    return ev.save(path, tail_s=RELEASE_S)


def render_melody(melody: Melody, inst: Instrument, shift: int, sample_rate: int) -> np.ndarray:
    """``melody`` played on ``inst`` (moved by ``shift`` semitones): stereo float32 at ``sample_rate`` Hz,
    as long as the performance."""
    with tempfile.TemporaryDirectory(prefix="timbre-") as tmp:
        midi = melody_midi(melody, inst.program, shift, Path(tmp) / "melody.mid")
        wav = render_midi(midi, Path(tmp) / "melody.wav", sample_rate=sample_rate)
        y = decode_audio(wav, sample_rate=sample_rate, allow_silent=True).samples
    n = round(melody.duration_s * sample_rate)
    y = y[:, :n] if y.shape[1] >= n else np.pad(y, ((0, 0), (0, n - y.shape[1])))
    if y.shape[0] == 1:
        y = np.repeat(y, 2, axis=0)
    return y.astype(np.float32)


def pitch_error_cents(reference: Melody, result: Melody, shift: int) -> float:
    """Median |pitch difference| in cents between ``reference`` moved by ``shift`` semitones and
    ``result``, over the frames voiced in both (NaN when none are)."""
    n = min(len(reference.midi), len(result.midi))
    both = reference.voiced[:n] & result.voiced[:n]
    if not both.any():
        return float("nan")
    return float(np.median(np.abs(result.midi[:n][both] - reference.midi[:n][both] - shift)) * 100)


class TimbreTransfer(Tool):
    name = "timbre_transfer"
    description = (
        "Play a hummed, whistled or sung melody again on an instrument: 'turn my humming into a "
        "saxophone', 'make my whistling a flute', 'play this melody on violin'. It follows the pitch "
        "(vibrato, slides, bends), the notes and the loudness of the performance."
    )
    Input = TimbreTransferInput
    Output = TimbreTransferOutput
    resources = Resources(num_cpus=1, memory_mb=800, seconds_per_audio_minute=20.0)
    backends = (YIN, FLUIDSYNTH, FFMPEG_NUMPY)
    changes_current = True

    def run(self, args: TimbreTransferInput, ctx: ToolContext) -> TimbreTransferOutput:
        inst = instrument_for(args.instrument)
        reason = check_fluidsynth()
        if reason:
            raise ToolError(f"I can't play it on an instrument here: {reason}.", code="renderer_missing")
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=False)
        mono = audio.samples.mean(axis=0)
        ctx.progress(0.1, "following the melody")
        melody = track_melody(mono, audio.sample_rate)
        shift = 12 * (args.octave if args.octave is not None else octave_shift_for(melody.median_pitch, inst))
        ctx.progress(0.5, f"playing it on the {inst.name}")
        sr = max(audio.sample_rate, 22_050)
        y = render_melody(melody, inst, shift, sr)
        ctx.progress(0.8, "checking the result")
        try:
            error = pitch_error_cents(melody, track_melody(y.mean(axis=0), sr), shift)
        except ToolError:  # the instrument's sound gave the tracker nothing steady to check against
            error = float("nan")
        # the level of the performance, peaks held below clipping
        gain = np.sqrt(np.mean(mono**2) / max(float(np.mean(y**2)), 1e-12))
        result = Audio(samples=(y * gain).astype(np.float32), sample_rate=sr)
        if peak_dbfs(result) > -1.0:
            result = limit_peaks(result, -1.0, true_peak=True)
        notes_text = []
        if shift:
            octs = abs(shift) // 12
            notes_text.append(
                f"I moved it {'up' if shift > 0 else 'down'} {octs} octave{'s' if octs > 1 else ''} "
                f"to suit the {inst.name}"
            )
        if inst.name not in SUSTAINED:
            notes_text.append(f"the {inst.name} can't hold or bend a note, so long notes fade as it does")
        label = f"{src.label} on {inst.name}"
        saved, fmt = save_audio(ctx, result, src, info, label=label)
        ctx.progress(1.0, label)
        return TimbreTransferOutput(
            **edited(saved, result, fmt),
            instrument=inst.name,
            note_count=len(melody.notes),
            octave_shift=shift // 12,
            median_pitch_error_cents=round(error, 1) if np.isfinite(error) else -1.0,
            voiced_s=round(float(melody.voiced.sum()) * melody.hop_s, 2),
            notes=notes_text,
        )
