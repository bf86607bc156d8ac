"""Coded, actionable error messages. Library code raises these; the CLI turns them into one line."""

from __future__ import annotations


class ClaimsError(Exception):
    """Base class: ``code`` is stable so users and tests can match on it."""

    code = "E000"

    def __init__(self, input_name: str, message: str):
        self.input_name = input_name
        self.message = message
        super().__init__(f"{input_name}: {message} [{self.code}]")


class InputNotFound(ClaimsError):
    code = "E001"


class InputUnreadable(ClaimsError):
    code = "E002"


class EmptyInput(ClaimsError):
    code = "E003"


class BinaryInput(ClaimsError):
    code = "E004"


class EncodingError(ClaimsError):
    code = "E005"


class InputTooLarge(ClaimsError):
    code = "E006"


class MalformedInput(ClaimsError):
    code = "E007"


class NoArticleText(ClaimsError):
    code = "E008"


class NoArticlesFound(ClaimsError):
    code = "E009"


class UnsupportedInput(ClaimsError):
    code = "E010"


class TaggingFailed(ClaimsError):
    code = "E011"


class ModelMissing(ClaimsError):
    code = "E012"


class OutputLocked(ClaimsError):
    code = "E013"


class UnresolvedYear(ClaimsError):
    code = "E014"


class UnbalancedQuote(ClaimsError):
    code = "E015"


class ClaimExtractionFailed(ClaimsError):
    code = "E016"


class FetchFailed(ClaimsError):
    code = "E017"


class RobotsDisallowed(ClaimsError):
    code = "E018"


class UnsupportedContent(ClaimsError):
    code = "E019"


class MalformedFeed(ClaimsError):
    code = "E020"


class RunNotFound(ClaimsError):
    code = "E021"


class InvalidDecision(ClaimsError):
    code = "E022"


class UnknownClaim(ClaimsError):
    code = "E023"


class DaskUnavailable(ClaimsError):
    code = "E024"
