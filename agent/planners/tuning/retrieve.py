"""Tool RAG: which k tools enter the fine-tuned planner's prompt (the TinyAgent recipe).

The LocalPlanner's MiniLM intent matcher scores every tool by its best intent example (cosine +
keyword bonus); the top-k tools by that score, after the tools the LocalPlanner itself understood
(one per clause, so a multi-intent request keeps every tool it needs), enter the prompt.
"""

from __future__ import annotations

from agent.planners.dry_run import fake_session
from agent.planners.local import LocalPlanner, default_local_planner
from agent.planners.slots import normalise_text


class ToolRetriever:
    """Chooses the tools for a request with the LocalPlanner's intent matcher."""

    def __init__(self, local: LocalPlanner | None = None) -> None:
        self.local = local or default_local_planner()

    def ranked(self, message: str, context: str) -> list[str]:
        """All tools that have intents, best first, for ``message`` in session ``context``."""
        local = self.local
        contexts = local.session_contexts(fake_session(context))
        clean = normalise_text(message).strip()
        vec = local.known_vectors.get(clean)
        if vec is None:
            vec = local.embedder.encode([clean or message])[0]
        best: dict[str, float] = {}
        for intent in local.intents:
            if intent.tool is None or not len(intent.vectors):
                continue
            if intent.context is not None and intent.context not in contexts:
                continue
            score = float((intent.vectors @ vec).max())
            if any(k.search(clean) for k in intent.keywords):
                score += local.keyword_bonus
            best[intent.tool] = max(best.get(intent.tool, -1.0), score)
        return sorted(best, key=lambda t: -best[t])

    def select(self, message: str, context: str, k: int = 3) -> list[str]:
        """The tools for the prompt: those the LocalPlanner understood in ``message`` (in order), then
        the best-scoring others, k in all (more when the request needs more distinct tools)."""
        contexts = self.local.session_contexts(fake_session(context))
        chosen: list[str] = []
        for u in self.local.understand(message, contexts):
            if u.intent.tool and u.intent.tool not in chosen:
                chosen.append(u.intent.tool)
        for tool in self.ranked(message, context):
            if len(chosen) >= k:
                break
            if tool not in chosen:
                chosen.append(tool)
        return chosen
