"""Tools over the session's version history: undo, redo, jump to a version, list versions."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from tools.base import ArtifactInfo, Resources, Tool, ToolContext

_INSTANT = Resources(num_cpus=0.1, memory_mb=64, seconds_per_audio_minute=0.0)


class NoInput(BaseModel):
    """A tool that takes no arguments."""


class PointerMoved(BaseModel):
    """Where the session now points."""

    current: ArtifactInfo = Field(description="The version that is current after the move.")
    previous: ArtifactInfo | None = Field(None, description="The version that was current before.")


def _moved(ctx: ToolContext, move: Callable[[], ArtifactInfo]) -> PointerMoved:
    """Run a pointer ``move`` of the workspace and report where it went from and to."""
    before = ctx.workspace.current()
    return PointerMoved(current=move(), previous=before)


class Undo(Tool):
    name = "undo"
    description = (
        "Undo the last change: make the version the current one was made from current again. "
        "Nothing is deleted; 'redo' brings the change back."
    )
    Input = NoInput
    Output = PointerMoved
    resources = _INSTANT

    def run(self, args: NoInput, ctx: ToolContext) -> PointerMoved:
        return _moved(ctx, ctx.workspace.undo)


class Redo(Tool):
    name = "redo"
    description = "Redo the change that was last undone, making that version current again."
    Input = NoInput
    Output = PointerMoved
    resources = _INSTANT

    def run(self, args: NoInput, ctx: ToolContext) -> PointerMoved:
        return _moved(ctx, ctx.workspace.redo)


class SelectVersionInput(BaseModel):
    version: str = Field(
        description="The version to make current: 'version:N', 'original', 'previous' or an artifact id."
    )


class SelectVersion(Tool):
    name = "select_version"
    description = (
        "Go back (or forward) to any saved version, e.g. 'go back to version 3' or 'use the original', "
        "making it the current one. Nothing is deleted."
    )
    Input = SelectVersionInput
    Output = PointerMoved
    resources = _INSTANT

    def run(self, args: SelectVersionInput, ctx: ToolContext) -> PointerMoved:
        return _moved(ctx, lambda: ctx.workspace.set_current(args.version))


class VersionList(BaseModel):
    versions: list[ArtifactInfo] = Field(description="Every saved version, oldest first.")
    current_id: str | None = Field(None, description="Id of the current version.")


class ListVersions(Tool):
    name = "list_versions"
    description = (
        "List every saved version in this session (number, label, the tool that made it, time) "
        "and say which one is current."
    )
    Input = NoInput
    Output = VersionList
    resources = _INSTANT

    def run(self, args: NoInput, ctx: ToolContext) -> VersionList:
        current = ctx.workspace.current()
        versions = [a for a in ctx.workspace.history() if a.companion_of is None]  # a mix, not its project
        return VersionList(versions=versions, current_id=current.id if current else None)
