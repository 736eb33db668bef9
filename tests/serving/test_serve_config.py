"""serving/config.yaml and its model: families from the registry, resources, clear config errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from serving.ray.config import DEFAULT_CONFIG, family_of, load_config
from serving.ray.quota import check_quota, store_usage_bytes
from tools.base import ToolError
from tools.registry import TOOL_TABLE


def test_every_registered_tool_has_a_deployed_family(tmp_path: Path) -> None:
    config = load_config(DEFAULT_CONFIG)
    families = config.deployed_families()
    assert {"understanding", "captioning", "generation", "editing", "video", "session"} <= set(families)
    assert {family_of(name) for name in TOOL_TABLE} == set(families)
    assert family_of("compose") == "generation" and family_of("trim") == "editing"
    assert family_of("undo") == "session"
    assert {"separation", "recommend"} <= set(families)  # registered since: each one config entry
    # a family with no registered tool yet is configured but not deployed
    path = tmp_path / "serve.yaml"
    path.write_text("families:\n  mastering: {num_cpus: 1}\n")
    extra = load_config(path)
    assert "mastering" in extra.families and "mastering" not in extra.deployed_families()


def test_resources_replicas_and_autoscaling_reach_serve_options(tmp_path: Path) -> None:
    path = tmp_path / "serve.yaml"
    path.write_text(
        "families:\n"
        "  generation: {num_cpus: 1, num_gpus: 1, autoscaling: {min_replicas: 1, max_replicas: 4}}\n"
        "  editing: {num_cpus: 0.5, replicas: 3}\n"
        "default_family: {num_cpus: 0.25}\n"
    )
    config = load_config(path)
    gen = config.family_config("generation").serve_options()
    assert gen["ray_actor_options"] == {"num_cpus": 1.0, "num_gpus": 1.0}
    assert gen["autoscaling_config"]["max_replicas"] == 4 and "num_replicas" not in gen
    assert config.family_config("editing").serve_options()["num_replicas"] == 3
    assert config.family_config("video").num_cpus == 0.25  # not listed: the default
    assert config.ingress.host == "127.0.0.1"


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "serve.yaml"
    path.write_text("families:\n  generation: {num_cpus: -1, gpus: 2}\n")
    with pytest.raises(ToolError) as err:
        load_config(path)
    assert err.value.code == "bad_config" and "families.generation.num_cpus" in err.value.message
    with pytest.raises(ToolError, match="can't read"):
        load_config(tmp_path / "missing.yaml")


def test_quota_counts_the_store_and_refuses_when_full(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"x" * 600_000)
    assert store_usage_bytes(tmp_path, max_age_s=0) == 600_000
    check_quota(tmp_path, 1.0)  # 0.6 of 1 MB used: room left
    check_quota(tmp_path, 0.0, incoming_bytes=10**9)  # 0 = no quota
    with pytest.raises(ToolError) as err:
        check_quota(tmp_path, 1.0, incoming_bytes=500_000)
    assert err.value.code == "storage_full" and "0.6 MB of 1 MB" in err.value.message


def test_the_shipped_config_fits_a_two_core_machine() -> None:
    """Every deployment of serving/config.yaml must be placeable on `bandleader serve --num-cpus 2`."""
    config = load_config(DEFAULT_CONFIG)
    families = [config.family_config(f) for f in config.deployed_families()]
    total = sum(f.num_cpus * f.replicas for f in families)
    total += config.agent.num_cpus * config.agent.replicas + config.ingress.num_cpus * config.ingress.replicas
    assert total <= 2.0, f"serving/config.yaml asks for {total:.2f} CPUs"
    assert config.agent.replicas >= 2 and config.agent.max_ongoing_requests >= 16


def test_an_llm_deployment_in_the_config_serves_the_planner(tmp_path: Path) -> None:
    path = tmp_path / "serve.yaml"
    path.write_text(
        "ingress: {port: 8100}\n"
        "llm_deployment:\n"
        "  model_source: /models/bandleader-planner\n"
        "  accelerator_type: L4\n"
        "  engine_kwargs: {max_model_len: 4096}\n"
        "  max_replicas: 2\n"
    )
    config = load_config(path)
    assert config.planner_url() == "http://127.0.0.1:8100/llm/v1"  # the agent calls it through Serve
    llm = config.llm_deployment.llm_config()
    assert llm["model_loading_config"] == {"model_id": "bandleader-planner",
                                           "model_source": "/models/bandleader-planner"}  # fmt: skip
    assert llm["deployment_config"]["autoscaling_config"] == {"min_replicas": 1, "max_replicas": 2}
    assert llm["engine_kwargs"] == {"max_model_len": 4096} and llm["accelerator_type"] == "L4"
    assert load_config(path, llm_url="http://gpu-box:8000/v1").planner_url() == "http://gpu-box:8000/v1"
    from serving.ray.application import build_llm_application

    try:
        import vllm  # noqa: F401
    except ImportError:  # this environment (no GPU): a clear error, not a traceback
        with pytest.raises(ToolError) as err:
            build_llm_application(config)
        assert err.value.code == "llm_unavailable" and "ray[llm]" in err.value.message
    else:  # pragma: no cover - a GPU environment with vLLM
        assert build_llm_application(config) is not None
    path.write_text("llm_deployment: {model_source: x, route_prefix: 'no slash'}\n")
    with pytest.raises(ToolError, match=r"llm_deployment\.route_prefix"):
        load_config(path)
