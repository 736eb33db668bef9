"""Make the small media files the eval scenarios attach, and their sidecar annotations.

Everything is synthesised here (numpy, written with soundfile; the video is muxed with ffmpeg from
frames drawn here), so the files are ours and licensed Apache-2.0 like the rest of the project.
Run from the repository root to regenerate them (they are committed; the output is deterministic):

    .venv/bin/python evals/scenarios/make_media.py

Sidecars (``<name>.json``) hold ground truth measured with the project's own analysers right after
writing (length from the decoded samples, integrated loudness per ITU-R BS.1770 via
``tools.audio.loudness``), so scenarios compare replies and artifacts against measured values.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

MEDIA = Path(__file__).resolve().parent / "media"
SAMPLE_RATE_HZ = 22050
MAX_BYTES = 200_000


def song(seconds: float = 12.0, sr: int = SAMPLE_RATE_HZ) -> np.ndarray:
    """A stereo 'song', shaped (n, 2), both channels alike: an A-minor chord with a pulsing envelope and
    kick-like clicks every 0.5 s (120 BPM), at a modest level (about -24 LUFS) so normalising has work."""
    t = np.arange(int(seconds * sr)) / sr
    chord = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 261.63, 329.63)) / 3
    pulse = 0.6 + 0.4 * np.sin(2 * np.pi * 2.0 * t) ** 2
    clicks = np.zeros_like(t)
    for start in np.arange(0.0, seconds, 0.5):
        i = int(start * sr)
        n = min(1500, len(t) - i)
        k = np.arange(n)
        clicks[i : i + n] += np.exp(-k / 250.0) * np.sin(2 * np.pi * 70 * k / sr)
    mono = 0.15 * (chord * pulse + 0.8 * clicks)
    return np.stack([mono, mono], axis=1).astype(np.float32)


def measure(path: Path) -> dict[str, float | int]:
    """Ground truth for a sidecar, measured with Bandleader's analysers (seconds, Hz, LUFS, dBFS)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tools.audio.decode import decode_audio
    from tools.audio.loudness import integrated_loudness_lufs, peak_dbfs

    audio = decode_audio(path)
    return {
        "duration_s": round(audio.duration_s, 4),
        "sample_rate_hz": audio.sample_rate,
        "channels": audio.channels,
        "loudness_lufs": round(integrated_loudness_lufs(audio), 2),
        "peak_dbfs": round(peak_dbfs(audio), 2),
    }


def write_sidecar(path: Path, facts: dict[str, float | int], what: str) -> None:
    """``<path>.json``: the measured facts plus where the file came from and its licence."""
    data = {**facts, "description": what, "made_by": "evals/scenarios/make_media.py", "licence": "Apache-2.0"}
    path.with_suffix(".json").write_text(json.dumps(data, indent=2) + "\n")


def make_song() -> Path:
    """``song.flac`` (12 s, 22.05 kHz stereo) and ``song.json``."""
    path = MEDIA / "song.flac"
    sf.write(path, song(), SAMPLE_RATE_HZ, format="FLAC", subtype="PCM_16")
    write_sidecar(path, measure(path), "12 s synthesised A-minor chord with clicks at 120 BPM")
    return path


def make_corrupt() -> Path:
    """``corrupt.flac``: a FLAC signature followed by 4 KiB of seeded random bytes (undecodable)."""
    path = MEDIA / "corrupt.flac"
    noise = np.random.default_rng(8).integers(0, 256, 4096, dtype=np.uint8).tobytes()
    path.write_bytes(b"fLaC" + noise)
    return path


def make_clip(seconds: float = 2.0, fps: int = 10) -> Path:
    """``clip.mp4``: 2 s of 160x120 video (a bar sweeping across) with the song's first 2 s as sound."""
    path = MEDIA / "clip.mp4"
    width, height = 160, 120
    frames = np.zeros((int(seconds * fps), height, width, 3), dtype=np.uint8)
    frames[..., 2] = 60
    for i in range(len(frames)):
        x = int(i / len(frames) * (width - 20))
        frames[i, :, x : x + 20] = (240, 200, 40)
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "sound.wav"
        sf.write(wav, song(seconds), SAMPLE_RATE_HZ)
        cmd = ["ffmpeg", "-y", "-v", "error", "-f", "rawvideo", "-pix_fmt", "rgb24"]
        cmd += ["-s", f"{width}x{height}", "-r", str(fps), "-i", "pipe:0", "-i", str(wav)]
        cmd += ["-c:v", "mpeg4", "-q:v", "8", "-c:a", "aac", "-b:a", "48k", "-shortest"]
        cmd += ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags", "+bitexact", str(path)]
        subprocess.run(cmd, input=frames.tobytes(), check=True)
    return path


def main() -> int:
    """Write every file and fail when one is over the size budget."""
    MEDIA.mkdir(parents=True, exist_ok=True)
    made = [make_song(), make_corrupt(), make_clip()]
    for path in made:
        size = path.stat().st_size
        print(f"{path.relative_to(MEDIA.parent)}: {size / 1000:.1f} kB")
        if size > MAX_BYTES:
            print(f"{path.name} is over {MAX_BYTES} bytes", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
