"""The Gradio Blocks page: chat on the left, the current version and its history on the right.

Handlers are thin: they call the backend, then render with ``chat`` and ``panels``. A chat turn is a
generator: it yields the conversation with live progress (ticking every half second, so a long
render never looks frozen), then the reply with players for what was made.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from tools.audio.limits import max_file_bytes, max_upload_mb
from tools.base import ToolError
from ui.app.backend import Backend
from ui.app.chat import ProgressBoard, artifact_messages, conversation_messages, reply_message, user_message
from ui.app.history import compare_text, row_version, version_name
from ui.app.library import (
    default_catalogue,
    index_library,
    recommendation_messages,
    reply_without_list,
    suggested_tracks,
    use_catalogue,
)
from ui.app.panels import (
    MAX_STEM_PLAYERS,
    PanelState,
    file_for,
    panel_state,
    session_choices,
    spectrogram_for,
)
from ui.app.streaming import with_ticks
from ui.app.uploads import UPLOAD_TYPES, too_large

log = logging.getLogger(__name__)

WELCOME = (
    "**Welcome to Bandleader.** Drop a track (audio, video or MIDI) into the box below and ask about it "
    "or ask for a change:\n\n*how loud is it?* · *normalise this to -14 LUFS* · *make it 3 dB louder* · "
    "*trim it to 30 seconds* · *fade out over 3 s*\n\nEvery change is saved as a new version that you can "
    "play, compare, undo and download on the right."
)

HINT = (
    "Ask in your own words. Everything runs on this computer; your files stay here. Uploads up to {mb:g} MB."
)

NATIVE_PLAYER = gr.WaveformOptions(show_recording_waveform=False)
"""Side-panel players use the browser's own audio controls (the waveform is drawn in the plot)."""


def build_app(backend: Backend) -> gr.Blocks:
    """The Bandleader page bound to ``backend``."""
    with gr.Blocks(title="Bandleader", analytics_enabled=False, fill_height=False) as demo:
        session = gr.State(None)

        with gr.Sidebar(label="Sessions", open=True, width=250, elem_id="bl-sessions"):
            gr.Markdown("### Sessions")
            new_btn = gr.Button("+ New session", variant="primary", elem_id="bl-new-session")
            sessions_radio = gr.Radio(
                label="Reopen an earlier session", choices=[], elem_id="bl-session-list", interactive=True
            )
            delete_btn = gr.Button(
                "Delete the selected session", variant="stop", size="sm", elem_id="bl-delete"
            )
            sessions_note = gr.Markdown(elem_id="bl-sessions-note")

        gr.Markdown(
            "# ♫ Bandleader\nYour music assistant: ask about a track, change it, keep every version.",
            elem_id="bl-header",
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=420):
                chatbot = gr.Chatbot(
                    label="Chat",
                    show_label=False,
                    height=640,
                    placeholder=WELCOME,
                    buttons=["copy"],
                    feedback_options=None,
                    elem_id="bl-chat",
                )
                status = gr.Markdown("", elem_id="bl-status")
                box = gr.MultimodalTextbox(
                    placeholder="Ask about a track or ask for a change. Drop audio, video or MIDI here…",
                    file_types=UPLOAD_TYPES,
                    file_count="multiple",
                    sources=["upload"],
                    show_label=False,
                    autofocus=True,
                    elem_id="bl-input",
                )
                gr.Markdown(HINT.format(mb=max_upload_mb()), elem_id="bl-hint")

            with gr.Column(scale=1, min_width=380):
                now_md = gr.Markdown(PanelState().now_text, elem_id="bl-now")
                now_audio = gr.Audio(
                    label="Current version", type="filepath", interactive=False, visible=False,
                    buttons=["download"], waveform_options=NATIVE_PLAYER, elem_id="bl-now-audio",
                )  # fmt: skip
                now_video = gr.Video(
                    label="Current version", interactive=False, visible=False, elem_id="bl-now-video"
                )
                with gr.Accordion(
                    "Stems of this version", open=True, visible=False, elem_id="bl-stems"
                ) as stems_box:
                    stem_players = []
                    for row in range(0, MAX_STEM_PLAYERS, 2):
                        with gr.Row():
                            for i in (row, row + 1):
                                stem_players.append(
                                    gr.Audio(
                                        label=f"Stem {i + 1}", type="filepath", interactive=False,
                                        visible=False, buttons=["download"],
                                        waveform_options=NATIVE_PLAYER, elem_id=f"bl-stem-{i}",
                                        min_width=160,
                                    )
                                )  # fmt: skip
                with gr.Tabs(elem_id="bl-plots"):
                    with gr.Tab("Waveform", elem_id="bl-tab-waveform"):
                        wave_plot = gr.Plot(
                            show_label=False, visible=False, elem_id="bl-waveform", format="png"
                        )
                        wave_note = gr.Markdown(
                            PanelState().waveform_note, elem_id="bl-waveform-note", elem_classes=["bl-note"]
                        )
                    with gr.Tab("Chords", elem_id="bl-tab-chords"):
                        chord_plot = gr.Plot(
                            show_label=False, visible=False, elem_id="bl-chords", format="png"
                        )
                        chord_note = gr.Markdown("No chords known yet.", elem_classes=["bl-note"])
                    with gr.Tab("Piano roll", elem_id="bl-tab-roll"):
                        roll_plot = gr.Plot(show_label=False, visible=False, elem_id="bl-roll", format="png")
                        roll_note = gr.Markdown("No notes known yet.", elem_classes=["bl-note"])
                    with gr.Tab("Spectrogram", elem_id="bl-tab-spectrogram"):
                        spec_btn = gr.Button("Draw the spectrogram", size="sm", elem_id="bl-spec-btn")
                        spec_plot = gr.Plot(
                            show_label=False, visible=False, elem_id="bl-spectrogram", format="png"
                        )
                        spec_note = gr.Markdown(elem_classes=["bl-note"])

                with gr.Tabs(elem_id="bl-side"):
                    with gr.Tab("Versions", elem_id="bl-tab-versions"):
                        with gr.Row():
                            undo_btn = gr.Button("↶ Undo", size="sm", elem_id="bl-undo")
                            redo_btn = gr.Button("↷ Redo", size="sm", elem_id="bl-redo")
                        versions_df = gr.Dataframe(
                            value=PanelState().versions,
                            headers=PanelState().versions.columns.tolist(),
                            interactive=False,
                            wrap=True,
                            max_height=260,
                            column_widths=["16%", "40%", "28%", "16%"],
                            label="Versions (newest first): click a row to listen",
                            elem_id="bl-versions",
                        )
                        versions_note = gr.Markdown(elem_id="bl-versions-note")
                        pick = gr.Dropdown(
                            label="Listen to a version", choices=[], visible=False, elem_id="bl-pick"
                        )
                        pick_audio = gr.Audio(
                            label="Chosen version", type="filepath", interactive=False, visible=False,
                            waveform_options=NATIVE_PLAYER, elem_id="bl-pick-audio",
                        )  # fmt: skip
                        use_btn = gr.Button(
                            "Make this version current", size="sm", visible=False, elem_id="bl-make-current"
                        )
                        with gr.Accordion(
                            "Compare two versions", open=False, visible=False, elem_id="bl-compare"
                        ) as compare_box:
                            with gr.Row():
                                cmp_a = gr.Dropdown(label="From", choices=[], elem_id="bl-cmp-a")
                                cmp_b = gr.Dropdown(label="To", choices=[], elem_id="bl-cmp-b")
                            cmp_btn = gr.Button("Compare", size="sm", elem_id="bl-cmp-btn")
                            cmp_md = gr.Markdown(elem_id="bl-cmp-result")
                    with gr.Tab("Downloads", elem_id="bl-tab-downloads"):
                        files = gr.File(
                            label="Current mix and other files", file_count="multiple", interactive=False,
                            elem_id="bl-files",
                        )  # fmt: skip
                        song_btn = gr.Button(
                            "Song files: stems (zip), MIDI, MusicXML, lyrics (LRC)", size="sm",
                            elem_id="bl-song-files-btn",
                        )  # fmt: skip
                        song_files = gr.File(
                            label="Song files", file_count="multiple", interactive=False,
                            elem_id="bl-song-files",
                        )  # fmt: skip
                        song_note = gr.Markdown(elem_id="bl-song-files-note", elem_classes=["bl-note"])
                        zip_btn = gr.Button(
                            "Zip the whole session (every version)", size="sm", elem_id="bl-zip"
                        )
                        zip_file = gr.File(label="Session zip", interactive=False, elem_id="bl-zip-file")
                    with gr.Tab("Library", elem_id="bl-tab-library"):
                        gr.Markdown(
                            "Index a folder of your music once, then ask in the chat: *find something calm "
                            "with piano*, *more like the second one*, *slower*, *use the first one for my "
                            "video*.",
                            elem_classes=["bl-note"],
                        )
                        catalogue_box = gr.Textbox(
                            label="Catalogue folder", value=default_catalogue(), elem_id="bl-catalogue"
                        )
                        use_cat_btn = gr.Button("Use this catalogue", size="sm", elem_id="bl-use-catalogue")
                        music_box = gr.Textbox(
                            label="Music folder to index", placeholder="/path/to/your/music",
                            elem_id="bl-music-folder",
                        )  # fmt: skip
                        index_btn = gr.Button(
                            "Index the folder into the catalogue", size="sm", elem_id="bl-index"
                        )
                        library_md = gr.Markdown(elem_id="bl-library-note")

        panel_outputs = [
            now_md, now_audio, now_video, wave_plot, wave_note, chord_plot, chord_note, roll_plot, roll_note,
            spec_plot, spec_note, versions_df, pick, pick_audio, use_btn, compare_box, cmp_a, cmp_b, files,
            sessions_radio, stems_box, *stem_players,
        ]  # fmt: skip

        def panel_updates(state: PanelState) -> list[Any]:
            current = state.current
            is_video = current is not None and current.kind == "video"
            playable = current is not None and current.kind in ("audio", "video")
            media = str(state.current_file) if playable and state.current_file else None
            choices = state.choices
            default_b = choices[0][1] if choices else None
            default_a = choices[1][1] if len(choices) > 1 else default_b
            return [
                state.now_text,
                gr.update(value=None if is_video else media, visible=bool(media) and not is_video),
                gr.update(value=media if is_video else None, visible=is_video),
                gr.update(value=state.waveform, visible=state.waveform is not None),
                state.waveform_note,
                gr.update(value=state.chords, visible=state.chords is not None),
                state.chords_note,
                gr.update(value=state.piano_roll, visible=state.piano_roll is not None),
                state.piano_roll_note,
                gr.update(value=None, visible=False),
                "",
                state.versions,
                gr.update(choices=choices, value=None, visible=bool(choices)),
                gr.update(value=None, visible=False),
                gr.update(visible=False),
                gr.update(visible=len(choices) > 1),
                gr.update(choices=choices, value=default_a),
                gr.update(choices=choices, value=default_b),
                state.downloads or None,
                gr.update(choices=session_choices(backend), value=state.session_id),
                gr.update(visible=bool(state.stems)),
                *stem_updates(state.stems),
            ]

        def refresh(session_id: str | None) -> list[Any]:
            try:
                return panel_updates(panel_state(backend, session_id))
            except ToolError as exc:  # e.g. a session deleted from another window
                log.warning("panels for %s: %s", session_id, exc.message)
                return panel_updates(PanelState())

        # ------------------------------------------------------------------ the chat turn

        keep_panels = [gr.skip()] * len(panel_outputs)

        def respond(
            message: dict[str, Any] | None, history: list[Any], session_id: str | None
        ) -> Iterator[Any]:
            """Streams the chat (progress, then the reply) and refreshes the side panels as soon as
            the turn's uploads are saved and again whenever a tool finishes (a new version shows at
            once, not when the whole turn is over)."""
            message = message or {}
            text = str(message.get("text") or "").strip()
            attached = [str(f) for f in message.get("files") or []]
            if not text and not attached:
                yield history, gr.skip(), session_id, "", *keep_panels
                return
            history = list(history or []) + user_message(text, attached)
            refused = too_large(attached, max_file_bytes())
            if refused:
                yield (
                    [*history, reply_message("\n".join(refused), ok=False)],
                    gr.MultimodalTextbox(value=None),
                    session_id,
                    "",
                    *keep_panels,
                )
                return
            board = ProgressBoard()
            yield (
                history + board.messages(),
                gr.MultimodalTextbox(value=None, interactive=False),
                session_id,
                board.status_line(),
                *keep_panels,
            )
            result = None
            asked_in = session_id  # the turn runs in this session (None: a new one)
            try:
                for item in with_ticks(lambda: backend.stream_turn(text, asked_in, attached)):
                    panels = keep_panels
                    if hasattr(item, "reply") and hasattr(item, "session"):
                        result = item
                    elif hasattr(item, "call_id"):
                        board.update(item)
                        if getattr(item, "type", "") == "finished":
                            panels = refresh(session_id)
                    elif hasattr(item, "session"):  # TurnStarted: uploads are versions now
                        session_id = item.session
                        if getattr(item, "attachments", None):
                            panels = refresh(session_id)
                    now = time.time()
                    chat = history + board.messages(now)
                    yield chat, gr.skip(), session_id, board.status_line(now), *panels
            except Exception as exc:
                log.exception("turn failed")
                failure = reply_message(
                    f"Something went wrong inside Bandleader ({type(exc).__name__}: {exc}). "
                    "Your saved versions are untouched; try again or try something else.",
                    ok=False,
                )
                yield (
                    history + board.messages(final=True) + [failure],
                    gr.MultimodalTextbox(interactive=True),
                    session_id,
                    "",
                    *keep_panels,
                )
                return
            assert result is not None
            attachments = {a.id for a in result.attachments}
            made = [a for a in result.artifacts if a.id not in attachments]
            made.sort(key=lambda a: (a.kind not in ("audio", "video"), a.version))  # players first
            tracks = suggested_tracks(result.tool_calls)
            reply = reply_without_list(result.reply, tracks) if tracks else result.reply
            final = (
                history
                + board.messages(final=True)
                + [reply_message(reply, result.ok)]
                + recommendation_messages(tracks, backend.downloads_dir(result.session) / "library")
                + artifact_messages(made, lambda a: file_for(backend, result.session, a))
            )
            yield final, gr.MultimodalTextbox(value=None, interactive=True), result.session, "", *keep_panels

        box.submit(
            respond, [box, chatbot, session], [chatbot, box, session, status, *panel_outputs],
            show_progress="hidden", concurrency_limit=2,
        ).then(refresh, [session], panel_outputs, show_progress="hidden")  # fmt: skip

        # ------------------------------------------------------------------ versions

        def moved(session_id: str | None, action: str, target: str | None = None) -> list[Any]:
            if not session_id:
                return ["Nothing here yet: upload a track in the chat first.", *refresh(session_id)]
            try:
                if action == "undo":
                    a = backend.undo(session_id)
                    note = f"↶ Undone: now on **{version_name(a)}**."
                elif action == "redo":
                    a = backend.redo(session_id)
                    note = f"↷ Redone: now on **{version_name(a)}**."
                else:
                    if not target:
                        return ["Pick a version first.", *refresh(session_id)]
                    a = backend.set_current(session_id, target)
                    note = f"Now on **{version_name(a)}**."
            except ToolError as exc:
                note = exc.message
            return [note, *refresh(session_id)]

        undo_btn.click(lambda s: moved(s, "undo"), [session], [versions_note, *panel_outputs])
        redo_btn.click(lambda s: moved(s, "redo"), [session], [versions_note, *panel_outputs])
        use_btn.click(lambda s, t: moved(s, "pick", t), [session, pick], [versions_note, *panel_outputs])

        def row_picked(session_id: str | None, evt: gr.SelectData) -> Any:
            if not session_id or evt.row_value is None:
                return gr.skip()
            number = row_version(evt.row_value[0])
            for a in backend.history(session_id):
                if a.version == number:
                    return gr.update(value=a.id)
            return gr.skip()

        versions_df.select(row_picked, [session], [pick])

        def listen(session_id: str | None, artifact_id: str | None) -> list[Any]:
            hidden = [gr.update(value=None, visible=False), gr.update(visible=False)]
            if not session_id or not artifact_id:
                return hidden
            try:
                a = backend.get(session_id, artifact_id)
            except ToolError:
                return hidden
            button = gr.update(value=f"Make v{a.version} the current version", visible=True)
            if a.kind != "audio":
                return [gr.update(value=None, visible=False), button]
            player = gr.update(
                value=str(file_for(backend, session_id, a)), label=version_name(a), visible=True
            )
            return [player, button]

        pick.change(listen, [session, pick], [pick_audio, use_btn], show_progress="hidden")

        def compare(session_id: str | None, a_id: str | None, b_id: str | None) -> str:
            if not session_id or not a_id or not b_id:
                return "Pick two versions to compare."
            try:
                a, b = backend.get(session_id, a_id), backend.get(session_id, b_id)
                history = backend.history(session_id)
            except ToolError as exc:
                return exc.message
            return compare_text(
                a, b, backend.describe(session_id, a.id), backend.describe(session_id, b.id), history
            )

        cmp_btn.click(compare, [session, cmp_a, cmp_b], [cmp_md])

        def spectrogram(session_id: str | None) -> list[Any]:
            fig, note = spectrogram_for(backend, session_id)
            return [gr.update(value=fig, visible=fig is not None), note]

        spec_btn.click(spectrogram, [session], [spec_plot, spec_note])

        # ------------------------------------------------------------------ downloads

        def make_zip(session_id: str | None) -> Any:
            if not session_id:
                return None
            return str(backend.export_zip(session_id))

        zip_btn.click(make_zip, [session], [zip_file])

        def make_song_files(session_id: str | None) -> tuple[Any, str]:
            if not session_id:
                return None, "Ask for a song first: its stems, MIDI, MusicXML and lyrics come here."
            try:
                return [str(f) for f in backend.song_files(session_id)], ""
            except ToolError as exc:
                return None, exc.message

        song_btn.click(make_song_files, [session], [song_files, song_note])

        # ------------------------------------------------------------------ library

        def choose_catalogue(path: str) -> str:
            try:
                return use_catalogue(path)
            except ToolError as exc:
                return exc.message

        use_cat_btn.click(choose_catalogue, [catalogue_box], [library_md])

        def index_folder(folder: str, catalogue: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
            progress(0.0, desc="looking for music files")
            try:
                return index_library(folder, catalogue, lambda f, words: progress(f, desc=words))
            except ToolError as exc:
                return exc.message

        index_btn.click(index_folder, [music_box, catalogue_box], [library_md], concurrency_limit=1)

        # ------------------------------------------------------------------ sessions

        def open_session(session_id: str | None) -> list[Any]:
            if not session_id:
                return [[], None, "", *refresh(None)]
            try:
                messages = conversation_messages(
                    backend.conversation(session_id),
                    lambda aid: _lookup(backend, session_id, aid),
                    lambda a: file_for(backend, session_id, a),
                )
            except ToolError as exc:
                return [[], None, exc.message, *refresh(None)]
            return [messages, session_id, "", *refresh(session_id)]

        sessions_radio.input(
            open_session, [sessions_radio], [chatbot, session, sessions_note, *panel_outputs]
        )

        def new_session() -> list[Any]:
            return [[], None, "A new session starts with your next message.", *refresh(None)]

        new_btn.click(new_session, None, [chatbot, session, sessions_note, *panel_outputs])
        # the chat's own "clear" button starts a new session too (the old one stays in the list)
        chatbot.clear(new_session, None, [chatbot, session, sessions_note, *panel_outputs])

        def delete(chosen: str | None, session_id: str | None) -> list[Any]:
            if not chosen:
                return [
                    gr.skip(),
                    gr.skip(),
                    "Nothing deleted (pick a session in the list first).",
                    *refresh(session_id),
                ]
            try:
                backend.delete_session(chosen)
            except ToolError as exc:
                return [gr.skip(), gr.skip(), exc.message, *refresh(session_id)]
            if chosen == session_id:
                return [[], None, "Deleted. A new session starts with your next message.", *refresh(None)]
            return [gr.skip(), session_id, "Deleted.", *refresh(session_id)]

        delete_btn.click(
            delete,
            [sessions_radio, session],
            [chatbot, session, sessions_note, *panel_outputs],
            js="(chosen, current) => (chosen && confirm('Delete this session and all its versions?'))"
            " ? [chosen, current] : [null, current]",
        )

        demo.load(refresh, [session], panel_outputs, show_progress="hidden")
    return demo


def stem_updates(stems: list[tuple[str, Path]]) -> list[Any]:
    """Updates of the stem players: one per stem (its name as the label, its file, downloadable), the
    rest hidden."""
    out: list[Any] = []
    for i in range(MAX_STEM_PLAYERS):
        if i < len(stems):
            name, path = stems[i]
            out.append(gr.update(value=str(path), label=name.capitalize(), visible=True))
        else:
            out.append(gr.update(value=None, visible=False))
    return out


def _lookup(backend: Backend, session_id: str, artifact_id: str) -> Any:
    try:
        return backend.get(session_id, artifact_id)
    except ToolError:
        return None
