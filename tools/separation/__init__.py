"""Source separation: stems (vocals, drums, bass, other) from a mixture, by DSP or a Demucs-family model."""
