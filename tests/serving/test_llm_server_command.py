"""The vLLM command line for a model folder: a merged Bandleader planner is served with its own
(names-only) chat template, any other folder with Bandleader's SmolLM2 tool template."""

from __future__ import annotations

from pathlib import Path

from serving.llm.server import SMOLLM2_TEMPLATE, server_command, template_for


def _template_arg(cmd: list[str]) -> str:
    return cmd[cmd.index("--chat-template") + 1]


def test_a_merged_planner_is_served_with_the_template_it_was_trained_on(tmp_path: Path) -> None:
    planner = tmp_path / "bandleader-planner-135m"
    planner.mkdir()
    (planner / "chat_template.jinja").write_text("{{ messages }}")
    (planner / "bandleader_planner.json").write_text("{}")
    assert template_for(planner) == planner / "chat_template.jinja"
    assert _template_arg(server_command(planner, 8123, python=Path("python"))) == str(
        planner / "chat_template.jinja"
    )


def test_other_models_get_the_smollm2_tool_template(tmp_path: Path) -> None:
    base = tmp_path / "smollm2-135m-instruct"
    base.mkdir()
    (base / "chat_template.jinja").write_text("{{ messages }}")  # its own, but not a Bandleader planner
    assert template_for(base) == SMOLLM2_TEMPLATE
    cmd = server_command(base, 8123, python=Path("python"), chat_template=tmp_path / "x.jinja")
    assert _template_arg(cmd) == str(tmp_path / "x.jinja")
