"""The planner fine-tuning path: data from the registry and the train split only, LoRA training on a
tiny random Llama (real peft code path: loss goes down, adapter saves, resumes and reloads), the
merge, and reading completions back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.planners.tuning.data import build_examples, generated_rows, load_split, validate_calls
from agent.planners.tuning.prompt_format import names_only_template, parse_completion

ROOT = Path(__file__).resolve().parents[3]
SERVING_TEMPLATE = ROOT / "serving" / "llm" / "templates" / "smollm2_tool_chat.jinja"


def test_names_only_template_lists_tool_names_and_keeps_the_rest() -> None:
    from tokenizers import Tokenizer, models
    from transformers import PreTrainedTokenizerFast

    from agent.planners.llm.prompt import planner_request

    tok = PreTrainedTokenizerFast(tokenizer_object=Tokenizer(models.WordLevel({"x": 0}, unk_token="x")))
    messages, tools = planner_request("make it 95 bpm", "song")
    served = SERVING_TEMPLATE.read_text()
    full = tok.apply_chat_template(messages, tools=tools, tokenize=False, chat_template=served)
    names_only = names_only_template(served)
    short = tok.apply_chat_template(messages, tools=tools, tokenize=False, chat_template=names_only)
    assert '{"name": "song_tempo"}' in short and '"parameters"' not in short and '"parameters"' in full
    assert short.split("<tools>")[0] == full.split("<tools>")[0]
    assert short.split("</tools>")[1] == full.split("</tools>")[1]


def test_generated_rows_are_valid_and_never_test_requests() -> None:
    rows = generated_rows(13)
    assert rows == generated_rows(13)  # deterministic
    for row in rows:
        validate_calls(row["calls"])
    test = {r["message"].lower() for r in load_split("test")}
    compose_edit = [r for r in rows if r["family"] == "compose_then_edit"]
    assert compose_edit and all(
        r["calls"][0]["tool"] == "compose" and len(r["calls"]) == 2 for r in compose_edit
    )
    examples = build_examples(13, limit=40)
    assert len(examples) == 40
    for ex in examples:
        user = ex["messages"][1]["content"]
        assert user.lower() not in test
        assert ex["messages"][0]["role"] == "system" and "Session:" in ex["messages"][0]["content"]
        target = ex["messages"][2]
        called = {c["function"]["name"] for c in target.get("tool_calls", [])}
        assert called <= {t["function"]["name"] for t in ex["tools"]}
        assert called or target["content"]


def test_parse_completion_reads_calls_questions_and_replies() -> None:
    got = parse_completion(
        '<tool_call>{"name": "song_tempo", "arguments": {"bpm": 95}}</tool_call>\n'
        '<tool_call>{"name": "song_key", "arguments": {"key": "D minor"}}</tool_call>'
    )
    assert [c["tool"] for c in got.calls] == ["song_tempo", "song_key"] and got.calls[0]["arguments"][
        "bpm"
    ] == 95
    bad = parse_completion('<tool_call>{"name": "no_such_tool", "arguments": {}}</tool_call>')
    assert not bad.calls and bad.invalid
    assert parse_completion("Which key should it be in?").question
    assert parse_completion("You're welcome!").reply == "You're welcome!"


def _tiny_model(tmp: Path, texts: list[str]) -> Path:
    """A random 2-layer Llama and a BPE tokenizer trained on ``texts``, saved to ``tmp``."""
    torch = pytest.importorskip("torch")
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    specials = ["<pad>", "<|im_start|>", "<|im_end|>"]
    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.train_from_iterator(
        texts,
        trainers.BpeTrainer(
            vocab_size=400, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
        ),
    )
    from tokenizers import decoders

    tok.decoder = decoders.ByteLevel()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="<|im_end|>")
    fast.chat_template = names_only_template(SERVING_TEMPLATE.read_text())
    torch.manual_seed(0)
    cfg = LlamaConfig(
        vocab_size=len(fast),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        pad_token_id=fast.pad_token_id,
        eos_token_id=fast.eos_token_id,
    )
    LlamaForCausalLM(cfg).save_pretrained(tmp)
    fast.save_pretrained(tmp)
    return tmp


@pytest.mark.slow
def test_lora_training_lowers_loss_saves_resumes_and_merges(tmp_path: Path) -> None:
    pytest.importorskip("peft")
    from agent.planners.tuning.merge import merge_adapter
    from agent.planners.tuning.train import TrainConfig, render, train

    examples = build_examples(13, limit=8)
    data = tmp_path / "examples.jsonl"
    data.write_text("".join(json.dumps(e) + "\n" for e in examples))
    texts = [json.dumps(e) for e in examples] + [SERVING_TEMPLATE.read_text()]
    model_dir = _tiny_model(tmp_path / "base", texts)
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    ids, labels = render(tok, examples[0], None)
    target = tok.decode([t for t in labels if t != -100])
    assert target.startswith("<tool_call>") or examples[0]["messages"][2]["content"] in target
    assert len([t for t in labels if t != -100]) < len(ids) / 2  # the prompt is not a target

    out = tmp_path / "run"
    cfg = TrainConfig(
        model=str(model_dir),
        data=str(data),
        out=str(out),
        steps=8,
        batch_size=4,
        lr=3e-2,
        warmup=1,
        rank=4,
        alpha=8,
        dropout=0.0,
        max_len=4096,
        save_every=4,
        device="cpu",
    )
    first = train(TrainConfig(**{**cfg.__dict__, "steps": 4}), log=lambda _: None)
    assert (out / "checkpoint-4" / "adapter_model.safetensors").exists()
    figures = train(cfg, log=lambda _: None)  # resumes at step 4
    assert figures["steps"] == 8 and first["steps"] == 4
    assert figures["loss_last"] < figures["loss_first"]
    adapter = Path(figures["adapter"])
    assert (adapter / "adapter_config.json").exists() and figures["adapter_bytes"] < 5_000_000

    merged = merge_adapter(adapter, tmp_path / "merged", base=model_dir)
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    batch = torch.tensor([ids])
    with torch.no_grad():
        peft_model = PeftModel.from_pretrained(
            AutoModelForCausalLM.from_pretrained(model_dir), adapter
        ).eval()
        want = peft_model(batch).logits
        got = AutoModelForCausalLM.from_pretrained(merged).eval()(batch).logits
    assert torch.allclose(want, got, atol=1e-4)


def test_assistant_loss_equals_the_models_own_loss(tmp_path: Path) -> None:
    """The training loss computes the output layer only where labels are; it must be the model's
    own ``.loss`` (mean cross-entropy over the labelled tokens), value and gradient."""
    torch = pytest.importorskip("torch")
    from agent.planners.tuning.train import _collate, assistant_loss, render

    examples = build_examples(13, limit=3)
    model_dir = _tiny_model(
        tmp_path / "base", [json.dumps(e) for e in examples] + [SERVING_TEMPLATE.read_text()]
    )
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    inputs = _collate([render(tok, e, None) for e in examples], tok.pad_token_id)
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    want = model(**inputs).loss
    want.backward()
    want_grad = model.model.layers[0].self_attn.q_proj.weight.grad.clone()
    model.zero_grad()
    got = assistant_loss(model, inputs)
    got.backward()
    assert torch.allclose(want, got, atol=1e-5)
    assert torch.allclose(want_grad, model.model.layers[0].self_attn.q_proj.weight.grad, atol=1e-6)


@pytest.mark.slow
def test_the_committed_adapter_merges_and_plans_a_plain_request() -> None:
    """The committed adapter (agent/planners/tuning/adapter) on the real base model: the merged folder
    carries the names-only template it was trained on (what vLLM serves it with), and the model plans
    simple requests of the kind it trained on into valid calls with the user's numbers."""
    pytest.importorskip("peft")
    from agent.planners.dry_run import dry_plan
    from agent.planners.tuning.hf_planner import HFPlanner
    from agent.planners.tuning.merge import ADAPTER_DIR, build_planner_model
    from serving.llm.server import template_for

    if not (ADAPTER_DIR / "adapter_model.safetensors").exists():
        pytest.fail("no committed adapter: agent/planners/tuning/adapter/adapter_model.safetensors")
    merged = build_planner_model()
    template = template_for(merged)
    assert template == merged / "chat_template.jinja"
    assert template.read_text() == names_only_template(SERVING_TEMPLATE.read_text())
    planner = HFPlanner(merged, chat_template=SERVING_TEMPLATE.read_text())
    plan = dry_plan(planner, "set the tempo to 120 bpm", "song")
    assert [(c["tool"], c["arguments"].get("bpm")) for c in plan["calls"]] == [("song_tempo", 120)]
    plan = dry_plan(planner, "undo that", "song")
    assert [c["tool"] for c in plan["calls"]] == ["undo"]
