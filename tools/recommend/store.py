"""The catalogue on disk: a folder holding ``catalogue.json`` (what it is) and a LanceDB table.

LanceDB (Apache-2.0) is embedded (no server), stores columns on disk in the Lance format and
answers vector search with SQL pre-filters without loading the table into memory, so a laptop
serves a million tracks from disk. See DESIGN.md ("tools/recommend") for why it was chosen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tools.base import ToolError
from tools.recommend.vectors import AUDIO_BACKEND, AUDIO_DIM, MOOD_DIM, TEXT_DIM

MARKER = "catalogue.json"
FORMAT = "bandleader-catalogue"
FORMAT_VERSION = 1
TABLE = "tracks"


def schema() -> Any:
    """The pyarrow schema of the tracks table (one row per file)."""
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
        ]
    )


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
        db = lancedb.connect(str(path / "lance"))
        db.create_table(TABLE, schema=schema(), exist_ok=True)
        (path / MARKER).write_text(
            json.dumps(
                {"format": FORMAT, "version": FORMAT_VERSION, "audio_embedding": AUDIO_BACKEND}, indent=1
            )
        )
    db = lancedb.connect(str(path / "lance"))
    try:
        return db.open_table(TABLE)
    except (ValueError, FileNotFoundError, OSError) as exc:
        raise ToolError(
            f"The catalogue at {path} is damaged ({exc}); index the folder again into a new one.",
            code="damaged_catalogue",
        ) from exc
