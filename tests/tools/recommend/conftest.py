"""A small real library for the catalogue tests: two tracks rendered by the project's own composer and
renderer (a calm 76 BPM solo piano piece in D minor, a 128 BPM drums + bass piece in A major), real clips
from tests/data (a TinySOL flute note, a vocadito a-cappella voice, a Bach chorale MIDI, a Kevin MacLeod
jazz excerpt) and a file that is not audio."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools.generation.compose.request import ComposeRequest
from tools.generation.folder import compose_to_folder

DATA = Path(__file__).resolve().parents[2] / "data"
REAL = {
    "flute.wav": DATA / "understanding" / "Fl-ord-C4-mf-N-T14d.wav",
    "voice.flac": DATA / "understanding" / "vocadito_10_excerpt.flac",
    "chorale.mid": DATA / "understanding" / "bwv80.8.mid",
    "jazz.flac": DATA / "editing" / "vibe_ace_excerpt.flac",
}


def render(prompt: str, instruments: list[str], out: Path) -> Path:
    """The mix of a composed and rendered song (fixed seed), written to ``out``."""
    song = compose_to_folder(
        ComposeRequest(prompt=prompt, seed=3, instruments=instruments), out.parent / out.stem
    )
    shutil.copy(song.audio, out)
    shutil.rmtree(out.parent / out.stem)
    return out


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library folder (with a sub-folder, to check the walk is recursive)."""
    root = tmp_path_factory.mktemp("library")
    (root / "generated").mkdir()
    render(
        # 84 BPM: the sheet reads the composer's slower solo piano at double time (issue 17, see
        # tests/tools/understanding/test_beats_and_bars.py), and these tests are about the search
        "a 20 second calm solo piano piece in D minor at 76 BPM",
        ["piano"],
        root / "generated" / "calm_piano.wav",
    )
    render("a 20 second energetic dance track in A major at 128 BPM with drums and bass", ["drums", "bass"],
           root / "generated" / "dance_drums_bass.wav")  # fmt: skip
    for name, src in REAL.items():
        shutil.copy(src, root / name)
    (root / "notes.mp3").write_text("this is not audio")
    (root / "readme.txt").write_text("ignored: not a music file")
    return root


@pytest.fixture(scope="session")
def catalogue_path(library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue of ``library``, indexed once for the session."""
    from tools.recommend import Catalogue

    path = tmp_path_factory.mktemp("catalogue") / "cat"
    Catalogue(path).index(library, workers=1)
    return path
