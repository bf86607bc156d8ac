"""Doc + ArticleRecord -> ClaimRecords: one per claim sentence, one per arms-transfer frame.

Each body sentence that asserts something becomes a claim with its speaker and cue, quotation,
certainty, the citations closing that same sentence, and (for arms) a transfer frame.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pipeline.errors import ClaimExtractionFailed, UnbalancedQuote
from pipeline.extract.doccache import entity_at, ents_in, text_of
from pipeline.extract.first_person import fill_first_person
from pipeline.extract.hedges import certainty
from pipeline.extract.kind_model import KindModel, choose_kinds, load_kind_model
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.quotes import QuoteSpan, quotations, unbalanced_quote_marks
from pipeline.extract.side_model import SideModel, choose_sides, load_side_model
from pipeline.extract.speakers import Attribution, attribute_sentences
from pipeline.extract.status_model import StatusModel, choose_status, load_status_model
from pipeline.extract.transfer_frame import VALUE, Frame, transfer_of
from pipeline.extract.transfer_mentions import restated_pair
from pipeline.extract.transfer_syntax import (
    acts_as_verb,
    has_clause,
    has_own_subject,
    inside_parentheses,
    subject_of,
    verbless,
)
from pipeline.extract.transfers import transfer_frames
from pipeline.nlp.citation_grammar import citation_parentheticals
from pipeline.schema import ArticleRecord, Citation, ClaimRecord, Problem, Quote

MIN_CLAIM_WORDS = 5
# A short sentence is a transition ("Moscow reacted sharply.") unless it judges something: "That seems unlikely.",
# "He is probably right.", "Neither claim holds up."
JUDGMENTS = {"right", "wrong", "unlikely", "doubtful", "untrue", "true", "false", "correct", "incorrect", "plausible",
             "implausible", "accurate", "inaccurate", "holds"}
PARENTHETICAL = re.compile(r"\([^()]*\)")


class Choosers(NamedTuple):
    """The trained models that re-read what the rules made of a claim: its transfer's sides and status, its kind."""
    sides: SideModel
    status: StatusModel
    kind: KindModel | None  # None while the kind chooser itself is trained


def trained_models(*, kinds: bool = True) -> Choosers:
    """The choosers, loaded once per process."""
    return Choosers(load_side_model(), load_status_model(), load_kind_model() if kinds else None)


def claim_id(article_id: str, start: int, end: int, ordinal: int) -> str:
    key = f"{article_id}:{start}:{end}:{ordinal}"
    return "claim-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def body_ranges(record: ArticleRecord) -> list[tuple[int, int]]:
    return [(section.start, section.end) for section in record.sections if section.kind == "body"]


def in_body(sent: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= sent.start_char < end for start, end in ranges)


def is_claim_sentence(sent: Span, lexicons: Lexicons) -> bool:
    text = sent.text.strip()
    words = [token for token in sent if token.is_alpha]
    if text.endswith("?"):
        return False
    if len(words) < MIN_CLAIM_WORDS and not ents_in(sent) and not any(t.lower_ in JUDGMENTS for t in words):
        return False
    # A verb, or a seller's verb the tagger made a noun ("Germany and Norway supply | Ukraine with ...")
    return not verbless(sent) or any(acts_as_verb(token, lexicons) for token in sent)


def sentence_citations(sent: Span, record: ArticleRecord) -> list[Citation]:
    return [c for c in record.citations if sent.start_char <= c.start < sent.end_char]


def sentence_quote(sent: Span, quotes: list[QuoteSpan]) -> Quote | None:
    for quote in quotes:
        start, end = max(quote.start, sent.start_char), min(quote.end, sent.end_char)
        if start < end:
            return Quote(text=text_of(sent.doc)[start:end], start=start, end=end)
    return None


def kind_of(sent: Span, attribution: Attribution, lexicons: Lexicons, cues: list[str]) -> str:
    if attribution.speaker.type != "author":
        return "statement"
    plain = PARENTHETICAL.sub(" ", sent.text)
    if VALUE.search(plain) or any(ent.label_ in ("PERCENT", "MONEY") for ent in ents_in(sent)):
        return "statistic"
    lowered = {token.lower_ for token in sent} | {token.lemma_.lower() for token in sent}
    if cues or lowered & lexicons.assessment_words:
        return "assessment"
    # A dated or counted past event is a checkable fact; anything else the author writes is judgment.
    past_event = sent.root.tag_ in ("VBD", "VBN") or any(t.tag_ == "VBD" for t in sent.root.children)
    if past_event and any(ent.label_ in ("DATE", "CARDINAL", "TIME", "QUANTITY") for ent in ents_in(sent)):
        return "other"
    return "assessment" if sent.root.tag_ in ("VBZ", "VBP", "MD") else "other"


def trimmed_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = text_of(doc)[start:end]
    return start + (len(text) - len(text.lstrip())), start + len(text.rstrip())


def clause_bounds(sent: Span, lexicons: Lexicons) -> list[tuple[int, int]]:
    """Character spans of the independent clauses of ``sent``: split at ";" and before a conjoined
    clause that has its own subject ("Russia sells arms to Azerbaijan, but it also supplies Armenia")."""
    cuts = []
    depth = 0  # a ";" inside brackets separates cited sources, "(APA; Haqqin.az, April 28)", not clauses
    for token in sent:
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]"):
            depth -= 1
        if token.text == ";" and token.i + 1 < sent.end and depth <= 0:
            cuts.append((token.idx, token.idx + 1))
        elif token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and depth <= 0 \
                and opens_clause(token, sent, lexicons):
            # (not inside brackets: "(Nasha Niva, September 15; see EDM, September 9)" is a citation, not a clause)
            left = token.left_edge
            previous = sent.doc[left.i - 1] if left.i > sent.start else None
            boundary = left.idx
            # (a closing quotation mark or bracket stays with the clause it closes)
            while previous is not None and (previous.dep_ == "cc" or previous.text in (",", "—", "–")) \
                    and previous.i >= sent.start:
                boundary = previous.idx
                previous = sent.doc[previous.i - 1] if previous.i > sent.start else None
            cuts.append((boundary, left.idx))
    cuts += cited_then_conceded(sent)
    if (aside := trailing_aside(sent)) is not None:
        cuts.append((sent.doc[aside.i - 1].idx, aside.idx))
    bounds, start = [], sent.start_char
    for cut_start, cut_end in sorted(cuts):
        if cut_start > start:
            bounds.append((start, cut_start))
        start = cut_end
    bounds.append((start, sent.end_char))
    return [trimmed_span(sent.doc, a, b) for a, b in bounds if text_of(sent.doc)[a:b].strip(" ,;—")]


COMPLEMENTS = ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative")


def opens_clause(verb: Token, sent: Span, lexicons: Lexicons) -> bool:
    """Whether a conjoined verb opens a claim of its own: it has its own subject ("Russia sells arms to Azerbaijan,
    but it also supplies Armenia"), or it is a second full predicate of the main or the reported clause
    ("the ministry called the report “slander” and said that ...", "told Kommersant that Moscow was “not
    worried” and would keep delivering TOS-1A launchers"), as the gold splits them."""
    head = verb.head
    if not (head.i == sent.root.i or head.dep_ == "ccomp"):  # (a second "that" clause hangs on a ccomp too)
        return False
    if misread_content(verb, lexicons):
        return False
    if has_own_subject(verb):
        return head.i == sent.root.i or second_that_clause(verb) or second_speaker(verb, lexicons)
    if quoted_at(verb, sent):  # "“has never stopped helping our allies and never will”": one quotation, one claim
        return False
    joined = any(child.dep_ == "cc" and child.lower_ in ("and", "but") for child in head.children if child.i < verb.i)
    first_done = any(child.dep_ in COMPLEMENTS and child.i < verb.i for child in head.children)
    own = [child for child in verb.children if child.dep_ in COMPLEMENTS or child.dep_ == "prep"]
    return joined and first_done and bool(own) and verb.right_edge.i - verb.i >= 3


def misread_content(verb: Token, lexicons: Lexicons) -> bool:
    """"Tert.am reported, citing a government source, that a delegation had visited ...": after an aside the
    parser may conjoin the "that" clause to the verb of saying; it is still what was said, not a second claim."""
    head = verb.head
    that = next((child for child in verb.children if child.dep_ == "mark" and child.lower_ == "that"), None)
    if head.lemma_.lower() not in lexicons.cue_verbs or that is None or that.i < head.i:
        return False
    # Only an aside stands between them: no clause of its own ("stated that A and that B" is two claims)
    between = verb.doc[head.i + 1:that.i]
    return any(t.tag_ == "VBG" for t in between) and not any(
        t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" or t.dep_ == "mark" for t in between)


def quoted_at(token: Token, sent: Span) -> bool:
    """Whether ``token`` stands inside a quotation opened earlier in ``sent``."""
    before = text_of(sent.doc)[sent.start_char:token.idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def second_that_clause(verb: Token) -> bool:
    """"X said that A and that B": B, conjoined to the reported clause A, is a second claim of X's (the speaker
    stays X's: see ``reported`` in speakers.py)."""
    return verb.head.dep_ == "ccomp" and any(child.dep_ == "mark" and child.lower_ == "that" for child in verb.children)


def second_speaker(verb: Token, lexicons: Lexicons) -> bool:
    """"Moscow insists that A, and its spokesman said that B": B, though the parser hangs it on A, is a claim of
    a second speaker's, with its own verb of saying and what was said."""
    return verb.head.dep_ == "ccomp" and verb.lemma_.lower() in lexicons.cue_verbs \
        and has_clause(verb)


def resolve_pronoun_sides(frames: list[Frame]) -> None:
    """"Russia sells arms to Azerbaijan, but it also supplies weaponry to Armenia": a pronoun subject takes the
    sides of the sentence's earlier frame. Sides are never carried over from other sentences: the spec says an
    implicit side stays null."""
    for position, frame in enumerate(frames):
        if (frame.supplier is None) == (frame.recipient is None):
            continue
        subject = subject_of(frame.anchor)
        earlier = [f for f in frames[:position] if f.supplier and f.recipient]
        if subject is not None and subject.lower_ in ("it", "they") and earlier:
            frame.supplier = frame.supplier or earlier[-1].supplier
            frame.recipient = frame.recipient or earlier[-1].recipient


def sentence_claims(sent: Span, index: int, attribution: Attribution, *, clauses: list[tuple[int, int]],
                    record: ArticleRecord, quotes: list[QuoteSpan], lexicons: Lexicons,
                    models: Choosers | None, provenance) -> Iterator[ClaimRecord]:
    frames = transfer_frames(sent, lexicons)
    resolve_pronoun_sides(frames)
    if models is not None:
        choose_sides(frames, sent, lexicons, models.sides)
        choose_status(frames, sent, models.status)
    citations = sentence_citations(sent, record)
    for clause_index, (start, end) in enumerate(clauses):
        if len(clauses) > 1:
            start, end = trim_clause(sent.doc, start, end)
        text = text_of(sent.doc)[start:end]
        level, cues = certainty(PARENTHETICAL.sub(" ", text), lexicons)
        clause = sent.doc.char_span(start, end, alignment_mode="expand")
        said = attribution.for_clause(start, end)
        common = dict(
            article_id=record.article_id, sentence_index=index, text=text, start=start, end=end,
            speaker=said.speaker, cue=said.cue, quote=sentence_quote(clause, quotes),
            certainty=level, certainty_cues=cues, citations=citations, provenance=provenance,
        )
        # A frame belongs to the clause that holds its anchor; a sentence of one clause takes them all.
        own = [f for f in frames if len(clauses) == 1 or start <= f.anchor.idx < end]
        if not own:
            yield ClaimRecord(claim_id=claim_id(record.article_id, start, end, 0),
                              kind=kind_of(clause, said, lexicons, cues), **common)
        for ordinal, frame in enumerate(own):
            fill_first_person(frame, said.speaker, sent.doc, lexicons)
            yield ClaimRecord(claim_id=claim_id(record.article_id, start, end, ordinal), kind="arms_transfer",
                              arms_transfer=transfer_of(frame), **common)


LEADING_CONJUNCTION = re.compile(r"^\s*(?:(?:and|but|while|yet|or|so|though|although)\s+)?")


CONCESSION = re.compile(r"\)\s*,\s*(?=(?:though|although|but|while)\s)")


def cited_then_conceded(sent: Span) -> list[tuple[int, int]]:
    """Cuts after a citation that a concession follows: "X confirmed A (Mil.gov.ua, March 2), though no details
    were provided". The citation closes what the source said; what follows is a second claim."""
    matches = list(CONCESSION.finditer(sent.text))
    if not matches:  # most sentences: no need to read their citations
        return []
    cited = {paren.end for paren in citation_parentheticals(sent.text)}  # offsets of their closing brackets
    return [(sent.start_char + m.start() + 1, sent.start_char + m.end()) for m in matches if m.start() in cited]


CLOSING_CITATION = re.compile(r"^\s*(?:\([^()]*\))?\s*[.!]?\s*$")


def trailing_aside(sent: Span) -> Token | None:
    """The determiner opening the author's comment that closes a sentence: "X claimed A (News-Front, May 9)—a
    charge offered without any evidence", "..., an assertion with no evidence behind it". Only after a dash, or
    after a comma that follows a citation, so "Avetisyan, a deputy minister, said" is no aside."""
    doc = sent.doc
    for token in sent:
        if token.dep_ != "det" or token.lower_ not in ("a", "an") or token.i < sent.start + 3:
            continue
        before = doc[token.i - 1]
        if not (before.text in ("—", "–") or before.text == "," and doc[token.i - 2].text == ")"):
            continue
        noun = token.head
        if noun.pos_ != "NOUN" or noun.i < token.i or noun.left_edge.i < token.i:
            continue
        rest = text_of(doc)[noun.right_edge.idx + len(noun.right_edge.text):sent.end_char]
        if CLOSING_CITATION.match(rest):
            return token
    return None


def trim_clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop the leading conjunction and trailing punctuation a clause split leaves behind."""
    text = text_of(doc)[start:end]
    lead = LEADING_CONJUNCTION.match(text).end()
    return start + lead, start + len(text.rstrip(" ,;—"))


def article_claims(doc: Doc, record: ArticleRecord, lexicons: Lexicons, *, rules_only: bool = False,
                   kinds: bool = True) -> tuple[list[ClaimRecord], list[Problem]]:
    """The article's claims. ``rules_only`` leaves every transfer's sides and status, and every claim's kind, to the
    hand-written rules (the trained choosers' input), for tests of the rules themselves; ``kinds=False`` leaves the
    kinds only (the kind chooser's input)."""
    problems = [
        Problem(input=record.input, code=UnbalancedQuote.code, stage="tag", start=start, end=end,
                message="unbalanced quotation marks in this paragraph; quotes in it may be cut short")
        for start, end in unbalanced_quote_marks(text_of(doc))
    ]
    quotes = list(quotations(doc))
    sents = list(doc.sents)
    quoted = {i for i, sent in enumerate(sents) if sentence_quote(sent, quotes)}
    inside = {token.i for quote in quotes for token in doc.char_span(quote.start, quote.end, alignment_mode="expand") or []}
    clauses = [clause_bounds(sent, lexicons) for sent in sents]  # once: speakers and claims both split by clause
    attributions = attribute_sentences(doc, lexicons, quoted=quoted, inside_quotes=inside, clauses=clauses)
    ranges = body_ranges(record)
    # Loaded outside the per-sentence guard: a missing model fails the run, with the command that rebuilds it.
    models = None if rules_only else trained_models(kinds=kinds)
    claims: list[ClaimRecord] = []
    for index, (sent, attribution) in enumerate(zip(sents, attributions)):
        if not in_body(sent, ranges) or not is_claim_sentence(sent, lexicons):
            continue
        try:
            claims.extend(sentence_claims(sent, index, attribution, clauses=clauses[index], record=record,
                                          quotes=quotes, lexicons=lexicons, models=models,
                                          provenance=record.provenance))
        except Exception as err:  # one sentence the rules cannot handle must not cost the article
            problems.append(Problem(input=record.input, code=ClaimExtractionFailed.code, stage="tag",
                                    start=sent.start_char, end=sent.end_char,
                                    message=f"claim extraction failed for this sentence: {type(err).__name__}: {err}"))
    restate_known_pairs(doc, claims, lexicons)
    if models is not None and models.kind is not None:
        try:
            claims = choose_kinds(doc, claims, lexicons, models.kind, models.sides, models.status)
        except Exception as err:  # the rules' kinds are still claims worth writing
            problems.append(Problem(input=record.input, code=ClaimExtractionFailed.code, stage="tag",
                                    message=f"the kind chooser failed, so the rules' kinds stand: "
                                            f"{type(err).__name__}: {err}"))
    return spread_over_coordination(doc, claims, lexicons), problems


def spread_over_coordination(doc: Doc, claims: list[ClaimRecord], lexicons: Lexicons) -> list[ClaimRecord]:
    """"Russia and China both supply the Tajik border troops", "deliveries to both Kyrgyzstan and Tajikistan": a
    side coordinated with other countries in the claim's clause is one transfer per country, as the gold has it.
    Runs last, so it also spreads the sides the choosers picked for frames with no coordinated parse of their own."""
    taken: dict[int, set[tuple]] = {}  # per sentence, the pairs already written: none is written twice
    for claim in claims:
        if claim.arms_transfer:
            taken.setdefault(claim.sentence_index, set()).add((claim.arms_transfer.supplier,
                                                               claim.arms_transfer.recipient))
    spread: list[ClaimRecord] = []
    for claim in claims:
        spread.append(claim)
        transfer = claim.arms_transfer
        clause = doc.char_span(claim.start, claim.end, alignment_mode="expand") if transfer else None
        if clause is None:
            continue
        written = taken[claim.sentence_index]
        for role in ("supplier", "recipient"):
            side = getattr(transfer, role)
            for country in coordinated_countries(clause, side, lexicons):
                pair = (country, transfer.recipient) if role == "supplier" else (transfer.supplier, country)
                if pair[0] == pair[1] or pair in written:  # "Turkey and Azerbaijan signed": parties, not two sellers
                    continue
                written.add(pair)
                ordinal = sum(c.start == claim.start and c.end == claim.end for c in [*claims, *spread])
                spread.append(claim.model_copy(update={
                    "claim_id": claim_id(claim.article_id, claim.start, claim.end, ordinal),
                    "arms_transfer": transfer.model_copy(update={role: country})}))
    return spread


def coordinated_countries(clause: Span, side: str | None, lexicons: Lexicons) -> list[str]:
    """The other countries coordinated with a mention of ``side`` in ``clause`` ("Russia and China",
    "both Bishkek and Dushanbe"), outside brackets, in order."""
    if side is None:
        return []
    found: list[str] = []
    for ent in ents_in(clause):
        if ent.label_ not in ("GPE", "NORP", "ORG") or lexicons.country(ent.text) != side \
                or inside_parentheses(ent, clause):
            continue
        for token in ent.root.conjuncts:
            other = entity_at(token) if clause.start <= token.i < clause.end else None
            country = lexicons.country(other.text) if other is not None else None
            if country and country != side and country not in found:
                found.append(country)
    return found


def restate_known_pairs(doc: Doc, claims: list[ClaimRecord], lexicons: Lexicons) -> None:
    """A claim with no transfer frame that names arms and exactly the two countries of a transfer read elsewhere in
    the article restates that transfer ("Baku will most likely remain one of Minsk's most lucrative customers").
    Both sides are written in the claim; the article's other claims say which of the two supplies."""
    pairs = {(c.arms_transfer.supplier, c.arms_transfer.recipient) for c in claims
             if c.arms_transfer and c.arms_transfer.supplier and c.arms_transfer.recipient}
    if not pairs:
        return
    for position, claim in enumerate(claims):
        if claim.kind == "arms_transfer":
            continue
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        frame = restated_pair(span, pairs, lexicons) if span is not None else None
        if frame is not None:
            claims[position] = claim.model_copy(update={"kind": "arms_transfer", "arms_transfer": transfer_of(frame)})
