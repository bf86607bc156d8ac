"""What the status chooser reads of a transfer frame: the rules' status and the words around the anchor. The rules
stop at the first status word they find and fall back on `delivered`; the words they saw, and the sentence's other
words, let a trained model weigh them ("was due to arrive", "talks on a follow-on order", "has yet to sign")."""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.extract.transfer_frame import Frame

# The dependents of the anchor and its governors that carry tense, modality and negation (as the rules read them),
# and the nouns and adjectives that qualify it ("the planned sale", "the arms deal").
CONTEXT_DEPS = ("aux", "auxpass", "neg", "advmod", "prep", "dobj", "xcomp", "acomp", "amod", "compound")
GOVERNORS = 3


def status_features(frame: Frame, sent: Span) -> set[str]:
    """The frame's features as names: ``rule:`` the rules' status, ``gov:`` the anchor and its governors,
    ``ctx:`` their tense, modal and qualifying dependents, ``clause:`` the frame's own words, ``sent:`` the
    sentence's, ``pos:`` and ``tag:`` the anchor's part of speech."""
    anchor = frame.anchor
    features = {f"rule:{frame.status}", f"pos:{anchor.pos_}", f"tag:{anchor.tag_}"}
    for governor in [anchor, *list(anchor.ancestors)[:GOVERNORS]]:
        features.add(f"gov:{governor.lemma_.lower()}")
        features.update(f"ctx:{child.lemma_.lower()}" for child in governor.children if child.dep_ in CONTEXT_DEPS)
    for token in sent:
        if token.is_alpha:
            features.add(f"sent:{token.lemma_.lower()}")
            if frame.start <= token.idx < frame.end:
                features.add(f"clause:{token.lemma_.lower()}")
    return features
