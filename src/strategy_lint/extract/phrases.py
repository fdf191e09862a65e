"""Phrase lists (lexicon data, rule options) as whole-word regular expressions.

Rules match word lists from the lexicon and their options the same way: whole words,
longest phrase first, any run of spaces between words, typographic apostrophes folded.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable


def phrase_source(phrases: Iterable[str], *, exact_caps: bool = True) -> str | None:
    """:func:`_source` of a list, memoised: the readings ask for the same lexicon list once
    per sentence, and building the pattern was a quarter of a record's lint time."""
    return _source(tuple(phrases), exact_caps)


@functools.lru_cache(maxsize=512)
def _source(phrases: tuple[str, ...], exact_caps: bool) -> str | None:
    """The regex source for any of ``phrases`` as whole words, or None for an empty list.

    With ``exact_caps``, an all-capital phrase ("EDT", "CSC") matches only in capitals, so
    an abbreviation is not found inside ordinary words written in lower case.
    """
    loose: list[str] = []
    exact: list[str] = []
    for p in sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.replace("’", "'").split())
        (exact if exact_caps and p.isupper() and len(p) > 1 else loose).append(body)
    parts = ([f"(?i:{'|'.join(loose)})"] if loose else []) + ([f"(?-i:{'|'.join(exact)})"] if exact else [])
    return rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)" if parts else None


def phrase_pattern(phrases: Iterable[str], *, exact_caps: bool = True) -> re.Pattern[str] | None:
    """:func:`phrase_source`, compiled."""
    return _compiled(tuple(phrases), exact_caps)


@functools.lru_cache(maxsize=512)
def _compiled(phrases: tuple[str, ...], exact_caps: bool) -> re.Pattern[str] | None:
    src = _source(phrases, exact_caps)
    return re.compile(src) if src else None
