"""Label matching that survives how people actually title things.

Templates say "The sharing of information" where the lexicon says "information
sharing", "Who will do what, and by when?" for "actions", "Views of the child" for "child's
views".  A label is reduced to a *bag of stems* (lower case, light suffix stripping,
filler words dropped, order ignored) and compared with each synonym's bag; stems that
differ by a typo still match (rapidfuzz, for words of six letters or more).

Pure functions, no spaCy: the structure pass calls this for every heading and table
header, and start-up must stay cheap.
"""

from __future__ import annotations

import functools
import re

__all__ = ["stem", "stems", "bag_matches", "FILLER"]

#: Words that carry no meaning in a label.  Question words (who, what, when, how) are
#: kept: "Who will do what, and by when?" is an action heading because of them.
FILLER = frozenset(
    "a an the of and or to for in on at by with from as is are be been being was were will would "
    "shall should do does did has have had any all this that these those there their its it our "
    "your his her s please i e g eg ie etc if where appropriate including include".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_MIN_FUZZY = 7
_FUZZY_SCORE = 85


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light English stem: plural, -ing, -ed, -ies and a final e folded, so that
    'sharing'/'share'/'shared', 'concerns'/'concern', 'worried'/'worry' meet."""
    w = word.lower()
    if len(w) <= 3:
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            w = w[: -len(suffix)] + repl
            break
    else:
        if w.endswith("ing") and len(w) > 5:
            w = w[:-3]
        elif w.endswith("ed") and len(w) > 4:
            w = w[:-2]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # 'planned' -> 'plann' -> 'plan'
    return w


@functools.lru_cache(maxsize=8192)
def stems(text: str) -> frozenset[str]:
    """The bag of meaningful stems of a label (order-free)."""
    words = _WORD.findall(text.lower().replace("’", "'").replace("'s", ""))
    return frozenset(stem(w) for w in words if w not in FILLER)


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < _MIN_FUZZY or len(b) < _MIN_FUZZY or a[0] != b[0]:
        return False
    from rapidfuzz.fuzz import ratio

    return ratio(a, b) >= _FUZZY_SCORE


def bag_matches(synonym: frozenset[str], label: frozenset[str]) -> bool:
    """True if every stem of ``synonym`` is in ``label`` (typos allowed)."""
    if not synonym or len(synonym) > len(label):
        return False
    return all(any(_same(s, t) for t in label) for s in synonym)
