"""The MusicGen backend, with a tiny random-initialised model saved to a temporary models folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tools.base import ToolError
from tools.generation.neural import (
    MUSICGEN,
    MUSICGEN_MELODY,
    check_musicgen,
    check_musicgen_melody,
    frame_rate_hz,
    generate,
    load_musicgen,
    load_musicgen_melody,
    melody_chroma,
    neural_backend,
)

transformers = pytest.importorskip("transformers")


def _tiny_configs():  # type: ignore[no-untyped-def]
    from transformers import EncodecConfig, T5Config

    text = T5Config(vocab_size=64, d_model=16, d_kv=8, d_ff=32, num_layers=1, num_heads=2)
    audio = EncodecConfig(
        target_bandwidths=[2.5], sampling_rate=8000, audio_channels=1, hidden_size=8, num_filters=4,
        upsampling_ratios=[8, 8], codebook_size=32, codebook_dim=8, num_lstm_layers=1,
    )  # fmt: skip
    return text, audio


def _save_tokenizer(path: Path) -> None:
    from tokenizers import Tokenizer, pre_tokenizers
    from tokenizers import models as tok_models
    from transformers import PreTrainedTokenizerFast

    vocab = {w: i for i, w in enumerate(["<pad>", "</s>", "<unk>", "calm", "piano", "fast", "jazz", "drums"])}
    tok = Tokenizer(tok_models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>"
    ).save_pretrained(path)


def _tiny_musicgen_melody(models: Path) -> Path:
    """A random MusicGen-Melody saved as the real folder layout (model, tokenizer, chroma settings)."""
    import json

    from transformers import (
        MusicgenMelodyConfig,
        MusicgenMelodyDecoderConfig,
        MusicgenMelodyForConditionalGeneration,
    )

    text, audio = _tiny_configs()
    decoder = MusicgenMelodyDecoderConfig(
        vocab_size=32, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, ffn_dim=32,
        num_codebooks=audio.num_quantizers, pad_token_id=32, decoder_start_token_id=32, bos_token_id=32,
    )  # fmt: skip
    config = MusicgenMelodyConfig(
        text_encoder=text.to_dict(),
        audio_encoder=audio.to_dict(),
        decoder=decoder.to_dict(),
        chroma_length=40,
    )
    path = models / "musicgen-melody"
    MusicgenMelodyForConditionalGeneration(config).eval().save_pretrained(path)
    _save_tokenizer(path)
    settings = {"feature_extractor_type": "MusicgenMelodyFeatureExtractor", "sampling_rate": 8000,
                "n_fft": 1024, "hop_length": 512, "num_chroma": 12}  # fmt: skip
    (path / "preprocessor_config.json").write_text(json.dumps(settings))
    return models


def _tiny_musicgen(models: Path) -> Path:
    from transformers import MusicgenConfig, MusicgenDecoderConfig, MusicgenForConditionalGeneration

    text, audio = _tiny_configs()
    decoder = MusicgenDecoderConfig(
        vocab_size=32, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, ffn_dim=32,
        num_codebooks=audio.num_quantizers,
        pad_token_id=32, decoder_start_token_id=32, bos_token_id=32,
    )  # fmt: skip
    config = MusicgenConfig(
        text_encoder=text.to_dict(), audio_encoder=audio.to_dict(), decoder=decoder.to_dict()
    )
    model = MusicgenForConditionalGeneration(config).eval()
    path = models / "musicgen"
    model.save_pretrained(path)
    _save_tokenizer(path)
    return models


def test_missing_weights_are_reported_by_name(tmp_path: Path) -> None:
    reason = check_musicgen(tmp_path)
    assert reason and "musicgen" in reason
    with pytest.raises(ToolError) as err:
        generate("calm piano", 2.0, models_dir=tmp_path)
    assert err.value.code == "backend_unavailable"
    assert not MUSICGEN.permissive


@pytest.mark.slow
def test_tiny_random_musicgen_generates_audio_of_the_asked_length(tmp_path: Path) -> None:
    models = _tiny_musicgen(tmp_path / "models")
    assert check_musicgen(models) is None
    audio, rate = generate("calm piano", 1.0, models_dir=models, seed=1)
    model, processor = load_musicgen(str(models / "musicgen"))
    assert rate == 8000 and audio.ndim == 2 and audio.shape[0] == 1
    expected = round(1.0 * frame_rate_hz(model)) / frame_rate_hz(model)
    assert abs(audio.shape[1] / rate - expected) <= 0.25
    assert np.isfinite(audio).all() and audio.std() > 0
    # the conditioning path: different words reach the text encoder as different hidden states
    import torch

    enc = [
        model.text_encoder(**processor(text=[t], return_tensors="pt")).last_hidden_state
        for t in ("calm piano", "fast jazz drums")
    ]
    assert enc[0].shape != enc[1].shape or not torch.allclose(enc[0], enc[1])


def _tone(hz: float, seconds: float = 2.0, rate: int = 8000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return np.sin(2 * np.pi * hz * t).astype(np.float32)


def test_melody_chroma_names_the_sung_pitch_class() -> None:
    a4, c4 = _tone(440.0), _tone(261.63)
    for tone, pitch_class in ((a4, 9), (c4, 0)):
        chroma = melody_chroma(tone, 8000, feature_rate=8000, n_fft=1024, hop_length=512)
        assert chroma.shape == (1 + len(tone) // 512, 12) and chroma.sum(axis=1).tolist() == [1.0] * len(
            chroma
        )
        assert (chroma.argmax(axis=1)[2:-2] == pitch_class).all()


def test_no_weights_names_both_folders(tmp_path: Path) -> None:
    assert check_musicgen_melody(tmp_path) and not MUSICGEN_MELODY.permissive
    with pytest.raises(ToolError) as err:
        neural_backend(tmp_path)
    assert "musicgen-melody" in err.value.message and str(tmp_path / "musicgen") in err.value.message


@pytest.mark.slow
def test_tiny_random_musicgen_melody_hears_its_conditioning(tmp_path: Path) -> None:
    import torch

    models = _tiny_musicgen_melody(tmp_path / "models")
    assert check_musicgen_melody(models) is None and neural_backend(models) == "musicgen-melody"
    assert neural_backend(models, melody=False) == "musicgen-melody"  # the only weights there
    model, tokenizer, settings = load_musicgen_melody(str(models / "musicgen-melody"))
    assert settings["hop_length"] == 512 and model.config.audio_encoder.sampling_rate == 8000
    # the conditioning path: another melody (same words, same codes so far) changes the next-code logits
    ids = tokenizer(["calm piano"], return_tensors="pt")
    codes = torch.full((model.decoder.config.num_codebooks, 4), 5)

    def logits(tone: np.ndarray) -> torch.Tensor:
        chroma = melody_chroma(tone, 8000, feature_rate=8000, n_fft=1024, hop_length=512)
        with torch.no_grad():
            return model(**ids, input_features=torch.from_numpy(chroma)[None], decoder_input_ids=codes).logits

    a, c, a_again = logits(_tone(440.0)), logits(_tone(261.63)), logits(_tone(440.0))
    assert torch.equal(a, a_again) and (a - c).abs().max() > 1e-4


def test_compose_musicgen_without_weights_says_where_it_looked(
    call_tool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tools.generation.compose_tool import Compose

    monkeypatch.setenv("BANDLEADER_MODELS", str(tmp_path / "empty"))
    with pytest.raises(ToolError) as err:
        call_tool(Compose, prompt="a calm piano piece", backend="musicgen")
    assert (
        err.value.code == "backend_unavailable" and str(tmp_path / "empty" / "musicgen") in err.value.message
    )
    names = {b.name: b.licence for b in Compose.backends}
    assert names["musicgen"] == names["musicgen-melody"] == "CC BY-NC 4.0 (weights)"
    assert "fluidsynth" in names and "formant-singer" in names


@pytest.mark.slow
def test_compose_musicgen_follows_the_composers_melody(
    call_tool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import soundfile as sf

    import tools.generation.compose_tool as compose_tool

    models = _tiny_musicgen_melody(tmp_path / "models")
    monkeypatch.setenv("BANDLEADER_MODELS", str(models))
    monkeypatch.setattr(compose_tool, "MAX_DURATION_S", 1.0)  # keep the random model's run short
    out = call_tool(
        compose_tool.Compose, prompt="a 6 second calm piano piece in C major at 90 BPM", backend="musicgen",
        check=False, seed=3,
    ).output  # fmt: skip
    assert out.backend == "musicgen-melody" and out.stems == {} and out.key == "C major"
    assert any("followed the composer's piano line" in n for n in out.notes), out.notes
    assert any("at most 1 s" in n for n in out.notes) and any("CC BY-NC" in n for n in out.notes)
    audio, rate = sf.read(out.artifact.path, dtype="float32", always_2d=True)
    assert rate == 44100 and audio.shape[1] == 2 and abs(len(audio) / rate - 1.0) <= 0.1
    assert abs(out.duration_s - len(audio) / rate) < 0.01 and float(np.abs(audio).max()) > 0.1
