"""The cue sheet: what the music for a video must do, and when.

From a :class:`~tools.video.models.VideoAnalysis` (and the user's words and edits) it chooses:

- the length, to the video frame (and the exact sample count of the music);
- hit points: shot cuts (with their strength), strong motion peaks and moments the user named;
- a beat grid: tempo and bar placement chosen so that as many strong hits as possible land on
  beats and the strongest on downbeats. A constant tempo is searched over a musically sensible
  range (the style's range first) and phase; then a dynamic-programming beat tracker over the hit
  impulses (as in Ellis 2007) lets the tempo drift a few percent where that puts more hits on
  beats. A dance clip takes its tempo and beat phase from the dancer's visual beats instead;
- sections that follow scene changes, with an energy per section and an energy curve per bar;
- style and mood from the visual mood features, the scene tags and the user's words.

Times in seconds from the first video frame; tempo in BPM (quarter notes); energies 0..1.
The grid starts at ``start_s`` (<= 0, a downbeat): bar 0 of the song begins there, so a partial
first bar (a pickup) is cut off when the music is fitted to the video.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.generation.compose.request import FAST_MIN_BPM, SLOW_MAX_BPM
from tools.video.models import VideoAnalysis

SAMPLE_RATE_HZ = 44100
"""Sample rate of the music, in Hz (the renderer's)."""
HIT_TOLERANCE_S = 0.08
"""A hit 'lands on a beat' when a beat is this close, in seconds (the beat-cut alignment window)."""
TEMPO_RANGE_BPM = (70.0, 160.0)
"""Tempi the search may choose, in BPM."""
FOLLOW_MIN_POSE_SHARE = 0.3
"""Share of frames with a body pose that lets 'follow the dancer' take the pose tempo even when the
clip did not pass as a dance (a small or slow dancer)."""
MAX_DRIFT = 0.08
"""Largest deviation of one beat's interval from the base period when the tempo may drift (8 %)."""
STRONG_CUT = 0.2
"""Cuts at least this strong are hit points (weaker ones are gradual transitions)."""
SECTION_CUT = 0.6
"""Cuts at least this strong may start a new section (a scene change)."""
MIN_SECTION_BARS = 2
USER_HIT_WEIGHT = 6.0
"""Weight of a moment the user named, against 1.0 for the strongest cut."""
ENERGY_RATE_HZ = 10.0
"""Rate of the cue sheet's energy curve, values per second."""
END_MARGIN_S = 0.3
"""The closing downbeat (the 'button') comes at least this long before the last frame, in seconds."""


class HitPoint(BaseModel):
    """A moment the music should mark."""

    time_s: float = Field(description="When it happens in the video, seconds.")
    strength: float = Field(ge=0.0, le=1.0, description="0..1; user-named moments are 1.")
    source: Literal["cut", "motion", "user"]
    beat_s: float | None = Field(None, description="Nearest beat of the grid, seconds.")
    beat_index: int | None = Field(None, description="Index of that beat in the grid (0 = start_s).")
    on_beat: bool = Field(False, description="A beat is within 80 ms.")
    downbeat: bool = Field(False, description="That beat is the first of a bar.")
    accent: bool = Field(False, description="The music plays an accent (crash + kick + bass) there.")


class CueSection(BaseModel):
    """A section of the music, following the scenes of the video."""

    name: str
    kind: str = Field(description="intro, verse, build, chorus, drop, bridge or outro.")
    first_bar: int = Field(description="Index of its first bar in the song (bar 0 starts at start_s).")
    bars: int = Field(ge=1)
    start_s: float = Field(description="Start, seconds (may be < 0 for a pickup bar).")
    end_s: float
    energy: float = Field(ge=0.0, le=1.0)


class CueOptions(BaseModel):
    """What the user asked for (first request and later edits), as the cue sheet reads it."""

    prompt: str = Field("", description="The user's words: style, mood, named moments.")
    style: str | None = Field(None, description="A style key or name ('edm', 'lo-fi hip-hop'); None: choose.")
    mood: str | None = Field(None, description="Mood words; None: from the picture.")
    key: str | None = Field(None, description="A key such as 'D minor'; None: choose.")
    tempo_bpm: float | None = Field(None, description="A fixed tempo, BPM; None: search.")
    tempo_factor: float = Field(1.0, gt=0.3, lt=3.0, description="Scales the searched tempo (1 = as found).")
    tempo_hint_bpm: float | None = Field(
        None, gt=0, description="Base tempo to keep (an edit of an earlier score), BPM; searched within 2 %."
    )
    energy_shift: float = Field(0.0, ge=-1.0, le=1.0, description="-1 much calmer .. +1 much more energetic.")
    end_energy: float | None = Field(
        None, ge=0.0, le=1.0, description="Energy of the last quarter ('calmer at the end'); None: as found."
    )
    intro_bars: int | None = Field(
        None, ge=0, le=32, description="Length of the intro in bars; None: choose."
    )
    user_hits_s: list[float] = Field(default_factory=list, description="Moments the user named, seconds.")
    no_drums: bool = False
    no_vocals: bool = False
    follow_dancer: bool = Field(
        False, description="The user asked the music to follow the dancer: a pose tempo wins over the cuts."
    )
    seed: int | None = None


class CueSheet(BaseModel):
    """Everything the scorer needs to write music for one video (see the module docstring)."""

    duration_s: float = Field(description="Video duration: frames / frame rate, seconds.")
    fps: float
    n_frames: int
    n_samples: int = Field(description="Exact length of the music at SAMPLE_RATE_HZ.")
    sample_rate: int = SAMPLE_RATE_HZ
    tempo_bpm: float = Field(description="Median tempo of the grid, BPM.")
    base_tempo_bpm: float = Field(description="Tempo the grid bends around (at most MAX_DRIFT), BPM.")
    tempo_min_bpm: float
    tempo_max_bpm: float
    tempo_source: Literal["cuts", "dance", "motion", "user", "default"]
    beats_per_bar: int = 4
    start_s: float = Field(description="Time of beat 0 (a downbeat), seconds, <= 0.")
    beats_s: list[float] = Field(description="The beat grid from start_s to past the end, seconds.")
    end_bar: int = Field(description="Index of the closing bar (its downbeat is the 'button').")
    hit_points: list[HitPoint]
    sections: list[CueSection]
    bar_energy: list[float] = Field(description="Energy of each bar 0..end_bar, 0..1.")
    energy_curve: list[float] = Field(
        default_factory=list,
        description="Motion energy over time (0.5 s smoothing), 0..1, at ENERGY_RATE_HZ.",
    )
    style: str
    mood: str
    key: str | None = None
    predicted_alignment: float = Field(description="Share of cuts with a grid beat within 80 ms.")
    options: CueOptions
    notes: list[str] = Field(default_factory=list)

    @property
    def downbeats_s(self) -> list[float]:
        """Grid downbeats, seconds."""
        return self.beats_s[:: self.beats_per_bar]

    @property
    def cut_times_s(self) -> list[float]:
        """Times of the cut hit points, seconds."""
        return [h.time_s for h in self.hit_points if h.source == "cut"]


# --------------------------------------------------------------------------------------- mood


_STYLE_BY_MOOD: tuple[tuple[float, float, str, str], ...] = (
    # (valence, arousal) centre -> style, mood words
    (0.8, 0.85, "edm", "energetic uplifting"),
    (0.75, 0.65, "pop", "happy upbeat"),
    (0.3, 0.85, "rock", "energetic tense"),
    (0.25, 0.55, "cinematic", "dark epic"),
    (0.2, 0.2, "ambient", "dark calm"),
    (0.7, 0.25, "folk", "peaceful hopeful"),
    (0.55, 0.4, "lofi", "chill dreamy"),
    (0.65, 0.55, "funk", "groovy happy"),
)
_TAG_STYLE = {
    "dance": "house", "party": "edm", "club": "edm", "concert": "rock", "skate": "rock", "sport": "rock",
    "race": "rock", "city": "pop", "street": "pop", "beach": "bossa", "nature": "folk", "forest": "folk",
    "mountain": "cinematic", "ocean": "ambient", "sea": "ambient", "night": "lofi", "wedding": "classical",
    "food": "bossa", "product": "pop", "travel": "pop", "car": "rock", "bike": "rock", "space": "ambient",
}  # fmt: skip
_ENERGY_WORDS = re.compile(r"\b(energetic|intense|hype|driving|powerful|epic|exciting|action|fast|upbeat)\b")
_CALM_WORDS = re.compile(r"\b(calm|gentle|soft|relaxed|chill|peaceful|quiet|slow|mellow|dreamy|ambient)\b")


def felt_mood(analysis: VideoAnalysis, text: str) -> tuple[float, float]:
    """(valence, arousal) 0..1 of the picture, with the arousal the user's words ask for ('calm' caps
    it at 0.3, 'energetic' raises it to 0.75)."""
    valence, arousal = analysis.mood.valence, analysis.mood.arousal
    if _ENERGY_WORDS.search(text):
        arousal = max(arousal, 0.75)
    if _CALM_WORDS.search(text):
        arousal = min(arousal, 0.3)
    return valence, arousal


def word_tempo_range(text: str) -> tuple[float, float]:
    """The tempo range (BPM) a search may widen to: 'calm' words keep it at most SLOW_MAX_BPM,
    'energetic' words at least FAST_MIN_BPM (the bounds a song request's words set too); the whole
    TEMPO_RANGE_BPM otherwise."""
    lo, hi = TEMPO_RANGE_BPM
    if _CALM_WORDS.search(text) and not _ENERGY_WORDS.search(text):
        hi = SLOW_MAX_BPM
    elif _ENERGY_WORDS.search(text) and not _CALM_WORDS.search(text):
        lo = FAST_MIN_BPM
    return lo, hi


def choose_style(analysis: VideoAnalysis, options: CueOptions) -> tuple[str, str, list[str]]:
    """(style key, mood words, notes) from the user's words, the scene tags and the visual mood.

    The user's style wins; then a confident scene tag; then the nearest (valence, arousal) style."""
    from tools.generation.styles import STYLES, find_style

    notes: list[str] = []
    text = options.prompt.lower()
    style = None
    if options.style:
        found = find_style(options.style) or STYLES.get(options.style.lower())
        style = found.name if found else None
        if style is None:
            notes.append(f"I don't know the style '{options.style}', so I chose one from the picture")
    if style is None:
        found = find_style(text)
        style = found.name if found else None
    valence, arousal = felt_mood(analysis, text)
    mood = options.mood or ""
    best = min(_STYLE_BY_MOOD, key=lambda s: (s[0] - valence) ** 2 + (s[1] - arousal) ** 2)
    if style is None and analysis.is_dance:
        style = "house" if arousal < 0.7 else "edm"
    if style is None and analysis.scene_tags:
        tag, score = max(analysis.scene_tags.items(), key=lambda kv: kv[1])
        for word, key in _TAG_STYLE.items():
            if word in tag.lower() and score >= 0.2:
                style = key
                break
    if style is None:
        style = best[2]
    if not mood:
        from tools.generation.compose.request import _mood

        mood = _mood(text) or best[3]
    return style, mood, notes


def _style_for_tempo(style: str, bpm: float, analysis: VideoAnalysis, options: CueOptions) -> str:
    """``style``, or when the cuts asked for a tempo far outside its range and the user named no style,
    the style nearest in mood (valence, arousal) whose range holds ``bpm``."""
    from tools.generation.styles import STYLES, find_style

    lo, hi = STYLES[style].tempo_range
    if options.style or find_style(options.prompt.lower()) or lo * 0.9 <= bpm <= hi * 1.1:
        return style
    v, a = felt_mood(analysis, options.prompt.lower())
    for _, _, name, _ in sorted(_STYLE_BY_MOOD, key=lambda s: (s[0] - v) ** 2 + (s[1] - a) ** 2):
        lo, hi = STYLES[name].tempo_range
        if lo <= bpm <= hi:
            return name
    return style


# --------------------------------------------------------------------------------------- hits


def collect_hits(analysis: VideoAnalysis, options: CueOptions) -> list[HitPoint]:
    """Hit points: strong cuts, the strongest motion peaks (a few per minute) and user moments."""
    dur = analysis.info.duration_s
    hits = [
        HitPoint(time_s=c.time_s, strength=c.strength, source="cut")
        for c in analysis.cuts
        if c.strength >= STRONG_CUT and 0.0 < c.time_s < dur
    ]
    if analysis.motion and analysis.motion_peaks_s and not analysis.is_dance:
        fps = analysis.analysis_fps
        motion = np.asarray(analysis.motion, dtype=float)
        peaks = []
        for t in analysis.motion_peaks_s:
            i = min(len(motion) - 1, max(0, round(t * fps)))
            if motion[i] >= 0.6 and all(abs(t - h.time_s) > 0.75 for h in hits):
                peaks.append((float(motion[i]), t))
        keep = max(1, int(dur / 60.0 * 6))  # about one motion accent every 10 s
        for value, t in sorted(peaks, reverse=True)[:keep]:
            hits.append(HitPoint(time_s=t, strength=round(0.5 * value, 3), source="motion"))
    for t in options.user_hits_s:
        if 0.0 <= t < dur:
            hits = [h for h in hits if abs(h.time_s - t) > 0.25]
            hits.append(HitPoint(time_s=t, strength=1.0, source="user"))
    return sorted(hits, key=lambda h: h.time_s)


def _weights(hits: list[HitPoint]) -> np.ndarray:
    """How much each hit counts in the tempo search: a named moment most, a cut by its strength, a
    motion peak a little (it takes a beat only where no cut needs it)."""
    weight = {
        "user": lambda h: USER_HIT_WEIGHT,
        "cut": lambda h: 0.3 + h.strength,
        "motion": lambda h: 0.3 * h.strength,
    }
    return np.array([weight[h.source](h) for h in hits], dtype=float)


# --------------------------------------------------------------------------------------- tempo


def _prior(bpm: np.ndarray | float, centre: float) -> np.ndarray | float:
    """A penalty (0 at ``centre``) for tempi far from the style's tempo, in octaves squared."""
    return np.log2(np.asarray(bpm) / centre) ** 2


def constant_grid_search(
    times: np.ndarray, weights: np.ndarray, lo: float, hi: float, centre: float, step: float = 0.25
) -> list[tuple[float, float, float]]:
    """Best (score, bpm, phase_s) per tempo for a constant beat grid, best first.

    Score = weighted share of hits within 50 ms of a beat plus a little for closeness, minus a
    tempo prior around ``centre``; the phase is tried at every hit (so one hit is always exact)."""
    if len(times) == 0:
        return [(0.0, centre, 0.0)]
    total = weights.sum()
    out = []
    for bpm in np.arange(lo, hi + 1e-9, step):
        period = 60.0 / bpm
        phases = np.mod(times, period)
        # distance of every hit (columns) from the grid with each candidate phase (rows)
        d = np.abs(np.mod(times[None, :] - phases[:, None] + period / 2, period) - period / 2)
        close = np.clip(1.0 - d / HIT_TOLERANCE_S, 0.0, 1.0)
        score = ((d <= 0.05) * weights).sum(axis=1) / total + 0.3 * (close * weights).sum(axis=1) / total
        j = int(np.argmax(score))
        out.append((float(score[j] - 0.25 * _prior(bpm, centre)), float(bpm), float(phases[j])))
    return sorted(out, reverse=True)


def _add_bumps(
    onset: np.ndarray, t: np.ndarray, times: np.ndarray, weights: np.ndarray, sigma: float, hop: float
) -> None:
    """Add a Gaussian of width ``sigma`` (seconds) and height ``weights[i]`` at every ``times[i]`` to
    ``onset`` (sampled at ``t``, ``hop`` seconds apart), in place, within four widths of each centre."""
    reach = math.ceil(4 * sigma / hop)
    for ti, w in zip(times, weights, strict=True):
        c = round(ti / hop)
        a, b = max(0, c - reach), min(len(onset), c + reach + 1)
        if a < b:
            onset[a:b] += w * np.exp(-0.5 * ((t[a:b] - ti) / sigma) ** 2)


def dp_beats(
    times: np.ndarray,
    weights: np.ndarray,
    period: float,
    phase: float,
    duration: float,
    drift: float = MAX_DRIFT,
    tightness: float = 15.0,
    hop: float = 0.01,
) -> np.ndarray:
    """Beat times (seconds) over [0, duration] with intervals within ``period`` x (1 +- drift), chosen by
    dynamic programming to pass through as many weighted hits as possible (Ellis 2007 style).

    Beats that the path puts within 30 ms of a hit are moved onto it, and the beats between two such
    anchors are spaced evenly, so the tempo is constant between hits. Without hits: the constant grid."""
    n = math.ceil(duration / hop) + 1
    t = np.arange(n) * hop
    onset = np.zeros(n)
    _add_bumps(onset, t, times, weights, 0.012, hop)
    # a faint pull towards the constant grid keeps the tempo steady where there are no hits
    grid = np.arange(phase % period, duration + period, period)
    _add_bumps(onset, t, grid, np.full(len(grid), 0.05), 0.02, hop)
    lo = max(1, math.ceil(period * (1 - drift) / hop))
    hi = max(lo, math.floor(period * (1 + drift) / hop))
    lags = np.arange(lo, hi + 1)
    penalty = tightness * np.log(lags * hop / period) ** 2
    score = onset.copy()
    back = np.full(n, -1, dtype=int)
    i = lo
    while i < n:  # frames [i, i + lo) only look back before i: a whole block at a time
        j = min(n, i + lo)
        frames = np.arange(i, j)
        prev = frames[:, None] - lags[None, :]
        cand = np.where(prev >= 0, score[np.maximum(prev, 0)] - penalty[None, :], -np.inf)
        pick = cand.argmax(axis=1)
        best = cand[np.arange(len(frames)), pick]
        take = (frames >= hi) | (best > 0)  # a path may only start within the first period
        score[i:j] = np.where(take, onset[i:j] + best, onset[i:j])
        back[i:j] = np.where(take, prev[np.arange(len(frames)), pick], -1)
        i = j
    tail = np.arange(max(0, n - hi), n)
    i = int(tail[np.argmax(score[tail])])
    path = [i]
    while back[i] >= 0:
        i = int(back[i])
        path.append(i)
    beats = np.array(path[::-1], dtype=float) * hop
    if len(times) == 0 or len(beats) < 3:
        return beats
    # anchors: beats on hits, moved exactly onto them; even spacing in between
    d = np.abs(beats[:, None] - times[None, :])
    nearest = d.argmin(axis=1)
    anchored = d[np.arange(len(beats)), nearest] <= 0.03
    snapped = {k for k in range(1, len(beats) - 1) if anchored[k]}
    for _ in range(len(snapped) + 1):
        anchors = [0, *sorted(snapped), len(beats) - 1]
        out = beats.copy()
        for k in snapped:
            out[k] = times[nearest[k]]
        for a, b in itertools.pairwise(anchors):
            if b - a > 1:
                out[a : b + 1] = np.linspace(out[a], out[b], b - a + 1)
        ratio = np.diff(out) / period
        bad = np.flatnonzero((ratio < 1 - drift - 0.01) | (ratio > 1 + drift + 0.01))
        if not len(bad):
            return out
        if not snapped:
            break
        # snapping that anchor would bend the tempo more than allowed: leave it where the path put it
        worst = int(bad[0]) + 1
        near = [k for k in snapped if k in (worst - 1, worst)] or [min(snapped, key=lambda k: abs(k - worst))]
        snapped.discard(near[-1])
    return beats


def alignment(beats: np.ndarray, times: np.ndarray, tol: float = HIT_TOLERANCE_S) -> float:
    """Share of ``times`` with a beat within ``tol`` seconds (0..1; 0 when there are no times)."""
    if len(times) == 0 or len(beats) == 0:
        return 0.0
    d = np.abs(times[:, None] - beats[None, :]).min(axis=1)
    return float((d <= tol).mean())


def _weighted_alignment(beats: np.ndarray, times: np.ndarray, weights: np.ndarray, tol: float) -> float:
    if len(times) == 0:
        return 0.0
    d = np.abs(times[:, None] - beats[None, :]).min(axis=1)
    return float(((d <= tol) * weights).sum() / weights.sum())


def _extend(beats: np.ndarray, duration: float, beats_per_bar: int, downbeat: int) -> tuple[np.ndarray, int]:
    """The grid extended back to a downbeat at or before 0 and forward two bars past ``duration``;
    returns (beats, index of the first downbeat >= the old first beat, in the new grid)."""
    beats = list(beats)
    p0 = beats[1] - beats[0] if len(beats) > 1 else 0.5
    lead = 0
    while beats[0] > 1e-9 or (downbeat + lead) % beats_per_bar != 0:
        beats.insert(0, beats[0] - p0)
        lead += 1
    p1 = beats[-1] - beats[-2]
    while beats[-1] < duration + 2 * beats_per_bar * p1:
        beats.append(beats[-1] + p1)
    return np.array(beats), lead


def choose_grid(
    hits: list[HitPoint], analysis: VideoAnalysis, options: CueOptions, tempo_range: tuple[float, float]
) -> tuple[np.ndarray, int, str, list[str], float]:
    """(beats from a downbeat <= 0, beats per bar, tempo source, notes, base tempo in BPM) for the video;
    every beat interval is within MAX_DRIFT (+1 %) of the base tempo's period."""
    notes: list[str] = []
    dur = analysis.info.duration_s
    times = np.array([h.time_s for h in hits], dtype=float)
    weights = _weights(hits)
    lo, hi = tempo_range
    centre = math.sqrt(lo * hi)
    bpb = 4
    fixed = options.tempo_bpm
    source = "cuts" if len(times) else "default"
    has_cuts = any(h.source == "cut" for h in hits)
    pose_beats = analysis.backends.get("visual_beats", "")
    # the dancer's own beat (from the pose), when the clip is a dance or the user asked to follow the dancer
    dancer = analysis.visual_tempo_bpm is not None and (
        analysis.is_dance
        or (options.follow_dancer and analysis.pose_share >= FOLLOW_MIN_POSE_SHARE and "pose" in pose_beats)
    )
    periodic = analysis.visual_tempo_bpm and (dancer or (not has_cuts and analysis.visual_beats_s))
    if fixed is None and options.follow_dancer and not dancer:
        notes.append("I couldn't see a steady beat in the dancer's movement, so the tempo follows the cuts")
    if fixed is None and periodic:  # a dancer (or any steady visual beat in one shot) sets the tempo
        bpm = float(analysis.visual_tempo_bpm)  # type: ignore[arg-type]
        while bpm < TEMPO_RANGE_BPM[0]:
            bpm *= 2
        while bpm > TEMPO_RANGE_BPM[1]:
            bpm /= 2
        fixed, source = bpm, ("dance" if dancer else "motion")
        if analysis.visual_beats_s:  # the visual beats are hits too: follow their phase
            vb = np.array(analysis.visual_beats_s, dtype=float)
            times = np.concatenate([times, vb])
            weights = np.concatenate([weights, np.full(len(vb), 0.8)])
    if fixed is not None and options.tempo_bpm is not None:
        source = "user"

    def evaluate(lo_bpm: float, hi_bpm: float, prior_centre: float) -> tuple[float, np.ndarray, float]:
        """(value, beats, bpm) of the best grid with a base tempo in [lo_bpm, hi_bpm]."""
        picked: list[tuple[float, float, float]] = []
        for cand in constant_grid_search(times, weights, lo_bpm, hi_bpm, prior_centre):
            if all(abs(cand[1] - p[1]) > 0.04 * p[1] for p in picked):  # distinct tempi only
                picked.append(cand)
            if len(picked) == 5:
                break
        found: tuple[float, np.ndarray, float] | None = None
        for _score, bpm, phase in picked:
            period = 60.0 / bpm
            grids = [(0.0, np.arange(phase % period, dur + period, period))]
            if len(times):
                warped = dp_beats(times, weights, period, phase, dur)
                if len(warped) > 4:
                    grids.append((0.02, warped))  # bending the tempo must earn its keep
            for cost, grid in grids:
                value = _weighted_alignment(grid, times, weights, 0.05) - cost
                value -= 0.25 * float(_prior(bpm, prior_centre))
                if found is None or value > found[0]:
                    found = (value, grid, bpm)
        assert found is not None
        return found

    if options.tempo_hint_bpm is not None and options.tempo_bpm is None:
        # an edit of an earlier score keeps its tempo (or the new one asked for), still on the cuts
        hint = options.tempo_hint_bpm
        best = evaluate(hint * 0.98, hint * 1.02, hint)
    elif fixed is not None:
        bpm = min(max(float(fixed) * options.tempo_factor, 40.0), 240.0)
        best = evaluate(bpm, bpm, bpm)
    else:
        # the style's own tempo range first; the whole sensible range only when that misses cuts
        wide_lo, wide_hi = word_tempo_range(options.prompt.lower())
        own_lo, own_hi = max(wide_lo, lo * 0.95), min(wide_hi, hi * 1.05)
        if own_lo > own_hi:  # a style the user named, outside what their mood words allow: the style wins
            own_lo, own_hi = max(TEMPO_RANGE_BPM[0], lo * 0.95), min(TEMPO_RANGE_BPM[1], hi * 1.05)
            wide_lo, wide_hi = min(wide_lo, own_lo), max(wide_hi, own_hi)
        best = evaluate(own_lo, own_hi, centre)
        if len(times) and alignment(best[1], times) < 0.8:
            wide = evaluate(wide_lo, wide_hi, min(max(centre, wide_lo), wide_hi))
            best = wide if wide[0] > best[0] else best
        if options.tempo_factor != 1.0:  # 'faster' / 'slower': near the new tempo, still on the cuts
            target = min(max(best[2] * options.tempo_factor, 40.0), 240.0)
            best = evaluate(target * 0.97, target * 1.03, target)
    beats = best[1]
    if len(beats) < 2:
        beats = np.arange(0.0, dur + 1.0, 0.5)
    # the downbeat: the phase (mod beats per bar) that puts the heaviest hits on beat one
    d_idx = np.abs(times[:, None] - beats[None, :]).argmin(axis=1) if len(times) else np.zeros(0, dtype=int)
    on = np.abs(times - beats[d_idx]) <= HIT_TOLERANCE_S if len(times) else np.zeros(0, dtype=bool)
    strength = weights**2
    scores = [float((strength * on * ((d_idx - k) % bpb == 0)).sum()) for k in range(bpb)]
    downbeat = int(np.argmax(scores))
    grid, _lead = _extend(beats, dur, bpb, downbeat)
    return grid, bpb, source, notes, round(best[2], 3)


# --------------------------------------------------------------------------------------- sections


def bar_energy_curve(analysis: VideoAnalysis, downbeats: np.ndarray) -> np.ndarray:
    """Mean motion energy of each bar (between consecutive downbeats), rescaled to 0..1."""
    motion = np.asarray(analysis.motion, dtype=float)
    n = len(downbeats) - 1
    if n <= 0:
        return np.zeros(0)
    if len(motion) == 0:
        return np.full(n, 0.5)
    fps = analysis.analysis_fps
    out = np.empty(n)
    for b in range(n):
        i0 = max(0, int(downbeats[b] * fps))
        i1 = max(i0 + 1, math.ceil(downbeats[b + 1] * fps))
        seg = motion[min(i0, len(motion) - 1) : min(i1, len(motion))]
        out[b] = float(seg.mean()) if len(seg) else float(motion[-1])
    lo, hi = np.percentile(out, 5), np.percentile(out, 95)
    if hi - lo < 1e-6:
        return np.full(n, float(np.clip(analysis.mood.arousal, 0.0, 1.0)))
    return np.clip((out - lo) / (hi - lo), 0.0, 1.0)


def energy_curve(analysis: VideoAnalysis, smooth_s: float = 0.5) -> np.ndarray:
    """The motion curve smoothed over ``smooth_s``, rescaled to 0..1 (5th..95th percentile) and sampled
    at ENERGY_RATE_HZ from 0 to the video's end; constant 0.5 without motion."""
    n = max(1, math.ceil(analysis.info.duration_s * ENERGY_RATE_HZ))
    motion = np.asarray(analysis.motion, dtype=float)
    if len(motion) < 2:
        return np.full(n, 0.5)
    width = max(1, round(smooth_s * analysis.analysis_fps))
    smooth = np.convolve(motion, np.ones(width) / width, mode="same")
    t = np.arange(len(smooth)) / analysis.analysis_fps
    curve = np.interp(np.arange(n) / ENERGY_RATE_HZ, t, smooth)
    lo, hi = np.percentile(curve, 5), np.percentile(curve, 95)
    if hi - lo < 1e-6:
        return np.full(n, 0.5)
    return np.clip((curve - lo) / (hi - lo), 0.0, 1.0)


def _kind_for(energy: float, style: str) -> str:
    if energy >= 0.72:
        return "drop" if style in ("edm", "house") else "chorus"
    if energy >= 0.55:
        return "build" if style in ("edm", "house") else "prechorus"
    return "verse"


def _boundaries(
    hits: list[HitPoint], downbeats: np.ndarray, total: int, options: CueOptions
) -> tuple[list[int], set[int], int, int]:
    """(section start bars, bars of the user's moments, intro bars, first bar of the outro)."""
    min_len = MIN_SECTION_BARS if total < 16 else 2 * MIN_SECTION_BARS
    user_bars: set[int] = set()
    scenes: list[tuple[float, int]] = []
    for h in hits:
        b = int(np.abs(downbeats[:total] - h.time_s).argmin())
        if h.source == "user":
            user_bars.add(b)
        elif h.source == "cut" and h.strength >= SECTION_CUT:
            scenes.append((h.strength, b))
    intro = options.intro_bars
    if intro is None:
        first_scene = min((b for _, b in scenes if b > 0), default=total)
        intro = min(4 if total >= 12 else 2, max(1, first_scene)) if total >= 6 else 0
    intro = min(intro, max(0, total - 2))
    outro = total - (2 if total >= 10 else 1) if total >= 6 else total
    starts = {0, *user_bars} | ({intro} if intro > 0 else set()) | ({outro} if outro < total else set())
    fixed = set(starts)
    for _, b in sorted(scenes, reverse=True):  # the strongest scene changes first
        if intro <= b < outro and all(abs(b - a) >= min_len for a in starts):
            starts.add(b)
    ordered = [b for b in sorted(starts) if 0 <= b < total]
    # a boundary closer than two bars to a fixed one goes (named moments, intro and outro stay)
    kept: list[int] = []
    for b in ordered:
        if kept and b - kept[-1] < 2 and b not in fixed:
            continue
        if kept and b - kept[-1] < 2 and kept[-1] not in fixed:
            kept[-1] = b
            continue
        kept.append(b)
    bounds: list[int] = []
    for i, b in enumerate(kept):  # long scenes become 4-8 bar phrases
        end = kept[i + 1] if i + 1 < len(kept) else total
        bounds.append(b)
        while end - bounds[-1] > 8:
            bounds.append(bounds[-1] + (8 if end - bounds[-1] - 8 >= 4 else 4))
    return bounds, user_bars, intro, outro


def plan_sections(
    hits: list[HitPoint],
    downbeats: np.ndarray,
    end_bar: int,
    energy: np.ndarray,
    options: CueOptions,
    style: str,
) -> list[CueSection]:
    """Sections over bars 0..end_bar: boundaries at the downbeats nearest to the strongest scene changes
    and to the user's moments, an intro and an outro; each section's energy mixes the motion of its bars
    with a rising arc, shifted by the user's 'more energetic' / 'calmer'."""
    total = end_bar + 1
    bounds, user_bars, intro, outro = _boundaries(hits, downbeats, total, options)
    arc = 0.35 + 0.55 * np.minimum(1.0, np.arange(total) / max(1.0, 0.75 * total))
    drop_kind = "drop" if style in ("edm", "house") else "chorus"
    sections: list[CueSection] = []
    for i, b in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else total
        motion = float(energy[b:end].mean()) if end > b and len(energy) else 0.5
        e = 0.25 + 0.65 * (0.6 * motion + 0.4 * float(arc[b:end].mean())) + 0.3 * options.energy_shift
        lift = 0.3 * max(0.0, options.energy_shift)
        if b in user_bars:
            kind, e = drop_kind, max(e, 0.9)
        elif b == 0 and intro > 0 and len(bounds) > 1:
            kind, e = "intro", min(e, 0.45 + lift)
        elif b == outro and i == len(bounds) - 1 and len(bounds) > 2:
            kind, e = "outro", min(e, 0.5 + lift)
        else:
            kind = _kind_for(e, style)
            if i + 1 < len(bounds) and bounds[i + 1] in user_bars:
                kind = "build"
        if options.end_energy is not None and b >= total * 0.75:
            e = min(e, options.end_energy)
        sections.append(
            CueSection(
                name=kind,
                kind=kind,
                first_bar=b,
                bars=end - b,
                start_s=round(float(downbeats[b]), 4),
                end_s=round(float(downbeats[min(end, len(downbeats) - 1)]), 4),
                energy=round(float(np.clip(e, 0.1, 1.0)), 3),
            )
        )
    counts = {k: sum(1 for s in sections if s.kind == k) for k in {s.kind for s in sections}}
    seen: dict[str, int] = {}
    for s in sections:
        if counts[s.kind] > 1:
            seen[s.kind] = seen.get(s.kind, 0) + 1
            s.name = f"{s.kind} {seen[s.kind]}"
    return sections


# --------------------------------------------------------------------------------------- the sheet


def build_cue_sheet(analysis: VideoAnalysis, options: CueOptions | None = None) -> CueSheet:
    """The cue sheet for ``analysis`` and the user's ``options`` (see the module docstring)."""
    from tools.generation.styles import STYLES

    options = options or CueOptions()
    info = analysis.info
    dur = float(info.duration_s)
    style, mood, notes = choose_style(analysis, options)
    lo, hi = STYLES[style].tempo_range
    lo, hi = max(lo, TEMPO_RANGE_BPM[0]), min(hi, TEMPO_RANGE_BPM[1])
    if hi <= lo:
        lo, hi = TEMPO_RANGE_BPM
    hits = collect_hits(analysis, options)
    grid, bpb, source, more, base_bpm = choose_grid(hits, analysis, options, (lo, hi))
    notes += more
    style = _style_for_tempo(style, float(np.median(60.0 / np.diff(grid))), analysis, options)
    start = float(grid[0])
    downbeats = grid[::bpb]
    # the closing bar: the last downbeat at least END_MARGIN_S before the end (a 'button' ending)
    end_bar = int(np.searchsorted(downbeats, dur - END_MARGIN_S, side="right")) - 1
    end_bar = max(1, min(end_bar, len(downbeats) - 2))
    for h in hits:
        i = int(np.abs(grid - h.time_s).argmin())
        h.beat_s = round(float(grid[i]), 4)
        h.beat_index = i
        h.on_beat = bool(abs(grid[i] - h.time_s) <= HIT_TOLERANCE_S)
        h.downbeat = bool(i % bpb == 0)
        h.accent = bool(h.on_beat and (h.source == "user" or h.strength >= 0.5))
    energy = bar_energy_curve(analysis, downbeats[: end_bar + 2])
    if len(energy) < end_bar + 1:
        fill = energy[-1] if len(energy) else 0.5
        energy = np.concatenate([energy, np.full(end_bar + 1 - len(energy), fill)])
    energy = energy[: end_bar + 1]
    sections = plan_sections(hits, downbeats, end_bar, energy, options, style)
    ibi = np.diff(grid[: (end_bar + 1) * bpb + 1])
    tempi = 60.0 / ibi
    cut_times = np.array([h.time_s for h in hits if h.source == "cut"])
    return CueSheet(
        duration_s=dur,
        fps=info.fps,
        n_frames=info.n_frames,
        n_samples=round(dur * SAMPLE_RATE_HZ),
        tempo_bpm=round(float(np.median(tempi)), 2),
        base_tempo_bpm=base_bpm,
        tempo_min_bpm=round(float(tempi.min()), 2),
        tempo_max_bpm=round(float(tempi.max()), 2),
        tempo_source=source,  # type: ignore[arg-type]
        beats_per_bar=bpb,
        start_s=round(start, 6),
        beats_s=[round(float(b), 6) for b in grid],
        end_bar=end_bar,
        hit_points=hits,
        sections=sections,
        bar_energy=[round(float(e), 3) for e in energy],
        energy_curve=[round(float(e), 3) for e in energy_curve(analysis)],
        style=style,
        mood=mood,
        key=options.key,
        predicted_alignment=round(alignment(grid, cut_times), 3),
        options=options,
        notes=notes,
    )
