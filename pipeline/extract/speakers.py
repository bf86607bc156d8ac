"""Who asserts each sentence: a named speaker with a cue ("stated", "according to"), or the author.

Reads the article in order, remembering the people named so far, so "he added", "according to him"
and "the minister said" resolve to the person named earlier, and a quotation that runs on into the
next sentence keeps its speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.extract.lexicons import Lexicons
from pipeline.schema import Speaker

PRONOUNS = {"he", "she", "him", "her", "they", "them"}
AUTHOR = Speaker(name=None, type="author")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# A cue verb only attributes when it introduces what was said.
CONTENT_DEPS = {"ccomp", "parataxis", "xcomp", "dobj", "advcl", "conj", "attr", "oprd", "prep"}


@dataclass
class Attribution:
    speaker: Speaker
    cue: str | None = None


@dataclass
class Person:
    name: str
    title: str | None = None


@dataclass
class SpeakerMemory:
    """People named so far in the article, by full name and by surname."""

    people: list[Person] = field(default_factory=list)
    by_surname: dict[str, Person] = field(default_factory=dict)

    def remember(self, name: str, title: str | None) -> Person:
        surname = name.split()[-1]
        person = self.by_surname.get(surname)
        if person is None or len(name) > len(person.name):
            person = Person(name, title or (person.title if person else None))
            self.by_surname[surname] = person
        elif title and not person.title:
            person.title = title
        if person in self.people:
            self.people.remove(person)
        self.people.append(person)
        return person

    def last(self, title_word: str | None = None) -> Person | None:
        for person in reversed(self.people):
            if title_word is None or (person.title and title_word in person.title.lower()):
                return person
        return None


def title_before(ent: Span, lexicons: Lexicons) -> str | None:
    """"Russia’s Foreign Minister Sergei Lavrov" -> "Foreign Minister"."""
    doc, start = ent.doc, ent.start
    words: list[Token] = []
    index = start - 1
    while index >= 0 and (doc[index].is_title or doc[index].lower_ in lexicons.titles) and not doc[index].is_punct \
            and doc[index].ent_type_ not in ("GPE", "PERSON", "OUTLET") and doc[index].tag_ != "POS":
        words.insert(0, doc[index])
        index -= 1
    if words and any(word.lower_ in lexicons.titles for word in words):
        return " ".join(word.text for word in words)
    return title_appositive(ent, lexicons)


def title_appositive(ent: Span, lexicons: Lexicons) -> str | None:
    """"Stanislau Karpovich, the deputy chair of ..." -> "deputy chair of ..."."""
    for child in ent.root.children:
        if child.dep_ == "appos" and any(t.lower_ in lexicons.titles for t in child.subtree):
            words = [t for t in child.subtree if t.dep_ != "det" or t.i != child.left_edge.i]
            text = ent.doc[words[0].i:words[-1].i + 1].text if words else ""
            return text.strip(" ,") or None
    return None


def speaker_from_span(span: Span, memory: SpeakerMemory, lexicons: Lexicons) -> Speaker | None:
    """The speaker a subject or "according to" object names, resolved against what came before."""
    ents = [ent for ent in span.ents]
    for ent in ents:
        if ent.label_ == "PERSON":
            person = memory.by_surname.get(ent.text.split()[-1]) or memory.remember(ent.text, None)
            return Speaker(name=person.name, type="person", title=person.title)
    for ent in ents:
        if ent.label_ == "OUTLET":
            return Speaker(name=ent.text, type="outlet")
    lowered = [token.lower_ for token in span]
    if any(word in PRONOUNS for word in lowered[:2]):
        person = memory.last()
        return Speaker(name=person.name, type="person", title=person.title) if person else Speaker(name=None, type="unknown")
    title_words = [word for word in lowered if word in lexicons.titles and word not in ("ministry", "head")]
    if title_words and span.root.lower_ in lexicons.titles and span.root.lower_ != "ministry":
        person = memory.last(span.root.lower_) or memory.last()
        if person:
            return Speaker(name=person.name, type="person", title=person.title)
    if any(word in lexicons.organization_words for word in lowered) or any(e.label_ in ("ORG", "GPE", "NORP") for e in ents):
        return Speaker(name=organization_name(span), type="organization")
    return None


def organization_name(span: Span) -> str:
    tokens = [token for token in span if token.dep_ != "det" or token.i != span.start]
    return span.doc[tokens[0].i:tokens[-1].i + 1].text if tokens else span.text


def cue_attribution(sent: Span, memory: SpeakerMemory, lexicons: Lexicons) -> Attribution | None:
    text_lower = sent.text.lower()
    for phrase in lexicons.cue_phrases:
        position = text_lower.find(phrase)
        if position < 0:
            continue
        after = sent.doc.char_span(sent.start_char + position + len(phrase), sent.end_char, alignment_mode="expand")
        if after is not None:
            target = noun_phrase_after(after)
            speaker = speaker_from_span(target, memory, lexicons) if target is not None else None
            if speaker:
                return Attribution(speaker, phrase)
    for token in sent:
        if token.lemma_.lower() not in lexicons.cue_verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        if not any(child.dep_ in CONTENT_DEPS for child in token.children) and token.dep_ not in ("parataxis", "ccomp"):
            continue
        subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
        if not subjects:
            continue
        subject = sent.doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1]
        speaker = speaker_from_span(subject, memory, lexicons)
        if speaker:
            return Attribution(speaker, token.text.lower())
    return None


def noun_phrase_after(span: Span) -> Span | None:
    for token in span:
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            head = token
            while head.head.i != head.i and head.head.i < span.end and head.head.i >= span.start \
                    and head.dep_ in ("compound", "amod", "poss", "det", "nmod"):
                head = head.head
            return span.doc[head.left_edge.i:head.right_edge.i + 1] if head.left_edge.i >= span.start else \
                span.doc[token.i:head.i + 1]
    return None


def remember_people(sent: Span, memory: SpeakerMemory, lexicons: Lexicons) -> None:
    for ent in sent.ents:
        if ent.label_ == "PERSON":
            memory.remember(ent.text, title_before(ent, lexicons))


def attribute_sentences(doc: Doc, lexicons: Lexicons, *, quoted: set[int]) -> list[Attribution]:
    """One Attribution per sentence of ``doc``; ``quoted`` holds the indices of sentences with a quotation."""
    memory = SpeakerMemory()
    results: list[Attribution] = []
    for index, sent in enumerate(doc.sents):
        remember_people(sent, memory, lexicons)
        found = cue_attribution(sent, memory, lexicons)
        previous = results[-1] if results else None
        if found is None and index in quoted and previous and previous.speaker.type != "author" \
                and index - 1 in quoted:
            found = Attribution(previous.speaker, previous.cue)  # the quotation runs on
        results.append(found or Attribution(AUTHOR))
    return results
