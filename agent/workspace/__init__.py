"""Sessions with artifacts: content-addressed files plus a SQLite index.

Layout under the workspace root (``$BANDLEADER_HOME`` or ``~/.local/share/bandleader``)::

    workspace.db                        sessions, artifacts, redo_stack, moves (WAL mode)
    sessions/<sid>/objects/ab/<sha256><suffix>   stored versions (read-only, deduplicated)
    sessions/<sid>/tmp/call-*/          scratch folders handed to tools
    sessions/<sid>/exports/             where exports go by default

``SessionWorkspace`` implements ``tools.base.ArtifactStore``.
"""

from .manager import Workspace, default_root
from .models import PointerMove, SessionSummary
from .session import SessionWorkspace

__all__ = ["PointerMove", "SessionSummary", "SessionWorkspace", "Workspace", "default_root"]
