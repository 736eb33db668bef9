"""Starting the app: theme with system fonts, local-only settings, upload limits, allowed paths."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from tools.audio.limits import max_upload_mb
from ui.app.backend import Backend
from ui.app.layout import build_app
from ui.app.uploads import gradio_max_file_size

DEFAULT_HOST = "127.0.0.1"
"""Bound by default: only this computer can open the app."""

DEFAULT_PORT = 7860
"""Default port of ``bandleader ui`` / ``bandleader run``."""

SYSTEM_FONTS = [
    "ui-sans-serif",
    "system-ui",
    "-apple-system",
    "Segoe UI",
    "Roboto",
    "Helvetica Neue",
    "Arial",
    "sans-serif",
]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]

CSS = """
#bl-header h1 { margin-bottom: 0; font-size: 1.6rem; }
#bl-header p { margin-top: 2px; color: var(--body-text-color-subdued); }
#bl-status { min-height: 1.4em; font-size: 0.9rem; color: var(--body-text-color-subdued); }
#bl-status p { margin: 0; }
#bl-hint { font-size: 0.82rem; color: var(--body-text-color-subdued); }
#bl-now h3 { margin: 0 0 2px 0; }
#bl-versions table, #bl-versions td, #bl-versions th, #bl-versions .cell-wrap, #bl-versions .cell-wrap * {
  font-size: 0.86rem; font-family: var(--font) !important;
}
.bl-note p { font-size: 0.85rem; color: var(--body-text-color-subdued); margin: 2px 0; }
"""


def theme() -> gr.themes.Base:
    """A light theme using the system's fonts (nothing is fetched from font CDNs)."""
    return gr.themes.Soft(primary_hue="indigo", neutral_hue="slate", font=SYSTEM_FONTS, font_mono=MONO_FONTS)


def launch_app(
    backend: Backend,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    block: bool = True,
    quiet: bool = False,
) -> tuple[gr.Blocks, str]:
    """Builds and serves the app on ``host``:``port``; returns the Blocks and the local URL.

    With ``block`` the call serves until interrupted; otherwise the server runs in the background
    (``demo.close()`` stops it). No analytics, no share links, uploads capped at
    ``BANDLEADER_MAX_UPLOAD_MB``; only the session folders' files may be served.
    """
    demo = build_app(backend)
    demo.queue(default_concurrency_limit=4)
    backend.warm_up()
    roots = [Path(p).absolute() for p in backend.media_roots()]
    home_files = [str(r.parent / name) for r in roots for name in ("workspace.db", "checkpoints.db")]
    launch_kwargs: dict[str, Any] = dict(
        server_name=host,
        server_port=port,
        share=False,
        inbrowser=False,
        prevent_thread_lock=not block,
        quiet=quiet,
        show_error=True,
        allowed_paths=[str(r) for r in roots],
        blocked_paths=home_files,
        max_file_size=gradio_max_file_size(max_upload_mb()),
        enable_monitoring=False,
        mcp_server=False,
        ssr_mode=False,
        pwa=False,
        run_history=False,
        footer_links=["settings"],
        theme=theme(),
        css=CSS,
    )
    _app, url, _share = demo.launch(**launch_kwargs)
    return demo, url
