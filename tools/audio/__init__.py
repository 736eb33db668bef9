"""Audio I/O and measurement as plain functions (no tools here).

- ``limits``: limits and thresholds, with units; deployment limits read from the environment.
- ``probe``: what a file is (``probe_media``, ``detect_kind``).
- ``decode``: any file ffmpeg reads → :class:`~tools.audio.types.Audio` (``decode_audio``).
- ``write``: Audio → WAV/FLAC/MP3/Ogg/Opus/M4A, atomically (``write_audio``).
- ``loudness``: LUFS, peaks, silences, gain; ``limiter``: the look-ahead peak limiter.
"""
