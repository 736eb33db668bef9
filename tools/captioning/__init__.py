"""Captions (one per section, with times) and answers to questions, composed from the feature sheet."""
