"""Who asserts each sentence: a named speaker with a cue ("stated", "according to"), or the author.

Reads the article in order, remembering the people named so far, so "he added", "according to him"
and "the minister said" resolve to the person named earlier, and a quotation that runs on into the
next sentence keeps its speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.extract.doccache import entity_at, ents_in
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.transfer_syntax import (
    has_clause,
    has_own_subject,
    inside_parentheses,
    own_subject,
    phrase,
    subject_of,
)
from pipeline.nlp.person_names import TITLE_PARTS
from pipeline.schema import Speaker

PRONOUNS = {"he", "she", "him", "her"}
POSSESSIVE = re.compile(r"[’']s$")
# Plural people and media without a name: the speaker type is known, the name is not.
PEOPLE_GROUPS = {"officials", "diplomats", "experts", "analysts", "commentators", "observers", "lawmakers",
                 "deputies", "politicians", "bloggers", "figures", "sources", "officers", "generals", "critics",
                 "leaders", "representatives", "ministers", "spokesmen", "insiders", "specialists", "journalists",
                 "police", "organizers", "organisers", "guards", "monitors", "watchers", "investigators", "protesters",
                 "residents", "witnesses", "activists", "enthusiasts", "authorities", "engineers", "employees",
                 "workers", "crews", "villagers", "gunners", "soldiers", "pilots", "servicemen", "instructors",
                 "designers", "inspectors", "executives", "prosecutors", "groups", "rebels", "separatists",
                 "militants", "volunteers", "auditors", "researchers", "reporters", "correspondents", "economists"}
# One unnamed person: "a senior diplomat said", "another commentator, Gennady Sorokin, suggested".
PEOPLE_NOUNS = {"commentator", "observer", "journalist", "blogger", "scholar", "researcher", "source", "insider",
                "politician", "lawmaker", "officer", "critic", "activist", "veteran", "historian", "economist",
                "columnist", "correspondent", "pundit", "editor", "pilot", "captain", "engineer", "mechanic",
                "technician", "sailor", "soldier", "witness", "eyewitness", "resident", "executive"}
MEDIA_WORDS = {"media", "outlets", "outlet", "daily", "weekly", "portal", "newspaper", "newspapers", "press",
               "television", "tv", "channel", "channels", "website", "websites", "tabloid", "agency", "agencies",
               "broadcaster", "radio", "magazine", "journal", "site", "sites"}
SINGLE_MEDIA_WORDS = {"daily", "weekly", "portal", "newspaper", "television", "channel", "website", "tabloid", "agency",
                      "broadcaster", "magazine", "journal", "site", "outlet"}
# What an outlet, and seldom anyone else, does: "It reported that ...", "Iran, it claimed, would ..."
OUTLET_CUES = {"report", "write", "claim", "publish", "quote", "run"}
AUTHOR = Speaker(name=None, type="author")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# A cue verb only attributes when it introduces what was said.
CONTENT_DEPS = {"ccomp", "parataxis", "xcomp", "dobj", "advcl", "conj", "attr", "oprd", "prep"}


@dataclass
class Attribution:
    speaker: Speaker
    cue: str | None = None
    # Where the cue is (character offset): in a sentence of several clauses only the clause holding it is
    # the speaker's ("X said A, but he declined to comment": the second clause is the author's).
    anchor: int | None = None
    # (start, end, attribution) per clause when the sentence has several.
    clauses: list[tuple[int, int, Attribution]] = field(default_factory=list)

    def for_clause(self, start: int, end: int) -> Attribution:
        for clause_start, clause_end, attribution in self.clauses:
            if clause_start <= start < clause_end:
                return attribution
        return self


@dataclass
class Person:
    name: str
    title: str | None = None


@dataclass
class SpeakerMemory:
    """People named so far in the article, by full name and by surname."""

    people: list[Person] = field(default_factory=list)
    by_surname: dict[str, Person] = field(default_factory=dict)
    # Organisations by short name: "Elbit" -> "Elbit Systems", "Goskomvoenprom" -> the name it abbreviates.
    organizations: dict[str, str] = field(default_factory=dict)
    last_outlet: str | None = None  # the outlet last named in the running text (not in a citation)
    last_body: Speaker | None = None  # the organisation or outlet that spoke last: "It added that ..."
    last_business: str | None = None  # the arms maker or company named last: "the company said"

    def remember_organization(self, short: str, full: str) -> None:
        if short != full:
            self.organizations.setdefault(short, full)

    def organization(self, name: str) -> str:
        return self.organizations.get(name, name)

    def remember(self, name: str, title: str | None) -> Person:
        name = POSSESSIVE.sub("", name).strip()
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

    def called(self, word: str) -> Person | None:
        """The person a lone name stands for: the surname of someone named before, else the first word of exactly
        one two-word name ("Wang" after "Wang Qiming": Chinese and Korean names put the family name first)."""
        if word in self.by_surname:
            return self.by_surname[word]
        family_first = [person for person in self.people
                        if person.name.count(" ") == 1 and person.name.split()[0] == word]
        return family_first[0] if len(family_first) == 1 else None

    def last(self, title_word: str | None = None) -> Person | None:
        for person in reversed(self.people):
            if " " not in person.name:  # a lone token the NER called PERSON ("Dniester") is too weak a referent
                continue
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


def person_speaker(person: Person) -> Speaker:
    return Speaker(name=person.name, type="person", title=person.title)


def proper_name(root: Token) -> str:
    """"Deputy Commander Anatoly Bokarev" -> "Anatoly Bokarev": the root and its capitalized compounds."""
    parts = [child for child in root.children if child.dep_ == "compound" and child.i < root.i
             and child.is_title and child.lower_ not in TITLE_PARTS]
    # keep only the compounds right before the root
    names = [root]
    for child in sorted(parts, key=lambda t: t.i, reverse=True):
        if child.i == names[0].i - 1:
            names.insert(0, child)
    return " ".join(token.text for token in names)


def speaker_from_span(span: Span, memory: SpeakerMemory, lexicons: Lexicons) -> Speaker | None:
    """The speaker a subject or "according to" object names, judged by the phrase's head word."""
    speaker = phrase_speaker(span, memory, lexicons)
    if speaker is not None and speaker.type == "person" and speaker.name and lexicons.names_body(speaker.name):
        # "Hanwha Land Systems confirmed", "according to the Kyrgyz Audit Chamber": a body's name, whichever
        # reading below took it for a person's
        return Speaker(name=memory.organization(speaker.name), type="organization")
    return speaker


def phrase_speaker(span: Span, memory: SpeakerMemory, lexicons: Lexicons) -> Speaker | None:
    root = span.root
    if any(token.lower_ in ("neither", "no", "nobody", "none") for token in span[:2]):
        return None
    ent = entity_at(root)
    if (outlet := outlet_named_beside(root)) is not None:  # "the news agency TASS", "the daily Kommersant"
        named = entity_at(outlet)
        return Speaker(name=named.text if named is not None else proper_name(outlet), type="outlet")
    if root.pos_ == "PROPN" and named_by_media_word(span):
        # "the pro-Kremlin portal News-Front", "the state daily Sovetskaya Belorussiya" (which the NER calls a person)
        return Speaker(name=ent.text if ent is not None else proper_name(root), type="outlet")
    if root.pos_ == "PROPN" and any(child.dep_ == "appos" and body_noun(child, lexicons) for child in root.children):
        # "Babcock, the British firm managing the programme, said", "Rosmorrechflot, Russia's river transport
        # agency, said": a business or an agency, whatever the NER took it for
        return Speaker(name=memory.organization(organization_name(span)), type="organization")
    if known_maker(span, lexicons):  # "Irkut told RIA Novosti", "Dearsan told Daily Sabah": whatever the NER says
        return Speaker(name=memory.organization(root.text), type="organization")
    surname = POSSESSIVE.sub("", root.text)
    if root.pos_ == "PROPN" and (named := memory.called(surname)) and (ent is None or ent.label_ != "OUTLET"):
        # "Avetisyan said" after "Gagik Avetisyan": a person already named, whatever the tagger calls the surname
        return person_speaker(memory.remember(named.name, None))
    owner = possessor(root)
    if root.lower_ in BUSINESS_WORDS and memory.last_business and len(span) == 2 and span[0].lower_ == "the":
        return Speaker(name=memory.last_business, type="organization")  # "the company said": the one named last
    if root.lower_ in ("service", "office") and owner is not None and any(c.lower_ == "press" for c in root.children):
        return speaker_from_span(owner_phrase(owner), memory, lexicons)  # "the ministry's press service said"
    if ent is not None and ent.label_ == "OUTLET":  # before organization words: "Anadolu Agency"
        return Speaker(name=ent.text, type="outlet")
    if (titled := titled_name_at_end(span, lexicons)) is not None:
        # "Goskomvoenprom spokesperson Vadzim Kasko", "Air Defense Forces commander Major General Aleh Dzemidzenka":
        # whatever the tagger made of the body before it, a title and a name close the phrase
        return person_speaker(memory.remember(*titled))
    if root.lower_ in lexicons.organization_words:  # "the Russian Foreign Ministry", "the General Staff", "Baykar"
        return Speaker(name=memory.organization(organization_name(span)), type="organization")
    if ent is not None and ent.label_ == "PERSON":
        if lexicons.names_body(ent.text) or lexicons.country(ent.text):
            # "the Turkish Statistical Institute", "Bratislava insists", which the NER took for a person
            return Speaker(name=memory.organization(organization_name(span)), type="organization")
        return person_speaker(memory.remember(POSSESSIVE.sub("", ent.text), None))
    if (root.lower_ in SINGLE_MEDIA_WORDS or root.lower_ == "paper") and memory.last_outlet and owner is None \
            and not any(e.label_ == "OUTLET" for e in span.ents) and any(t.lower_ == "the" for t in root.children):
        # "Officials told Kommersant ... The newspaper added": the outlet last named outside a citation
        return Speaker(name=memory.last_outlet, type="outlet")
    maker = body_before(root, lexicons) if root.lower_ in RECORD_WORDS | {"report"} else None
    kept = root.lower_ in RECORD_WORDS and (owner is not None or maker is not None) and not (
        owner is not None and owner.ent_type_ == "GPE")  # a country's customs statistics are the author's reading
    if root.lower_ in DOCUMENT_NOUNS or kept:
        # "An article in Nezavisimaya Gazeta warned", "a leaked assessment by international monitors warned",
        # "according to the ministry's annual report", "according to Defense Ministry flight data": who wrote it
        # ("its annual report": the body the sentence is about); "an independent investigation": as written
        author = owner or document_author(root) or maker
        if author is not None and author.lower_ in ("its", "their"):
            found = sentence_body(span, memory, lexicons)
        else:
            found = speaker_from_span(owner_phrase(author), memory, lexicons) if author is not None else None
        return found or Speaker(name=group_name(span, qualified=False), type="unknown")
    if root.lower_ in PRONOUNS:
        person = memory.last()
        return person_speaker(person) if person else Speaker(name=None, type="unknown")
    if root.lower_ in PEOPLE_GROUPS:
        return Speaker(name=group_name(span), type="unknown")
    if root.lower_ in MEDIA_WORDS:  # "the Hraparak daily" is Hraparak; "Azerbaijani state media" are unnamed
        outlet = next((e for e in span.ents if e.label_ == "OUTLET"), None)
        return Speaker(name=outlet.text if outlet is not None else group_name(span), type="outlet")
    if root.pos_ == "PROPN" and root.is_title and has_title_appositive(root, lexicons):
        return person_speaker(memory.remember(ent.text if ent is not None else proper_name(root),
                                              title_appositive(ent or span, lexicons)))
    if (root.lower_ in lexicons.titles or root.lower_ in PEOPLE_NOUNS) and root.lower_ not in lexicons.organization_words:
        for child in root.children:  # "the minister, Elnur Mammadov," / "spokesman Ivan Petrov"
            named = entity_at(child) if child.dep_ in ("appos", "compound") else None
            if named is not None and named.label_ == "PERSON":
                return person_speaker(memory.remember(named.text, root.text))
        # "The 'defense minister' of the unrecognized republic, Oleg Kravets," (the name hangs lower in the parse)
        named = next((e for e in span.ents if e.label_ == "PERSON" and e.start > root.i), None)
        if named is not None:
            return person_speaker(memory.remember(named.text, root.text))
        # "Its deputy chairman, Viktar Lasitsa, said": a name in apposition that the NER did not call a person
        if (appositive := titled_appositive_name(root, lexicons)) is not None:
            return person_speaker(memory.remember(proper_name(appositive), root.text))
        last = span[-1]  # "Deputy Prime Minister for Reintegration Vadim Ciobanu": the title's name closes it
        if last.i > root.i and last.pos_ == "PROPN" and last.is_title and not last.ent_type_ \
                and span.doc[last.i - 1].pos_ == "PROPN" and span.doc[last.i - 1].is_title \
                and not lexicons.names_body(last.text):  # not "a source in the Russian Defense Ministry"
            return person_speaker(memory.remember(span.doc[last.i - 1:last.i + 1].text, root.text))  # first, last
        if root.lower_ in PEOPLE_NOUNS or indefinite(root):
            # "An Israeli defense official told Haaretz": someone not named, never the official named before
            return Speaker(name=group_name(span), type="unknown")
        person = memory.last(root.lower_) or memory.last()
        return person_speaker(person) if person else Speaker(name=None, type="person")
    named = next((entity_at(c) for c in root.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if root.pos_ == "NOUN" and named is not None:  # "Baykar’s chief engineer, Kemal Aydın,"
        return person_speaker(memory.remember(named.text, root.text))
    if root.pos_ == "NOUN" and (appositive := titled_appositive_name(root, lexicons)) is not None:
        # "The letter’s lead signatory, Slovak MEP Jan Michalko,": a named person, whatever the noun before
        return person_speaker(memory.remember(proper_name(appositive), root.text))
    if root.pos_ == "PROPN" and ent is None and lexicons.country(root.text):  # "Bratislava insists", untagged
        return Speaker(name=memory.organization(organization_name(span)), type="organization")
    if root.pos_ == "PROPN" and root.is_title and (ent is None or ent.label_ not in ("GPE", "NORP", "ORG", "WEAPON")):
        return person_speaker(memory.remember(proper_name(root), title_before_token(root, lexicons)))
    if root.lower_ in lexicons.organization_words or (ent is not None and ent.label_ in ("ORG", "GPE", "NORP")):
        return Speaker(name=memory.organization(organization_name(span)), type="organization")
    body = next((child for child in root.children if child.dep_ == "appos"
                 and (child.ent_type_ == "ORG" or (child.pos_ == "PROPN" and child.is_upper))), None)
    if root.pos_ == "NOUN" and body is not None:  # "The Turkish engine maker TEI says"
        named = entity_at(body)
        return Speaker(name=memory.organization(named.text if named is not None else body.text), type="organization")
    if root.pos_ == "PROPN" and root.is_upper and len(root) > 1 and ent is None:
        # "Yugoimport SDPR, the Serbian state arms trader, said": an acronym the NER left untyped names a body
        return Speaker(name=memory.organization(organization_name(span)), type="organization")
    return None


# Numbers a body keeps, whose owner speaks through them ("the ministry's budget figures"); unowned, "figures" may be
# people ("opposition figures said").
RECORD_WORDS = {"figures", "data", "bulletin", "statistics", "annex", "minutes"}


def body_before(root: Token, lexicons: Lexicons) -> Token | None:
    """A body named before a document word, as its modifier: "Defense Ministry flight data", "a Russian General
    Staff report"."""
    return next((child for child in root.lefts if child.dep_ in ("compound", "nmod")
                 and (child.lower_ in lexicons.organization_words or child.ent_type_ == "ORG")), None)


def sentence_body(span: Span, memory: SpeakerMemory, lexicons: Lexicons) -> Speaker | None:
    """The body "its" stands for: the subject of the sentence when that names a body ("Motor Sich built 19 engines,
    according to its annual report"), else the body that spoke last."""
    subject = own_subject(span.sent.root)
    if subject is not None and not (span.start <= subject.i < span.end):
        speaker = speaker_from_span(phrase(subject), memory, lexicons)
        if speaker is not None and speaker.type in ("organization", "outlet"):
            return speaker
    return memory.last_body


def body_noun(token: Token, lexicons: Lexicons) -> bool:
    """A common noun that says its phrase is a business or an agency ("the British firm", "Russia's river transport
    agency"); not a news agency, and not a body's name ("deputy secretary general of the CSTO")."""
    return token.lower_ in BODY_NOUNS or (token.pos_ == "NOUN" and token.lower_ in lexicons.organization_words
                                          and not any(child.lower_ == "news" for child in token.children))


def known_maker(span: Span, lexicons: Lexicons) -> bool:
    """Whether the phrase is nothing but the name of an arms maker the lexicons know (origins.json)."""
    names = [token for token in span if token.pos_ == "PROPN"]
    return len(names) == 1 and names[0].i == span.root.i and span.root.lower_ in lexicons.maker_origin_of


# What an arms maker is called once named ("Aselsan ... the company claims"); not "the group", which as often
# means a monitoring group ("The group alleges that ...").
BUSINESS_WORDS = {"company", "concern", "firm", "holding", "manufacturer", "maker"}
# What a business is called in apposition to its name, which the NER may have taken for a person's.
BODY_NOUNS = {"firm", "company", "maker", "manufacturer", "trader", "exporter", "holding", "producer", "builder",
              "shipyard", "corporation", "concern", "conglomerate"}
DOCUMENT_NOUNS = {"article", "report", "assessment", "investigation", "study", "analysis", "survey", "editorial",
                  "commentary", "column", "op-ed", "memo", "paper", "dossier", "register", "website",
                  "photographs", "photos", "images", "footage", "video", "schedule"}


def document_author(root: Token) -> Token | None:
    """Who made a document: "an article in Nezavisimaya Gazeta", "an assessment by monitors", "photographs
    published by Ekho Kavkaza"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "by"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


# A capitalised name of three or more words, then its short form in brackets.
ABBREVIATED = re.compile(r"(?P<full>(?:[A-Z][\w’'-]*\s(?:(?:for|of|and|the)\s)*){2,}[A-Z][\w’'-]*)\s\((?P<short>[A-Z][\w-]+)\)")


def possessor(token: Token) -> Token | None:
    """Whose ``token`` is: "the ministry" of "the ministry's report"."""
    return next((child for child in token.children if child.dep_ == "poss"), None)


def owner_phrase(owner: Token) -> Span:
    """The phrase of a possessor or author without its "’s": "the ministry’s" -> "the ministry"."""
    end = owner.right_edge.i - (owner.right_edge.dep_ == "case")
    return owner.doc[owner.left_edge.i:end + 1]


def titled_name_at_end(span: Span, lexicons: Lexicons) -> tuple[str, str] | None:
    """The first and last name that close ``span`` right after a title or a people word ("... spokesperson Vadzim
    Kasko", "Moscow-based commentator Igor Sviridov"), and that word."""
    # A clause after the name ("..., who guided them past the breakwater,") is not part of it
    clause = {t.i for token in span if token.dep_ in ("relcl", "acl") for t in token.subtree}
    words = [token for token in span if not token.is_punct and token.i not in clause]
    if len(words) < 3:
        return None
    person = entity_at(words[-1]) if words[-1].ent_type_ == "PERSON" else None
    if person is not None and lexicons.names_body(person.text):  # "a source in the Kyrgyz Defense Ministry"
        return None
    if person is not None:  # a name the NER found is read whole ("Eyal Ben-Dor")
        name, first = person.text, person.start
    elif all(t.pos_ == "PROPN" and t.is_title and t.ent_type_ in ("", "ORG") for t in words[-2:]):
        name, first = span.doc[words[-2].i:words[-1].i + 1].text, words[-2].i
    else:
        return None
    titles = [t for t in words if t.i < first and (t.lower_ in lexicons.titles or t.lower_ in PEOPLE_NOUNS)]
    between = [t for t in words if titles and titles[-1].i < t.i < first]
    return (name, titles[-1].text) if titles and all(t.pos_ == "PROPN" and t.is_title for t in between) else None


def outlet_named_beside(root: Token) -> Token | None:
    """The name in apposition to a media word, or before it: "the daily Kommersant", "the news agency TASR", "the
    state channel Altyn Asyr" (which the NER takes for a person), "the Fars news agency". An agency is a news
    agency only when it says so ("the export-control agency ANCEX" is not an outlet; "the state agency TDH" is)."""
    if root.lower_ not in MEDIA_WORDS:
        return None
    before = next((child for child in root.children if child.dep_ == "compound" and child.ent_type_ == "OUTLET"
                   and child.i < root.i), None)
    if before is not None:
        return before
    people = ("PERSON",) if root.lower_ in SINGLE_MEDIA_WORDS - {"agency"} else ()
    name = next((child for child in root.children if child.dep_ == "appos" and child.pos_ == "PROPN"
                 and child.ent_type_ in ("OUTLET", "ORG", "", *people) and child.ent_id_ in ("", "outlet")), None)
    words = {child.lower_ for child in root.children if child.dep_ in ("compound", "amod")}
    if name is None or root.lower_ in ("agency", "agencies") and name.ent_type_ != "OUTLET" \
            and not (words and words <= {"news", "press", "information", "state"}):
        return None
    return name


def named_by_media_word(span: Span) -> bool:
    """A media word right before the name: "the portal News-Front", not "the daily's correspondent Ivan Ivanov"."""
    root = span.root
    media = [t for t in span if t.i < root.i and t.lower_ in MEDIA_WORDS]
    return bool(media) and all(t.pos_ == "PROPN" or t.is_punct for t in span.doc[media[-1].i + 1:root.i])


def indefinite(root: Token) -> bool:
    """"an official", "another commentator", "one Western diplomat"."""
    return any(child.dep_ == "det" and child.lower_ in ("a", "an", "another") or child.dep_ == "nummod"
               and child.lower_ == "one" for child in root.children)


def titled_appositive_name(title: Token, lexicons: Lexicons) -> Token | None:
    """"Its deputy chairman, Viktar Lasitsa,": a first and last name in apposition to a title word, whatever the
    NER made of it (short of an outlet, a weapon, or a place or people the lexicons know: "Slovak MEP Jan Michalko",
    which the NER tags a people, and "Azerbaijan's ambassador, Elnur Rzayev", which it tags a place, are names)."""
    def known_place(child: Token) -> bool:
        ent = entity_at(child)
        return bool(child.ent_id_) or bool(lexicons.country(ent.text if ent is not None else child.text))

    name = next((child for child in title.children if child.dep_ == "appos" and child.pos_ == "PROPN"
                 and child.is_title and child.ent_type_ not in ("OUTLET", "WEAPON")
                 and not (child.ent_type_ in ("GPE", "NORP") and known_place(child))), None)
    if name is not None and any(child.dep_ == "compound" and child.is_title for child in name.children):
        return name
    return None


def has_title_appositive(root: Token, lexicons: Lexicons) -> bool:
    return any(child.dep_ == "appos" and child.lower_ in lexicons.titles | PEOPLE_NOUNS for child in root.children)


POST_MODIFIERS = {"prep", "acl", "relcl"}


def group_name(span: Span, *, qualified: bool = True) -> str:
    """"Turkish officials", "a senior commander of the Iranian navy", "outlets affiliated with the separatists": the
    phrase as written, with what qualifies it (unless not ``qualified``), but without determiners, bracketed asides
    or trailing commas. Not who quoted them ("railway watchers quoted by Nasha Niva" are "railway watchers", as the
    gold mostly has it) nor what they said ("an unnamed diplomat who warned that ...")."""
    root = span.root
    after = [t for child in root.rights if qualified and child.dep_ in POST_MODIFIERS and child.i < span.end
             and span.doc[child.left_edge.i - 1].text != ","  # not ", speaking on condition of anonymity,"
             and not (child.dep_ == "acl" and child.tag_ == "VBG")  # nor "a diplomat promising that ..."
             and not (child.dep_ == "acl" and child.lemma_.lower() in ("quote", "cite"))
             and not (child.dep_ == "relcl" and any(c.dep_ == "ccomp" for c in child.children))
             for t in child.subtree]
    last = max((t.i for t in after if t.i < span.end), default=root.i)
    tokens = [t for t in span if t.i <= last and (t.i >= root.i or t.dep_ != "det")]
    text = span.doc[tokens[0].i:last + 1].text if tokens else root.text
    # bracketed asides go, a bracketed acronym of the name stays: "Presidency of Defense Industries (SSB)"
    return re.sub(r"\s*\((?![A-Z]{2,6}\))[^()]*\)?", "", text).strip(" ,;—")


def title_before_token(root: Token, lexicons: Lexicons) -> str | None:
    words = [child for child in root.children if child.dep_ == "compound" and child.i < root.i]
    titles = [word.text for word in words if word.lower_ in TITLE_PARTS]
    return " ".join(titles) or None


def organization_name(span: Span) -> str:
    """"the same ministry that now speaks of ..." -> "same ministry"; "Belarusian defense ministry (Mil.by, ..."
    -> "Belarusian defense ministry": the name without its determiner, clauses and closing citation."""
    root = span.root
    cut = {t.i for child in root.children if child.dep_ in ("relcl", "acl", "appos", "advcl")
           for t in child.subtree}
    tokens = [token for token in span if token.i not in cut and (token.dep_ != "det" or token.i != span.start)]
    if cut:  # "Rosoboronexport, the Russian state arms exporter,": the name ends where the appositive begins
        tokens = [token for token in tokens if token.i < min(cut) or token.i <= root.i]
    # "The Tajik Foreign Ministry, never short of adjectives,": nor does it run on past a comma after its head
    comma = next((token.i for token in tokens if token.i > root.i and token.text == ","), None)
    tokens = [token for token in tokens if comma is None or token.i < comma]
    text = span.doc[tokens[0].i:tokens[-1].i + 1].text if tokens else span.text
    if text.count("“") > text.count("”"):  # "the Transnistrian “defense ministry,” records": close the quote
        text += "”"
    return re.sub(r"\s*\(.*$", "", text).strip(" ,")


def cue_attribution(sent: Span, memory: SpeakerMemory, lexicons: Lexicons,
                    inside_quotes: set[int]) -> Attribution | None:
    text_lower = sent.text.lower()
    for cue_phrase in lexicons.cue_phrases:
        position = text_lower.find(cue_phrase)
        if position < 0:
            continue
        if sent.doc.char_span(sent.start_char + position, sent.start_char + position + 1,
                              alignment_mode="expand")[0].i in inside_quotes:
            continue
        after = sent.doc.char_span(sent.start_char + position + len(cue_phrase), sent.end_char, alignment_mode="expand")
        if after is not None:
            target = noun_phrase_after(after)
            speaker = speaker_from_span(target, memory, lexicons) if target is not None else None
            owner = possessor(target.root) if target is not None else None
            if speaker is None and owner is not None:  # "according to the ministry's budget figures": its owner
                speaker = speaker_from_span(owner_phrase(owner), memory, lexicons)
            if speaker is None:  # "according to the latest international data": unknown, named as written
                speaker = Speaker(name=group_name(target) if target is not None else None, type="unknown")
            return Attribution(speaker, cue_phrase, sent.start_char + position)
    if (counted := by_account(sent, memory, lexicons, inside_quotes)) is not None:
        return counted
    for token in sent:
        if not is_cue_verb(token, lexicons):
            continue
        if token.i in inside_quotes:  # "[which Moscow pledged to ...]" inside a quotation is not a cue
            continue
        if withheld(token) and not institution_declines(token, memory, lexicons):
            continue  # "he declined to comment", "officials have not confirmed": the author's fact
        if foretold(token):
            continue
        if token.dep_ == "relcl" and not any(child.dep_ in ("ccomp", "parataxis") for child in token.children):
            continue  # "purchases Azerbaijani officials have confirmed" (not "which Kim said had not been asked")
        if any(child.lower_ in ("whatever", "whoever", "what") for child in token.children):
            continue  # "whatever Nur-Sultan says in public, ...", "supplying what its embassy says does not exist"
        if any(child.dep_ == "mark" and child.lower_ == "as" for child in token.children) \
                and not has_own_subject(token):
            continue  # "as noted", "as reported earlier": the author's aside
        lost = lost_subject(token, sent)
        if not has_content(token) and token.dep_ not in ("parataxis", "ccomp") and not trailing_cue(token) \
                and lost is None:
            continue
        quoted = next((child for child in token.children if child.dep_ == "dobj"), None)
        if token.lemma_.lower() == "quote" and quoted is not None and token.dep_ != "advcl" \
                and (speaker := speaker_from_span(phrase(quoted), memory, lexicons)):
            # "Sputnik Azerbaijan quoted an unnamed Russian diplomat promising that ...": the one quoted speaks;
            # "Dawn, quoting Pakistani officials, put the order at ...": the one quoting
            return Attribution(speaker, token.text.lower(), token.idx)
        passive = any(child.dep_ == "auxpass" for child in token.children)
        agent = next((child for child in token.children if child.dep_ == "agent"), None) if passive else None
        if passive and agent is None:
            continue  # "Moscow is expected to protest", "Baku was told that ...": who is spoken of, not who speaks
        # "The sale was announced by Rosoboronexport": the agent is the speaker
        subjects = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
        subjects = subjects or [child for child in token.children if child.dep_ in SUBJECT_DEPS]
        if not subjects and lost is not None and (speaker := speaker_from_span(lost, memory, lexicons)):
            return Attribution(speaker, token.text.lower(), token.idx)
        governor, forecast = token, False
        while not subjects and governor.dep_ in ("advcl", "xcomp", "conj", "acomp"):
            # "Pro-Kremlin outlets went further, claiming ...", "commentators were quick to point out ..."
            governor = governor.head
            forecast = forecast or governor.lemma_.lower() in FORECASTS or foretold(governor)
            subjects = [child for child in governor.children if child.dep_ in SUBJECT_DEPS]
        if forecast:
            continue  # "Moscow is unlikely to welcome the order": the author's forecast, nobody has spoken
        if not subjects:  # "Kommersant, citing a source, reported that ...": the parser hangs the name as a modifier
            subjects = [child for child in token.lefts if child.dep_ in ("advmod", "npadvmod", "dep")
                        and child.ent_type_ in ("OUTLET", "PERSON", "ORG")]
        asides = [child for child in token.lefts if child.dep_ == "advcl" and child.lemma_ in ("cite", "quote")]
        if not subjects:  # "On September 14, Izvestia, citing a source, reported": or as the subject of "citing"
            subjects = [subject for aside in asides for subject in aside.children if subject.dep_ in SUBJECT_DEPS
                        and subject.ent_type_ in ("OUTLET", "PERSON", "ORG")]
        if not subjects:  # or anywhere else, or nowhere: the name just before the aside is who reported
            subjects = [named for aside in asides if (named := named_before(aside.left_edge)) is not None]
        if not subjects and token.dep_ == "acl" and token.head.ent_type_ in ("OUTLET", "PERSON", "ORG") \
                and has_clause(token):
            subjects = [token.head]  # "Kabar, the Kyrgyz state news agency, reported in April that ...": one phrase
        if not subjects:
            nearest = nearest_person_before(token, sent)
            if nearest is not None:  # the parser lost the subject: "..., a deputy secretary, Aram Voskanyan, stated"
                return Attribution(person_speaker(memory.remember(nearest.text, title_appositive(nearest, lexicons))),
                                   token.text.lower(), token.idx)
            titled = titled_name_before(token, sent, lexicons)
            if titled is not None:  # "..., Turkey's Deputy Minister of National Defense, Kemal Aydınoğlu, declared"
                return Attribution(person_speaker(memory.remember(proper_name(titled), titled.head.text)),
                                   token.text.lower(), token.idx)
            continue
        # The parser can give a cue two subjects ("Nor is this the first promise to slip: last December,
        # Dzemidzenka told Belta ..."): the first, else the one nearest the cue. Two side by side are one phrase
        # cut in two ("The Slovak news agency | TASR added"): the name first.
        subjects = [subjects[0], *sorted(subjects[1:], key=lambda s: abs(token.i - s.i))]
        # So are a title and a name ("Tashkent-based economist | Otabek Rakhimov told"): the name first.
        if len(subjects) > 1 and subjects[1].left_edge.i == subjects[0].right_edge.i + 1 \
                and subjects[1].pos_ == "PROPN" and (subjects[0].lower_ in MEDIA_WORDS or (
                    subjects[1].ent_type_ == "PERSON" and subjects[0].lower_ in PEOPLE_NOUNS | lexicons.titles)):
            subjects = [subjects[1], subjects[0], *subjects[2:]]
        for subject in subjects:
            if subject.lower_ == "it" and token.lemma_.lower() in OUTLET_CUES and memory.last_outlet:
                return Attribution(Speaker(name=memory.last_outlet, type="outlet"), token.text.lower(), token.idx)
            if subject.lower_ == "it" and subject.i == sent.start and memory.last_body is not None:
                # (only "It added ..." opening a sentence: "Beijing, it stated," or "the aid it had promised" may
                # mean any body named in the sentence itself)
                return Attribution(memory.last_body, token.text.lower(), token.idx)
            speaker = speaker_from_span(phrase(subject), memory, lexicons)
            if speaker:
                return Attribution(speaker, token.text.lower(), token.idx)
    return None


def colon_attribution(sent: Span, memory: SpeakerMemory, lexicons: Lexicons,
                      inside_quotes: set[int]) -> Attribution | None:
    """"Zawadzki put it more bluntly: “We sold Ukraine eight Krabs”", "Sputnik Belarus had a theory: the story was
    “cooked up in Warsaw”": what follows the colon, quoting, is what the subject before it says, with no verb of
    saying. Only when a quotation follows: "Russia has two options: ..." is the author's."""
    colon = next((token for token in sent if token.text == ":" and token.i not in inside_quotes), None)
    if colon is None or not any(token.i in inside_quotes for token in sent.doc[colon.i:sent.end]):
        return None
    root = sent.root
    # (the parser may make what follows the colon the root, and the clause before it its complement)
    verb = root if root.i < colon.i else next((child for child in root.children if child.i < colon.i
                                               and child.dep_ in ("ccomp", "parataxis")), None)
    return said_by_subject(verb, memory, lexicons) if verb is not None else None


def speech_act_attribution(sent: Span, memory: SpeakerMemory, lexicons: Lexicons,
                           inside_quotes: set[int]) -> Attribution | None:
    """"Niyazbekov thanked “our Kazakh brothers” for “the ammunition that reached us”", "Its spokeswoman, Petra
    Hruskova, attributed the growth to “ammunition and spare parts”": a verb of a speech act (``SPEECH_ACTS``)
    whose object quotes is its subject's statement, with no verb of saying."""
    root = sent.root
    if root.lemma_.lower() not in SPEECH_ACTS or not any(token.i in inside_quotes for right in root.rights
                                                          for token in right.subtree):
        return None
    return said_by_subject(root, memory, lexicons)


VAGUE_SUBJECTS = {"it", "they", "this", "that", "there"}  # who these are, the rules settle through cues


def said_by_subject(verb: Token, memory: SpeakerMemory, lexicons: Lexicons) -> Attribution | None:
    """``verb``'s subject as the speaker of its sentence, the verb as the cue; None for a pronoun or no speaker."""
    subject = own_subject(verb)
    if subject is None or subject.lower_ in VAGUE_SUBJECTS:
        return None
    speaker = speaker_from_span(phrase(subject), memory, lexicons)
    return Attribution(speaker, verb.text.lower(), verb.idx) if speaker is not None else None


IMAGES_AND_RECORDS = {"photographs", "photos", "pictures", "images", "imagery", "footage", "video", "videos", "data",
                      "records"}
# What an outlet does that is not a verb of saying but still puts a claim out: it shows, airs or lists something.
PUBLISHING = {"show", "air", "broadcast", "film", "photograph", "publish", "reprint", "run", "list", "identify",
              "present", "link", "call", "offer", "trim", "keep", "post", "picture", "spot", "name"}
# What an agency, auditor or maker finds or books: its own finding, not the author's ("the State Audit Institution
# found", "SIPRI estimates"). Not "give" or "put": "Moscow gave Serbia six MiG-29s" is a transfer the author states.
FINDINGS = {"find", "record", "log", "value", "estimate", "rate", "rank", "advertise", "register", "tally", "list"}


def published_or_found(sent: Span, memory: SpeakerMemory, lexicons: Lexicons) -> Attribution | None:
    """"Photographs published by Dnestr.tv show ...", "Kazinform’s photographs show ...", "Zvezda aired footage of
    ...", "RIA Novosti reprinted the interview under the headline ...": what an outlet published, or what its images
    show, is the outlet's claim (images the author found are the author's). "The Kyrgyz Audit Chamber valued all
    Russian military aid at ...": what a body found is the body's. ``sent`` may be a clause."""
    root = sent.root
    verb = root.lemma_.lower()
    subject = own_subject(root)
    if subject is None:
        return None
    # released: images a body put out itself ("Photographs released by Hanwha show", "the ministry posted footage
    # of ..."); its images the author found stay the author's
    if subject.lower_ in IMAGES_AND_RECORDS:
        author = document_author(subject)
        released = author is not None
        maker = author or possessor(subject) or outlet_compound(subject)
        named = owner_phrase(maker) if maker is not None else None
    elif (released := releases_images(root)) or verb in PUBLISHING | FINDINGS:
        if possessor(subject) is not None or foretold(root):  # not "the ministry's export portal", nor "Prague
            return None  # may find that ...": what a body will find is the author's forecast
        named = phrase(subject)
    else:
        return None
    speaker = speaker_from_span(named, memory, lexicons) if named is not None else None
    if speaker is None:
        return None
    shown = subject.lower_ in IMAGES_AND_RECORDS or verb in PUBLISHING
    # what an outlet found out is its own claim ("The Financial Times found that ..."); what it lists or rates is not
    found = verb == "find" and has_clause(root)
    if (speaker.type == "outlet" and (shown or found)) or \
            (speaker.type == "organization" and (verb in FINDINGS or released)):
        return Attribution(speaker, root.text.lower(), root.idx)
    return None


RELEASING = {"post", "release", "publish"}


def releases_images(verb: Token) -> bool:
    """"posted footage of ...", "released a video": the verb puts out images."""
    return verb.lemma_.lower() in RELEASING and any(child.dep_ == "dobj" and child.lower_ in IMAGES_AND_RECORDS
                                                    for child in verb.children)


def outlet_compound(images: Token) -> Token | None:
    """The outlet named before images ("Sputnik Armenia photographs", "Reuters photographs"): the last of its words.
    Not satellite imagery ("Planet Labs images"): a firm that sells it has published nothing; the author read it."""
    if images.lower_ in ("images", "imagery"):
        return None
    return next((child for child in reversed(list(images.lefts))
                 if child.ent_type_ == "OUTLET" and child.dep_ in ("compound", "nsubj", "npadvmod")), None)


ACCOUNT_NOUNS = {"account", "count", "reckoning"}


def by_account(sent: Span, memory: SpeakerMemory, lexicons: Lexicons, inside_quotes: set[int]) -> Attribution | None:
    """"By the ministry's own account, ...", "by the count of Tajik border officials": whose account it is speaks."""
    for token in sent:
        if token.lower_ not in ACCOUNT_NOUNS or token.dep_ != "pobj" or token.head.lower_ != "by" \
                or token.i in inside_quotes:
            continue
        owner = possessor(token)
        of = next((child for child in token.children if child.dep_ == "prep" and child.lower_ == "of"), None)
        named = owner_phrase(owner) if owner is not None else next(
            (phrase(c) for c in (of.children if of is not None else []) if c.dep_ == "pobj"), None)
        speaker = speaker_from_span(named, memory, lexicons) if named is not None else None
        if speaker is not None:
            return Attribution(speaker, token.lower_, token.idx)
    return None


def trailing_cue(cue: Token) -> bool:
    """"..., Izvestia reported (Izvestia, February 6).": a cue closing the sentence after a comma, its subject
    right after the comma; what comes before is what was reported."""
    subject = own_subject(cue)
    if subject is None or cue.head.i >= cue.i or subject.left_edge.i == 0:
        return False
    rest = [t for t in cue.doc[cue.i + 1:cue.sent.end] if not t.is_punct]
    return cue.doc[subject.left_edge.i - 1].text == "," and (not rest or cue.nbor(1).text == "(")


def has_content(cue: Token) -> bool:
    """The cue verb governs what was said. "said the same day that ...": the parser hangs the that-clause on
    "day" as if it were a relative clause; it is still the content."""
    if any(child.dep_ in CONTENT_DEPS for child in cue.children):
        return True
    return any(child.dep_ == "npadvmod" and any(grandchild.dep_ == "relcl" and any(
        mark.dep_ in ("mark", "advmod") and mark.lower_ == "that" for mark in grandchild.children)
        for grandchild in child.children) for child in cue.children)


WITHHOLDING = {"decline", "refuse"}
RETURNS = {"report", "declare", "record"}  # see names_nothing
# A cue reached through one of these is a forecast of what someone will say ("is unlikely to welcome").
FORECASTS = {"unlikely", "likely", "certain", "sure", "bound", "expect", "set"}
NEGATORS = {"not", "n't", "never", "neither", "nor", "rarely", "seldom"}
FORETELLING_MODALS = {"will", "may", "might", "could", "'ll"}
FORETELLING_ADVERBS = {"likely", "probably", "certainly", "surely"}


def foretold(verb: Token) -> bool:
    """A verb the author foretells ("Moscow will most likely respond ...", "Minsk will almost certainly describe
    them as spare parts", "may well keep shipping the engines while insisting ..."): nobody has spoken yet."""
    return any(child.dep_ == "aux" and child.lower_ in FORETELLING_MODALS
               or child.dep_ == "advmod" and child.lower_ in FORETELLING_ADVERBS for child in verb.children)


def withheld(token: Token) -> bool:
    """A cue that says nobody spoke: "declined to say", "did not deny", "neither confirmed nor denied", "said
    nothing"."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in WITHHOLDING | {"stop", "cease"}:
        return True  # "stopped publishing the import line": what it no longer says
    if any(child.dep_ == "dobj" and names_nothing(child, token) for child in token.children):
        return True  # "has published nothing", "have confirmed none of this", "publishes no accounts"
    if token.dep_ == "conj" and any(child.lower_ == "nor" for child in token.head.children) and withheld(token.head):
        return True  # "neither confirmed nor denied": the negation sits on the first verb
    return any(child.lower_ in NEGATORS and child.dep_ in ("neg", "preconj", "advmod", "cc")
               for child in token.children)


def names_nothing(obj: Token, verb: Token) -> bool:
    """Whether a verb's object is nothing at all: "nothing", "none of this", "neither A nor B", "no accounts". Not a
    state that "reported no exports" in its return to a register, nor an agency that "records no such shipment":
    what a body books or returns, nil or not, is its own declaration."""
    if obj.lower_ in ("nothing", "none"):
        return True
    return any(word.dep_ in ("det", "preconj") and (word.lower_ == "neither" or (
        word.lower_ == "no" and verb.lemma_.lower() not in RETURNS)) for word in obj.children)


def institution_declines(cue: Token, memory: SpeakerMemory, lexicons: Lexicons) -> bool:
    """"Rosoboronexport declined to comment", "A Kremlin spokesman declined to comment": an institution's refusal
    is its own statement (how the annotators read it); a person's or a group's ("he declined to say") is the
    author's fact."""
    if cue.dep_ != "xcomp" or cue.head.lemma_.lower() not in WITHHOLDING:
        return False
    subject = own_subject(cue.head)
    if subject is None:
        return False
    said = speaker_from_span(phrase(subject), memory, lexicons)
    return said is not None and (said.type == "organization" or said.type == "unknown"
                                 and subject.lower_ not in PEOPLE_GROUPS)


def said_by_person(verb: Token, lexicons: Lexicons) -> bool:
    """Whether the verb's subject is a person: a name, "he", "the spokesman, Ihor Danylchuk", "economist Lomidze"
    (whatever the NER made of the name)."""
    subject = own_subject(verb)
    if subject is None:
        return False
    people = lexicons.titles | PEOPLE_NOUNS
    return subject.lower_ in PRONOUNS or subject.ent_type_ == "PERSON" or subject.lower_ in people \
        or any(child.dep_ == "appos" and child.ent_type_ == "PERSON" for child in subject.children) \
        or subject.pos_ == "PROPN" and any(child.dep_ == "compound" and child.lower_ in people
                                           for child in subject.children)


def is_cue_verb(token: Token, lexicons: Lexicons) -> bool:
    """A verb of saying; "made clear" and "put it at" (an estimate) count too."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.lemma_.lower() == "make":
        return any(child.lower_ == "clear" for child in token.children)
    if token.lemma_.lower() == "go":  # "Duma deputy Viktor Shamalov went further: “There will be no ...”"
        # but "BMC went further: its export director, Selim Aydın, said ...": the cue after the colon speaks
        return token.i + 2 < len(token.doc) and token.nbor(1).text == "further" and token.nbor(2).text == ":" \
            and not (token.head.i > token.i and is_cue_verb(token.head, lexicons))
    if token.lemma_.lower() == "ask":  # a person's request: "Turdukulov asked Russia to suspend arms deliveries"
        # (a state's request, "Yerevan has twice asked Minsk to end the repairs", is the author's fact in the gold)
        return any(child.dep_ == "xcomp" for child in token.children) and any(
            child.dep_ == "dobj" for child in token.children) and any(
            child.dep_ == "nsubj" and (child.ent_type_ == "PERSON" or child.lower_ in ("he", "she"))
            for child in token.children)
    if token.lemma_.lower() == "propose":  # "Sedykh proposed that Moscow ...", "proposed cutting the third ...",
        return any(child.dep_ in ("ccomp", "xcomp") for child in token.children)  # not "proposed joint work"
    if token.lemma_.lower() == "add":  # "he added that ...", "..., he added", not "Baku has added Hermes drones"
        subject = own_subject(token)
        if subject is not None and (subject.lower_ in PRONOUNS or subject.ent_type_ == "PERSON"):
            return True
        if any(child.dep_ in ("ccomp", "parataxis") for child in token.children):
            return True
        # a thing added (not a bracketed citation, nor a "that" clause the parser took for an object) is no speech
        return not any(child.dep_ == "dobj" and not inside_parentheses(token.doc[child.i:child.i + 1], token.sent)
                       and not any(mark.dep_ == "mark" for mark in child.children) for child in token.children)
    if token.lemma_.lower() == "recall":  # "Zvezda TV recalled that ...", not "Yerevan recalled its ambassador"
        return has_clause(token)
    if token.lemma_.lower() == "put":  # an estimate: "Kommersant put the value of the contract at $300 million",
        # "put the crowd at “a few dozen”"; a person's, quoted: "Danylchuk put the first shipment “not before October”"
        return any(child.dep_ == "prep" and child.lower_ == "at" and any(
            t.like_num or t.text in ("$", "€", "£", "“", '"') for t in child.subtree) for child in token.children) \
            or said_by_person(token, lexicons) and any(t.text in ("“", '"') for t in token.doc[token.i:token.sent.end])
    if token.lemma_.lower() in ("calculate", "reckon"):  # "economist Nino Lomidze calculated that ...", not
        # "Tbilisi almost certainly calculates that ...": a state's calculation is the author's reading of it; an
        # outlet's closing one ("..., Vlast.kz calculated last autumn") is its report
        subject = own_subject(token)
        return (said_by_person(token, lexicons) and has_clause(token)) \
            or subject is not None and subject.ent_type_ == "OUTLET"
    return token.lemma_.lower() in lexicons.cue_verbs


def titled_name_before(token: Token, sent: Span, lexicons: Lexicons, *, window: int = 12) -> Token | None:
    """A capitalised name in apposition to a title, just before ``token``, that the NER did not call a person."""
    for candidate in reversed(sent.doc[max(sent.start, token.i - window):token.i]):
        if candidate.pos_ == "PROPN" and candidate.dep_ == "appos" and candidate.is_title \
                and candidate.head.lower_ in lexicons.titles:
            return candidate
    return None


def named_before(aside: Token) -> Token | None:
    """The outlet, body or person named just before an aside's comma: "Kommersant, | citing a source, ..."."""
    if aside.i < 2 or aside.doc[aside.i - 1].text != ",":
        return None
    named = aside.doc[aside.i - 2]
    return named if named.ent_type_ in ("OUTLET", "PERSON", "ORG") else None


def lost_subject(cue: Token, sent: Span, *, window: int = 8) -> Span | None:
    """"..., a range near Ganja, the Azerbaijani Defense Ministry said (Mod.gov.az, October 3).": a cue closing the
    sentence (the root, or hung on what came before it) with no subject of its own, because the parser hung it
    elsewhere (here in apposition to "Ganja"). The words between the last comma and the cue, if they are a noun
    phrase with no verb; what comes before them is what was said."""
    if cue.head.i > cue.i or own_subject(cue) is not None:
        return None
    rest = [t for t in sent.doc[cue.i + 1:sent.end] if not t.is_punct]
    if rest and cue.nbor(1).text != "(" and not has_clause(cue):
        return None  # (unless what was said follows: "Asked about X, the ministry’s press service replied that")
    start = cue.i
    while start > max(sent.start, cue.i - window) and sent.doc[start - 1].text != ",":
        start -= 1
    if start == cue.i or sent.doc[start - 1].text != "," or start - 1 <= sent.start:
        return None
    span = sent.doc[start:cue.i]
    if any(t.pos_ in ("VERB", "AUX") for t in span) or span[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    return span


def nearest_person_before(token: Token, sent: Span, *, window: int = 12) -> Span | None:
    people = [ent for ent in ents_in(sent) if ent.label_ == "PERSON" and ent.end <= token.i
              and token.i - ent.end <= window]
    return people[-1] if people else None


def noun_phrase_after(span: Span) -> Span | None:
    for token in span:
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            head = token
            while head.head.i != head.i and head.head.i < span.end and head.head.i >= span.start \
                    and head.dep_ in ("compound", "amod", "poss", "det", "nmod", "npadvmod"):  # "Tel Aviv-based"
                head = head.head
            return span.doc[head.left_edge.i:head.right_edge.i + 1] if head.left_edge.i >= span.start else \
                span.doc[token.i:head.i + 1]
    return None


def remember_people(sent: Span, memory: SpeakerMemory, lexicons: Lexicons) -> None:
    for ent in ents_in(sent):
        if ent.label_ == "PERSON" and not lexicons.names_body(ent.text):
            memory.remember(ent.text, title_before(ent, lexicons))
        elif ent.label_ == "ORG" and len(ent) > 1 and ent[0].pos_ == "PROPN":
            memory.remember_organization(ent[0].text, ent.text)  # "Elbit Systems", later "Elbit"
    for match in ABBREVIATED.finditer(sent.text):  # "State Authority for Military Industry (Goskomvoenprom)"
        memory.remember_organization(match["short"], match["full"])
    for token in sent:
        # "Israel’s ambassador in Baku, Eitan Rosenblum, was ...": a titled name the NER missed
        if token.lower_ in lexicons.titles and (name := titled_appositive_name(token, lexicons)) is not None:
            memory.remember(proper_name(name), token.text)
        # an arms maker named outside brackets, whatever the NER made of it ("Tatra", "Aselsan")
        if token.pos_ == "PROPN" and token.lower_ in lexicons.maker_origin_of and token.ent_type_ in ("", "ORG") \
                and not inside_parentheses(token.doc[token.i:token.i + 1], sent):
            ent = entity_at(token)
            memory.last_business = memory.organization(ent.text if ent is not None else token.text)


def attribute_clauses(sent: Span, sentence: Attribution, bounds: list[tuple[int, int]], memory: SpeakerMemory,
                      lexicons: Lexicons, inside_quotes: set[int]) -> None:
    """Each clause of a sentence is its own cue's, else the sentence speaker's when it holds the sentence's
    cue (or the speaker runs on from a quotation), else the author's: "X said A, but he declined to comment"."""
    fronted = sentence.anchor is not None and sentence.anchor - sent.start_char < 3
    for start, end in bounds:
        if fronted:  # "According to him, A, and B": both are his
            sentence.clauses.append((start, end, sentence))
            continue
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        # "..., and satellite images published by Defense News show them at Mary-1": a clause's own outlet
        own = cue_attribution(span, memory, lexicons, inside_quotes) or published_or_found(span, memory, lexicons) \
            if span is not None else None
        if own is None:
            holds_cue = sentence.anchor is None or start <= sentence.anchor < end
            own = sentence if holds_cue or holds_speaker(span, sentence) or reported(span, sentence, inside_quotes) \
                or interjected(sent, sentence, start) else Attribution(AUTHOR)
        sentence.clauses.append((start, end, own))


def interjected(sent: Span, sentence: Attribution, clause_start: int) -> bool:
    """Whether the sentence's cue is an interjection that closes the clause before ``clause_start`` ("The letter
    was signed on January 29, he added, but no schedule has been agreed"): what follows is still the speaker's.
    Not a cue that opens the sentence ("He said A, but he declined to comment")."""
    if sentence.anchor is None or sentence.speaker.type == "author":
        return False
    cue = cue_token(sent.doc, sentence)
    subject = own_subject(cue) if cue is not None and cue.idx < clause_start else None
    if subject is None or subject.i > cue.i or cue.i - subject.right_edge.i != 1 or subject.left_edge.i <= sent.start:
        return False
    between = [token for token in sent.doc[cue.i + 1:sent.end] if token.idx < clause_start]
    return all(token.is_punct or token.dep_ == "cc" for token in between)


def cue_token(doc: Doc, sentence: Attribution) -> Token | None:
    """The token the sentence's cue starts at."""
    return next((token for token in doc if token.idx == sentence.anchor), None)


def holds_speaker(clause: Span | None, sentence: Attribution) -> bool:
    """Whether the cue's subject opens ``clause``: "Lavrentiev called the report “fantasy,” insisting that ...":
    what the speaker does in words before the cue is his claim too."""
    if clause is None or sentence.anchor is None or sentence.speaker.type == "author":
        return False
    cue = cue_token(clause.doc, sentence)
    subject = subject_of(cue) if cue is not None else None
    return subject is not None and clause.start <= subject.i < clause.end and clause.root.lemma_ in SPEECH_ACTS


# Verbs by which someone says something without a verb of saying: "called the report “fantasy”", "accused Prague of
# ...", "thanked Minsk for ...". What someone does otherwise ("handed over a battery") is the author's fact.
SPEECH_ACTS = {"call", "accuse", "thank", "attribute", "blame", "dismiss", "describe", "praise", "criticize",
               "condemn", "welcome", "urge", "brand", "label", "term", "reject", "count", "put", "hail", "question",
               "present", "cite"}


def reported(clause: Span | None, sentence: Attribution, inside_quotes: set[int]) -> bool:
    """Whether a clause without a cue of its own is what the sentence's speaker said: inside the quotation
    ("“We buy what we need,” Zhaksylykov noted") or in the cue's reported content ("he said that A and that B").
    A clause conjoined to the cue verb itself ("X said A, but he declined to comment") is not."""
    if clause is None or sentence.anchor is None or sentence.speaker.type == "author":
        return False
    words = [token for token in clause if not token.is_punct]
    if words and sum(token.i in inside_quotes for token in words) > len(words) / 2:
        return True
    opening = [token for token in words if token.dep_ != "cc"][:1]
    if opening and is_aside(opening[0], clause):
        return False
    if opening and opening[0].lower_ == "that" and opening[0].dep_ == "mark":
        return True  # "... told journalists that A and that B": the parser may hang B on the cue verb itself
    cue = cue_token(clause.doc, sentence)
    if cue is None:
        return False
    if any(token.dep_ == "conj" and token.head.i == cue.i and token.pos_ in ("VERB", "AUX")
           and not has_own_subject(token) for token in words):
        return True  # "told Kommersant that A and would keep delivering B": the parser hangs B on the cue verb
    content = {token.i for child in cue.children if child.dep_ in ("ccomp", "parataxis") for token in child.subtree}
    return bool(words) and sum(token.i in content for token in words) > len(words) / 2


def is_aside(first: Token, clause: Span) -> bool:
    """A clause that is only a noun phrase ("—a charge offered without any evidence"): the author's comment on
    what was said, not part of it. Its noun hangs outside the clause; a full clause's subject does not."""
    noun = first.head
    return first.dep_ == "det" and first.lower_ in ("a", "an") and noun.pos_ == "NOUN" \
        and not clause.start <= noun.head.i < clause.end


def attribute_sentences(doc: Doc, lexicons: Lexicons, *, quoted: set[int], inside_quotes: set[int],
                        clauses: list[list[tuple[int, int]]] | None = None) -> list[Attribution]:
    """One Attribution per sentence of ``doc``. ``quoted``: indices of sentences with a quotation;
    ``inside_quotes``: indices of tokens inside quotation marks; ``clauses``: each sentence's clause spans,
    each attributed on its own when a sentence has several."""
    memory = SpeakerMemory()
    results: list[Attribution] = []
    sents = list(doc.sents)
    for index, sent in enumerate(sents):
        remember_people(sent, memory, lexicons)
        found = cue_attribution(sent, memory, lexicons, inside_quotes) \
            or colon_attribution(sent, memory, lexicons, inside_quotes) \
            or speech_act_attribution(sent, memory, lexicons, inside_quotes) \
            or published_or_found(sent, memory, lexicons)
        previous = results[-1] if results else None
        # A sentence that opens in quotes is still the previous speaker's when the quotation runs on from it, or
        # when the parser cut one sentence before its quoted predicate ("X admitted that the MiG-29s sent to Russia
        # | “have not come back”"). One that opens in the author's words ("The 2021 budget nevertheless funds “two
        # patrol vessels”") only quotes a phrase.
        if found is None and previous and previous.speaker.type != "author" and opens_in_quotes(sent, inside_quotes) \
                and ((index in quoted and index - 1 in quoted) or not ends_sentence(sents[index - 1])):
            found = Attribution(previous.speaker, previous.cue)
        attribution = found or Attribution(AUTHOR)
        bounds = clauses[index] if clauses is not None else []
        if len(bounds) > 1:
            attribute_clauses(sent, attribution, bounds, memory, lexicons, inside_quotes)
        results.append(attribution)
        named = [ent.text for ent in ents_in(sent) if ent.label_ == "OUTLET" and not inside_parentheses(ent, sent)]
        memory.last_outlet = named[-1] if named else memory.last_outlet
        if attribution.speaker.type in ("organization", "outlet"):
            memory.last_body = attribution.speaker
    for index in range(len(results) - 2, -1, -1):  # "“A. B,” Zhaksylykov noted": A is his too
        here, after = results[index], results[index + 1]
        if here.anchor is None and here.speaker.type == "author" and not here.clauses \
                and after.speaker.type != "author" and quote_runs_on(sents[index], sents[index + 1], inside_quotes):
            results[index] = Attribution(after.speaker, after.cue)
    return results


def ends_sentence(sent: Span) -> bool:
    """Whether ``sent`` ends as a written sentence does (a full stop, a question or exclamation mark, maybe inside
    a closing quotation mark), not where the parser cut one in two."""
    return sent.text.rstrip().rstrip("”’\"'").endswith((".", "!", "?"))


def opens_in_quotes(sent: Span, inside_quotes: set[int]) -> bool:
    words = [token for token in sent if not token.is_punct]
    return bool(words) and words[0].i in inside_quotes


def quote_runs_on(sent: Span, following: Span, inside_quotes: set[int]) -> bool:
    """Whether a quotation opened in ``sent`` is still open when ``following`` begins."""
    words = [token for token in sent if not token.is_punct]
    return opens_in_quotes(sent, inside_quotes) and words[-1].i in inside_quotes \
        and opens_in_quotes(following, inside_quotes)
