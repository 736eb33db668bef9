"""Basic audio editing tools: describe_audio, trim, fade, gain, normalize_loudness, convert."""
