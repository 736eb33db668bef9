"""The whole Ray Serve application from one :class:`ServeConfig`: tool families, agent, ingress.

``build_application(config)`` binds one :class:`ToolFamilyDeployment` per registered tool family
(named ``tools-<family>``, resources from the config), the agent deployment holding their handles,
and the ingress in front; ``serve.run(app, name=APP_NAME, route_prefix="/")`` deploys it.
"""

from __future__ import annotations

from typing import Any

from serving.ray.config import ServeConfig

APP_NAME = "bandleader"
"""The Serve application name (``serve status`` lists it)."""
LLM_APP_NAME = "bandleader-llm"
"""The Serve application of the optional LLM deployment (``llm_deployment`` in the config)."""

LOGGING = {"encoding": "JSON", "log_level": "INFO", "enable_access_log": True}
"""Every deployment logs JSON lines carrying Serve's request id (propagated ingress -> agent -> tools)."""


def tool_deployment_name(family: str) -> str:
    """The Serve deployment name of a tool family (``tools-<family>``)."""
    return f"tools-{family}"


def build_application(config: ServeConfig) -> Any:
    """The bound Serve application (ingress -> agent -> one deployment per tool family)."""
    from serving.ray.agent_deployment import AgentDeployment
    from serving.ray.ingress import IngressDeployment
    from serving.ray.tool_deployment import ToolFamilyDeployment

    store = str(config.store())
    config.store().mkdir(parents=True, exist_ok=True)
    tools = {
        family: ToolFamilyDeployment.options(
            name=tool_deployment_name(family),
            logging_config=LOGGING,
            **config.family_config(family).serve_options(),
        ).bind(family, store)
        for family in config.deployed_families()
    }
    agent = AgentDeployment.options(logging_config=LOGGING, **config.agent.serve_options()).bind(
        store, tools, config.tool_timeout_s, config.artifact_quota_mb, config.planner_url(),
        config.agent.max_ongoing_requests,
        config.llm_deployment.model_id if config.llm_deployment is not None else None,
    )  # fmt: skip
    ingress_options = config.ingress.serve_options()
    return IngressDeployment.options(logging_config=LOGGING, **ingress_options).bind(agent, store)


def app_builder(args: dict[str, str]) -> Any:
    """Serve's application builder, for ``serve run``/``serve deploy`` and a KubeRay ``RayService``
    (``import_path: serving.ray.application:app_builder``, ``args: {config: PATH}``): the bound
    application of the YAML at ``args["config"]`` (default: serving/config.yaml)."""
    from serving.ray.config import load_config

    return build_application(load_config(args.get("config")))


def build_llm_application(config: ServeConfig) -> Any:
    """The Ray Serve LLM application of ``config.llm_deployment`` (``ray.serve.llm``'s OpenAI app, vLLM
    inside); ToolError("llm_unavailable") when ``ray[llm]``/vLLM are not installed here."""
    from tools.base import ToolError

    llm = config.llm_deployment
    if llm is None:
        raise ToolError("The serve config has no llm_deployment.", code="llm_unavailable")
    try:
        from ray.serve.llm import LLMConfig, build_openai_app
    except ImportError as exc:
        raise ToolError(
            f"llm_deployment needs Ray Serve LLM and vLLM on the GPU nodes (pip install 'ray[llm]'): {exc}",
            code="llm_unavailable",
        ) from None
    llm_config = LLMConfig(**llm.llm_config())
    return build_openai_app({"llm_configs": [llm_config]})
