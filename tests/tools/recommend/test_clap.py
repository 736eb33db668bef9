"""The CLAP audio-embedding backend: a tiny random-initialised ClapModel saved to a temp models folder and
loaded by the real loader; without weights the catalogue keeps the documented feature vector."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.recommend.conftest import REAL
from tools.base import ToolError
from tools.recommend import Catalogue

pytestmark = pytest.mark.slow
pytest.importorskip("transformers")


def tiny_clap(folder: Path) -> Path:
    """A random ClapModel (16-d embeddings, 1-s windows) and its feature extractor saved in ``folder``."""
    import torch
    from transformers import ClapConfig, ClapFeatureExtractor, ClapModel

    config = ClapConfig(
        text_config=dict(vocab_size=64, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=32, max_position_embeddings=40, projection_dim=16),
        audio_config=dict(spec_size=64, num_mel_bins=16, window_size=4, patch_size=4, patch_stride=[4, 4],
                          depths=[1, 1], num_attention_heads=[1, 2], patch_embeds_hidden_size=8,
                          hidden_size=16, projection_dim=16, enable_fusion=False),
        projection_dim=16,
    )  # fmt: skip
    torch.manual_seed(0)
    ClapModel(config).eval().save_pretrained(folder)
    ClapFeatureExtractor(feature_size=16, sampling_rate=48000, hop_length=480, max_length_s=1,
                         fft_window_size=1024).save_pretrained(folder)  # fmt: skip
    return folder


def _library(root: Path) -> Path:
    root.mkdir()
    shutil.copy(REAL["jazz.flac"], root / "jazz.flac")
    shutil.copy(REAL["flute.wav"], root / "flute.wav")
    shutil.copy(REAL["voice.flac"], root / "voice.flac")
    shutil.copy(REAL["chorale.mid"], root / "chorale.mid")
    y, sr = sf.read(REAL["jazz.flac"], dtype="float32")
    sf.write(root / "jazz_quieter.wav", 0.7 * y, sr)  # the same music 3 dB down: a different file
    return root


def test_clap_embeds_the_library_and_answers_more_like_this(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tools.recommend.clap import check_clap, find_clap, load_clap
    from tools.registry import tool_spec

    models = tmp_path / "models"
    monkeypatch.setenv("BANDLEADER_MODELS", str(models))
    assert "no weights" in (check_clap() or "")
    spec = {b["name"]: b for b in tool_spec("recommend").backends}
    assert not spec["clap"]["available"] and spec["clap"]["licence"] == "Apache-2.0"
    assert spec["bandleader-features-v1"]["available"]

    lib = _library(tmp_path / "lib")
    plain = Catalogue(tmp_path / "plain")  # made without weights: the feature vector only
    plain.index(lib, workers=1)
    assert plain.embedding == "bandleader-features-v1" and plain.embed_dim is None

    folder = tiny_clap(models / "clap" / "tiny")
    assert find_clap() == folder and check_clap() is None
    assert {b["name"]: b for b in tool_spec("recommend").backends}["clap"]["available"]
    cat = Catalogue(tmp_path / "clap-cat")
    report = cat.index(lib, workers=1)
    assert report.indexed == 5 and not report.skipped
    assert cat.embedding == "clap:tiny" and cat.embed_dim == 16
    rows = {r["name"]: r for r in cat._open(create=False).search().limit(10).to_list()}
    jazz = np.asarray(rows["jazz.flac"]["embed_vec"])
    assert np.linalg.norm(jazz) == pytest.approx(1.0, abs=1e-4)
    np.testing.assert_allclose(jazz, load_clap(str(folder)).embed_file(lib / "jazz.flac"), atol=1e-5)
    assert not np.any(rows["chorale.mid"]["embed_vec"])  # MIDI has no audio to embed

    found = cat.search(like=lib / "jazz.flac", k=3)
    assert found.results[0].name == "jazz_quieter.wav"  # the same recording is nearest in CLAP space
    assert "like jazz.flac" in found.results[0].reason
    outside = tmp_path / "outside.wav"  # an example that is not in the catalogue is embedded on the fly
    shutil.copy(lib / "jazz_quieter.wav", outside)
    assert cat.search(like=outside, k=1).results[0].name in ("jazz.flac", "jazz_quieter.wav")

    shutil.rmtree(folder)  # the weights are gone: indexing says so; searching by stored vectors goes on
    (lib / "new.wav").write_bytes((lib / "jazz_quieter.wav").read_bytes())
    with pytest.raises(ToolError) as err:
        Catalogue(tmp_path / "clap-cat").index(lib, workers=1)
    assert err.value.code == "backend_unavailable" and "tiny" in err.value.message
    assert Catalogue(tmp_path / "clap-cat").search(like=lib / "jazz.flac", k=1).results
