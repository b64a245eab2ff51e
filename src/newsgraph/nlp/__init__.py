"""Per-article NLP: model loading, batching and newsgraph's spaCy components."""
