"""The ``compose`` tool: write a new song (an editable project) from a request and render it."""

from __future__ import annotations

from pydantic import Field

from tools.base import Resources, Tool, ToolContext
from tools.generation.compose.arrange import compose
from tools.generation.compose.request import ComposeRequest
from tools.generation.store import FLUIDSYNTH, SongVersion, save_song


class ComposeInput(ComposeRequest):
    check: bool = Field(True, description="Measure tempo and key of the result with our analysers.")


class Compose(Tool):
    name = "compose"
    description = (
        "Write and render a new song from a description: style (pop, rock, lo-fi hip-hop, EDM, house, "
        "jazz, bossa nova, classical, cinematic, folk, funk, ambient), mood, tempo (BPM), key, meter, "
        "length, instruments and lyrics or a theme. Makes an editable song project plus its mix, stems "
        "and MIDI; the new mix becomes the current version."
    )
    Input = ComposeInput
    Output = SongVersion
    resources = Resources(num_cpus=2, memory_mb=1500, seconds_per_audio_minute=4.0)
    backends = (FLUIDSYNTH,)
    changes_current = True

    def run(self, args: ComposeInput, ctx: ToolContext) -> SongVersion:
        ctx.progress(0.0, "composing")
        request = ComposeRequest.model_validate(args.model_dump(exclude={"check"}))
        project = compose(request)
        change = f"{project.style} in {project.key_label} at {project.tempo_bpm:g} BPM"
        return save_song(ctx, project, change=change, parent=None, notes=project.notes, check=args.check)
