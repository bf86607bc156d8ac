"""Turn inputs (local files now; feeds and pages later) into ``SourceArticle`` objects."""

from pipeline.ingest.article import SourceArticle
from pipeline.ingest.local import discover_inputs, read_input

__all__ = ["SourceArticle", "discover_inputs", "read_input"]
