"""Render a song project to files: the MIDI, one stem per track (FluidSynth, in parallel), the
mastered mix, and optionally MusicXML, LRC and the project JSON. Durations in seconds.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import soundfile as sf
from pydantic import BaseModel, Field

from tools.generation.project import SongProject, Track
from tools.generation.render.fluid import SAMPLE_RATE_HZ, render_many
from tools.generation.render.master import bus_compress, reverb, track_eq
from tools.generation.render.midi import write_midi
from tools.generation.render.mix import master, place
from tools.generation.render.vocal import is_vocal, sing, vocal_cache_key

WET_LEVEL = 0.6
"""Level of the reverb return relative to the dry mix (linear)."""
STEM_CACHE_FILES = 60
"""Most dry stems kept in a stem cache (the oldest go first)."""


class RenderResult(BaseModel):
    """What a render wrote, and how long it took."""

    mix: str = Field(description="Path of the mastered mix (WAV).")
    stems: dict[str, str] = Field(description="Track name -> path of its stem (WAV).")
    midi: str = Field(description="Path of the MIDI file (with lyric events).")
    duration_s: float = Field(description="Length of the mix, in seconds.")
    loudness_lufs: float | None = Field(description="Integrated loudness of the mix, in LUFS.")
    sample_rate: int
    seconds: dict[str, float] = Field(default_factory=dict, description="Step -> wall time, in seconds.")


def stem_file_name(track_name: str) -> str:
    """A safe file name for a track's stem ('piano chords' -> 'piano-chords.wav')."""
    return (re.sub(r"[^a-z0-9]+", "-", track_name.lower()).strip("-") or "track") + ".wav"


def _fit(x: np.ndarray, n: int) -> np.ndarray:
    if x.shape[1] >= n:
        return x[:, :n]
    return np.pad(x, ((0, 0), (0, n - x.shape[1])))


def _write_wav16(path: Path, stereo: np.ndarray, sample_rate: int, gain: float = 1.0) -> str:
    """Write (2, n) float audio times ``gain`` (linear) as 16-bit PCM WAV atomically (clipped to full
    scale); returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    pcm = stereo * np.float32(32767 * gain)
    np.clip(pcm, -32767, 32767, out=pcm)
    np.rint(pcm, out=pcm)
    sf.write(str(tmp), pcm.T.astype(np.int16), sample_rate, subtype="PCM_16", format="WAV")
    os.replace(tmp, path)
    return str(path)


def singer_name() -> str:
    """Which singer renders vocal tracks: ``BANDLEADER_SINGER`` ('formant' or 'espeak') when set,
    else espeak-ng + PSOLA where it is installed and allowed, else the formant singer."""
    from tools.generation.render.psola import ESPEAK_SINGER

    wanted = os.environ.get("BANDLEADER_SINGER", "").strip().lower()
    if wanted == "formant":
        return "formant"
    return "espeak" if ESPEAK_SINGER.unavailable_reason() is None else "formant"


def _sing(project: SongProject, track_index: int, wav: Path, singer: str) -> Path:
    """Render vocal track ``track_index`` with the singer into ``wav`` (float32 stereo)."""
    track = project.tracks[track_index]
    n = round(project.duration_s * SAMPLE_RATE_HZ)
    stereo = sing(project, track, SAMPLE_RATE_HZ, n, singer)
    part = wav.with_name(wav.stem + ".part.wav")
    sf.write(str(part), stereo.T, SAMPLE_RATE_HZ, subtype="FLOAT")
    os.replace(part, wav)
    return wav


def _synthesise(project: SongProject, work: Path, cache: Path | None) -> list[Path]:
    """One dry stereo WAV per track (FluidSynth, in parallel; vocal tracks by the singer); tracks
    rendered before are taken from ``cache`` (keyed by the MIDI's bytes, or what the singer sings),
    so edits re-render only what changed."""
    wavs: list[Path] = []
    jobs: list[tuple[Path, Path]] = []
    vocals: list[tuple[int, Path]] = []
    singer = singer_name() if any(is_vocal(t) for t in project.tracks) else "formant"
    for i, track in enumerate(project.tracks):
        if is_vocal(track):
            key = vocal_cache_key(project, track, singer, SAMPLE_RATE_HZ)
            wav = work / f"{i:02d}.wav" if cache is None else cache / f"voc-{key}.wav"
            wavs.append(wav)
            if not wav.is_file():
                vocals.append((i, wav))
            continue
        midi = write_midi(project, work / f"{i:02d}.mid", only=track.name)
        if cache is None:
            wav = work / f"{i:02d}.wav"
        else:
            digest = hashlib.sha256(midi.read_bytes() + f"{SAMPLE_RATE_HZ}".encode()).hexdigest()[:24]
            wav = cache / f"{digest}.wav"
        wavs.append(wav)
        if not wav.is_file():
            jobs.append((midi, wav))
    with ThreadPoolExecutor(max_workers=1) as pool:  # the singer runs beside FluidSynth
        sung = [pool.submit(_sing, project, i, wav, singer) for i, wav in vocals]
        if jobs:
            done = render_many([(m, w.with_name(w.stem + ".part.wav")) for m, w in jobs])
            for (_, final), part in zip(jobs, done, strict=True):
                os.replace(part, final)
        for job in sung:
            job.result()
    if cache is not None:
        _prune(cache, keep=set(wavs))
    return wavs


def _prune(cache: Path, keep: set[Path], max_files: int = STEM_CACHE_FILES) -> None:
    files = sorted(cache.glob("*.wav"), key=lambda f: f.stat().st_mtime, reverse=True)
    for f in files[max_files:]:
        if f not in keep:
            f.unlink(missing_ok=True)


def render_project(
    project: SongProject, out_dir: Path, *, write_stems: bool = True, stem_cache: Path | None = None
) -> RenderResult:
    """Render ``project`` into ``out_dir`` (created): song.mid, stems/<track>.wav, mix.wav.

    ``stem_cache`` keeps the dry FluidSynth renders between calls (see :func:`_synthesise`)."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / ".work"
    work.mkdir(exist_ok=True)
    if stem_cache is not None:
        stem_cache.mkdir(parents=True, exist_ok=True)
    midi = write_midi(project, out_dir / "song.mid")
    timings["midi"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    wavs = _synthesise(project, work, stem_cache)
    timings["synth"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    sr = SAMPLE_RATE_HZ
    n = round(project.duration_s * sr)
    dry = np.zeros((2, n), dtype=np.float32)
    send = np.zeros((2, n), dtype=np.float32)

    def prepare(job: tuple[Track, Path]) -> np.ndarray:
        """A track's stem: read, EQ'd for its role, gain and pan applied."""
        track, wav = job
        data, _ = sf.read(str(wav), dtype="float32", always_2d=True)
        stem = _fit(data.T if data.shape[1] == 2 else np.repeat(data.T[:1], 2, axis=0), n)
        return place(track_eq(stem, track.role, sr), track.mix.gain_db, track.mix.pan)

    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 2))) as pool:
        prepared = list(pool.map(prepare, zip(project.tracks, wavs, strict=True)))
    placed = {track.name: stem for track, stem in zip(project.tracks, prepared, strict=True)}
    for track, stem in zip(project.tracks, prepared, strict=True):
        dry += stem
        if track.mix.reverb > 0:
            send += stem * np.float32(track.mix.reverb)
    wet = reverb(send, sr) * np.float32(WET_LEVEL) if send.any() else np.zeros_like(dry)
    timings["mix"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    dry += wet
    bus, _reduction_db = bus_compress(dry, sr)
    mastered, lufs, gain_db = master(bus, sr, project.loudness_lufs)
    timings["master"] = time.perf_counter() - t3
    t4 = time.perf_counter()
    stem_gain = 10 ** (gain_db / 20)
    writes = [(out_dir / "mix.wav", mastered, 1.0)]
    if write_stems:
        writes += [(out_dir / "stems" / stem_file_name(n), stem, stem_gain) for n, stem in placed.items()]
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 2))) as pool:
        paths = list(pool.map(lambda job: _write_wav16(job[0], job[1], sr, job[2]), writes))
    stems = dict(zip(placed, paths[1:], strict=True)) if write_stems else {}
    for f in work.iterdir():
        f.unlink(missing_ok=True)
    work.rmdir()
    timings["write"] = time.perf_counter() - t4
    timings["total"] = time.perf_counter() - t0
    return RenderResult(
        mix=paths[0],
        stems=stems,
        midi=str(midi),
        duration_s=round(n / sr, 4),
        loudness_lufs=round(lufs, 2) if np.isfinite(lufs) else None,
        sample_rate=sr,
        seconds={k: round(v, 3) for k, v in timings.items()},
    )
