"""The ``compose`` tool: write a new song (an editable project) from a request and render it.

Two backends: ``symbolic`` (default: the composer + FluidSynth, with stems and a sung guide vocal)
and ``musicgen`` (MusicGen via transformers from the local models folder, conditioned on the symbolic
composer's melody or an uploaded recording when MusicGen-Melody weights are there; audio only).
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import Field

from tools.base import Resources, Tool, ToolContext, ToolError
from tools.generation.compose.arrange import compose
from tools.generation.compose.request import ComposeRequest
from tools.generation.neural import (
    MAX_DURATION_S,
    MUSICGEN,
    MUSICGEN_MELODY,
    default_device,
    generate,
    generate_with_melody,
    neural_backend,
)
from tools.generation.progression import honour_progression
from tools.generation.project import SongProject
from tools.generation.render.pipeline import singer_name
from tools.generation.render.psola import ESPEAK_SINGER
from tools.generation.render.vocal import FORMANT_SINGER
from tools.generation.store import FLUIDSYNTH, SongVersion, render_cached, save_song, summarise, write_lrc
from tools.generation.vocals import has_vocals, with_vocals

SINGER_NOTES = {
    "espeak": "the guide vocal is espeak-ng's voice (GPL-3.0, run as a separate program) pitched onto the "
    "melody by our PSOLA: robotic, but most words can be made out; a guide, not a finished vocal",
    "formant": "the guide vocal is our formant singer: it sings the melody on each syllable's vowel with "
    "hints of its consonants, so the tune and phrasing are clear but the words are hard to make out",
}
"""What the reply says about the sung guide vocal, by singer."""
NEURAL_RATE_HZ = 44100
"""The neural mix is written at this rate (MusicGen makes 32 kHz)."""


class ComposeInput(ComposeRequest):
    check: bool = Field(True, description="Measure tempo and key of the result with our analysers.")
    vocals: bool = Field(
        True, description="Sing the lyrics as a guide vocal on its own 'vocals' stem (songs with words)."
    )
    backend: Literal["symbolic", "musicgen"] = Field(
        "symbolic",
        description="'symbolic' (default: editable, exact, with stems) or 'musicgen' (neural audio from "
        "local MusicGen weights, CC BY-NC 4.0; no stems).",
    )
    melody_from: str | None = Field(
        None,
        description="Backend 'musicgen' only: a recording in the session whose melody to follow ('current', "
        "'upload:1', an id); default: the symbolic composer's melody.",
    )


def compose_song(request: ComposeRequest, *, vocals: bool = True) -> SongProject:
    """The song project for ``request``: the composer's arrangement, set on the chord progression the
    request asks for (if any), with a sung guide vocal when it has words and ``vocals`` is on."""
    project = honour_progression(compose(request), request.prompt)
    return with_vocals(project) if vocals else project


def neural_prompt(project: SongProject, request_text: str) -> str:
    """The text MusicGen is given: the request plus the plan's style, mood, key, tempo and band."""
    band = ", ".join(dict.fromkeys(t.instrument for t in project.tracks if t.instrument != "voice"))
    facts = f"{project.style} {project.mood} in {project.key_label} at {project.tempo_bpm:g} BPM with {band}"
    return f"{request_text.strip()}. {facts}".strip(". ") if request_text.strip() else facts


def _melody_source(ctx: ToolContext, project: SongProject, ref: str | None) -> tuple[np.ndarray, int, str]:
    """(samples, rate, what it is) of the melody to follow: the recording ``ref`` names, else the
    sung vocal or melody stem of the symbolic render."""
    from tools.audio.decode import decode_audio

    if ref:
        info = ctx.workspace.resolve(ref)
        if info.kind not in ("audio", "video"):
            raise ToolError(
                f"'{info.label}' is not a recording, so I can't follow its melody.", code="not_audio"
            )
        audio = decode_audio(info.path, 32000)
        return audio.samples, audio.sample_rate, f"the melody of '{info.label}'"
    from tools.generation.render.midi import lyric_track_name

    res = render_cached(ctx, project)
    owner = lyric_track_name(project)
    if owner is None or owner not in res.stems:
        raise ToolError("This song has no melody to follow.", code="no_melody")
    import soundfile as sf

    data, rate = sf.read(res.stems[owner], dtype="float32", always_2d=True)
    return data.T, int(rate), f"the composer's {owner} line"


class Compose(Tool):
    name = "compose"
    description = (
        "Write and render a new song from a description: style (pop, rock, lo-fi hip-hop, EDM, house, "
        "jazz, bossa nova, classical, cinematic, folk, funk, ambient), mood, tempo (BPM), key, meter, "
        "length, instruments and lyrics or a theme. Makes an editable song project plus its mix, stems "
        "and MIDI (songs with words get a sung guide vocal); the new mix becomes the current version. "
        "backend 'musicgen' uses local MusicGen weights instead (audio only)."
    )
    Input = ComposeInput
    Output = SongVersion
    resources = Resources(num_cpus=2, memory_mb=1500, seconds_per_audio_minute=4.0)
    backends = (FLUIDSYNTH, FORMANT_SINGER, ESPEAK_SINGER, MUSICGEN, MUSICGEN_MELODY)
    changes_current = True

    def run(self, args: ComposeInput, ctx: ToolContext) -> SongVersion:
        ctx.progress(0.0, "composing")
        if args.backend == "musicgen":
            neural_backend(ctx.models_dir)  # a clear error before any work when there are no weights
        request = ComposeRequest.model_validate(
            args.model_dump(exclude={"check", "vocals", "backend", "melody_from"})
        )
        project = compose_song(request, vocals=args.vocals)
        change = f"{project.style} in {project.key_label} at {project.tempo_bpm:g} BPM"
        if args.backend == "musicgen":
            return self._neural(args, project, ctx, change)
        notes = list(project.notes)
        if args.melody_from:
            notes.append("melody_from is only used by the musicgen backend")
        if has_vocals(project):
            notes.append(SINGER_NOTES[singer_name()])
        return save_song(ctx, project, change=change, parent=None, notes=notes, check=args.check)

    def _neural(self, args: ComposeInput, project: SongProject, ctx: ToolContext, change: str) -> SongVersion:
        """Generate the mix with MusicGen(-Melody); store it and the plan's project JSON."""
        import soundfile as sf
        import soxr

        from tools.generation.measure import measure_file
        from tools.generation.render.midi import write_midi

        started = time.perf_counter()
        backend = neural_backend(ctx.models_dir)
        notes = list(project.notes)
        duration = project.duration_s
        if duration > MAX_DURATION_S:
            notes.append(f"MusicGen writes at most {MAX_DURATION_S:g} s in one go, so this take is that long")
            duration = MAX_DURATION_S
        prompt = neural_prompt(project, args.prompt)
        device = default_device()
        ctx.progress(0.2, f"generating with {backend} on {device}")
        if backend == MUSICGEN_MELODY.name:
            melody, rate, source = _melody_source(ctx, project, args.melody_from)
            samples, sr = generate_with_melody(
                prompt, duration, melody, rate, models_dir=ctx.models_dir, device=device, seed=project.seed
            )
            notes.append(f"MusicGen-Melody followed {source}")
        else:
            if args.melody_from:
                notes.append(
                    "there are no MusicGen-Melody weights, so the melody was not followed (text only)"
                )
            samples, sr = generate(
                prompt, duration, models_dir=ctx.models_dir, device=device, seed=project.seed
            )
        notes.append(
            f"the audio was generated by {backend} (weights CC BY-NC 4.0: not for commercial use); it has no "
            "stems, and the MIDI is the plan it was asked to follow, not a transcription"
        )
        samples = samples / max(1e-6, float(np.max(np.abs(samples)))) * 0.89
        mono_or_stereo = samples if samples.shape[0] == 2 else np.repeat(samples[:1], 2, axis=0)
        out = soxr.resample(mono_or_stereo.T, sr, NEURAL_RATE_HZ).astype(np.float32)
        digest = hashlib.sha256(project.model_dump_json().encode() + backend.encode()).hexdigest()[:16]
        folder = ctx.workspace.exports_dir() / "renders" / f"neural-{digest}"
        folder.mkdir(parents=True, exist_ok=True)
        mix = folder / "mix.wav"
        sf.write(str(mix), out, NEURAL_RATE_HZ, subtype="PCM_16")
        midi = write_midi(project, folder / "song.mid")
        lrc = write_lrc(project, folder)
        proj_path = folder / "project.json"
        proj_path.write_text(project.model_dump_json(indent=1), encoding="utf-8")
        measured = measure_file(str(mix)) if args.check else None
        label = f"{project.title}: {change} ({backend})"[:120]
        audio = ctx.save(mix, kind="audio", label=label, parent=None)
        proj = ctx.save(
            proj_path, kind="project", label=f"{label} (project)", parent=audio.id, make_current=False
        )
        ctx.produced[:] = [p for p in ctx.produced if p.id not in (audio.id, proj.id)] + [proj, audio]
        ctx.progress(1.0, change)
        facts = summarise(project)
        facts["duration_s"] = round(len(out) / NEURAL_RATE_HZ, 3)
        return SongVersion(
            artifact=audio,
            project_artifact=proj,
            change=f"{change} ({backend})",
            **facts,  # type: ignore[arg-type]
            stems={},
            midi=str(Path(midi)),
            lyrics=lrc,
            backend=backend,
            measured=measured,
            notes=notes,
            render_seconds=round(time.perf_counter() - started, 3),
        )
