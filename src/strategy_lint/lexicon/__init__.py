"""The lexicon: the words of the domain, as data that users and plugins can extend.

Templates differ between authorities, so nothing about one template is hard-coded in
code: section titles, table headers, agency names and phrase lists live in the TOML files
beside this module, and config (``[tool.strategy-lint.lexicon]``) or plugins
(``strategy_lint_lexicon`` hook) add to them.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..labels import _MIN_FUZZY, _same

_COMBINED_SPLIT = re.compile(r"\s*/\s*|\s*&\s*|\s*,\s*|\s+and\s+|\s*\+\s*|\s*[()]\s*", re.I)
_NUMBERING = re.compile(
    r"^\s*(?:\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]?|\(?[a-hj-z][.)]|[ivx]{1,4}[.)])\s+"
    # a form's lettered questions: "E1. What has the young person said?", "A5 Who took part?"
    r"|^\s*(?-i:[A-Z])[0-9]{1,2}(?:\.[0-9]{1,2})?[.):]?\s+(?=[A-Z(])"
    # "Part 2 – Who was spoken to", "Section 3: Decisions", "Q5. What information ...",
    # "Appendix 1 – Police information"
    r"|^\s*(?:part|section|step|stage|question|q|appendix|annex)\s*(?:[0-9]{1,2}|[a-h]\b|[ivx]{1,4}\b)\s*[-–—:.)]?\s+",
    re.I,
)
#: Words that name a whole document, not one of its parts.
_RECORD_WORDS = re.compile(r"\b(?:record|proforma|template)$")
#: Kinds whose name plus "record" is what such records call themselves ("Decision record").
WHOLE_RECORD_KINDS = frozenset({"decision", "reason", "agency_info", "next_steps"})
#: The record naming itself: "Strategy Discussion – Minutes and Plan", "Strategy meeting
#: notes and actions" is the whole record, not its plan.
_SELF_NAMED = re.compile(
    r"\bstrategy\s+(?:discussion|meeting)s?\b.*\b(?:minutes|notes|record|proforma|template|form|report)\b"
)
#: A title's verb that tells of the past: an account, not the plan.
_PAST_ACCOUNT = re.compile(r"\b(?:happened|told|said|reported|occurred|disclosed)\b", re.I)
#: Words only a plan's title uses.
_PLAN_WORDS = re.compile(r"\b(?:actions?|agreed|plan|tasks?|will|next|timescales?)\b", re.I)
#: Where one question of a title ends and the next begins.
#: Between a title and its subtitle: "The surviving children - what life is like for them now".
_SUBTITLE = re.compile(r"\s+[-–—]\s+|:\s+")
_QUESTIONS = re.compile(r"\?\s+(?=\S)")
_PUNCT = re.compile(r"[^\w&/()'’ ]+")
_SPACE = re.compile(r"\s+")


def two_languages(label: str) -> tuple[str, str] | None:
    """The two halves of a label given in two languages ("Chair / Cadeirydd", "Who / Pwy"),
    or None when it is not two halves around " / "."""
    halves = (label or "").split(" / ")
    return (halves[0].strip(), halves[1].strip()) if len(halves) == 2 else None


def strip_numbering(text: str) -> str:
    """``text`` without a leading "3.", "(b)", "Part 2 –" or "Q5." numbering."""
    return _NUMBERING.sub("", text, count=1)


def normalise_title(text: str) -> str:
    """Lower-case, drop numbering and trailing punctuation, unify apostrophes and spaces."""
    t = text.strip().replace("’", "'").replace("‘", "'")
    t = _NUMBERING.sub("", t)
    t = t.rstrip(":;.-– ").lower()
    t = _PUNCT.sub(" ", t)
    return _SPACE.sub(" ", t).strip()


@dataclass
class Lexicon:
    """Synonym tables and phrase lists.  Immutable in use: ``extend`` returns a new one."""

    sections: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    agencies: dict[str, dict[str, Any]] = field(default_factory=dict)
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    phrases: dict[str, list[str]] = field(default_factory=dict)

    # -- classification --------------------------------------------------------------

    def section_kind(self, title: str) -> str | None:
        kind = self._section_kind(title)
        if kind == "actions" and _PAST_ACCOUNT.search(title or ""):
            # "What happened, when, and who told us" holds the words of a plan's title ("what,
            # who, when") but tells what happened: its first clause says which part it is
            # ("Actions agreed, and who was told" stays the plan)
            first = re.split(r"[,;:?]", strip_numbering(title))[0].strip()
            if first and first != strip_numbering(title).strip():
                kind = self._section_kind(first)
            elif not _PLAN_WORDS.search(title):
                kind = None  # "Who told us what happened and when"
        if kind is None and "(" in (title or ""):
            # "Present (tag used below – name, role, agency)": the title without the
            # template's guidance in brackets
            bare = re.sub(r"\([^()]*\)", " ", title).strip()
            kind = self._section_kind(bare) if bare else None
        if kind is None:
            # "What is life like for Mason? What has he said or shown us?": a title of
            # several questions is the part the first one the lexicon knows asks for
            questions = [q for q in _QUESTIONS.split(strip_numbering(title or "")) if q.strip()]
            if len(questions) > 1:
                kind = next((k for q in questions if (k := self._section_kind(q)) is not None), None)
        if kind is None:
            # "The surviving children - what life is like for them now": a title and its
            # subtitle; when only one of them names a part, that is the part
            halves = [h for h in _SUBTITLE.split(strip_numbering(title or "")) if h.strip()]
            # not "Strategy Discussion – Minutes and Plan": the record's own name
            if len(halves) == 2 and not _SELF_NAMED.search(normalise_title(title or "")):
                kinds = {self._section_kind(h) for h in halves} - {None}
                if len(kinds) == 2 and "child_details" in kinds:
                    # "THE YOUNG PERSON: OWN WORDS, PRESENTATION": whom the part is about, then
                    # what it holds of them
                    kinds.discard("child_details")
                kind = kinds.pop() if len(kinds) == 1 else None
        return kind

    def _section_kind(self, title: str) -> str | None:
        norm = normalise_title(title)
        kind = _best_match(norm, self.sections)
        words = _RECORD_WORDS.findall(norm)
        if (
            kind
            and words
            and kind in WHOLE_RECORD_KINDS
            and not any(w in syn for w in words for syn in self.sections.get(kind, []))
        ):
            # "Strategy Discussion – Decision Record", "Part 1: Decision record": the name of
            # the record (or of the part that holds it all), not its decision section
            return None
        if kind in WHOLE_RECORD_KINDS | {"actions"} and _SELF_NAMED.search(norm):
            return None
        return kind

    def column_kind(self, header: str) -> str | None:
        """The canonical kind of a table column ("By when" -> "deadline").

        A header naming two kinds of people information ("Agency / role", "Role and
        organisation", "Name & role") is a combined column: its kind joins both sorted
        ("agency+role"), so readers split the cell instead of taking it as one of them.
        """
        combined = self._combined_kind(header) or self._options_kind(header)
        # "Action (who, by when)": the words outside the brackets name the column, the
        # bracket says how to fill it in
        bare = re.sub(r"\([^()]*\)", " ", header or "").strip()
        outside = _best_match(normalise_title(bare), self.columns) if bare and bare != (header or "").strip() else None
        kind = combined or outside or _best_match(normalise_title(header), self.columns)
        halves = two_languages(header)
        if kind is None and halves and _best_match(normalise_title(halves[1]), self.columns) is None:
            # a header in two languages ("Who / Pwy", "By when / Erbyn pryd"): the first names
            # it (not "Attended / consulted", two answers the lexicon knows)
            kind = _best_match(normalise_title(halves[0]), self.columns)
        return kind

    def _options_kind(self, header: str) -> str | None:
        """A header that lists the answers it wants ("Contribution (present / phone / email /
        apologies)") is read by its answers: how each person took part."""
        m = re.search(r"\(([^)]*)\)", header or "")
        if not m:
            return None
        options = {normalise_title(o) for o in re.split(r"\s*(?:/|,|\bor\b)\s*", m.group(1)) if o.strip()}
        known = {normalise_title(o) for o in self.phrase_list("attendance_options")}
        return "mode" if len(options & known) >= 2 else None

    def _combined_kind(self, header: str) -> str | None:
        parts = [p for p in _COMBINED_SPLIT.split(header or "") if p.strip()]
        if len(parts) < 2:
            return None
        kinds = {_best_match(normalise_title(p), self.columns) for p in parts}
        people = {k for k in kinds if k in ("name", "role", "agency")}
        # "Lead person (name and agency)" is the owner column, however it asks to be filled in;
        # "Person, role, how involved" names the people, how each took part written beside them
        if len(people) >= 2 and None not in kinds and kinds <= {"name", "role", "agency", "mode"}:
            return "+".join(sorted(people))
        return None

    def phrase_list(self, name: str) -> list[str]:
        return list(self.phrases.get(name, []))

    def weak_agency_names(self) -> frozenset[str]:
        """Agency names that say little on their own ("borough council", "NHS foundation
        trust"): another agency named in the same entry wins over them."""
        return frozenset(str(n).lower() for spec in self.agencies.values() for n in spec.get("weak_names", []))

    # -- extension ------------------------------------------------------------------

    def extend(self, additions: dict[str, Any] | None) -> Lexicon:
        """Return a new lexicon with ``additions`` (config or plugin data) merged in."""
        if not additions:
            return self
        new = Lexicon(
            sections={k: list(v) for k, v in self.sections.items()},
            columns={k: list(v) for k, v in self.columns.items()},
            agencies={k: dict(v) for k, v in self.agencies.items()},
            roles={k: dict(v) for k, v in self.roles.items()},
            phrases={k: list(v) for k, v in self.phrases.items()},
        )
        for key, value in additions.items():
            if key in ("sections", "columns", "phrases"):
                target = getattr(new, key)
                for kind, words in value.items():
                    target.setdefault(kind, [])
                    target[kind].extend(_norm_synonym(w) if key != "phrases" else w for w in _as_list(words))
            elif key in ("agencies", "roles"):
                target = getattr(new, key)
                for name, spec in value.items():
                    merged = dict(target.get(name, {}))
                    for k, v in spec.items():
                        if isinstance(v, list):
                            merged[k] = list(merged.get(k, [])) + list(v)
                        else:
                            merged[k] = v
                    target[name] = merged
            elif key == "abbreviations":
                # {"ABC": "agency-key"} shorthand: add an abbreviation to a known agency
                for abbr, agency in value.items():
                    spec = new.agencies.setdefault(agency, {"name": agency, "group": "other"})
                    spec["abbreviations"] = list(spec.get("abbreviations", [])) + [abbr]
            else:
                raise KeyError(key)
        return new


LEXICON_KEYS = ("sections", "columns", "agencies", "roles", "phrases", "abbreviations")


def _as_list(v: Any) -> list[str]:
    return [v] if isinstance(v, str) else list(v)


@functools.lru_cache(maxsize=4096)
def _whole_word(syn: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(syn)}(?!\w)")


def _best_match(norm: str, table: dict[str, list[str]]) -> str | None:
    """The kind whose synonym covers most of ``norm``.

    A synonym matches as the whole title, as whole words inside it, or as a bag of stems
    the title holds in any order and with typos ("The sharing of information" is
    "information sharing"; see :mod:`strategy_lint.labels`).  "=x" synonyms only ever
    match the whole title.  The synonym with most meaningful words wins, so
    "Introduction and apologies" is an attendance title, not an apologies one.

    Scored exactly as :func:`_best_match_slow` (the definition), through an index of the
    table built once (:class:`_TableIndex`): the structure pass and the readings ask this
    of every title and many lines, and re-deriving each synonym's stems, pattern and
    fuzzy comparisons per question was most of a lint's time.
    """
    if not norm:
        return None
    return _index_for(table).best(norm)


def _best_match_slow(norm: str, table: dict[str, list[str]]) -> str | None:
    """The definition of :func:`_best_match`, synonym by synonym (kept for the tests)."""
    if not norm:
        return None
    from ..labels import bag_matches, stems

    label = stems(norm)
    best: tuple[float, str] | None = None
    for kind, synonyms in table.items():
        for syn in synonyms:
            whole = syn[1:] if syn.startswith("=") else syn
            if norm == whole:
                score = 10000.0 + len(whole)
            elif syn.startswith("="):
                continue
            elif syn in norm and _whole_word(syn).search(norm):  # cheap test first
                score = 10.0 * len(stems(syn)) + 1 + len(syn) / 1000
            else:
                bag = stems(syn)
                if not label or (len(bag) < 2 and (len(label) > 2 or len(syn.split()) > 1)):
                    # one word inside a long title is the substring test's job, and a
                    # phrase that is one word once its filler is gone ("who was there")
                    # must match as written
                    continue
                if len(label) - len(bag) > _extra_words(len(bag)) or not bag_matches(bag, label):
                    continue
                score = 10.0 * len(bag) - 0.1 * (len(label) - len(bag))
            if best is None or score > best[0]:
                best = (score, kind)
    return best[1] if best else None


class _TableIndex:
    """One synonym table, prepared once: the exact titles, and per synonym its stems,
    whole-word pattern and substring score, in the table's order (ties keep it).

    A question only looks at the synonyms that can match: those whose first word is a
    word of the title (a whole-word match starts on one), and, when the title is short
    enough for a bag match, those sharing a stem with it (exactly or within a typo).
    Every other synonym scores nothing in :func:`_best_match_slow` either.
    """

    def __init__(self, table: dict[str, list[str]]) -> None:
        from ..labels import stems

        #: what the index was built from, to notice a table changed in place
        self.snapshot = {k: list(v) for k, v in table.items()}
        self.table = table
        self.exact: dict[str, str] = {}
        # the whole-word pattern is compiled when a title first contains the synonym
        # (``_whole_word`` caches it): compiling all of them up front was a cold start's
        # largest single cost
        self.entries: list[tuple[str, str, frozenset[str], int, bool, float]] = []
        self.by_word: dict[str, list[int]] = {}
        self.by_stem: dict[str, list[int]] = {}
        self.no_word_start: list[int] = []  # synonyms that start with punctuation
        self.long_stems: dict[str, list[str]] = {}
        top = 0.0
        for kind, synonyms in table.items():
            for syn in synonyms:
                whole = syn[1:] if syn.startswith("=") else syn
                self.exact.setdefault(whole, kind)
                if syn.startswith("="):
                    continue
                pos = len(self.entries)
                bag = stems(syn)
                sub_score = 10.0 * len(bag) + 1 + len(syn) / 1000
                top = max(top, sub_score, 10.0 * len(bag))
                self.entries.append((kind, syn, bag, len(bag), len(syn.split()) > 1, sub_score))
                first = _FIRST_WORD.match(syn)
                if first:
                    self.by_word.setdefault(first.group(0), []).append(pos)
                else:
                    self.no_word_start.append(pos)
                for st in bag:
                    self.by_stem.setdefault(st, []).append(pos)
        for st in self.by_stem:
            if len(st) >= _MIN_FUZZY:
                self.long_stems.setdefault(st[0], []).append(st)
        self.max_bag = max((e[3] for e in self.entries), default=0)
        #: an exact title outscores every other match (10000 + its length): true unless a
        #: synonym had ~1000 words, and then every title goes the slow way
        self.exact_wins = top < 10000.0

    def _candidates(self, norm: str, label: frozenset[str]) -> list[int]:
        found: set[int] = set(self.no_word_start)
        for word in set(_WORD_RUN.findall(norm)):
            found.update(self.by_word.get(word, ()))
        if label and len(label) - _MAX_EXTRA_WORDS <= self.max_bag:  # a bag match is possible
            for t in label:
                found.update(self.by_stem.get(t, ()))
                if len(t) >= _MIN_FUZZY:
                    for st in self.long_stems.get(t[0], ()):
                        if st != t and _same(st, t):
                            found.update(self.by_stem[st])
        return sorted(found)

    def best(self, norm: str) -> str | None:
        if not self.exact_wins:  # pragma: no cover - no real lexicon gets here
            return _best_match_slow(norm, self.table)
        hit = self.exact.get(norm)
        if hit is not None:
            return hit
        from ..labels import stems

        label = stems(norm)
        n_label = len(label)
        fuzzy: dict[str, list[str]] | None = None
        best_score = 0.0
        best_kind: str | None = None
        entries = self.entries
        for pos in self._candidates(norm, label):
            kind, syn, bag, n_bag, multiword, sub_score = entries[pos]
            if syn in norm and _whole_word(syn).search(norm):
                score = sub_score
            else:
                if not n_label or (n_bag < 2 and (n_label > 2 or multiword)):
                    continue
                if not n_bag or n_label - n_bag > _extra_words(n_bag) or n_bag > n_label:
                    continue
                ok = True
                for s in bag:
                    if s in label:
                        continue
                    if len(s) < _MIN_FUZZY:
                        ok = False
                        break
                    if fuzzy is None:
                        fuzzy = _long_stems(label)
                    if not any(_same(s, t) for t in fuzzy.get(s[0], ())):
                        ok = False
                        break
                if not ok:
                    continue
                score = 10.0 * n_bag - 0.1 * (n_label - n_bag)
            if best_kind is None or score > best_score:
                best_score, best_kind = score, kind
        return best_kind


_WORD_RUN = re.compile(r"\w+")
_FIRST_WORD = re.compile(r"^\w+")


def _long_stems(label: frozenset[str]) -> dict[str, list[str]]:
    """The label's stems long enough for a fuzzy match, by first letter."""
    out: dict[str, list[str]] = {}
    for t in label:
        if len(t) >= _MIN_FUZZY:
            out.setdefault(t[0], []).append(t)
    return out


_INDEXES: dict[int, _TableIndex] = {}


def _index_for(table: dict[str, list[str]]) -> _TableIndex:
    """The index of ``table``, built on first use and again if the table was changed."""
    index = _INDEXES.get(id(table))
    if index is None or index.table is not table or not _unchanged(index.snapshot, table):
        if len(_INDEXES) >= 64:  # many short-lived lexicons (tests): start again
            _INDEXES.clear()
        index = _INDEXES[id(table)] = _TableIndex(table)
    return index


def _unchanged(snapshot: dict[str, list[str]], table: dict[str, list[str]]) -> bool:
    return snapshot == table


#: A title with many more words than the synonym it holds is a sentence, not that title.
_MAX_EXTRA_WORDS = 4


def _extra_words(n_bag: int) -> int:
    """How many other words a title may have around a synonym's words found in any order:
    fewer for a short synonym, whose two words meet by chance in a long line ("SW the same
    day; review of threat to life" is not "day in the life")."""
    return min(_MAX_EXTRA_WORDS, 2 * n_bag - 1)


def _load(name: str) -> dict[str, Any]:
    data = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(data)


_DEFAULT: Lexicon | None = None


def default_lexicon() -> Lexicon:
    """The built-in lexicon, loaded once from the TOML data files."""
    global _DEFAULT
    if _DEFAULT is None:
        lex = Lexicon(
            sections=_lower(_load("sections.toml")["sections"]),
            columns=_lower(_load("columns.toml")["columns"]),
        )
        for extra in ("agencies.toml", "phrases.toml"):
            if resources.files(__package__).joinpath(extra).is_file():
                lex = lex.extend(_load(extra))
        _DEFAULT = lex
    return _DEFAULT


def _lower(table: dict[str, Iterable[str]]) -> dict[str, list[str]]:
    return {k: [_norm_synonym(s) for s in v] for k, v in table.items()}


def _norm_synonym(s: str) -> str:
    """Normalise a synonym like a title, keeping the '=' (whole title only) marker."""
    return "=" + normalise_title(s[1:]) if s.startswith("=") else normalise_title(s)
