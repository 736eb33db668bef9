"""The ``convert`` tool: change file format, sample rate and/or channel count."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.audio import limits
from tools.audio.decode import decode_with_info
from tools.audio.probe import probe_media
from tools.audio.types import Audio
from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import (
    FFMPEG_NUMPY,
    EditedAudio,
    edited,
    resolve_audio,
    save_audio,
    source_format,
    stored_audio,
)

ConvertFormat = Literal["wav", "flac", "mp3", "ogg"]

_FORMAT_NAMES = {
    "wav": "WAV",
    "flac": "FLAC",
    "mp3": "MP3",
    "ogg": "Ogg Vorbis",
    "opus": "Opus",
    "m4a": "AAC (.m4a)",
}


class ConvertInput(BaseModel):
    audio: str = ArtifactRef("audio", "The audio to convert: an artifact id or 'current'.")
    format: ConvertFormat | None = Field(
        None, description="File format to convert to: 'wav', 'flac' (lossless), 'mp3' or 'ogg' (compressed)."
    )
    sample_rate: int | None = Field(
        None,
        ge=limits.MIN_SAMPLE_RATE_HZ,
        le=limits.MAX_SAMPLE_RATE_HZ,
        description="Sample rate to convert to, in Hz (e.g. 44100, 48000).",
    )
    channels: Literal[1, 2] | None = Field(
        None, description="Channels to convert to: 1 (mono) or 2 (stereo)."
    )


class ConvertOutput(EditedAudio):
    source_format: str = Field(description="Format of the source.")
    source_sample_rate: int = Field(description="Sample rate of the source, in Hz.")
    source_channels: int = Field(description="Channels of the source.")


def remix_channels(audio: Audio, channels: int) -> Audio:
    """``audio`` with ``channels`` channels: mono is the average of all channels; more channels repeat
    mono, or keep the first ``channels`` of a wider layout after folding the rest in equally."""
    if channels == audio.channels:
        return audio
    if channels == 1:
        return audio.with_samples(audio.samples.mean(axis=0, keepdims=True, dtype=np.float32))
    if audio.channels == 1:
        return audio.with_samples(np.repeat(audio.samples, channels, axis=0))
    # wider to stereo: average everything into a mid signal, keep the front pair's difference
    mid = audio.samples.mean(axis=0, dtype=np.float32)
    side = 0.5 * (audio.samples[0] - audio.samples[1])
    return audio.with_samples(np.stack([mid + side, mid - side]))


def _describe(fmt: str, rate: int, channels: int) -> str:
    layout = {1: "mono", 2: "stereo"}.get(channels, f"{channels} channels")
    return f"{_FORMAT_NAMES.get(fmt, fmt.upper())}, {rate / 1000:g} kHz, {layout}"


class Convert(Tool):
    name = "convert"
    description = (
        "Convert the audio to another file format (WAV, FLAC, MP3, OGG), sample rate (Hz) and/or number of "
        "channels (mono/stereo), e.g. 'make it an MP3' or 'convert to 48 kHz mono'."
    )
    Input = ConvertInput
    Output = ConvertOutput
    resources = Resources(num_cpus=1, memory_mb=512, seconds_per_audio_minute=1.0)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: ConvertInput, ctx: ToolContext) -> ConvertOutput:
        if args.format is None and args.sample_rate is None and args.channels is None:
            raise ToolError(
                "Say what to convert to: a format (wav, flac, mp3, ogg), a sample rate in Hz, "
                "or mono/stereo.",
                code="invalid_argument",
            )
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        info = probe_media(Path(src.path), display_name=f"'{src.label}'")
        src_fmt = source_format(src, info)
        src_rate = info.sample_rate or 44100
        src_channels = info.channels or 2
        fmt = args.format or src_fmt
        rate = args.sample_rate or src_rate
        if fmt == "mp3" and rate not in limits.MP3_SAMPLE_RATES_HZ:
            if args.sample_rate is not None:
                raise ToolError(
                    f"MP3 can't store {rate} Hz audio: choose 44100 or 48000 Hz (or lower), "
                    "or a lossless format (WAV, FLAC) for higher rates.",
                    code="invalid_argument",
                )
            rate = max([r for r in limits.MP3_SAMPLE_RATES_HZ if r <= rate], default=8000)
        channels = args.channels or src_channels
        if fmt == "mp3" and channels > 2:
            channels = 2
        if fmt == src_fmt and rate == src_rate and channels == src_channels and src.kind != "video":
            raise ToolError(
                f"'{src.label}' is already {_describe(fmt, rate, channels)}: nothing to convert.",
                code="invalid_argument",
            )
        ctx.progress(0.2, f"converting to {_describe(fmt, rate, channels)}")
        audio, info = decode_with_info(
            src.path, sample_rate=rate, allow_silent=True, info=info, display_name=f"'{src.label}'"
        )
        out = remix_channels(audio, channels)
        label = f"converted to {_describe(fmt, out.sample_rate, out.channels)}"
        saved, fmt = save_audio(ctx, out, src, info, label=label, fmt=fmt)
        ctx.progress(1.0, label)
        return ConvertOutput(
            **edited(saved, stored_audio(saved, out, fmt), fmt),
            source_format=src_fmt,
            source_sample_rate=src_rate,
            source_channels=src_channels,
        )
