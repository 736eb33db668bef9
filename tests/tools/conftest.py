"""Shared fixtures for tool tests: an in-memory artifact store and real audio files made on the spot.

Nothing here imports ``agent``: tools see the workspace only through the ``ArtifactStore`` protocol.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from pydantic import BaseModel

from tools.audio.decode import decode_audio
from tools.audio.types import Audio
from tools.base import ArtifactInfo, Tool, ToolContext, ToolError

SR = 44100
TONE_SECONDS = 3.0
TONE_PEAK_DBFS = -20.0


# --------------------------------------------------------------------------- the store test double


class MemoryStore:
    """A minimal ArtifactStore: files copied into a temp folder, records kept in a list."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[ArtifactInfo] = []
        self.current_id: str | None = None
        for name in ("objects", "scratch", "exports"):
            (root / name).mkdir(parents=True, exist_ok=True)

    def import_file(self, path: Path, kind: str = "audio", label: str | None = None) -> ArtifactInfo:
        """Store an upload (no parent, no tool) and make it current."""
        return self.add(path, kind=kind, label=label or path.name, parent=None)

    def resolve(self, ref: str) -> ArtifactInfo:
        by_id = {a.id: a for a in self.items}
        if ref == "current":
            found = by_id.get(self.current_id or "")
        elif ref == "original":
            found = self.items[0] if self.items else None
        elif ref == "previous":
            cur = by_id.get(self.current_id or "")
            found = by_id.get(cur.parent or "") if cur else None
        elif ref.startswith("version:"):
            n = int(ref.split(":", 1)[1])
            found = next((a for a in self.items if a.version == n and a.companion_of is None), None)
        else:
            found = by_id.get(ref)
        if found is None:
            raise ToolError(f"There is no version '{ref}' in this session.", code="unknown_artifact")
        return found

    def current(self) -> ArtifactInfo | None:
        return self.resolve("current") if self.current_id else None

    def add(
        self,
        source: Path,
        *,
        kind: str,
        label: str,
        parent: str | None,
        tool: str | None = None,
        arguments: dict[str, Any] | None = None,
        call_id: str | None = None,
        make_current: bool = True,
        companion_of: str | None = None,
    ) -> ArtifactInfo:
        data = Path(source).read_bytes()
        primaries = [a for a in self.items if a.companion_of is None]
        version = len(primaries) + 1
        if companion_of is not None:
            version = next(a.version for a in self.items if a.id == companion_of)
        sha = hashlib.sha256(data).hexdigest()
        dest = self.root / "objects" / f"{sha[:16]}{Path(source).suffix.lower()}"
        shutil.copyfile(source, dest)
        info = ArtifactInfo(
            id=f"art{len(self.items) + 1}",
            kind=kind,  # type: ignore[arg-type]
            label=label,
            path=str(dest),
            parent=parent,
            thread="main",
            version=version,
            tool=tool,
            arguments=dict(arguments or {}),
            call_id=call_id,
            created=time.time(),
            sha256=sha,
            size_bytes=len(data),
            companion_of=companion_of,
        )
        self.items.append(info)
        if make_current:
            self.current_id = info.id
        return info

    def undo(self) -> ArtifactInfo:
        raise NotImplementedError

    def redo(self) -> ArtifactInfo:
        raise NotImplementedError

    def set_current(self, ref: str) -> ArtifactInfo:
        info = self.resolve(ref)
        self.current_id = info.id
        return info

    def history(self) -> list[ArtifactInfo]:
        return list(self.items)

    def export_zip(self, dest: Path) -> Path:
        raise NotImplementedError

    def scratch_dir(self) -> Path:
        return self.root / "scratch"

    def exports_dir(self) -> Path:
        return self.root / "exports"


@dataclass
class ToolRun:
    """What one tool call returned and reported."""

    output: Any
    ctx: ToolContext
    progress: list[tuple[float, str]] = field(default_factory=list)


@pytest.fixture
def store(tmp_path: Path) -> MemoryStore:
    return MemoryStore(tmp_path / "store")


@pytest.fixture
def call_tool(store: MemoryStore) -> Callable[..., ToolRun]:
    """Run a tool class against ``store`` the way the executor does: validated Input, a fresh context."""

    def call(tool_cls: type[Tool], **arguments: Any) -> ToolRun:
        args: BaseModel = tool_cls.Input(**arguments)
        events: list[tuple[float, str]] = []
        ctx = ToolContext(
            workspace=store,
            progress=lambda f, m: events.append((f, m)),
            tool=tool_cls.name,
            call_id="call-1",
            arguments=args.model_dump(),
        )
        output = tool_cls().run(args, ctx)
        assert isinstance(output, tool_cls.Output)
        assert events and events[0][0] == 0.0 and events[-1][0] == 1.0, events
        return ToolRun(output=output, ctx=ctx, progress=events)

    return call


def read_back(path: str | Path) -> Audio:
    """Read a file a tool wrote, independently of the code under test where possible (soundfile for
    WAV/FLAC/Ogg; ffmpeg via decode_audio for the rest)."""
    path = Path(path)
    if path.suffix.lower() in (".wav", ".flac", ".ogg"):
        data, rate = sf.read(path, dtype="float32", always_2d=True)
        return Audio(data.T, rate)
    return decode_audio(path, allow_silent=True)


def assert_human_error(err: ToolError, code: str, *mentions: str) -> None:
    """The error has ``code`` and a message a person can act on (short, no raw ffmpeg dump)."""
    assert err.code == code, (err.code, err.message)
    msg = err.message
    assert 20 <= len(msg) <= 400, msg
    assert "Traceback" not in msg and "@ 0x" not in msg and "\n" not in msg, msg
    assert msg.rstrip()[-1] in ".)", msg
    for word in mentions:
        assert word.lower() in msg.lower(), (word, msg)


# --------------------------------------------------------------------------- synthesised media


def tone(seconds: float = TONE_SECONDS, freq: float = 440.0, peak_dbfs: float = TONE_PEAK_DBFS) -> np.ndarray:
    """A stereo (n, 2) float32 sine with a slow swell and a soft attack, peaking at ``peak_dbfs``."""
    t = np.arange(round(seconds * SR)) / SR
    envelope = (0.7 + 0.3 * np.sin(2 * np.pi * 0.5 * t)) * np.minimum(1.0, t / 0.05)
    mono = envelope * np.sin(2 * np.pi * freq * t)
    stereo = np.stack([mono, 0.8 * mono], axis=1)
    return (stereo / np.abs(stereo).max() * 10 ** (peak_dbfs / 20)).astype(np.float32)


def drums(seconds: float = TONE_SECONDS) -> np.ndarray:
    """A drum-like stereo (n, 2) loop: a bass/pad bed with a kick or snare hit every 0.25 s, peaking at
    -0.9 dBFS with a 20 dB crest factor (so raising its loudness by plain gain would clip)."""
    t = np.arange(round(seconds * SR)) / SR
    bed = 0.15 * (
        np.sin(2 * np.pi * 110 * t)
        + 0.6 * np.sin(2 * np.pi * 165 * t)
        + 0.4 * np.sin(2 * np.pi * 220 * t + 1)
    )
    hits = np.zeros_like(t)
    rng = np.random.default_rng(7)
    for k, start in enumerate(np.arange(0.0, seconds, 0.25)):
        i = round(start * SR)
        n = min(len(t) - i, round(0.2 * SR))
        tt = np.arange(n) / SR
        if k % 2 == 0:  # kick: a falling-pitch thump
            hits[i : i + n] += 0.9 * np.exp(-tt * 25) * np.sin(2 * np.pi * (50 + 150 * np.exp(-tt * 40)) * tt)
        else:  # snare: a noise burst
            hits[i : i + n] += 0.5 * np.exp(-tt * 40) * rng.standard_normal(n)
    mono = bed + hits
    mono = mono / np.abs(mono).max() * 0.9
    return np.stack([mono, 0.9 * mono], axis=1).astype(np.float32)


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


@dataclass(frozen=True)
class Media:
    """Paths of every synthesised test file (made once per test session)."""

    root: Path
    tone_wav: Path
    tone_flac: Path
    tone_mp3: Path
    tone_ogg: Path
    tone_m4a: Path
    tone_opus: Path
    tone_24bit_wav: Path
    drums_wav: Path
    silent_wav: Path
    video_mp4: Path
    video_silent_mp4: Path
    cover_art_mp3: Path
    png: Path
    midi: Path

    def copy(self, name: str, dest_dir: Path, new_name: str | None = None) -> Path:
        """A private copy of one file (tests may damage it)."""
        src = getattr(self, name)
        dest = dest_dir / (new_name or src.name)
        shutil.copyfile(src, dest)
        return dest


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Media:
    root = tmp_path_factory.mktemp("media")
    p = {name: root / name for name in ("tone.wav", "drums.wav", "silent.wav", "tone24.wav", "png.png")}
    sf.write(p["tone.wav"], tone(), SR, subtype="PCM_16")
    sf.write(p["tone24.wav"], tone(), SR, subtype="PCM_24")
    sf.write(p["drums.wav"], drums(), SR, subtype="PCM_16")
    sf.write(p["silent.wav"], np.zeros((2 * SR, 2), dtype=np.float32), SR, subtype="PCM_16")
    wav = str(p["tone.wav"])
    ffmpeg("-i", wav, "-c:a", "flac", str(root / "tone.flac"))
    ffmpeg("-i", wav, "-c:a", "libmp3lame", "-b:a", "192k", str(root / "tone.mp3"))
    ffmpeg("-i", wav, "-c:a", "libvorbis", "-q:a", "5", str(root / "tone.ogg"))
    ffmpeg("-i", wav, "-c:a", "aac", "-b:a", "192k", str(root / "tone.m4a"))
    ffmpeg("-i", wav, "-c:a", "libopus", "-b:a", "128k", str(root / "tone.opus"))
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1", "-frames:v", "1", str(p["png.png"]))
    video_in = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1"]
    video_out = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast"]
    ffmpeg(
        *video_in,
        *["-f", "lavfi", "-i", "sine=frequency=440:duration=1:sample_rate=44100"],
        *video_out,
        *["-c:a", "aac", "-shortest", str(root / "video.mp4")],
    )
    ffmpeg(*video_in, *video_out, str(root / "video_silent.mp4"))
    ffmpeg(
        *["-i", str(root / "tone.mp3"), "-i", str(p["png.png"]), "-map", "0", "-map", "1", "-c", "copy"],
        *["-disposition:v", "attached_pic", "-id3v2_version", "3", str(root / "cover.mp3")],
    )
    midi = root / "song.mid"
    track = bytes([0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, 0x00, 0xFF, 0x2F, 0x00])
    header = b"MThd" + (6).to_bytes(4, "big") + bytes([0, 0, 0, 1, 0, 96])
    midi.write_bytes(header + b"MTrk" + len(track).to_bytes(4, "big") + track)
    return Media(
        root=root,
        tone_wav=p["tone.wav"],
        tone_flac=root / "tone.flac",
        tone_mp3=root / "tone.mp3",
        tone_ogg=root / "tone.ogg",
        tone_m4a=root / "tone.m4a",
        tone_opus=root / "tone.opus",
        tone_24bit_wav=p["tone24.wav"],
        drums_wav=p["drums.wav"],
        silent_wav=p["silent.wav"],
        video_mp4=root / "video.mp4",
        video_silent_mp4=root / "video_silent.mp4",
        cover_art_mp3=root / "cover.mp3",
        png=p["png.png"],
        midi=midi,
    )


@pytest.fixture
def uploaded(store: MemoryStore, media: Media) -> Callable[..., ArtifactInfo]:
    """Store one of the synthesised files as an upload: ``uploaded("tone_wav")`` returns its record."""

    def upload(name: str, kind: str = "audio") -> ArtifactInfo:
        path: Path = getattr(media, name)
        return store.import_file(path, kind=kind, label=path.name)

    return upload
