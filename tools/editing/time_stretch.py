"""The ``time_stretch`` tool: a new tempo (a target BPM or a ratio) with the pitch kept."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.editing.music_facts import detected_tempo, sheet_of
from tools.editing.stems import processed_stems, save_stems
from tools.editing.stretch import MAX_SPEED, MIN_SPEED, SIGNALSMITH, stretch_samples


class TimeStretchInput(BaseModel):
    audio: str = ArtifactRef("audio", "The recording to speed up or slow down: an artifact id or 'current'.")
    bpm: float | None = Field(
        None,
        gt=0,
        le=400,
        description="Target tempo in BPM ('slow it to 90 BPM'); the track's tempo is detected.",
    )
    ratio: float | None = Field(
        None, gt=0, description="Speed ratio: 0.8 = 80% of the speed (slower), 1.25 = faster. Allowed 0.25-4."
    )
    change_bpm: float | None = Field(None, description="Tempo change in BPM: -10 = 10 BPM slower.")
    percent: float | None = Field(None, gt=0, lt=300, description="Change in percent, with ``direction``.")
    direction: str | None = Field(None, description="'slower' or 'faster' (alone: 10% that way).")


class TimeStretchOutput(EditedAudio):
    ratio: float = Field(description="Speed ratio applied (new tempo / old tempo).")
    tempo_before_bpm: float | None = Field(
        description="Detected tempo of the source, in BPM (None: not needed)."
    )
    tempo_after_bpm: float | None = Field(
        description="The tempo it now has, in BPM (None when not detected)."
    )
    stems_carried: list[str] = Field(default_factory=list, description="Stems stretched along with the mix.")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


def _ratio(args: TimeStretchInput, tempo: float | None) -> float:
    if args.ratio is not None:
        return args.ratio
    if args.bpm is not None:
        assert tempo is not None
        return args.bpm / tempo
    if args.change_bpm is not None:
        assert tempo is not None
        slower = (args.direction or "").lower().startswith("slow")
        change = -abs(args.change_bpm) if slower else args.change_bpm
        return (tempo + change) / tempo
    sign = -1.0 if (args.direction or "").lower().startswith("slow") else 1.0
    pct = args.percent if args.percent is not None else 10.0
    return 1.0 + sign * pct / 100.0


class TimeStretch(Tool):
    name = "time_stretch"
    description = (
        "Change the tempo of a recording without changing its pitch: to a target BPM (its tempo is "
        "detected), by a ratio, by some BPM or percent. Use for 'slow this to 90 BPM', 'speed it up 10%', "
        "'half speed' on uploaded audio. Stems saved with the version are stretched too."
    )
    Input = TimeStretchInput
    Output = TimeStretchOutput
    resources = Resources(num_cpus=1, memory_mb=800, seconds_per_audio_minute=3.0)
    backends = (SIGNALSMITH, FFMPEG_NUMPY)
    changes_current = True

    def run(self, args: TimeStretchInput, ctx: ToolContext) -> TimeStretchOutput:
        if all(v is None for v in (args.bpm, args.ratio, args.change_bpm, args.percent, args.direction)):
            raise ToolError(
                "Say the new tempo: e.g. '90 BPM', '80% speed' or '10 BPM faster'.", code="invalid_argument"
            )
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=False)
        tempo = None
        if args.ratio is None and (args.bpm is not None or args.change_bpm is not None):
            tempo = detected_tempo(sheet_of(ctx, src), src.label)
        ratio = _ratio(args, tempo)
        if not MIN_SPEED <= ratio <= MAX_SPEED:
            what = f"{ratio:.2f}x the speed" + (
                f" ({tempo:.1f} BPM to {tempo * ratio:.1f} BPM)" if tempo else ""
            )
            raise ToolError(
                f"That is {what}: I can change the tempo from a quarter of the speed to four times it "
                f"({MIN_SPEED:g}-{MAX_SPEED:g}x), since beyond that it stops sounding like the recording.",
                code="out_of_range",
            )
        if abs(ratio - 1.0) < 1e-4:
            raise ToolError(
                f"'{src.label}' is already at {tempo:.1f} BPM, so nothing would change."
                if tempo
                else "A ratio of 1 changes nothing: say how much faster or slower.",
                code="invalid_argument",
            )
        ctx.progress(0.4, f"stretching to {ratio:.3f}x the speed")
        sr = audio.sample_rate
        stems = processed_stems(ctx, src, sr, lambda x: stretch_samples(x, sr, ratio))
        # with stems, each is stretched and the mix is their sum (so later remixes match what plays)
        mixed = np.sum(list(stems.values()), axis=0) if stems else stretch_samples(audio.samples, sr, ratio)
        out = audio.with_samples(mixed)
        after = round(tempo * ratio, 2) if tempo else None
        label = f"{after:g} BPM" if after else f"{ratio * 100:.0f}% speed"
        saved, fmt = save_audio(ctx, out, src, info, label=f"{label} (pitch kept)")
        carried = save_stems(ctx, {k: audio.with_samples(v) for k, v in stems.items()}, saved, src.label)
        ctx.progress(1.0, label)
        return TimeStretchOutput(
            **edited(saved, out.with_samples(np.clip(out.samples, -1, 1)), fmt),
            ratio=round(ratio, 6),
            tempo_before_bpm=round(tempo, 2) if tempo else None,
            tempo_after_bpm=after,
            stems_carried=carried,
        )
