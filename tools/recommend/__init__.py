"""Recommendation and retrieval: a catalogue of a music library in an embedded vector store (LanceDB),
searched by words, by example track and by video. See :class:`Catalogue`."""

from tools.recommend.catalogue import Catalogue, IndexReport, SearchResults, TrackResult
from tools.recommend.query import SearchFilters

__all__ = ["Catalogue", "IndexReport", "SearchFilters", "SearchResults", "TrackResult"]
