"""The arms-transfer frame: its sides, items and status, with the period, quantity and value the clause states."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pipeline.extract.doccache import ents_in, text_of
from pipeline.extract.lexicons import Lexicons
from pipeline.extract.transfer_syntax import inside_parentheses
from pipeline.schema import ArmsTransfer

YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*(?:[-–]|to|and)\s*(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b")


QUANTITY = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                      r"several|hundreds)\s+(?:[A-Z][\w-]*\s+){0,2}(?:units|launchers|systems|aircraft|drones|tanks|helicopters|vessels|"
                      r"boats|batteries|missiles|jets|fighters|howitzers|ships|corvettes|vehicles)\b", re.I)


VALUE = re.compile(r"(?:\$|€|£|US\$)\s?\d[\d.,]*\s*(?:million|billion|bn|m)?|\b\d[\d.,]*\s*(?:percent|%)|"
                   r"\b\d[\d.,]*\s*(?:million|billion)\s+(?:dollars|euros|rubles|manats)", re.I)


@dataclass
class Frame:
    anchor: Token
    supplier: str | None
    recipient: str | None
    items: list[str] = field(default_factory=list)
    status: str = "unknown"
    period: str | None = None
    quantity: str | None = None
    value: str | None = None
    start: int = 0  # character span of the clause the frame spans
    end: int = 0


def transfer_of(frame: Frame) -> ArmsTransfer:
    """The frame as the claim record writes it."""
    return ArmsTransfer(supplier=frame.supplier, recipient=frame.recipient, items=frame.items, status=frame.status,
                        period=frame.period, quantity=frame.quantity, value=frame.value)


MODAL_FUTURE = {"will", "would", "shall", "'ll", "’ll"}


MODAL_POSSIBLE = {"can", "could", "may", "might"}


NEGATIONS = {"not", "never", "n't", "no", "deny", "refute", "reject", "dismiss", "refuse"}


def transfer_status(anchor: Token, lexicons: Lexicons) -> str:
    """How far the transfer got, read from the words that govern the anchor (first match wins)."""
    governors = [anchor, *list(anchor.ancestors)[:3]]
    lemmas = {token.lemma_.lower() for token in governors} | {
        child.lemma_.lower() for token in governors for child in token.children
        if child.dep_ in ("aux", "neg", "advmod", "auxpass", "prep", "dobj", "xcomp", "acomp")}
    words = lexicons.status_words
    if lemmas & NEGATIONS:
        return "denied"
    if lemmas & words["curtailed"]:
        return "curtailed"
    if lemmas & MODAL_FUTURE or lemmas & words["planned"]:
        return "planned"
    if lemmas & words["considered"] or lemmas & MODAL_POSSIBLE or lemmas & {"consideration", "proposal", "propose", "option"}:
        return "considered"
    if anchor.lemma_.lower() in words["agreed"] or lemmas & {"sign", "agree", "conclude", "contract", "clear"}:
        return "agreed"
    if anchor.lemma_.lower() in words["delivered"] or "delivery" in lemmas or lemmas & {"continue", "donate"}:
        return "delivered"
    return "unknown"


def weapons_named(sent: Span, start: int, end: int) -> list[str]:
    """The weapon systems ``sent`` names between two character offsets, each once, outside its brackets."""
    return list(dict.fromkeys(ent.text for ent in ents_in(sent) if ent.label_ == "WEAPON" and start <= ent.start_char
                              and ent.end_char <= end and not inside_parentheses(ent, sent)))


def details(frame: Frame, sent: Span) -> Frame:
    text = text_of(sent.doc)[frame.start:frame.end]
    if not frame.items:  # "Moscow gave Serbia six used MiG-29s", parsed with no object: the clause's weapons
        frame.items = weapons_named(sent, frame.start, frame.end)
    if match := YEAR_RANGE.search(re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)):
        frame.period = match.group()
    if match := QUANTITY.search(text):
        frame.quantity = match.group()
    if match := VALUE.search(text):
        frame.value = match.group().strip()
    return frame


def fill_missing(supplier: str | None, recipient: str | None, *, countries: list[str],
                 item_origin: str | None) -> tuple[str | None, str | None]:
    """Fill a missing side from the sentence: the supplier from the system's maker, the recipient from the only
    other country named. The only other country is not taken as the supplier: on the dev articles that was wrong
    more often than right ("Georgia will receive the drones, a Russian diplomat warned")."""
    if supplier is None and item_origin and item_origin != recipient:
        supplier = item_origin
    others = [country for country in countries if country not in (supplier, recipient)]
    if recipient is None and supplier is not None and len(others) == 1:
        recipient = others[0]
    return supplier, recipient
