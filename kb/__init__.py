"""kb: a news event knowledge base."""

__version__ = "0.1.0"
# Bumped whenever extraction output changes, so stale documents can be found and re-extracted.
EXTRACTOR_VERSION = "2"
