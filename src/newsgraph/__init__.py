"""newsgraph: who did what to whom, who said what, when and where, from raw news articles."""

__version__ = "0.1.0"
