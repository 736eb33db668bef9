"""'The vocals from version 3 over the drums of version 2' through the Agent, on a real recording (Vibe Ace,
CC BY 3.0): the new version is exactly those two stems added, and each keeps its own version's level."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from agent.agent import Agent
from tools.audio.decode import decode_audio
from tools.separation.stems_store import stem_companions

CLIP = Path(__file__).resolve().parents[1] / "data" / "editing" / "vibe_ace_excerpt.flac"


def _samples(path: str) -> np.ndarray:
    return decode_audio(Path(path), allow_silent=True).samples


def _given(arguments: dict) -> dict:
    """The arguments the request set (the call record also lists every default)."""
    return {k: v for k, v in arguments.items() if v not in (None, {}, [])}


@pytest.mark.slow
def test_vocals_of_one_version_over_the_drums_of_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_MODELS", str(tmp_path / "models"))  # no Demucs: the learned separator
    monkeypatch.delenv("BANDLEADER_DEMUCS_MODEL", raising=False)
    upload = tmp_path / "vibe_ace.flac"
    shutil.copyfile(CLIP, upload)
    agent = Agent(home=tmp_path / "home")

    t1 = agent.turn("separate the stems", "mash", [upload])
    assert t1.ok, t1.reply
    ws = agent.open_session("mash")
    v2 = t1.current
    t2 = agent.turn("vocals up 3 dB", "mash")
    assert t2.ok, t2.reply
    v3 = t2.current
    assert v3.version == 3

    t3 = agent.turn("the vocals from version 3 over the drums of version 2", "mash")
    assert t3.ok, t3.reply
    assert [(c.name, _given(c.arguments)) for c in t3.tool_calls] == [
        ("combine_stems", {"vocals": "version:3", "drums": "version:2"})
    ]
    assert "vocals of version 3" in t3.reply and "drums of version 2" in t3.reply, t3.reply
    assert "combine_stems" not in t3.reply and "Done" not in t3.reply
    new = t3.current
    assert new.version == 4 and new.tool == "combine_stems"
    assert set(stem_companions(ws, new)) == {"vocals", "drums"}

    vocals3 = _samples(stem_companions(ws, v3)["vocals"].path)
    vocals2 = _samples(stem_companions(ws, v2)["vocals"].path)
    drums2 = _samples(stem_companions(ws, v2)["drums"].path)
    mix = _samples(new.path)
    assert np.abs(mix - (vocals3 + drums2)).max() < 2e-3  # exactly those two stems, nothing else
    # the vocals keep version 3's level: 3 dB above the separated ones of version 2
    assert 20 * np.log10(np.std(vocals3) / np.std(vocals2)) == pytest.approx(3.0, abs=0.1)
    bass = _samples(stem_companions(ws, v2)["bass"].path)
    assert np.abs(mix - (vocals3 + drums2 + bass)).max() > 0.01  # the bass is not in it

    # a version with no saved stems (the upload) is separated on the spot, and the reply says so
    t4 = agent.turn("put the original's drums under the vocals from version 3", "mash")
    assert t4.ok, t4.reply
    assert _given(t4.tool_calls[0].arguments) == {"drums": "original", "vocals": "version:3"}
    assert "separated it first" in t4.reply

    # a version that does not exist: a clear message, nothing made
    t5 = agent.turn("the vocals from version 9 over the drums of version 2", "mash")
    assert not t5.ok
    assert "version 9" in t5.reply.lower() or "no version" in t5.reply.lower(), t5.reply
    assert t5.current.id == t4.current.id
