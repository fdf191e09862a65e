"""Fast paths give exactly the answers of what they replace (docs/performance.md).

Each speed-up keeps a plain definition beside it, or is compared with spaCy's own
component, on the words of the committed records and on cases made to be awkward.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_lint.lexicon import Lexicon, _best_match, _best_match_slow, default_lexicon, normalise_title

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "unseen" / "dev" / "sources"

AWKWARD_TITLES = [
    "The sharing of information",
    "Information sharing",
    "Informaton sharring",  # typos: a fuzzy bag match
    "Who will do what, and by when?",
    "Introduction and apologies",
    "Attendees",
    "attendees attendees",
    "Child's voice",
    "Childs views wishes and feelings",
    "Views of the child",
    "What are we worried about",
    "Role / agency",
    "Name & role",
    "(a) Actions",
    "3.1 Decision and outcome of the strategy discussion",
    "",
    "a",
    "the of and",
    "Strategy discussion held because the school rang about a bruise on the baby's cheek this morning",
]


def _record_lines() -> list[str]:
    lines: list[str] = []
    for source in sorted(SOURCES.glob("*.md"))[:60]:
        for line in source.read_text(encoding="utf-8").splitlines():
            line = line.strip("#|-* ").strip()
            if line:
                lines.append(line)
                lines.extend(cell.strip() for cell in line.split("|") if cell.strip())
    return lines


@pytest.fixture(scope="module")
def titles() -> list[str]:
    return sorted(set(AWKWARD_TITLES + _record_lines()))


def test_section_and_column_kinds_match_their_definition(titles):
    lex = default_lexicon()
    assert len(titles) > 1000
    for table in (lex.sections, lex.columns):
        for title in titles:
            norm = normalise_title(title)
            assert _best_match(norm, table) == _best_match_slow(norm, table), title


def test_a_table_changed_in_place_is_read_again():
    lex = Lexicon(sections={"actions": ["actions"], "reason": ["reason"]})
    assert lex.section_kind("Next steps") is None
    lex.sections["actions"].append("next steps")
    assert lex.section_kind("Next steps") == "actions"
    lex.sections["reason"].insert(0, "=next steps")
    assert lex.section_kind("Next steps") == _best_match_slow("next steps", lex.sections)


def test_ties_keep_the_table_order():
    lex = Lexicon(sections={"first": ["risk"], "second": ["risk"], "third": ["=risk"]})
    assert lex.section_kind("Risk") == "first"
    assert lex.section_kind("Risk to the child") == "first"


def test_the_ruler_finds_what_spacys_entity_ruler_finds(titles):
    """The fast ruler (PhraseMatchers, suffixes found by looking back) against spaCy's own
    EntityRuler with the same patterns."""
    import spacy

    from strategy_lint.nlp import build_patterns, get_pipeline

    ours = get_pipeline(default_lexicon())
    stock = spacy.blank("en")
    stock.add_pipe("sentencizer")
    ruler = stock.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": False}
    )
    ruler.add_patterns(build_patterns(default_lexicon(), stock))
    texts = titles + [
        "Oak Surgery Surgery said so",
        "The Riverside Health Centre and Old Mill Lane Medical Centre",
        "A B C D Surgery",
        "Little Acorns Pre-School nursery and Big Day Nursery Nursery",
        "Westvale Homes housing association; Northbrook Primary School; St Mary's C of E Primary",
        "surgery",
        "Surgery",
        "the GP surgery",
        "DS Khan (Police) and the HV",
    ]
    with ours.select_pipes(disable=["strategy_lint_sw_filter"]):
        for text, a, b in zip(texts, ours.pipe(texts), stock.pipe(texts), strict=False):
            got = [(e.start, e.end, e.label_, e.ent_id_) for e in a.ents]
            want = [(e.start, e.end, e.label_, e.ent_id_) for e in b.ents]
            assert got == want, text
