"""The ``separate`` tool: stems of an uploaded track, each saved as a companion of a new version."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ArtifactInfo, ArtifactRef, Backend, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.separation import constants as c
from tools.separation.api import separate_samples
from tools.separation.demucs_backend import check_demucs
from tools.separation.learned import check_learned
from tools.separation.stems_store import save_stem

StemName = Literal["vocals", "drums", "bass", "other", "accompaniment"]

DSP = Backend(
    "dsp-hpss-repet",
    "none",
    "CPU default, no weights: harmonic/percussive split, REPET-SIM repetition model, bass crossover.",
)
DEMUCS = Backend(
    "demucs",
    "MIT",
    "Demucs-family model (demucs-infer) from <models>/demucs/*.th; GPU when present.",
    check=check_demucs,
)
LEARNED = Backend(
    "learned-masknet",
    "Apache-2.0",
    "Small vocal-mask network trained here (tools/separation/models/MODEL_CARD.md; CC BY training "
    "audio); vocals/accompaniment, the four-stem split adds the DSP on the accompaniment.",
    check=check_learned,
)


class SeparateInput(BaseModel):
    audio: str = ArtifactRef("audio", "The track to split into stems: an artifact id or 'current'.")
    layout: Literal["four", "two"] = Field(
        "four", description="'four': vocals, drums, bass, other; 'two': vocals and accompaniment."
    )
    keep: list[StemName] = Field(
        default_factory=list,
        description="Stems the new version plays ('drums only' -> ['drums'], 'remove the vocals' -> "
        "['accompaniment']); empty: all of them (the stems added back together).",
    )
    backend: Literal["auto", "dsp", "demucs", "learned"] = Field(
        "auto",
        description="'auto' (Demucs when its weights are present, else the learned model, else DSP), "
        "'dsp', 'demucs' or 'learned'.",
    )


class SeparateOutput(EditedAudio):
    stems: dict[str, ArtifactInfo] = Field(description="Stem name -> its saved file (a companion).")
    kept: list[str] = Field(description="The stems the new version plays.")
    backend: str = Field(description="The separator that made the stems.")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


def _keep_list(keep: list[str], layout: str) -> list[str]:
    """The stems to play, in the layout's names (accompaniment in a four-stem split = drums+bass+other)."""
    if not keep:
        return list(c.FOUR_STEMS if layout == "four" else c.TWO_STEMS)
    out: list[str] = []
    for name in keep:
        if layout == "two" and name in ("drums", "bass", "other"):
            raise ToolError(
                f"A two-stem split has only vocals and accompaniment, so '{name}' can't be kept alone: "
                "ask for the four stems instead.",
                code="invalid_argument",
            )
        expanded = ["drums", "bass", "other"] if (name == "accompaniment" and layout == "four") else [name]
        out += [n for n in expanded if n not in out]
    return out


class Separate(Tool):
    name = "separate"
    description = (
        "Split a recording into stems: vocals, drums, bass and other (or vocals and accompaniment). "
        "Use for 'separate the stems', 'remove the vocals' (keep accompaniment), 'karaoke version', "
        "'give me the drums only' (keep drums), 'isolate the vocals'. Each stem is saved as its own file."
    )
    Input = SeparateInput
    Output = SeparateOutput
    resources = Resources(num_cpus=1, memory_mb=1500, seconds_per_audio_minute=12.0)
    backends = (DSP, DEMUCS, LEARNED, FFMPEG_NUMPY)
    changes_current = True

    def run(self, args: SeparateInput, ctx: ToolContext) -> SeparateOutput:
        kept = _keep_list(list(args.keep), args.layout)
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src)
        sep = separate_samples(
            audio.samples,
            audio.sample_rate,
            backend=args.backend,
            layout=args.layout,
            models_dir=ctx.models_dir,
            progress=lambda f, m: ctx.progress(0.05 + 0.8 * f, m),
        )
        mix = np.sum([sep.stems[k] for k in kept], axis=0)
        everything = len(kept) == len(sep.stems) or (args.layout == "four" and len(kept) == 4)
        label = f"stems of {src.label}" if everything else f"{' + '.join(kept)} of {src.label}"
        ctx.progress(0.9, "saving the stems")
        saved, fmt = save_audio(ctx, audio.with_samples(mix), src, info, label=label)
        stems = {
            name: save_stem(ctx, name, audio.with_samples(stem), saved, src.label)
            for name, stem in sep.stems.items()
        }
        ctx.progress(1.0, label)
        return SeparateOutput(
            **edited(saved, audio.with_samples(np.clip(mix, -1, 1)), fmt),
            stems=stems,
            kept=kept,
            backend=sep.backend,
            notes=sep.notes,
        )
