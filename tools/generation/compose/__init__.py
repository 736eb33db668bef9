"""The symbolic composer: request -> form -> harmony -> motif and melody -> bass, accompaniment, drums."""
