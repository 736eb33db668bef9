"""The MusicGen backend, with a tiny random-initialised model saved to a temporary models folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tools.base import ToolError
from tools.generation.neural import MUSICGEN, check_musicgen, frame_rate_hz, generate, load_musicgen

transformers = pytest.importorskip("transformers")


def _tiny_musicgen(models: Path) -> Path:
    from tokenizers import Tokenizer, pre_tokenizers
    from tokenizers import models as tok_models
    from transformers import (
        EncodecConfig,
        MusicgenConfig,
        MusicgenDecoderConfig,
        MusicgenForConditionalGeneration,
        PreTrainedTokenizerFast,
        T5Config,
    )

    text = T5Config(vocab_size=64, d_model=16, d_kv=8, d_ff=32, num_layers=1, num_heads=2)
    audio = EncodecConfig(
        target_bandwidths=[2.5], sampling_rate=8000, audio_channels=1, hidden_size=8, num_filters=4,
        upsampling_ratios=[8, 8], codebook_size=32, codebook_dim=8, num_lstm_layers=1,
    )  # fmt: skip
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
    vocab = {w: i for i, w in enumerate(["<pad>", "</s>", "<unk>", "calm", "piano", "fast", "jazz", "drums"])}
    tok = Tokenizer(tok_models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>"
    ).save_pretrained(path)
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
