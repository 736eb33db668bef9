"""Song versions in the session workspace: every compose or edit stores the mastered mix as the new
current *audio* version (its parent: the previous mix) and the project JSON as a *project* version
whose parent is that mix. Renders (stems, MIDI) are kept under the session's exports folder.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import BaseModel, Field

from tools.base import ArtifactInfo, Backend, ToolContext, ToolError
from tools.generation.lyrics import to_lrc
from tools.generation.measure import Measured, measure_file
from tools.generation.project import SongProject
from tools.generation.render.fluid import check_fluidsynth
from tools.generation.render.pipeline import RenderResult, render_project

FLUIDSYNTH = Backend(
    "fluidsynth",
    "LGPL-2.1+ (library)",
    "Symbolic composer + FluidSynth with the FluidR3 General MIDI SoundFont (MIT); numpy/scipy mixing.",
    check=check_fluidsynth,
)
CHECK_ENV = "BANDLEADER_SONG_CHECK"
"""Set to 0 to skip measuring tempo and key of every rendered version (saves a few seconds)."""


class SectionSummary(BaseModel):
    name: str
    kind: str
    bars: int
    chords: list[str]
    energy: float
    start_s: float = Field(description="Start, in seconds.")


class TrackSummary(BaseModel):
    name: str
    instrument: str
    role: str
    notes: int = Field(description="Number of notes.")
    muted_sections: list[str]
    gain_db: float
    pan: float
    reverb: float


class SongVersion(BaseModel):
    """A stored song version, as every song tool reports it."""

    artifact: ArtifactInfo = Field(description="The mastered mix (now the current version).")
    project_artifact: ArtifactInfo = Field(description="The project JSON of this version.")
    change: str = Field(description="What this version changed.")
    title: str
    style: str
    tempo_bpm: float = Field(description="Tempo of the project, in BPM.")
    key: str = Field(description="Key of the project, e.g. 'D minor'.")
    meter: str
    duration_s: float = Field(description="Length of the rendered song, in seconds.")
    sections: list[SectionSummary]
    tracks: list[TrackSummary]
    stems: dict[str, str] = Field(description="Track name -> stem WAV path.")
    midi: str = Field(description="MIDI file path (with lyric events).")
    lyrics: str | None = Field(None, description="LRC lyrics path, or None when the song has no words.")
    backend: str = "fluidsynth"
    measured: Measured | None = Field(None, description="Tempo/key/length heard by our analysers.")
    notes: list[str] = Field(default_factory=list, description="What was clamped or changed, and why.")
    render_seconds: float = Field(description="Wall time of rendering, in seconds.")


def load_project_file(path: str | Path) -> SongProject:
    """Read a project JSON file; ToolError when it is not one."""
    try:
        return SongProject.model_validate_json(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise ToolError(
            f"That project file can't be read ({exc.__class__.__name__}).", code="bad_project"
        ) from exc


def project_for(ctx: ToolContext, ref: str) -> tuple[SongProject, ArtifactInfo | None, ArtifactInfo]:
    """The song project ``ref`` names (a project version, or a mix made by a song tool), the mix it
    belongs to, and the project's record. ToolError when ``ref`` is not a generated song."""
    info = ctx.workspace.resolve(ref)
    history = ctx.workspace.history()
    if info.kind == "project":
        audio = next((a for a in history if a.id == info.parent and a.kind == "audio"), None)
        return load_project_file(info.path), audio, info
    proj = next((a for a in history if a.kind == "project" and a.parent == info.id), None)
    if proj is None:
        raise ToolError(
            f"'{info.label}' is not a song I wrote, so it has no arrangement to edit. Ask me to write one "
            "first, e.g. 'write a 30 second pop song in C major'.",
            code="not_a_song",
        )
    return load_project_file(proj.path), info, proj


def project_hash(project: SongProject) -> str:
    """A short content hash of the project (names its render folder)."""
    return hashlib.sha256(project.model_dump_json().encode()).hexdigest()[:16]


def render_dir(ctx: ToolContext, project: SongProject) -> Path:
    """Where the renders of ``project`` are kept in this session."""
    return ctx.workspace.exports_dir() / "renders" / project_hash(project)


def render_cached(ctx: ToolContext, project: SongProject) -> RenderResult:
    """The render of ``project`` (re-used when this exact project was rendered before)."""
    out = render_dir(ctx, project)
    manifest = out / "render.json"
    if manifest.is_file():
        try:
            res = RenderResult.model_validate_json(manifest.read_text())
            if Path(res.mix).is_file() and all(Path(p).is_file() for p in res.stems.values()):
                return res
        except ValueError:
            pass
    res = render_project(project, out, stem_cache=ctx.workspace.exports_dir() / "renders" / "dry-stems")
    manifest.write_text(res.model_dump_json(indent=1))
    return res


def write_lrc(project: SongProject, folder: Path) -> str | None:
    """Write lyrics.lrc into ``folder`` when the song has lyrics; returns its path or None."""
    if not project.lyrics:
        return None
    path = folder / "lyrics.lrc"
    path.write_text(to_lrc(project), encoding="utf-8")
    return str(path)


def summarise(project: SongProject) -> dict[str, object]:
    """The project facts every song tool reports (see :class:`SongVersion`)."""
    starts = project.section_starts()
    return {
        "title": project.title,
        "style": project.style,
        "tempo_bpm": project.tempo_bpm,
        "key": project.key_label,
        "meter": f"{project.meter[0]}/{project.meter[1]}",
        "duration_s": round(project.duration_s, 3),
        "sections": [
            SectionSummary(
                name=s.name,
                kind=s.kind,
                bars=s.bars,
                chords=s.chords,
                energy=s.energy,
                start_s=round(project.seconds_at(starts[s.name]), 3),
            )
            for s in project.sections
        ],
        "tracks": [
            TrackSummary(
                name=t.name,
                instrument=t.instrument,
                role=t.role,
                notes=len(t.notes),
                muted_sections=t.muted_sections,
                gain_db=t.mix.gain_db,
                pan=t.mix.pan,
                reverb=t.mix.reverb,
            )
            for t in project.tracks
        ],
    }


def save_song(
    ctx: ToolContext,
    project: SongProject,
    *,
    change: str,
    parent: ArtifactInfo | None,
    notes: list[str] | None = None,
    check: bool = True,
) -> SongVersion:
    """Render ``project``, store mix + project as new versions (the mix becomes current) and report."""
    ctx.progress(0.1, "rendering")
    res = render_cached(ctx, project)
    folder = Path(res.mix).parent
    lrc = write_lrc(project, folder)
    proj_path = folder / "project.json"
    proj_path.write_text(project.model_dump_json(indent=1), encoding="utf-8")
    measured = None
    if check and os.environ.get(CHECK_ENV, "1") != "0":
        ctx.progress(0.7, "checking tempo and key")
        measured = measure_file(res.mix)
    label = f"{project.title}: {change}"[:120]
    audio = ctx.workspace.add(
        Path(res.mix),
        kind="audio",
        label=label,
        parent=parent.id if parent else None,
        tool=ctx.tool,
        arguments=ctx.arguments,
        call_id=ctx.call_id,
        make_current=True,
    )
    proj = ctx.workspace.add(
        proj_path,
        kind="project",
        label=f"{label} (project)",
        parent=audio.id,
        tool=ctx.tool,
        arguments=ctx.arguments,
        call_id=ctx.call_id,
        make_current=False,
        companion_of=audio.id,  # one song version = its mix + its project, under one number
    )
    ctx.produced.extend([proj, audio])  # the mix last: later steps of a plan build on it
    ctx.progress(1.0, change)
    return SongVersion(
        artifact=audio,
        project_artifact=proj,
        change=change,
        **summarise(project),  # type: ignore[arg-type]
        stems=res.stems,
        midi=res.midi,
        lyrics=lrc,
        measured=measured,
        notes=list(notes or []),
        render_seconds=res.seconds.get("total", 0.0),
    )
