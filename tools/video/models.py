"""Typed results of video analysis: the contract between the video analysers and video scoring.

``tools.video.analysis.analyse_video`` fills a :class:`VideoAnalysis`; the cue sheet and the scorer
read only these models, so an analyser can change its method without touching scoring.
All times are seconds from the first frame; curves are sampled at ``VideoAnalysis.analysis_fps``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class VideoInfo(BaseModel):
    """Container facts of a video file."""

    duration_s: float = Field(description="Exact duration: frame count / frame rate, seconds.")
    fps: float = Field(description="Average frame rate, frames per second.")
    n_frames: int
    width: int = Field(description="Displayed width in pixels (after rotation).")
    height: int = Field(description="Displayed height in pixels (after rotation).")
    rotation_deg: int = 0
    variable_frame_rate: bool = False
    video_codec: str = ""
    has_audio: bool = False
    audio_duration_s: float | None = None


class Cut(BaseModel):
    """A shot change."""

    time_s: float
    strength: float = Field(ge=0.0, le=1.0, description="0..1; 1 = a hard cut between unrelated shots.")


class MoodFeatures(BaseModel):
    """Affective visual features (as in Video2Music), each 0..1 unless stated."""

    brightness: float
    saturation: float
    warmth: float = Field(description="Share of warm (red/orange/yellow) hue, 0..1.")
    motion: float = Field(description="Mean motion energy, 0..1.")
    cuts_per_minute: float
    valence: float = Field(description="Estimated pleasantness 0 (dark, sad) .. 1 (bright, happy).")
    arousal: float = Field(description="Estimated energy 0 (calm) .. 1 (intense).")


class VideoAnalysis(BaseModel):
    """Everything scoring needs to know about one video."""

    info: VideoInfo
    analysis_fps: float = Field(description="Rate at which frames were analysed, frames per second.")
    cuts: list[Cut] = Field(default_factory=list)
    motion: list[float] = Field(
        default_factory=list, description="Motion energy per analysed frame, normalised 0..1."
    )
    motion_peaks_s: list[float] = Field(
        default_factory=list, description="Visual beats: local maxima of motion (D2M-GAN / AIST++ style)."
    )
    visual_tempo_bpm: float | None = Field(
        None, description="Tempo of periodic motion (dance), BPM; None when motion is not periodic."
    )
    visual_beats_s: list[float] = Field(
        default_factory=list, description="Beat grid following the periodic motion (dance), seconds."
    )
    is_dance: bool = Field(False, description="A person moving periodically fills the frame.")
    pose_share: float = Field(0.0, description="Share of analysed frames with a detected body pose, 0..1.")
    mood: MoodFeatures
    scene_tags: dict[str, float] = Field(
        default_factory=dict, description="Zero-shot CLIP tags -> score; empty when no CLIP weights."
    )
    backends: dict[str, str] = Field(default_factory=dict, description="task -> backend that produced it")
    sha256: str = Field("", description="Content hash of the analysed file (the cache key).")
    motion_onsets: list[float] = Field(
        default_factory=list,
        description="Motion onset strength per analysed frame, 0..1 (changes of movement: the curve "
        "visual beats come from).",
    )
    visual_periodicity: float = Field(
        0.0, description="Normalised autocorrelation of motion onsets at the visual beat period, 0..1."
    )
    kinematic_beats_s: list[float] = Field(
        default_factory=list,
        description="AIST++ kinematic beats: local minima of body-joint speed (s); empty without a pose.",
    )
    timings_s: dict[str, float] = Field(default_factory=dict, description="Stage -> seconds it took.")
    remarks: list[str] = Field(default_factory=list, description="Why some answers are missing.")
