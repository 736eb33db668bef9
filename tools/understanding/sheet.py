"""The feature sheet: every analysis of one artifact, computed once and cached by content hash.

``compute_sheet`` decodes the audio once and runs rhythm, key, chords, notes/melody, loudness, sections
and tags; MIDI files are analysed symbolically. The JSON is stored under the cache folder
(``BANDLEADER_FEATURE_CACHE``, default ``~/.cache/bandleader/features``) as ``<sha256>-<mode>.json``,
so every later question, caption or tool reads it instead of recomputing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal, TypeVar

import numpy as np
from pydantic import BaseModel, Field

from tools.cache import file_sha256, load_cached, store_cached
from tools.understanding.models import Loudness, Note, Rhythm, Scored, Segment, Tags, Tonality

SHEET_VERSION: int = 17
"""Bumped whenever the analyses change, so older cached sheets are recomputed (9: the retrained
instrument tagger and vocal detector, whose sheets were cached as 8 by the key/beat changes; 10: the
tagger is the generalist and the render specialist together; 11: the key profile joins the key CNN
only where it is surer than the CNN; 12: vocals weigh the network's voice family and, where that does
not say "vocals", the separated vocals stem's pitch evidence; 13: piano, guitar, strings, synth and
voice from musicnn's MagnaTagATune tagger where that optional backend is installed; 14: with musicnn,
the vocals stem only where its voice reads at least 0.5; 15: with musicnn, piano from musicnn alone,
no longer raised by our tagger's piano; 16: the half-time beat check only where the bars agree, and
the stock downbeat tracker's bars where the stock beats stand; 17: with musicnn, woodwind from both
taggers' log-odds)."""

Progress = Callable[[float, str], None]
T = TypeVar("T")


class FeatureSheet(BaseModel):
    """Everything measured about one track. Times in seconds, tempo in BPM, pitch as MIDI numbers."""

    version: int = SHEET_VERSION
    sha256: str = Field(description="Content hash of the analysed file.")
    source: str = Field(description="Name of the analysed file or artifact.")
    kind: Literal["audio", "midi"]
    content: Literal["music", "silence", "noise", "too_short", "symbolic"] = Field(
        description="What the file holds; only 'music' and 'symbolic' get tempo, key and chords."
    )
    duration_s: float
    tempo_bpm: float | None
    tempo_confidence: float
    tempo_alternatives: list[float]
    beats: list[float]
    downbeats: list[float]
    meter: str | None
    key: str | None = Field(description="e.g. 'D minor'; None when no key can be heard.")
    key_confidence: float
    key_changes: list[Segment]
    chords: list[Segment]
    notes: list[Note]
    melody: list[Note]
    loudness_lufs: float | None
    loudness_range_lu: float | None
    short_term_lufs: list[float]
    short_term_hop_s: float
    sections: list[Segment]
    tags: Tags
    backends: dict[str, str] = Field(description="Task -> backend that produced it.")
    timings_s: dict[str, float] = Field(default_factory=dict, description="Task -> seconds it took.")
    remarks: list[str] = Field(default_factory=list, description="Why some answers are missing.")

    def summary_json(self) -> dict[str, object]:
        """The sheet as plain JSON data (``model_dump`` in JSON mode)."""
        return self.model_dump(mode="json")


def cache_dir() -> Path:
    """Folder of cached sheets (``BANDLEADER_FEATURE_CACHE`` or ``~/.cache/bandleader/features``)."""
    return Path(os.environ.get("BANDLEADER_FEATURE_CACHE", "~/.cache/bandleader/features")).expanduser()


def _mode() -> str:
    """The cache key's backend part: 'permissive' or 'full', and for a full sheet without musicnn's
    tagger (not installed) '-nomusicnn', so that installing it later recomputes the sheets."""
    if os.environ.get("BANDLEADER_PERMISSIVE_ONLY") == "1":
        return "permissive"
    from tools.understanding.backends import MUSICNN, use

    return "full" if use(MUSICNN) else "full-nomusicnn"


def _cache_path(sha: str) -> Path:
    return cache_dir() / f"{sha}-{_mode()}-v{SHEET_VERSION}.json"


def _empty(sha: str, source: str, content: str, duration_s: float, remark: str) -> dict[str, object]:
    return {
        "sha256": sha,
        "source": source,
        "kind": "audio",
        "content": content,
        "duration_s": round(duration_s, 3),
        "tempo_bpm": None,
        "tempo_confidence": 0.0,
        "tempo_alternatives": [],
        "beats": [],
        "downbeats": [],
        "meter": None,
        "key": None,
        "key_confidence": 0.0,
        "key_changes": [],
        "chords": [],
        "notes": [],
        "melody": [],
        "sections": [],
        "remarks": [remark],
        "tags": Tags(instruments=[], vocals=None, genre=[], mood=[], backend="none"),
    }


def _rhythm_and_key(rhythm: Rhythm, tonality: Tonality) -> dict[str, object]:
    """The sheet's tempo, beat, meter and key fields, from the audio or the MIDI analysis alike."""
    return {
        "tempo_bpm": rhythm.tempo_bpm,
        "tempo_confidence": rhythm.tempo_confidence,
        "tempo_alternatives": rhythm.tempo_alternatives,
        "beats": rhythm.beats,
        "downbeats": rhythm.downbeats,
        "meter": rhythm.meter,
        "key": tonality.key,
        "key_confidence": tonality.key_confidence,
        "key_changes": tonality.changes,
    }


def _analyse_midi(path: Path, sha: str, source: str) -> FeatureSheet:
    from tools.understanding.symbolic import analyze_midi, load_midi

    t0 = time.perf_counter()
    from tools.understanding.spelling import spell_chords

    duration, rhythm, tonality, chords, notes, melody, tags = analyze_midi(load_midi(path, source))
    chords = spell_chords(chords, tonality.key, tonality.changes)
    sections = [Segment(start=0.0, end=round(duration, 3), label="A")]
    return FeatureSheet(
        sha256=sha,
        source=source,
        kind="midi",
        content="symbolic",
        duration_s=round(duration, 3),
        **_rhythm_and_key(rhythm, tonality),
        chords=chords,
        notes=notes,
        melody=melody,
        loudness_lufs=None,
        loudness_range_lu=None,
        short_term_lufs=[],
        short_term_hop_s=1.0,
        sections=sections,
        tags=tags,
        backends={t: "pretty_midi" for t in ("rhythm", "key", "chords", "notes", "tags")},
        timings_s={"symbolic": round(time.perf_counter() - t0, 3)},
        remarks=["MIDI analysed symbolically: notes and tempo are exact; no audio loudness."],
    )


def _timed(fn: Callable[..., T], *args: object) -> tuple[T, float]:
    """``fn(*args)`` and the seconds it took (rounded to ms)."""
    t0 = time.perf_counter()
    out = fn(*args)
    return out, round(time.perf_counter() - t0, 3)


class _Timer:
    """Collects seconds per task: ``with timer("key"): ...``."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._task = ""
        self._t0 = 0.0

    def __call__(self, task: str) -> _Timer:
        self._task = task
        return self

    def __enter__(self) -> None:
        self._t0 = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.seconds[self._task] = round(time.perf_counter() - self._t0, 3)


def _half_the_cores_for_blas() -> Any:
    """Limits numpy's BLAS to half the cores (at least one thread) until ``.restore_original_limits()``
    on the returned limiter: the sheet's two threads both run matrix products, and each would otherwise
    start BLAS threads on every core, the other thread's included. On 2 cores one BLAS thread each made a
    cold 3-min sheet 0.3-0.5 s faster (7.06-7.28 s against 7.39-8.30 s, alternating runs, load 3-4)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=max(1, (os.cpu_count() or 2) // 2), user_api="blas")


def _analyse_audio(path: Path, sha: str, source: str, progress: Progress) -> FeatureSheet:
    from tools.understanding.backends import MADMOM, use
    from tools.understanding.harmony import analyze_chords
    from tools.understanding.loudness_curve import analyze_loudness
    from tools.understanding.notes import transcribe
    from tools.understanding.rhythm import analyze_rhythm, rhythm_reads_chords
    from tools.understanding.signal import load_analysis_audio
    from tools.understanding.spelling import spell_chords
    from tools.understanding.structure import analyze_structure
    from tools.understanding.tags import analyze_tags, hear
    from tools.understanding.tonality import analyze_key, chroma_22k
    from tools.understanding.vocals import VocalEvidence

    timer = _Timer()
    backends: dict[str, str] = {}
    progress(0.02, "decoding")
    with timer("decode"):
        audio = load_analysis_audio(path, source)
    content, duration = audio.content, audio.duration_s

    def loudness() -> tuple[Loudness, dict[str, object]]:
        with timer("loudness"):
            loud = analyze_loudness(audio.original)
        backends["loudness"] = loud.backend
        return loud, {
            "loudness_lufs": loud.integrated_lufs,
            "loudness_range_lu": loud.loudness_range_lu,
            "short_term_lufs": loud.short_term_lufs,
            "short_term_hop_s": loud.short_term_hop_s,
        }

    if content in ("silence", "noise"):
        remark = (
            "The audio is silent: there is no tempo, key or chord to report."
            if content == "silence"
            else "The audio is noise (a flat spectrum): no tempo, key or chords can be heard in it."
        )
        data = _empty(sha, source, content, duration, remark)
        return FeatureSheet.model_validate(
            {**data, **loudness()[1], "backends": backends, "timings_s": timer.seconds}
        )
    x22 = audio.dsp_samples()
    progress(0.1, "transcribing notes")
    if content == "too_short":
        with timer("notes"):
            notes, melody, backends["notes"] = transcribe(x22)
        data = _empty(sha, source, content, duration, "Under 2 seconds: too short for tempo, key or chords.")
        data.update(notes=notes, melody=melody)
        return FeatureSheet.model_validate(
            {**data, **loudness()[1], "backends": backends, "timings_s": timer.seconds}
        )
    # a worker thread transcribes the notes (basic-pitch, onnxruntime), then hears the instruments and
    # the vocals stem (the tag step's audio-only half, which reads the transcriber's pitch contour) and
    # finds the chords (the chord CNN; this thread takes them back if it gets there first), while the
    # loudness, the key and the beat networks run here: onnxruntime, BLAS and the compiled LSTM release
    # the GIL, so the two cores work side by side
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sheet")
    blas = _half_the_cores_for_blas()
    evidence = VocalEvidence()  # filled from the transcriber's pitch contour, read by the tagger
    notes_job = pool.submit(_timed, transcribe, x22, evidence)
    heard_job = pool.submit(_timed, hear, x22, evidence)  # runs after the notes (one worker, in order)
    try:
        loud, loud_fields = loudness()
        x44 = audio.samples
        chroma = key_spec = chord_spec = None
        if not use(MADMOM):
            with timer("chroma"):
                chroma = chroma_22k(x22)
        else:
            from tools.understanding.spectra import tonal_spectrograms

            with timer("tonal spectrogram"):
                key_spec, chord_spec = tonal_spectrograms(x44)
        chords_job = None
        if not rhythm_reads_chords():
            chords_job = pool.submit(_timed, analyze_chords, x44, chroma, duration, chord_spec)
        progress(0.35, "finding the key")
        with timer("key"):
            tonality = analyze_key(x44, chroma, duration, key_spec)
        backends["key"] = tonality.backend
        if chords_job is None:
            progress(0.45, "finding the chords")
            (chords, backends["chords"]), timer.seconds["chords"] = _timed(
                analyze_chords, x44, chroma, duration, chord_spec
            )
        progress(0.55, "finding the beat")
        with timer("rhythm"):
            changes = None if chords_job is not None else np.array([c.start for c in chords[1:]], dtype=float)
            rhythm = analyze_rhythm(x44, x22, changes)
        backends["rhythm"] = rhythm.backend
        progress(0.75, "finding the sections")
        with timer("structure"):
            sections = analyze_structure(x22, rhythm.beats, duration, rhythm.downbeats)
        backends["structure"] = "librosa"
        if chords_job is not None and chords_job.cancel():
            # the worker has not reached the chords (it is still on the notes or the tags): they run
            # here instead of this thread waiting idle (a cold 3-min sheet: ~0.5 s sooner)
            chords_job = None
            progress(0.8, "finding the chords")
            (chords, backends["chords"]), timer.seconds["chords"] = _timed(
                analyze_chords, x44, chroma, duration, chord_spec
            )
        progress(0.85, "transcribing notes")
        (notes, melody, backends["notes"]), timer.seconds["notes"] = notes_job.result()
        progress(0.9, "tagging")
        heard, timer.seconds["tags"] = heard_job.result()
        if chords_job is not None:
            (chords, backends["chords"]), timer.seconds["chords"] = chords_job.result()
        chords = spell_chords(chords, tonality.key, tonality.changes)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        blas.restore_original_limits()
    tags = analyze_tags(x22, notes, rhythm, tonality, loud, duration, evidence, heard)
    backends["tags"] = tags.backend
    remarks = []
    if tonality.key is None:
        remarks.append("No clear key: the key estimate was below the confidence threshold.")
    if rhythm.tempo_bpm is None:
        remarks.append("No steady beat was found.")
    return FeatureSheet.model_validate(
        {
            "sha256": sha,
            "source": source,
            "kind": "audio",
            "content": "music",
            "duration_s": round(duration, 3),
            **_rhythm_and_key(rhythm, tonality),
            "chords": chords,
            "notes": notes,
            "melody": melody,
            **loud_fields,
            "sections": sections,
            "tags": tags,
            "backends": backends,
            "timings_s": timer.seconds,
            "remarks": remarks,
        }
    )


def _no_progress(fraction: float, message: str) -> None:
    return None


def compute_sheet(
    path: str | Path,
    *,
    display_name: str | None = None,
    use_cache: bool = True,
    progress: Progress = _no_progress,
) -> FeatureSheet:
    """The feature sheet of an audio/video or MIDI file (from the cache when it was computed before).

    Raises ToolError for files that cannot be analysed (not audio, corrupt, empty, too long).
    """
    path = Path(path)
    source = display_name or path.name
    from tools.audio.probe import check_file

    check_file(path, source)
    sha = file_sha256(path)
    if use_cache:
        cached = load_cached(_cache_path(sha), FeatureSheet)
        if cached is not None:
            return cached.model_copy(update={"source": source})
    with open(path, "rb") as fh:
        is_midi = fh.read(4) == b"MThd"
    sheet = _analyse_midi(path, sha, source) if is_midi else _analyse_audio(path, sha, source, progress)
    if use_cache:
        store_cached(_cache_path(sheet.sha256), sheet)
    progress(1.0, "analysed")
    return sheet


def cached_sheet(path: str | Path, sha256: str | None = None) -> FeatureSheet | None:
    """The feature sheet of ``path`` if it was computed before (never computes one); else None.

    ``sha256`` (the file's content hash, when the caller knows it) saves hashing the file again.
    """
    try:
        sha = sha256 or file_sha256(path)
    except OSError:
        return None
    return load_cached(_cache_path(sha), FeatureSheet)


def scored_top(items: list[Scored], n: int = 3, min_score: float = 0.5) -> list[Scored]:
    """The ``n`` best-scored tags at or above ``min_score``."""
    return [s for s in sorted(items, key=lambda s: -s.score) if s.score >= min_score][:n]
