"""Video: decoding, cuts, motion, visual beats, pose, mood, CLIP tags (``analysis.analyse_video``),
metrics of how music fits a video, and scoring/muxing (the scoring modules)."""
