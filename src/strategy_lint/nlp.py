"""The shared spaCy pipeline: offline, rule-based, generated from the lexicon.

Rules never build their own pipeline: they ask for ``ctx.nlp`` (which calls
:func:`get_pipeline`) and read it through the helpers here, which return plain
dataclasses so that no spaCy type leaks into rule code.

spaCy is imported inside the functions, never at module level: importing this module
must stay cheap, because start-up must stay fast when no selected rule needs language
work.

Matching:

* agency and role **names** and lexicon **phrases** match case-insensitively, as whole
  words (a phrase token in capitals, such as "PECS" or "CSC", matches case-sensitively);
* **abbreviations** match case-sensitively, as whole tokens: "DS" does not match inside
  "DSL", and "gp" in running text is not "GP";
* when the same words are listed for a role and an agency ("HV", "GP", "DSL"), the ROLE
  wins; :func:`agencies_in` maps a role back to its agency;
* "SW" is ambiguous (social worker / South West).  A small component after the ruler
  drops it when it is followed by "Child Protection Procedures", "CPP", "region",
  "peninsula", "England" or "area", or when it follows "in/across/throughout/around the"
  (a place, as in "lives in the SW").  Plain "the SW" is kept: in minutes it almost
  always means the social worker ("the SW will visit").
"""

from __future__ import annotations

import functools
import re
import threading
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .lexicon import Lexicon

__all__ = [
    "LABELS",
    "PHRASE_LABELS",
    "Mention",
    "get_pipeline",
    "mentions",
    "mentions_many",
    "agencies_in",
    "agencies_in_many",
    "sentences",
    "has_label",
    "is_placeholder",
    "clear_cache",
    "prime",
]

#: Ruler label -> lexicon phrase list that feeds it.  Order matters: on identical
#: wording the first label listed wins.
PHRASE_LABELS: dict[str, str] = {
    "NO_CONCERNS": "no_concerns",
    "TOO_YOUNG": "too_young",
    "PARENT_VIEW": "parent_view",
    "CONTACT": "contact_modes",
    "NONVERBAL": "nonverbal",
    "OBSERVATION": "observation",
    "PLACEHOLDER": "placeholders",
}

LABELS: tuple[str, ...] = ("AGENCY", "ROLE", *PHRASE_LABELS)

_RULER_NAME = "strategy_lint_ruler"
_SW_FILTER = "strategy_lint_sw_filter"


@dataclass(frozen=True)
class Mention:
    """One match in a text.

    ``start``/``end`` are character offsets into the text given.  ``key`` is the agency
    or role key (None for phrase labels).  ``role`` is set by :func:`agencies_in` when
    the agency was inferred from a role title ("HV" -> health-visiting).
    """

    label: str
    key: str | None
    text: str
    start: int
    end: int
    role: str | None = None


# -- building the pipeline ---------------------------------------------------------------

_CACHE: dict[tuple[int, str | None], tuple[Any, Language]] = {}
_ROLE_AGENCY: weakref.WeakKeyDictionary[Language, dict[str, str]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def get_pipeline(lexicon: Lexicon | None = None, model: str | None = None) -> Language:
    """Return the pipeline for ``lexicon`` (default: the built-in one), built once per process.

    ``model`` may name an installed trained pipeline (e.g. ``en_core_web_sm``): the same
    ruler is then added before its "ner" so lexicon matches win.  A model that is not
    installed falls back to the blank English pipeline, silently: the rules never need
    more than the ruler.
    """
    if lexicon is None:
        from .lexicon import default_lexicon

        lexicon = default_lexicon()
    key = (id(lexicon), model)
    with _LOCK:
        hit = _CACHE.get(key)
        # the weakref guards against a dead lexicon whose id was reused
        if hit is not None and hit[0]() is lexicon:
            return hit[1]
        nlp = _build(lexicon, model)
        try:
            ref: Any = weakref.ref(lexicon)
        except TypeError:  # pragma: no cover - a lexicon type without weakref support
            ref = lambda _l=lexicon: _l  # noqa: E731 - keeps it alive, which is still correct
        _CACHE[key] = (ref, nlp)
        return nlp


def clear_cache() -> None:
    """Forget built pipelines (tests; a long-running host that reloads its lexicon)."""
    with _LOCK:
        _CACHE.clear()


def _build(lexicon: Lexicon, model: str | None) -> Language:
    import spacy

    nlp = None
    if model:
        try:
            if spacy.util.is_package(model):
                nlp = spacy.load(model)
        except Exception:  # a broken install is treated like a missing one
            nlp = None
    if nlp is None:
        nlp = spacy.blank("en")
    if not any(p in nlp.pipe_names for p in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer")
    where: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    _register_ruler()
    ruler: Any = nlp.add_pipe(_RULER_FACTORY, name=_RULER_NAME, **where)
    ruler.add_patterns(build_patterns(lexicon, nlp))
    _register_sw_filter()
    nlp.add_pipe(_SW_FILTER, after=_RULER_NAME)
    _ROLE_AGENCY[nlp] = {
        key: str(spec.get("agency") or "") for key, spec in lexicon.roles.items() if spec.get("agency")
    }
    return nlp


def build_patterns(lexicon: Lexicon, nlp: Language) -> list[dict[str, Any]]:
    """Entity-ruler patterns generated from the lexicon (roles first, then agencies, then phrases).

    A wording already claimed by an earlier entry is skipped, so each wording has exactly
    one label and id (the ruler would otherwise keep whichever came last).
    """
    patterns: list[dict[str, Any]] = []
    seen: set[Any] = set()

    def add(label: str, pattern: Any, ident: str | None) -> None:
        sig = pattern if isinstance(pattern, str) else tuple(tuple(sorted(t.items())) for t in pattern)
        if not pattern or sig in seen:
            return
        seen.add(sig)
        entry: dict[str, Any] = {"label": label, "pattern": pattern}
        if ident:
            entry["id"] = ident
        patterns.append(entry)

    for label, table in (("ROLE", lexicon.roles), ("AGENCY", lexicon.agencies)):
        for key, spec in table.items():
            for name in _as_list(spec.get("names", [])):
                for variant in _variants(name):
                    add(label, _name_pattern(variant, nlp), key)
            for abbr in _as_list(spec.get("abbreviations", [])):
                add(label, _abbr_pattern(abbr, nlp), key)
            for suffix in _as_list(spec.get("suffixes", [])):
                add(label, _suffix_pattern(suffix, nlp), key)
    for key, name, suffix in _roles_after_suffix(lexicon):
        # "Larkspur school nurse" is the school nurse, not Larkspur School: the longer span wins
        words = [{"LOWER": t.text.lower()} for t in nlp.make_doc(name)][1:]
        add("ROLE", [*_suffix_pattern(suffix, nlp), *words], key)
    for label, list_name in PHRASE_LABELS.items():
        for phrase in lexicon.phrase_list(list_name):
            if label == "PLACEHOLDER" and not _ruler_worthy_placeholder(phrase):
                continue
            for variant in _variants(phrase):
                add(label, _phrase_pattern(variant, nlp), None)
    return patterns


def _roles_after_suffix(lexicon: Lexicon) -> list[tuple[str, str, str]]:
    """(role key, role name, agency suffix) for each role whose name begins with the last word
    of a local organisation's suffix ("school nurse" after "... School"), so that a name written
    before the role is read as that role's service."""
    out: list[tuple[str, str, str]] = []
    suffixes = [s for spec in lexicon.agencies.values() for s in _as_list(spec.get("suffixes", []))]
    for key, spec in lexicon.roles.items():
        if spec.get("agency") == "childrens-social-care":
            continue  # "Oak Family Practice manager" runs the practice, not a social work team
        for name in _as_list(spec.get("names", [])):
            if len(name.split()) < 2:
                continue
            first = name.split()[0].lower()
            out.extend((key, name, s) for s in suffixes if s.split()[-1].lower() == first)
    return out


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    return [v] if isinstance(v, str) else [str(x) for x in v]


def _variants(text: str) -> list[str]:
    """The wording with straight, curly and no apostrophe ("children's" / "children’s" / "childrens")."""
    text = " ".join(text.split())
    if not text:
        return []
    base = text.replace("’", "'")
    out = [base]
    if "'" in base:
        out += [base.replace("'", "’"), base.replace("'s", "s").replace("'", "")]
    return out


def _name_pattern(name: str, nlp: Language) -> str:
    # a string pattern uses the PhraseMatcher on LOWER: case-insensitive, whole tokens
    return name.lower()


def _abbr_pattern(abbr: str, nlp: Language) -> list[dict[str, str]]:
    return [{"ORTH": t.text} for t in nlp.make_doc(abbr.strip())]


def _suffix_pattern(suffix: str, nlp: Language) -> list[dict[str, Any]]:
    """A local name ending in ``suffix``: "Riverside Surgery", "Haverleigh Homes" (one to three
    capitalised words before it), so organisations the lexicon cannot list are still known."""
    words = [{"LOWER": t.text.lower()} for t in nlp.make_doc(suffix.strip())]
    return [{"IS_TITLE": True, "OP": "{1,3}"}, *words]


def _phrase_pattern(phrase: str, nlp: Language) -> Any:
    tokens = list(nlp.make_doc(phrase))
    if not any(_is_abbr(t.text) for t in tokens):
        return phrase.lower()
    return [{"ORTH": t.text} if _is_abbr(t.text) else {"LOWER": t.text.lower()} for t in tokens]


def _is_abbr(token: str) -> bool:
    return len(token) > 1 and token.isupper()


def _ruler_worthy_placeholder(phrase: str) -> bool:
    """Short or punctuation-only placeholders ("-", "x", "na") only count as a whole field."""
    letters = [c for c in phrase if c.isalnum()]
    return len(letters) > 2


_RULER_FACTORY = "strategy_lint_entity_ruler"


class _Ruler:
    """spaCy's ``entity_ruler`` (phrase patterns on LOWER, ``overwrite_ents``), made fast.

    The same matches, the same overlap resolution (longest first, then earliest) and the
    same labels and ids as ``EntityRuler``, but token patterns that only say ``ORTH``
    (the abbreviations: "DS", "CAMHS", "A&E") go to a second PhraseMatcher on ORTH
    instead of the token Matcher, which tries every pattern at every token: with ~100
    abbreviations it was most of the time spent in spaCy.  An ORTH pattern whose words
    another entry also matches (same words, other label or id) stays in the token
    Matcher, so ties between matchers resolve exactly as the stock ruler resolves them.
    """

    overwrite = True

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.vocab = nlp.vocab
        self._make_doc = nlp.make_doc
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER", validate=False)
        self.orth_matcher = PhraseMatcher(nlp.vocab, attr="ORTH", validate=False)
        #: "one to three capitalised words, then these words" patterns (lexicon suffixes):
        #: the words on a PhraseMatcher, the capitalised words found by looking back
        self.suffix_matcher = PhraseMatcher(nlp.vocab, attr="LOWER", validate=False)
        self._suffixes: dict[int, tuple[int, int, int]] = {}  # phrase key -> (match id, min, max)
        self._ent_ids: dict[int, tuple[str, str]] = {}

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        from spacy.tokens import Doc

        keyed = []
        for entry in patterns:
            label, ident = entry["label"], entry.get("id")
            key = f"{label}||{ident}" if ident else label
            match_id = self.vocab.strings.add(key)
            if ident:
                self._ent_ids[match_id] = (label, ident)
            keyed.append((key, entry["pattern"]))
        # the lower-cased words of every pattern, and the keys that claim them
        words: dict[tuple[str, ...], set[str]] = {}
        for key, pattern in keyed:
            words.setdefault(_pattern_words(pattern, self._make_doc), set()).add(key)
        for key, pattern in keyed:
            suffix = None if isinstance(pattern, str) else _title_suffix(pattern)
            if isinstance(pattern, str):
                self.lower_matcher.add(key, [self._make_doc(pattern)])
            elif suffix is not None:
                lo, hi, words_after = suffix
                phrase_key = f"{key}||suffix||{len(self._suffixes)}"
                self._suffixes[self.vocab.strings.add(phrase_key)] = (self.vocab.strings[key], lo, hi)
                self.suffix_matcher.add(phrase_key, [Doc(self.vocab, words=words_after)])
            elif _orth_only(pattern) and len(words[_pattern_words(pattern, self._make_doc)]) == 1:
                self.orth_matcher.add(key, [Doc(self.vocab, words=[t["ORTH"] for t in pattern])])
            else:
                self.matcher.add(key, [pattern])

    def _suffix_matches(self, doc: Any) -> list[tuple[int, int, int]]:
        """What the token Matcher finds for the suffix patterns: every run of ``min`` to
        ``max`` title-case tokens ending right before the words, one match per length."""
        out = []
        title: dict[int, bool] = {}
        for phrase_id, start, end in self.suffix_matcher(doc):
            match_id, lo, hi = self._suffixes[phrase_id]
            for n in range(1, hi + 1):
                i = start - n
                if i < 0:
                    break
                if i not in title:
                    title[i] = doc[i].is_title
                if not title[i]:
                    break
                if n >= lo:
                    out.append((match_id, i, end))
        return out

    def _matchers(self) -> list[Any]:
        """The non-empty matchers, token Matcher first as in ``EntityRuler.match``."""
        return [m for m in (self.matcher, self.orth_matcher, self.lower_matcher) if len(m)]

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        matches = [m for matcher in self._matchers() for m in matcher(doc)]
        if self._suffixes:
            matches.extend(self._suffix_matches(doc))
        final = sorted({(m, s, e) for m, s, e in matches if s != e}, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        entities = list(doc.ents)
        new = []
        seen: set[int] = set()
        for match_id, start, end in final:
            if start in seen or end - 1 in seen:
                continue
            if match_id in self._ent_ids:
                label, ident = self._ent_ids[match_id]
                span = Span(doc, start, end, label=label, span_id=ident)
            else:
                span = Span(doc, start, end, label=match_id)
            new.append(span)
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            seen.update(range(start, end))
        doc.ents = entities + new
        return doc


def _title_suffix(pattern: list[dict[str, Any]]) -> tuple[int, int, list[str]] | None:
    """(min, max, words) when ``pattern`` is ``{IS_TITLE, OP "{min,max}"}`` then plain
    LOWER words (the lexicon's suffix patterns), else None."""
    if len(pattern) < 2 or set(pattern[0]) != {"IS_TITLE", "OP"} or pattern[0]["IS_TITLE"] is not True:
        return None
    m = re.fullmatch(r"\{(\d+),(\d+)\}", str(pattern[0]["OP"]))
    if m is None or not 1 <= int(m.group(1)) <= int(m.group(2)):
        return None
    rest = pattern[1:]
    if not all(set(t) == {"LOWER"} and isinstance(t["LOWER"], str) and t["LOWER"] == t["LOWER"].lower() for t in rest):
        return None
    return int(m.group(1)), int(m.group(2)), [t["LOWER"] for t in rest]


def _orth_only(pattern: list[dict[str, Any]]) -> bool:
    return bool(pattern) and all(set(t) == {"ORTH"} and isinstance(t["ORTH"], str) for t in pattern)


def _pattern_words(pattern: Any, make_doc: Any) -> tuple[str, ...]:
    if isinstance(pattern, str):
        return tuple(t.lower_ for t in make_doc(pattern))
    return tuple(str(next(iter(t.values()), "")).lower() for t in pattern)


def _register_ruler() -> None:
    from spacy.language import Language

    if not Language.has_factory(_RULER_FACTORY):
        Language.factory(_RULER_FACTORY, func=lambda nlp, name: _Ruler(nlp))


_SW_AFTER = {"region", "peninsula", "england", "area", "cpp", "procedures", "regional"}
_SW_PLACE_BEFORE = {"in", "across", "throughout", "around"}


def _register_sw_filter() -> None:
    from spacy.language import Language

    if Language.has_factory(_SW_FILTER):
        return

    @Language.component(_SW_FILTER)
    def _sw_filter(doc):
        """Drop "SW" role matches that mean South West (see module docstring)."""
        keep = []
        for ent in doc.ents:
            if ent.text in ("SW", "SWs") and _is_south_west(doc, ent.start, ent.end):
                continue
            keep.append(ent)
        if len(keep) != len(doc.ents):
            doc.ents = keep
        return doc


def _is_south_west(doc: Any, start: int, end: int) -> bool:
    after = [t.lower_ for t in doc[end : end + 3]]
    if after[:1] and after[0] in _SW_AFTER:
        return True
    if after == ["child", "protection", "procedures"]:
        return True
    before = [t.lower_ for t in doc[max(0, start - 2) : start]]
    return len(before) == 2 and before[1] == "the" and before[0] in _SW_PLACE_BEFORE


# -- helpers the rules use ---------------------------------------------------------------


def _doc_mentions(doc: Any, initials: frozenset[str] | set[str]) -> list[Mention]:
    out = []
    for ent in doc.ents:
        if initials and ent.text in initials:
            continue  # a person's initials ("DS" = Daniel Shaw), not an agency or rank
        out.append(
            Mention(
                label=ent.label_,
                key=ent.ent_id_ or None,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
            )
        )
    return out


#: Ruler matches of the texts of the document being checked, per pipeline: several rules
#: read the same lines (who took part, who gave information), so each is tokenised once.
#: The engine calls :func:`forget_texts` after every document, so no record's text stays
#: in memory after its check (the web page is a long-running process).
_MEMO: weakref.WeakKeyDictionary[Any, dict[str, tuple[Mention, ...]]] = weakref.WeakKeyDictionary()


def forget_texts() -> None:
    """Drop the remembered matches (called by the engine after each document)."""
    _MEMO.clear()
    _SENTS.clear()


#: Sentence spans of the texts of the document being checked (same lifetime as _MEMO).
_SENTS: weakref.WeakKeyDictionary[Any, dict[str, tuple[tuple[int, int], ...]]] = weakref.WeakKeyDictionary()


def _analyse(nlp: Language, texts: Sequence[str]) -> None:
    """Run ``nlp.pipe`` once over the texts not seen yet; remember matches and sentences."""
    memo = _MEMO.setdefault(nlp, {})
    sents = _SENTS.setdefault(nlp, {})
    todo = [t for t in dict.fromkeys(t or "" for t in texts) if t not in memo]
    if not todo:
        return  # the usual case after the record's one pass: no pipe to set up
    for text, doc in zip(todo, nlp.pipe(todo), strict=False):
        memo[text] = tuple(_doc_mentions(doc, frozenset()))
        sents[text] = tuple((s.start_char, s.end_char) for s in doc.sents)


def prime(nlp: Language, texts: Sequence[str]) -> None:
    """The one language pass over a record: every text through spaCy in one batch, so
    later questions about any of them (matches, sentences) cost nothing."""
    _analyse(nlp, texts)


def _raw_many(nlp: Language, texts: Sequence[str]) -> list[tuple[Mention, ...]]:
    _analyse(nlp, texts)
    memo = _MEMO[nlp]
    return [memo[t or ""] for t in texts]


def _without_initials(found: tuple[Mention, ...], initials: frozenset[str]) -> list[Mention]:
    # a person's initials ("DS" = Daniel Shaw) are not an agency or rank
    return [m for m in found if m.text not in initials] if initials else list(found)


def mentions(nlp: Language, text: str, initials: Iterable[str] = frozenset()) -> list[Mention]:
    """Every ruler match in ``text``, in order.  ``initials`` are people's initials to ignore."""
    return _without_initials(_raw_many(nlp, [text])[0], frozenset(initials))


def mentions_many(nlp: Language, texts: Sequence[str], initials: Iterable[str] = frozenset()) -> list[list[Mention]]:
    """:func:`mentions` for many texts at once (batched through ``nlp.pipe``)."""
    ini = frozenset(initials)
    return [_without_initials(found, ini) for found in _raw_many(nlp, texts)]


def to_agencies(nlp: Language, found: list[Mention]) -> list[Mention]:
    role_agency = _ROLE_AGENCY.get(nlp, {})
    out = []
    for m in found:
        if m.label == "AGENCY":
            out.append(m)
        elif m.label == "ROLE" and m.key and role_agency.get(m.key):
            out.append(Mention("AGENCY", role_agency[m.key], m.text, m.start, m.end, role=m.key))
    return out


def agencies_in(nlp: Language, text: str, initials: Iterable[str] = frozenset()) -> list[Mention]:
    """Agencies named in ``text``, including those implied by a role ("DS Khan" -> police)."""
    return to_agencies(nlp, mentions(nlp, text, initials))


def agencies_in_many(nlp: Language, texts: Sequence[str], initials: Iterable[str] = frozenset()) -> list[list[Mention]]:
    """:func:`agencies_in` for many texts at once."""
    return [to_agencies(nlp, ms) for ms in mentions_many(nlp, texts, initials)]


def sentences(nlp: Language, text: str) -> list[str]:
    """The sentences of ``text``, stripped, empty ones dropped (from the record's one pass)."""
    text = text or ""
    _analyse(nlp, [text])
    spans = _SENTS[nlp][text]
    return [text[a:b].strip() for a, b in spans if text[a:b].strip()]


def has_label(nlp: Language, text: str, label: str, initials: Iterable[str] = frozenset()) -> bool:
    """True if ``text`` has at least one match with ``label`` (e.g. "OBSERVATION")."""
    return any(m.label == label for m in mentions(nlp, text, initials))


def is_placeholder(text: str, lexicon: Lexicon | None = None) -> bool:
    """True if the whole of ``text`` is a placeholder ("N/A", "-", "TBC", "see above") or blank.

    Pure string work, no spaCy: a placeholder is judged on the whole field, never on a
    word inside it.
    """
    if lexicon is None:
        from .lexicon import default_lexicon

        lexicon = default_lexicon()
    norm = _normalise_field(text)
    if not norm:
        return True
    words = _placeholder_words(tuple(lexicon.phrase_list("placeholders")))
    return norm in words or norm.rstrip(".") in words


@functools.lru_cache(maxsize=32)
def _placeholder_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The normalised placeholder list, once per list (rules ask for every field)."""
    return frozenset(_normalise_field(p) for p in phrases)


def _normalise_field(text: str) -> str:
    t = (text or "").replace("’", "'").strip().lower()
    return " ".join(t.split())
