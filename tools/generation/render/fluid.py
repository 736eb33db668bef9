"""FluidSynth rendering: one MIDI file -> one stereo WAV, run as the ``fluidsynth`` command (fast
render to file, no audio driver), several in parallel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools.base import ToolError

SAMPLE_RATE_HZ = 44100
SYNTH_GAIN = 0.5
"""FluidSynth master gain (its default 0.2 is quiet; the mix is re-levelled anyway)."""
SOUNDFONT_CANDIDATES = (
    "/usr/share/sounds/sf2/FluidR3_GM.sf2",
    "/usr/share/sounds/sf2/default-GM.sf2",
    "/usr/share/soundfonts/FluidR3_GM.sf2",
    "/usr/share/soundfonts/default.sf2",
)
RENDER_TIMEOUT_S = 300.0


def soundfont_path() -> Path | None:
    """The General MIDI SoundFont to use (``BANDLEADER_SOUNDFONT`` or the system's), or None."""
    env = os.environ.get("BANDLEADER_SOUNDFONT")
    for candidate in ([env] if env else []) + list(SOUNDFONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def check_fluidsynth() -> str | None:
    """None when FluidSynth and a GM SoundFont are installed, else what to install."""
    if shutil.which("fluidsynth") is None:
        return "the fluidsynth command is not installed: run scripts/setup.sh (apt install fluidsynth)"
    if soundfont_path() is None:
        return "no General MIDI SoundFont found: apt install fluid-soundfont-gm, or set BANDLEADER_SOUNDFONT"
    return None


def render_midi(midi: Path, wav: Path, sample_rate: int = SAMPLE_RATE_HZ) -> Path:
    """Render ``midi`` to a 32-bit float stereo WAV at ``wav`` (dry: reverb and chorus are off,
    the mix adds its own reverb). Raises ToolError when FluidSynth is missing or fails."""
    reason = check_fluidsynth()
    if reason:
        raise ToolError(f"I can't render audio: {reason}.", code="renderer_missing")
    cmd = [
        "fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-g", str(SYNTH_GAIN), "-r", str(sample_rate),
        "-O", "float", "-T", "wav", "-o", "synth.dynamic-sample-loading=1", "-o", "synth.cpu-cores=1",
        "-o", "synth.polyphony=256", "-F", str(wav), str(soundfont_path()), str(midi),
    ]  # fmt: skip
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=RENDER_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ToolError(
            "Rendering took too long and was stopped: try a shorter song.", code="render_timeout"
        ) from exc
    if proc.returncode != 0 or not wav.is_file():
        raise ToolError(
            f"FluidSynth could not render {midi.name}: {(proc.stderr or proc.stdout).strip()[-200:]}",
            code="render_failed",
        )
    return wav


def render_many(jobs: list[tuple[Path, Path]], workers: int | None = None) -> list[Path]:
    """Render (midi, wav) pairs in parallel (one FluidSynth process per job); returns the WAV paths."""
    workers = workers or max(1, min(len(jobs), os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: render_midi(*job), jobs))
