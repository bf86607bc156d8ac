"""Our custom Doc attributes, registered explicitly by the components that write them."""

from __future__ import annotations

from spacy.tokens import Doc

# Each value is a list of plain dicts so Docs stay serializable (DocBin, multiprocessing ``nlp.pipe``).
DOC_EXTENSIONS = ("edm_sources", "edm_credits")


def register_extensions() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
