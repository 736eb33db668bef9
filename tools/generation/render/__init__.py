"""Rendering a song project: MIDI, FluidSynth stems, the mix and master, MusicXML and LRC."""
