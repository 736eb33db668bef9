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
        store, tools, config.tool_timeout_s, config.artifact_quota_mb, config.llm_url,
        config.agent.max_ongoing_requests,
    )  # fmt: skip
    ingress_options = config.ingress.serve_options()
    return IngressDeployment.options(logging_config=LOGGING, **ingress_options).bind(agent, store)
