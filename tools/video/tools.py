"""The video scoring tools: ``score_video`` (music for a video, muxed into it) and ``video_rescore``
(session edits of that music, re-scored from the stored analysis in seconds).

Each call stores three versions: the muxed MP4 (kind "video", the new current version; its parent is
the video it re-scores, so undo goes back to the previous score), the music (kind "audio", parent:
that MP4) and the song project (kind "project", parent: the music). The project JSON is a normal
:class:`SongProject` (song tools can edit it) with one extra key, ``video_score``: the cue sheet, the
options, the video analysis and the id of the source video.

Times in seconds; tempo in BPM; alignment and correlation 0..1 / -1..1.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ArtifactInfo, ArtifactRef, Backend, Resources, Tool, ToolContext, ToolError
from tools.generation.project import SongProject
from tools.generation.store import FLUIDSYNTH, render_cached
from tools.video.clip_tags import check_clip
from tools.video.cue import HIT_TOLERANCE_S, CueOptions, CueSheet, build_cue_sheet
from tools.video.models import VideoAnalysis
from tools.video.mux import OriginalAudio, check_ffmpeg, mux, probe_streams
from tools.video.pose import install_hint, pose_installed
from tools.video.score import fit_music, loudness_curve, music_beats, score_project

FFMPEG = Backend(
    "ffmpeg", "LGPL-2.1+ (library)", "ffmpeg: stream-copy muxing and AAC encoding.", check_ffmpeg
)
VIDEO_DECODE = Backend(
    "pyav-decord-ffmpeg",
    "LGPL-2.1+ (library)",
    "Frames through PyAV (BSD, FFmpeg LGPL), decord or an ffmpeg pipe.",
)
POSE = Backend(
    "mediapipe-pose",
    "Apache-2.0",
    "MediaPipe 0.10.21 legacy pose (model inside the wheel, isolated in .venv/mediapipe-pose): a dancer's "
    "joints set tempo and beat phase. Without it, optical-flow motion does.",
    check=lambda: None if pose_installed() else install_hint(),
)
CLIP_TAGS = Backend(
    "open_clip",
    "MIT",
    "Zero-shot scene and mood tags with open_clip (code MIT; check the licence of the weights you save) from "
    "$BANDLEADER_MODELS/open_clip/<name>/; without weights the tags are skipped.",
    check=lambda: reason.removeprefix("unavailable: ") if (reason := check_clip()) else None,
)
ENERGY_TEMPO_STEP = 1.06
"""'More energetic' also makes the pulse this much faster ('calmer': slower)."""
SCORE_KEY = "video_score"
"""Key of the scoring record inside the project JSON."""
SCORE_TOOLS = ("score_video", "video_rescore")
"""Tools whose output is a scored video (the planner's 'video score' context)."""


class SectionCue(BaseModel):
    name: str
    kind: str
    start_s: float = Field(description="Start in the video, seconds.")
    bars: int
    energy: float


class VideoScoreOutput(BaseModel):
    """A scored video, as both video tools report it."""

    video: ArtifactInfo = Field(description="The MP4 with the music (now the current version).")
    audio: ArtifactInfo = Field(description="The music alone (WAV, exactly the video's length).")
    project: ArtifactInfo = Field(description="The song project JSON, with the cue sheet in 'video_score'.")
    change: str = Field(description="What this version did.")
    style: str
    mood: str
    key: str = Field(description="Key of the music, e.g. 'D minor'.")
    tempo_bpm: float = Field(description="Median tempo of the music, BPM.")
    tempo_range_bpm: tuple[float, float] = Field(description="Slowest and fastest beat, BPM (a small ramp).")
    tempo_source: str = Field(
        description="cuts, dance (the dancer's beat), motion (a steady visual beat), user or default."
    )
    measured_tempo_bpm: float | None = Field(None, description="Tempo our beat tracker hears in the music.")
    duration_s: float = Field(description="Length of the music in the muxed MP4 (ffprobe), seconds.")
    video_duration_s: float = Field(description="Length of the source video, seconds.")
    duration_error_frames: float = Field(description="|music - video| length, in video frames.")
    cuts: list[float] = Field(description="Shot cuts found in the video, seconds.")
    hit_points: list[float] = Field(
        description="Every hit point (cuts, motion peaks, named moments), seconds."
    )
    user_hits: list[float] = Field(default_factory=list, description="Moments the user named, seconds.")
    sections: list[SectionCue]
    beat_cut_alignment: float | None = Field(
        None,
        description="Share of cuts with a beat of the music (as our beat tracker hears it) within 80 ms.",
    )
    beat_alignment_score: float | None = Field(
        None, description="AIST++-style beat alignment score between music beats and visual beats, 0..1."
    )
    motion_loudness_correlation: float | None = Field(
        None, description="Pearson correlation of the motion curve and the music's loudness curve."
    )
    backends: dict[str, str] = Field(description="task -> backend that did it.")
    seconds: dict[str, float] = Field(
        description="step -> wall time (analysis, compose, render, mux, check)."
    )
    notes: list[str] = Field(default_factory=list)


# ------------------------------------------------------------------------------------ words


_TIME = r"(\d{1,2}:\d{2}(?:\.\d+)?|\d+(?:[.,]\d+)?\s*(?:s|sec|secs|seconds?)\b)"
_HIT_WORDS = re.compile(
    r"\b(drop|hit|hits|accent|boom|impact|crash|jump|jumps|moment|kick in|land|lands|peak)\b"
)


def parse_time_s(text: str) -> float:
    """Seconds in '0:12', '1:02.5', '12 s', '12.5 seconds'."""
    text = text.strip().lower().replace(",", ".")
    if ":" in text:
        m, s = text.split(":", 1)
        return int(m) * 60 + float(s)
    return float(re.match(r"[\d.]+", text).group(0))  # type: ignore[union-attr]


def named_moments(text: str) -> list[float]:
    """Moments the user names as hits ('the drop should hit when she jumps at 0:12'), seconds."""
    t = text.lower()
    if not _HIT_WORDS.search(t):
        return []
    return [round(parse_time_s(m.group(1)), 3) for m in re.finditer(rf"\b(?:at|@|around)\s+{_TIME}", t)]


FOLLOW_DANCER = re.compile(
    r"\b(follows?|following|match(es|ing)?|fits?|to|with|on|sync(ed|s)?( up)?( to| with)?|at|in time with)"
    r" (the |her |his |their |my |our )?"
    r"(dancers?'?s?|danc(e|es|ing)|moves|movements?|steps|choreography|body)\b"
    r"|\bdancer'?s? (tempo|beat|rhythm|pace|moves)\b|\bdance (video|clip|footage)\b"
)
"""Words asking the music to follow the dancer ('music that follows the dancer', 'a beat to her moves')."""


ENERGY_SAID: dict[str, tuple[str, ...]] = {
    "more": ("more energetic", "bigger at the end"),
    "less": ("calmer", "calmer at the end"),
}
"""The changes :func:`apply_edit` reports for more or less energy read from a request in words."""


def apply_edit(options: CueOptions, cue: CueSheet | None, text: str) -> tuple[CueOptions, list[str]]:
    """``options`` changed by an edit request in words; returns (options, what changed).

    Understands: more energetic / calmer (overall or 'at the end'), a hit at a time, shorter / longer /
    no intro, no vocals, no drums (and bringing them back), faster / slower / N BPM, a style or key."""
    from tools.generation.styles import find_style
    from tools.generation.theory import parse_key

    t = text.lower()
    o = options.model_copy(deep=True)
    done: list[str] = []
    at_end = re.search(r"\b(at|towards?|near|by) the end\b|\bending\b|\blast (part|seconds?|bars?)\b", t)
    calmer = re.search(
        r"\b(calmer|calm (?:it |this |things |the music )?down|tone (?:it |this |things |the music )?down"
        r"|less energ\w*|softer|gentler|more relaxed|quieter|mellower|less intense"
        r"|too (?:intense|hectic|hyper))\b",
        t,
    )
    bigger = re.search(
        r"\b(more energ\w*|more intense|more energy|bigger|pump (?:it |this |the music )?up|more exciting"
        r"|more action|punchier|more power\w*|livelier|hype|too (?:sleepy|chill|tame|flat|lifeless))\b",
        t,
    )
    if calmer and at_end:
        o.end_energy = 0.25
        done.append("calmer at the end")
    elif bigger and at_end:
        o.end_energy = None
        o.energy_shift = min(1.0, o.energy_shift + 0.2)
        done.append("bigger at the end")
    elif bigger:  # fuller sections, harder hits and a slightly faster pulse
        o.energy_shift = round(min(1.0, o.energy_shift + 0.35), 3)
        o.tempo_factor = round(o.tempo_factor * ENERGY_TEMPO_STEP, 4)
        done.append("more energetic")
    elif calmer:
        o.energy_shift = round(max(-1.0, o.energy_shift - 0.35), 3)
        o.tempo_factor = round(o.tempo_factor / ENERGY_TEMPO_STEP, 4)
        done.append("calmer")
    hits = named_moments(t)
    if hits:
        o.user_hits_s = sorted({*o.user_hits_s, *hits})
        done.append("a hit at " + ", ".join(f"{h:g} s" for h in hits))
    current_intro = next((s.bars for s in cue.sections if s.kind == "intro"), 0) if cue else None
    if re.search(r"\bno intro\b|\b(skip|drop|remove|cut) the intro\b|\bwithout (an |the )?intro\b", t):
        o.intro_bars = 0
        done.append("no intro")
    elif re.search(r"\bshort(er)? intro\b|\bintro (shorter|short)\b|\bshorten the intro\b", t):
        o.intro_bars = max(0, (current_intro if current_intro is not None else 4) // 2)
        done.append(
            f"intro of {o.intro_bars} bar{'s' if o.intro_bars != 1 else ''}" if o.intro_bars else "no intro"
        )
    elif re.search(r"\blong(er)? intro\b|\bintro longer\b|\bextend the intro\b", t):
        o.intro_bars = min(16, max(2, (current_intro or 2) * 2))
        done.append(f"intro of {o.intro_bars} bars")
    vocals = r"\b(no|without|remove the|drop the|mute the|lose the) (vocals?|voice|singing|singer)\b"
    if re.search(vocals + r"|\binstrumental\b", t):
        o.no_vocals = True
        done.append("no vocals")
    if re.search(r"\b(no|without|remove the|drop the|mute the|lose the) (drums?|percussion|beat)\b", t):
        o.no_drums = True
        done.append("no drums")
    elif re.search(r"\b(add|bring back|with|put back)( the| some)? drums\b|\bdrums back\b", t):
        o.no_drums = False
        done.append("drums back")
    if FOLLOW_DANCER.search(t) and not o.follow_dancer:
        o.follow_dancer = True
        done.append("following the dancer")
    bpm = re.search(r"(\d+(?:\.\d+)?)\s*(?:bpm|beats per minute)", t)
    if bpm:
        o.tempo_bpm, o.tempo_factor = float(bpm.group(1)), 1.0
        done.append(f"{float(bpm.group(1)):g} BPM")
    elif re.search(r"\b(faster|speed (it )?up|quicker|up ?tempo)\b", t):
        o.tempo_factor = round(o.tempo_factor * 1.1, 4)
        done.append("faster")
    elif re.search(r"\b(slower|slow (it )?down)\b", t):
        o.tempo_factor = round(o.tempo_factor / 1.1, 4)
        done.append("slower")
    style = find_style(t)
    if style is not None and style.name != (cue.style if cue else None):
        o.style = style.name
        done.append(f"style {style.name}")
    key = parse_key(t)
    if key is not None:
        o.key = f"{key[0]} {key[1]}"
        done.append(f"in {o.key}")
    return o, done


def options_from_request(prompt: str, **fields: Any) -> CueOptions:
    """The first request's options: its words, named moments and any explicit fields."""
    hits = sorted({*named_moments(prompt), *(fields.pop("user_hits_s", None) or [])})
    clean = {k: v for k, v in fields.items() if v is not None}
    options = CueOptions(prompt=prompt, user_hits_s=hits, **clean)
    edited, _ = apply_edit(options, None, prompt)  # 'no drums', 'calm', ... in the first request too
    return edited


# ------------------------------------------------------------------------------------ scoring


def analyse(path: Path, ctx: ToolContext) -> VideoAnalysis:
    """The analysis of the video at ``path`` (cached by content by the analysers)."""
    try:
        from tools.video.analysis import analyse_video
    except ImportError as exc:  # the analysers are a separate module; say so instead of guessing
        raise ToolError(f"Video analysis is not available here ({exc}).", code="no_video_analysis") from exc
    return analyse_video(path, progress=lambda f, m: ctx.progress(0.05 + 0.3 * f, m))


LOUDNESS_RATE_HZ = 10.0
"""Rate of the music's loudness curve compared with the motion curve, Hz."""


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def _metrics(
    music: Path, analysis: VideoAnalysis, cue: CueSheet, check: bool
) -> tuple[dict[str, float | None], dict[str, str], float]:
    """(metrics, backends, seconds): beat-cut alignment from the beats our tracker hears in the music,
    beat alignment with the visual beats and the motion / loudness correlation (tools.video.metrics)."""
    out: dict[str, float | None] = {
        "beat_cut_alignment": None,
        "beat_alignment_score": None,
        "motion_loudness_correlation": None,
        "measured_tempo_bpm": None,
    }
    backends: dict[str, str] = {}
    if not check:
        return out, backends, 0.0
    t0 = time.perf_counter()
    from tools.video import metrics

    beats, _, tempo = music_beats(music)
    from tools.understanding.backends import MADMOM, use

    backends["music_beats"] = MADMOM.name if use(MADMOM) else "librosa"
    out["measured_tempo_bpm"] = round(tempo, 2) if tempo else None
    out["beat_cut_alignment"] = _rounded(
        metrics.beat_cut_alignment([c.time_s for c in analysis.cuts], beats, HIT_TOLERANCE_S)
    )
    visual = analysis.visual_beats_s or analysis.motion_peaks_s
    out["beat_alignment_score"] = _rounded(metrics.beat_alignment_score(beats, visual)) if visual else None
    if analysis.motion:
        loud = loudness_curve(music, LOUDNESS_RATE_HZ)
        out["motion_loudness_correlation"] = _rounded(
            metrics.motion_loudness_correlation(
                analysis.motion, analysis.analysis_fps, loud.tolist(), LOUDNESS_RATE_HZ
            )
        )
    return out, backends, time.perf_counter() - t0


def _find_score(ctx: ToolContext, ref: str) -> tuple[ArtifactInfo, dict[str, Any], SongProject]:
    """(the scored video, its scoring record, its song project) for ``ref``; ToolError when ``ref`` is
    not a video this tool scored."""
    info = ctx.workspace.resolve(ref)
    history = ctx.workspace.history()
    if info.kind == "project":
        audio = next((a for a in history if a.id == info.parent), None)
        info = next((a for a in history if audio and a.id == audio.parent), info)
    elif info.kind == "audio":
        info = next((a for a in history if a.id == info.parent and a.kind == "video"), info)
    audio = next((a for a in history if a.kind == "audio" and a.parent == info.id), None)
    proj = next((a for a in history if audio and a.kind == "project" and a.parent == audio.id), None)
    if info.kind != "video" or proj is None:
        raise ToolError(
            f"'{info.label}' is not a video I scored, so there is no score to change. Attach a video and "
            "ask 'make a song for this video' first.",
            code="not_a_score",
        )
    data = json.loads(Path(proj.path).read_text())
    record = data.get(SCORE_KEY)
    if not isinstance(record, dict):
        raise ToolError(f"'{info.label}' has no video score record.", code="not_a_score")
    return info, record, SongProject.model_validate(data)


FIRST_SCORE = "scored"
"""The change of a first score (its version is labelled with the style and tempo instead)."""


def run_score(
    ctx: ToolContext,
    *,
    source: ArtifactInfo,
    parent: ArtifactInfo,
    analysis: VideoAnalysis,
    options: CueOptions,
    original_audio: OriginalAudio,
    change: str,
    check: bool,
    seconds: dict[str, float] | None = None,
) -> VideoScoreOutput:
    """Cue sheet -> project -> render -> fitted music -> MP4; saves the three versions and reports."""
    timings = dict(seconds or {})
    t = time.perf_counter()
    ctx.progress(0.4, "writing the cue sheet")
    cue = build_cue_sheet(analysis, options)
    timings["cue"] = time.perf_counter() - t
    t = time.perf_counter()
    ctx.progress(0.45, "composing")
    project = score_project(cue)
    timings["compose"] = time.perf_counter() - t
    t = time.perf_counter()
    ctx.progress(0.5, "rendering")
    res = render_cached(ctx, project)
    folder = Path(res.mix).parent
    music = fit_music(Path(res.mix), cue, folder / "music.wav")
    timings["render"] = time.perf_counter() - t
    t = time.perf_counter()
    ctx.progress(0.8, "muxing")
    stem = re.sub(r"[^a-z0-9]+", "-", Path(source.label).stem.lower()).strip("-") or "video"
    mp4 = mux(
        Path(source.path),
        music,
        folder / f"{stem}-scored.mp4",
        original_audio=original_audio,
        video_has_audio=analysis.info.has_audio,
    )
    timings["mux"] = time.perf_counter() - t
    ctx.progress(0.85, "checking the beats")
    metrics, metric_backends, check_s = _metrics(music, analysis, cue, check)
    timings["check"] = check_s
    record = {
        "source_video": source.id,
        "original_audio": original_audio,
        "cue": cue.model_dump(mode="json"),
        "analysis": analysis.model_dump(mode="json"),
    }
    proj_path = folder / "project.json"
    data = project.model_dump(mode="json")
    data[SCORE_KEY] = record
    proj_path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    what = f"{cue.style} at {cue.tempo_bpm:.0f} BPM" if change == FIRST_SCORE else change
    label = f"{Path(source.label).stem} scored: {what}"[:120]
    common = {"tool": ctx.tool, "arguments": ctx.arguments, "call_id": ctx.call_id}
    video = ctx.workspace.add(mp4, kind="video", label=label, parent=parent.id, make_current=True, **common)
    audio = ctx.workspace.add(
        music, kind="audio", label=f"{label} (music)", parent=video.id, make_current=False,
        companion_of=video.id, **common,
    )  # fmt: skip
    proj = ctx.workspace.add(
        proj_path,
        kind="project",
        label=f"{label} (project)",
        parent=audio.id,
        make_current=False,
        companion_of=video.id,
        **common,
    )  # one score is one version: the video, with its music and project as companions
    ctx.produced.extend([audio, proj, video])  # the video last: later steps build on it
    ctx.progress(1.0, change)
    streams = {str(x.get("codec_type")): x for x in probe_streams(mp4)}
    if "audio" not in streams or "video" not in streams:
        raise ToolError("The scored video lacks a stream after muxing; try again.", code="mux_failed")
    music_s = float(streams["audio"].get("duration") or 0.0)  # type: ignore[arg-type]
    backends = {
        **analysis.backends,
        "compose": "symbolic composer",
        "render": FLUIDSYNTH.name,
        "mux": FFMPEG.name,
    }
    backends.update(metric_backends)
    return VideoScoreOutput(
        video=video,
        audio=audio,
        project=proj,
        change=change,
        style=project.style,
        mood=cue.mood,
        key=project.key_label,
        tempo_bpm=cue.tempo_bpm,
        tempo_range_bpm=(cue.tempo_min_bpm, cue.tempo_max_bpm),
        tempo_source=cue.tempo_source,
        measured_tempo_bpm=metrics.pop("measured_tempo_bpm"),
        duration_s=round(music_s, 4),
        video_duration_s=round(cue.duration_s, 4),
        duration_error_frames=round(abs(music_s - cue.duration_s) * cue.fps, 3),
        cuts=[round(c.time_s, 3) for c in analysis.cuts],
        hit_points=[round(h.time_s, 3) for h in cue.hit_points],
        user_hits=[round(h.time_s, 3) for h in cue.hit_points if h.source == "user"],
        sections=[
            SectionCue(
                name=s.name, kind=s.kind, start_s=round(max(0.0, s.start_s), 3), bars=s.bars, energy=s.energy
            )
            for s in cue.sections
        ],
        backends=backends,
        seconds={k: round(v, 3) for k, v in timings.items()},
        notes=list(project.notes),
        **metrics,  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------------------------ tools


class ScoreVideoInput(BaseModel):
    video: str = ArtifactRef("video", "The video to score: an artifact id or 'current'.")
    prompt: str = Field("", max_length=4000, description="The request in words: style, mood, moments to hit.")
    style: str | None = Field(
        None, description="Style, e.g. 'edm', 'cinematic'; None: chosen from the picture."
    )
    mood: str | None = Field(None, description="Mood words, e.g. 'happy', 'dark'; None: from the picture.")
    key: str | None = Field(None, description="Key such as 'D minor'; None: chosen.")
    tempo_bpm: float | None = Field(
        None, ge=40, le=240, description="Fixed tempo in BPM; None: fitted to the cuts."
    )
    hit_s: list[float] = Field(default_factory=list, description="Moments (seconds) the music must hit.")
    original_audio: OriginalAudio = Field(
        "duck", description="The video's own sound: 'duck' (under the music), 'mix' (-12 dB) or 'drop'."
    )
    no_drums: bool = Field(False, description="Leave the drums out.")
    no_vocals: bool = Field(False, description="No sung part.")
    seed: int | None = Field(
        None, description="Random seed: the same video, words and seed give the same music."
    )
    check: bool = Field(True, description="Measure the music's beats and report the alignment metrics.")


class ScoreVideo(Tool):
    name = "score_video"
    description = (
        "Make a song for a video: music of exactly the video's length whose beats land on the shot cuts, "
        "whose energy follows the motion and whose mood fits the picture and the words (a dance clip sets "
        "the tempo from the dancer), muxed into an MP4 with the original picture untouched. Saves the "
        "video with music (the new current version), the music and its song project."
    )
    Input = ScoreVideoInput
    Output = VideoScoreOutput
    resources = Resources(num_cpus=2, memory_mb=2000, seconds_per_audio_minute=15.0)
    backends = (FLUIDSYNTH, FFMPEG, VIDEO_DECODE, POSE, CLIP_TAGS)
    changes_current = True

    def run(self, args: ScoreVideoInput, ctx: ToolContext) -> VideoScoreOutput:
        source = parent = ctx.workspace.resolve(args.video)
        if source.tool in SCORE_TOOLS:  # scoring a scored video again: start from the original picture
            parent, record, _ = _find_score(ctx, source.id)
            source = ctx.workspace.resolve(record["source_video"])
        if source.kind != "video":
            raise ToolError(
                f"'{source.label}' is {source.kind}, not a video: attach a video (MP4, MOV, WebM...) "
                "to score.",
                code="not_video",
            )
        ctx.progress(0.0, "analysing the video")
        t = time.perf_counter()
        analysis = analyse(Path(source.path), ctx)
        analysis_s = time.perf_counter() - t
        if analysis.info.duration_s < 1.0:
            raise ToolError(
                f"'{source.label}' is only {analysis.info.duration_s:.2f} s long: I need at least 1 second "
                "of video to write music for it.",
                code="too_short",
            )
        options = options_from_request(
            args.prompt,
            style=args.style,
            mood=args.mood,
            key=args.key,
            tempo_bpm=args.tempo_bpm,
            user_hits_s=list(args.hit_s),
            no_drums=args.no_drums or None,
            no_vocals=args.no_vocals or None,
            seed=args.seed,
        )
        return run_score(
            ctx,
            source=source,
            parent=parent,
            analysis=analysis,
            options=options,
            original_audio=args.original_audio,
            change=FIRST_SCORE,
            check=args.check,
            seconds={"analysis": analysis_s},
        )


class VideoRescoreInput(BaseModel):
    video: str = ArtifactRef("video", "The scored video to change: an artifact id or 'current'.")
    request: str = Field(
        "",
        max_length=4000,
        description="The change in words: 'more energetic', 'calmer at the end', 'the drop should hit at "
        "0:12', 'shorter intro', 'no vocals', 'no drums', 'faster', '120 BPM', a style or a key.",
    )
    hit_s: float | None = Field(None, ge=0, description="A moment (seconds) the music must hit.")
    energy: Literal["more", "less"] | None = Field(None, description="More or less energy overall.")
    tempo_bpm: float | None = Field(None, ge=40, le=240, description="A new tempo in BPM (the length stays).")
    original_audio: OriginalAudio | None = Field(None, description="duck / mix / drop the video's own sound.")
    check: bool = Field(True, description="Measure the music's beats and report the alignment metrics.")


class VideoRescore(Tool):
    name = "video_rescore"
    description = (
        "Change the music of a video scored earlier, quickly, from its stored analysis: more energetic or "
        "calmer (overall or at the end), a hit or drop at a given moment, a shorter or no intro, no vocals, "
        "no drums, faster or slower or a BPM (the length stays the video's), another style or key. Saves "
        "the re-scored video as the new current version."
    )
    Input = VideoRescoreInput
    Output = VideoScoreOutput
    resources = Resources(num_cpus=2, memory_mb=1500, seconds_per_audio_minute=8.0)
    backends = (FLUIDSYNTH, FFMPEG)
    changes_current = True

    def run(self, args: VideoRescoreInput, ctx: ToolContext) -> VideoScoreOutput:
        scored, record, _ = _find_score(ctx, args.video)
        cue = CueSheet.model_validate(record["cue"])
        analysis = VideoAnalysis.model_validate(record["analysis"])
        source = ctx.workspace.resolve(record["source_video"])
        options, done = apply_edit(cue.options, cue, args.request)
        if options.tempo_bpm is None:  # keep the tempo of the score being edited, or scale it
            change = options.tempo_factor / cue.options.tempo_factor
            options.tempo_hint_bpm = round(cue.base_tempo_bpm * change, 3)
        if args.hit_s is not None:
            if args.hit_s >= cue.duration_s:
                raise ToolError(
                    f"{args.hit_s:g} s is after the end of the video ({cue.duration_s:.2f} s): name a moment "
                    "inside it.",
                    code="out_of_range",
                )
            options.user_hits_s = sorted({*options.user_hits_s, float(args.hit_s)})
            done.append(f"a hit at {args.hit_s:g} s")
        late = [h for h in options.user_hits_s if h >= cue.duration_s]
        if late:
            raise ToolError(
                f"{late[0]:g} s is after the end of the video ({cue.duration_s:.2f} s): name a moment "
                "inside it.",
                code="out_of_range",
            )
        if args.energy and not set(ENERGY_SAID[args.energy]) & set(done):  # the words did it already
            step = 0.35 if args.energy == "more" else -0.35
            options.energy_shift = round(float(np.clip(options.energy_shift + step, -1, 1)), 3)
            done.append("more energetic" if step > 0 else "calmer")
        if args.tempo_bpm is not None:
            options.tempo_bpm, options.tempo_factor, options.tempo_hint_bpm = float(args.tempo_bpm), 1.0, None
            done.append(f"{args.tempo_bpm:g} BPM")
        if not done:
            raise ToolError(
                "I didn't find a change to make to the music. Try 'more energetic', 'calmer at the end', "
                "'the drop should hit at 0:12', 'shorter intro', 'no vocals' or 'faster'.",
                code="no_change",
            )
        ctx.progress(0.0, "re-scoring")
        return run_score(
            ctx,
            source=source,
            parent=scored,
            analysis=analysis,
            options=options,
            original_audio=args.original_audio or record.get("original_audio", "duck"),
            change=", ".join(dict.fromkeys(done)),
            check=args.check,
        )
