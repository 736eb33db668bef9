"""Music understanding: tempo, beats, key, chords, notes, loudness, sections, tags, and the feature sheet."""
