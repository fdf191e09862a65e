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
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Iterable

_NUMBERING = re.compile(r"^\s*(?:\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]?|\(?[a-hj-z][.)]|[ivx]{1,4}[.)])\s+", re.I)
_PUNCT = re.compile(r"[^\w&/()'’ ]+")
_SPACE = re.compile(r"\s+")


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
        return _best_match(normalise_title(title), self.sections)

    def column_kind(self, header: str) -> str | None:
        return _best_match(normalise_title(header), self.columns)

    def phrase_list(self, name: str) -> list[str]:
        return list(self.phrases.get(name, []))

    # -- extension ------------------------------------------------------------------

    def extend(self, additions: dict[str, Any] | None) -> "Lexicon":
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
    """The kind whose synonym matches ``norm`` best: the whole title, else the longest
    synonym found in it as whole words ("=x" synonyms only ever match the whole title)."""
    if not norm:
        return None
    best: tuple[int, str] | None = None
    for kind, synonyms in table.items():
        for syn in synonyms:
            if syn.startswith("="):
                if norm != syn[1:]:
                    continue
                score = 1000 + len(syn)
            elif norm == syn:
                score = 1000 + len(syn)
            elif syn in norm and _whole_word(syn).search(norm):  # cheap test first
                score = len(syn)
            else:
                continue
            if best is None or score > best[0]:
                best = (score, kind)
    return best[1] if best else None


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
