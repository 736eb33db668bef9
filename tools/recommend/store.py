"""The catalogue on disk: a folder holding ``catalogue.json`` (what it is) and a LanceDB table.

LanceDB (Apache-2.0) is embedded (no server), stores columns on disk in the Lance format and
answers vector search with SQL pre-filters without loading the table into memory, so a laptop
serves a million tracks from disk. See DESIGN.md ("tools/recommend") for why it was chosen.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from tools.base import ToolError
from tools.recommend.vectors import AUDIO_BACKEND, AUDIO_DIM, MOOD_DIM, TEXT_DIM

MARKER = "catalogue.json"
FORMAT = "bandleader-catalogue"
FORMAT_VERSION = 1
TABLE = "tracks"


def schema(embed_dim: int | None = None) -> Any:
    """The pyarrow schema of the tracks table (one row per file); with ``embed_dim``, an ``embed_vec``
    column holds each track's model audio embedding (CLAP, tools.recommend.clap)."""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("path", pa.string(), nullable=False),
            pa.field("name", pa.string()),
            pa.field("root", pa.string(), nullable=False),
            pa.field("sha256", pa.string()),
            pa.field("size", pa.int64()),
            pa.field("mtime", pa.float64()),
            pa.field("kind", pa.string()),
            pa.field("duration_s", pa.float32()),
            pa.field("tempo_bpm", pa.float32()),
            pa.field("key", pa.string()),
            pa.field("mode", pa.string()),
            pa.field("key_signature", pa.string()),
            pa.field("loudness_lufs", pa.float32()),
            pa.field("energy", pa.float32()),
            pa.field("valence", pa.float32()),
            pa.field("instruments", pa.string()),
            pa.field("vocals", pa.string()),
            pa.field("tags", pa.string()),
            pa.field("caption", pa.string()),
            pa.field("features", pa.string()),
            pa.field("text_vec", pa.list_(pa.float32(), TEXT_DIM)),
            pa.field("audio_vec", pa.list_(pa.float32(), AUDIO_DIM)),
            pa.field("mood_vec", pa.list_(pa.float32(), MOOD_DIM)),
            *([pa.field("embed_vec", pa.list_(pa.float32(), embed_dim))] if embed_dim else []),
        ]
    )


def catalogue_info(path: Path) -> dict[str, Any]:
    """What the catalogue's marker says: ``format``, ``version``, ``audio_embedding`` (the backend name,
    ``bandleader-features-v1`` or ``clap:<model folder>``) and ``embed_dim`` (None without a model)."""
    try:
        info = json.loads((path / MARKER).read_text())
    except (OSError, ValueError):
        return {}
    info.setdefault("embed_dim", None)
    return info


def set_catalogue_info(path: Path, **values: Any) -> None:
    """Records ``values`` in the catalogue's marker (beside what it says already)."""
    info = json.loads((path / MARKER).read_text())
    info.update(values)
    tmp = path / (MARKER + ".tmp")
    tmp.write_text(json.dumps(info, indent=1))
    tmp.replace(path / MARKER)  # at once: a reader never sees half a marker


def new_catalogue_embedding() -> tuple[str, int] | None:
    """(backend name, dimension) of the model audio embedding a new catalogue gets: CLAP when its
    weights are in the models folder (tools.recommend.clap), else None (the feature vector only)."""
    from tools.recommend.clap import backend_name, check_clap, find_clap

    folder = find_clap()
    if folder is None or check_clap() is not None:
        return None
    config = json.loads((folder / "config.json").read_text())
    return backend_name(folder), int(config.get("projection_dim") or 512)


def is_catalogue(path: Path) -> bool:
    """True when ``path`` is a folder holding a catalogue marker of ours."""
    try:
        return json.loads((path / MARKER).read_text()).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def open_table(path: Path, *, create: bool) -> Any:
    """The LanceDB tracks table of the catalogue at ``path``; with ``create``, a new empty catalogue is
    made when ``path`` is missing or an empty folder. Raises ToolError for anything else."""
    import lancedb

    if path.exists() and not path.is_dir():
        raise ToolError(
            f"{path} is a file, not a catalogue: give a folder for the catalogue.", code="not_catalogue"
        )
    if not is_catalogue(path):
        if path.is_dir() and any(path.iterdir()):
            raise ToolError(
                f"{path} is not a music catalogue (it has no {MARKER}). Give the folder a catalogue was made "
                "in, or a new or empty folder to make one.",
                code="not_catalogue",
            )
        if not create:
            raise ToolError(
                f"There is no catalogue at {path} yet: index a folder into it first "
                f"(bandleader index FOLDER --catalogue {path}).",
                code="no_catalogue",
            )
        path.mkdir(parents=True, exist_ok=True)
        embedding = new_catalogue_embedding()
        db = lancedb.connect(str(path / "lance"))
        db.create_table(TABLE, schema=schema(embedding[1] if embedding else None), exist_ok=True)
        marker = {"format": FORMAT, "version": FORMAT_VERSION, "audio_embedding": AUDIO_BACKEND}
        if embedding:
            marker.update(audio_embedding=embedding[0], embed_dim=embedding[1])
        (path / MARKER).write_text(json.dumps(marker, indent=1))
    key = _handle_key(path)
    cached = _OPEN.get(key)
    if cached is not None:
        return cached
    db = lancedb.connect(str(path / "lance"), read_consistency_interval=timedelta(seconds=READ_CONSISTENCY_S))
    try:
        table = db.open_table(TABLE)
    except (ValueError, FileNotFoundError, OSError) as exc:
        raise ToolError(
            f"The catalogue at {path} is damaged ({exc}); index the folder again into a new one.",
            code="damaged_catalogue",
        ) from exc
    for stale in [k for k in _OPEN if k[0] == key[0]]:
        del _OPEN[stale]  # an older handle of this folder (the marker was rewritten): let it go
    _OPEN[key] = table
    return table


READ_CONSISTENCY_S: float = 2.0
"""An open catalogue sees another process's writes (an index run) within this many seconds; its own
writes at once."""
_OPEN: dict[tuple[str, int, int], Any] = {}
"""Open tables by catalogue (path and the marker file's identity): opening a table costs milliseconds,
so every ``Catalogue`` of one folder in a process shares one handle (and LanceDB's index cache)."""


def _handle_key(path: Path) -> tuple[str, int, int]:
    st = (path / MARKER).stat()
    return str(path.resolve()), st.st_ino, st.st_mtime_ns


def run_async(coro: Any) -> Any:
    """Runs a LanceDB coroutine on LanceDB's own event-loop thread and returns its result."""
    from lancedb.background_loop import LOOP

    return LOOP.run(coro)


def async_table(table: Any) -> Any:
    """The ``AsyncTable`` behind a sync LanceDB table (lancedb 0.40 keeps it as ``LanceTable._table``).

    A search built on it runs as one coroutine: one hop to LanceDB's loop thread instead of the sync
    wrapper's several (it looks the schema up three times per query), which is most of a small query's
    time on a busy machine."""
    return table._table
