"""The Ray Serve application's one YAML config (``serving/config.yaml``) as pydantic models.

Tool families come from ``tools/registry.py``: the family of a tool is the sub-package of
``tools/`` its class lives in (``tools.editing.trim:Trim`` -> ``editing``). Every registered family
gets one deployment; a family in the YAML that has no registered tool yet deploys nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from tools.base import ToolError
from tools.registry import TOOL_TABLE

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config.yaml"
"""The config shipped with the code (``serving/config.yaml``)."""


class Autoscaling(BaseModel):
    """Ray Serve autoscaling bounds for one deployment."""

    model_config = ConfigDict(extra="forbid")
    min_replicas: int = Field(1, ge=0)
    max_replicas: int = Field(2, ge=1)
    target_ongoing_requests: float = Field(2.0, gt=0)


class DeploymentConfig(BaseModel):
    """Resources and replicas of one deployment (a tool family, the agent or the ingress)."""

    model_config = ConfigDict(extra="forbid")
    num_cpus: float = Field(0.2, ge=0, description="CPUs each replica reserves.")
    num_gpus: float = Field(0.0, ge=0, description="GPUs each replica reserves.")
    replicas: int = Field(1, ge=1, description="Fixed replica count (ignored with autoscaling).")
    max_ongoing_requests: int = Field(8, ge=1, description="Requests one replica takes at once.")
    autoscaling: Autoscaling | None = None

    def serve_options(self) -> dict[str, Any]:
        """The keyword arguments for ``Deployment.options`` (resources, replicas or autoscaling)."""
        options: dict[str, Any] = {
            "ray_actor_options": {"num_cpus": self.num_cpus, "num_gpus": self.num_gpus},
            "max_ongoing_requests": self.max_ongoing_requests,
            "graceful_shutdown_timeout_s": 5,
        }
        if self.autoscaling is not None:
            options["autoscaling_config"] = self.autoscaling.model_dump()
        else:
            options["num_replicas"] = self.replicas
        return options


class IngressConfig(DeploymentConfig):
    """The HTTP ingress: where it binds (127.0.0.1 unless told otherwise) and its replicas."""

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    num_cpus: float = 0.1


class LlmDeploymentConfig(BaseModel):
    """A Ray Serve LLM deployment of the planner's model (``ray.serve.llm``, vLLM on GPU nodes)."""

    model_config = ConfigDict(extra="forbid")
    model_id: str = Field("bandleader-planner", description="The name the agent asks for (the API model).")
    model_source: str = Field(description="Hugging Face repo id or a path every GPU node can read.")
    accelerator_type: str | None = Field(None, description="Ray accelerator type, e.g. A10G, L4, H100.")
    engine_kwargs: dict[str, Any] = Field(default_factory=dict, description="vLLM engine arguments.")
    min_replicas: int = Field(1, ge=1)
    max_replicas: int = Field(1, ge=1)
    route_prefix: str = Field(
        "/llm", pattern=r"^/[a-z0-9_-]+$", description="Where the OpenAI API is served."
    )

    def llm_config(self) -> dict[str, Any]:
        """The keyword arguments of ``ray.serve.llm.LLMConfig``."""
        out: dict[str, Any] = {
            "model_loading_config": {"model_id": self.model_id, "model_source": self.model_source},
            "deployment_config": {
                "autoscaling_config": {"min_replicas": self.min_replicas, "max_replicas": self.max_replicas}
            },
            "engine_kwargs": dict(self.engine_kwargs),
        }
        if self.accelerator_type:
            out["accelerator_type"] = self.accelerator_type
        return out


class ServeConfig(BaseModel):
    """Everything ``bandleader serve`` deploys, read from one YAML file."""

    model_config = ConfigDict(extra="forbid")
    artifact_store: Path | None = Field(None, description="Shared sessions folder; None = BANDLEADER_HOME.")
    artifact_quota_mb: float = Field(0.0, ge=0, description="Most MB of files in the store; 0 = no quota.")
    llm_url: str | None = Field(None, description="OpenAI-compatible planner endpoint; None = env.")
    llm_deployment: LlmDeploymentConfig | None = Field(
        None, description="Serve the planner's model on this Ray cluster (GPU nodes) instead of llm_url."
    )
    tool_timeout_s: float = Field(300.0, gt=0, description="Longest one tool call may take, in seconds.")
    ingress: IngressConfig = Field(default_factory=IngressConfig)
    agent: DeploymentConfig = Field(default_factory=DeploymentConfig)
    default_family: DeploymentConfig = Field(default_factory=DeploymentConfig)
    families: dict[str, DeploymentConfig] = Field(default_factory=dict)

    def store(self) -> Path:
        """The artifact store folder (the config's, else ``BANDLEADER_HOME``, else the default home)."""
        if self.artifact_store is not None:
            return Path(self.artifact_store).expanduser().resolve()
        from agent.agent import default_home

        return default_home().resolve()

    def planner_url(self) -> str | None:
        """The LLM endpoint the agent uses: ``llm_url``, else the ``llm_deployment`` served behind this
        cluster's own HTTP proxy (one runs on every node, so 127.0.0.1 reaches it), else None (env)."""
        if self.llm_url:
            return self.llm_url
        if self.llm_deployment is not None:
            return f"http://127.0.0.1:{self.ingress.port}{self.llm_deployment.route_prefix}/v1"
        return None

    def family_config(self, family: str) -> DeploymentConfig:
        """The resources of ``family``'s deployment (``default_family`` when it has no entry)."""
        return self.families.get(family, self.default_family)

    def deployed_families(self) -> list[str]:
        """The families that get a deployment: every family with a registered tool, in table order."""
        return list(dict.fromkeys(family_of(name) for name in TOOL_TABLE))


def family_of(tool: str) -> str:
    """The family (``tools/<family>/``) of a registered tool; ToolError("unknown_tool") otherwise."""
    target = TOOL_TABLE.get(tool)
    if target is None:
        raise ToolError(f"There is no tool called '{tool}'.", code="unknown_tool")
    parts = target.split(":", 1)[0].split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "tools" else parts[-1]


def load_config(path: Path | str | None = None, **overrides: Any) -> ServeConfig:
    """The config at ``path`` (default: ``$BANDLEADER_SERVE_CONFIG`` or serving/config.yaml),
    with top-level ``overrides``; ToolError("bad_config") when the file is missing or invalid."""
    from pydantic import ValidationError

    chosen = Path(path or os.environ.get("BANDLEADER_SERVE_CONFIG") or DEFAULT_CONFIG).expanduser()
    try:
        data = yaml.safe_load(chosen.read_text()) or {}
    except OSError as exc:
        message = f"I can't read the serve config {chosen}: {exc.strerror}."
        raise ToolError(message, code="bad_config") from None
    except yaml.YAMLError as exc:
        raise ToolError(f"The serve config {chosen} is not valid YAML: {exc}", code="bad_config") from None
    if not isinstance(data, dict):
        raise ToolError(f"The serve config {chosen} must be a mapping of settings.", code="bad_config")
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return ServeConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ToolError(f"The serve config {chosen} has problems: {problems}.", code="bad_config") from None
