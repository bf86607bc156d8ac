"""Arms-transfer frames from the dependency parse: who supplies what to whom, and how far it got.

A frame is anchored on a transfer verb ("sold", "obtained", "will deliver") or noun ("sales to",
"imports from", "main arms supplier"). Supplier and recipient come from the anchor's syntactic roles
and are normalised to countries; a side the sentence does not name stays None.
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.extract.lexicons import Lexicons
from pipeline.extract.transfer_frame import Frame
from pipeline.extract.transfer_mentions import arrival_frames, holding_frames, named_pair_frames
from pipeline.extract.transfer_nouns import noun_frames
from pipeline.extract.transfer_parties import sentence_countries
from pipeline.extract.transfer_verbs import verb_frames


def transfer_frames(sent: Span, lexicons: Lexicons) -> list[Frame]:
    """Verb frames, then noun frames that add a transfer. A noun frame adds nothing to a frame over the same words
    that names every side it names ("according to the latest arms-transfer data, Turkey supplied ...")."""
    countries = sentence_countries(sent, lexicons)  # once per sentence: every frame reader needs them
    frames = verb_frames(sent, lexicons, countries)
    for frame in arrival_frames(sent, lexicons) + holding_frames(sent, lexicons):
        if (frame.supplier, frame.recipient) not in {(f.supplier, f.recipient) for f in frames}:
            frames.append(frame)
    for frame in noun_frames(sent, lexicons, countries):
        if (frame.supplier, frame.recipient) in {(f.supplier, f.recipient) for f in frames}:
            continue
        if any(f.start < frame.end and frame.start < f.end and frame.supplier in (None, f.supplier)
               and frame.recipient in (None, f.recipient) for f in frames):
            continue  # "signed a contract for French systems": the verb's frame already says more
        frames.append(frame)
    return frames or named_pair_frames(sent, lexicons, countries)
