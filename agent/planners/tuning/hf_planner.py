"""The fine-tuned planner run in-process with transformers (no server): :class:`HFPlanner`.

Each turn: Tool RAG picks k tools (:mod:`.retrieve`), the prompt is built as in training
(:mod:`.prompt_format`, the same chat template), the model decodes greedily, and its completion is
read back. Calls whose arguments do not validate against the tool's Input model are dropped (and
the plan says it did not understand when nothing valid is left); replies to tool results come from
the template replies, so every number in them comes from a tool.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agent.plan import CALL_REF_PREFIX, PendingQuestion, Plan, PlannerInput, SessionSummary, ToolCall
from agent.planners.llm.prompt import planner_request
from agent.planners.replies import compose_reply
from agent.planners.tuning.prompt_format import names_only_template, parse_completion
from tools.registry import tool_class


class HFPlanner:
    """A causal LM folder (the merged planner, or a base model for comparison) as a planner."""

    def __init__(
        self,
        model_dir: Path,
        chat_template: str | None = None,
        max_new_tokens: int = 96,
        name: str = "tuned",
        adapter: Path | None = None,
        threads: int | None = None,
    ) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        self.name = name
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir)
        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
        if adapter is not None:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, adapter).merge_and_unload()
        self.model = model.eval()
        self.template = names_only_template(chat_template) if chat_template else None
        self.max_new_tokens = max_new_tokens
        self.end_id = self.tokenizer.convert_tokens_to_ids("<|im_end|>")

    def complete(self, message: str, session: SessionSummary) -> tuple[str, list[str]]:
        """The model's raw completion for ``message`` in ``session`` and the tools it was shown (the
        LLM planner's request, rendered with the names-only chat template)."""
        import torch

        messages, schemas = planner_request(message, session)
        tools = [s["function"]["name"] for s in schemas]
        kwargs: dict[str, Any] = {"chat_template": self.template} if self.template else {}
        prompt = self.tokenizer.apply_chat_template(
            messages,
            tools=schemas,
            tokenize=False,
            add_generation_prompt=True,
            **kwargs,
        )
        ids = self.tokenizer(prompt, add_special_tokens=False, return_tensors="pt")
        with torch.no_grad():
            out = self.model.generate(
                **ids,
                max_new_tokens=self.max_new_tokens,
                do_sample=False,
                eos_token_id=self.end_id,
                pad_token_id=self.end_id,
            )
        return self.tokenizer.decode(out[0, ids["input_ids"].shape[1] :], skip_special_tokens=False), tools

    def plan(self, request: PlannerInput) -> Plan:
        """Calls, a question or a reply for the latest user message; after calls ran, the reply."""
        if request.observations:
            return Plan(reply=compose_reply(request.observations))
        message = request.conversation[-1].content if request.conversation else ""
        text, tools = self.complete(message, request.session)
        parsed = parse_completion(text, allowed=set(tools))
        calls: list[ToolCall] = []
        attachments = request.session.attachments
        for call in parsed.calls:
            cls = tool_class(call["tool"])
            args = dict(call["arguments"])
            try:
                cls.Input.model_validate(args)
            except ValueError:
                continue
            call_id = f"c{len(calls) + 1}"
            previous = calls[-1].id if calls and tool_class(calls[-1].tool).changes_current else None
            for fname in cls.artifact_fields():
                if fname not in args:
                    if previous:
                        args[fname] = CALL_REF_PREFIX + previous
                    elif attachments:
                        args[fname] = attachments[-1].id
            calls.append(
                ToolCall(
                    id=call_id, tool=call["tool"], arguments=args, depends_on=[previous] if previous else []
                )
            )
        if calls:
            return Plan(calls=calls)
        if parsed.question:
            return Plan(
                question=PendingQuestion(
                    tool=tools[0] if tools else "answer_question",
                    arguments={},
                    missing=[],
                    question=parsed.question,
                )
            )
        if parsed.reply:
            return Plan(reply=parsed.reply)
        return Plan(reply="Sorry, I didn't understand that. Could you say it another way?", understood=False)
