"""The ``pitch_shift`` tool: transpose by semitones or to a target key (the key is detected), same tempo."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.editing.music_facts import interval_to_key, sheet_of
from tools.editing.stems import processed_stems, save_stems
from tools.editing.stretch import MAX_SEMITONES, SIGNALSMITH, shift_samples


class PitchShiftInput(BaseModel):
    audio: str = ArtifactRef("audio", "The recording to transpose: an artifact id or 'current'.")
    semitones: float | None = Field(
        None, description="Shift in semitones: +2 = a whole step up, -12 = an octave down (clamped to ±24)."
    )
    target_key: str | None = Field(
        None, description="Key to move to, e.g. 'E minor' (the recording's key is detected)."
    )


class PitchShiftOutput(EditedAudio):
    semitones: float = Field(description="Shift applied, in semitones.")
    key_before: str | None = Field(description="Detected key of the source (None: not needed or not heard).")
    key_after: str | None = Field(description="The key it is in now (None when not known).")
    stems_carried: list[str] = Field(default_factory=list, description="Stems transposed along with the mix.")
    notes: list[str] = Field(
        default_factory=list, description="What the reply should mention (e.g. clamping)."
    )


def _shifted_key(key: str, semitones: float) -> str | None:
    from tools.editing.music_facts import key_parts
    from tools.generation.theory import tonic_name

    if abs(semitones - round(semitones)) > 1e-6:
        return None
    pc, minor = key_parts(key)
    return f"{tonic_name(pc + round(semitones))} {'minor' if minor else 'major'}"


class PitchShift(Tool):
    name = "pitch_shift"
    description = (
        "Transpose a recording without changing its tempo: by semitones (up 2, down an octave) or to a "
        "target key such as 'E minor' (its key is detected). Use for 'put it in E minor', 'transpose it "
        "down a whole step' on uploaded audio. Stems saved with the version are transposed too."
    )
    Input = PitchShiftInput
    Output = PitchShiftOutput
    resources = Resources(num_cpus=1, memory_mb=800, seconds_per_audio_minute=3.0)
    backends = (SIGNALSMITH, FFMPEG_NUMPY)
    changes_current = True

    def run(self, args: PitchShiftInput, ctx: ToolContext) -> PitchShiftOutput:
        if args.semitones is None and not args.target_key:
            raise ToolError(
                "Say how far to move it: e.g. 'up 2 semitones' or 'to E minor'.", code="invalid_argument"
            )
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=False)
        notes: list[str] = []
        key = None
        if args.target_key:
            key = sheet_of(ctx, src).key
            if key is None:
                raise ToolError(
                    f"I can't hear a clear key in '{src.label}', so I can't aim for {args.target_key}: "
                    "say how many semitones instead.",
                    code="no_key",
                )
            semitones, note = interval_to_key(key, args.target_key)
            if note:
                notes.append(note)
        else:
            semitones = float(args.semitones or 0.0)
            if abs(semitones) > MAX_SEMITONES:
                clamped = MAX_SEMITONES if semitones > 0 else -MAX_SEMITONES
                notes.append(f"{semitones:+g} semitones is beyond two octaves, so I shifted by {clamped:+g}")
                semitones = clamped
        if semitones == 0:
            raise ToolError(
                f"'{src.label}' is already in {args.target_key}, so nothing would change."
                if args.target_key
                else "A shift of 0 semitones changes nothing.",
                code="invalid_argument",
            )
        ctx.progress(0.4, f"shifting {semitones:+g} semitones")
        sr = audio.sample_rate
        stems = processed_stems(ctx, src, sr, lambda x: shift_samples(x, sr, semitones))
        # with stems, each is shifted and the mix is their sum (so later remixes match what plays)
        mixed = np.sum(list(stems.values()), axis=0) if stems else shift_samples(audio.samples, sr, semitones)
        out = audio.with_samples(mixed)
        after = _shifted_key(key, semitones) if key else None
        label = f"{semitones:+g} semitones" + (f" ({after})" if after else "")
        saved, fmt = save_audio(ctx, out, src, info, label=label)
        carried = save_stems(ctx, {k: audio.with_samples(v) for k, v in stems.items()}, saved, src.label)
        ctx.progress(1.0, label)
        return PitchShiftOutput(
            **edited(saved, out.with_samples(np.clip(out.samples, -1, 1)), fmt),
            semitones=float(semitones),
            key_before=key,
            key_after=after,
            stems_carried=carried,
            notes=notes,
        )
