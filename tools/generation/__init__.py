"""Song generation: the editable song project, the symbolic composer, rendering and the edit tools."""
