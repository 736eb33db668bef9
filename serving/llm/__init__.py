"""The planner LLM: model preparation, the vLLM venv and a local vLLM server."""
