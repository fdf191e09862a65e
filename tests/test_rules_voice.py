"""SL201, SL202, SL203: the child's voice and lived experience.

Each rule runs on small Markdown records (positives and hard negatives), then on the same
records rendered as form .docx, narrative .docx and PDF.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from strategy_lint.engine import Linter
from strategy_lint.extract.voice import (
    is_nonverbal,
    is_placeholder_text,
    observed_experience,
    voice_sections,
)
from strategy_lint.lexicon import default_lexicon
from strategy_lint.nlp import get_pipeline
from strategy_lint.readers.text import parse_markdown
from strategy_lint.structure import build_structure
from strategy_lint.testing.builders import build

VOICE = ["SL201", "SL202", "SL203"]


@functools.cache
def linter() -> Linter:
    return Linter(select=VOICE)


def doc_of(markdown: str):
    return build_structure(parse_markdown(markdown), default_lexicon())


def lint_md(markdown: str):
    return linter().lint_document(doc_of(markdown))


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def record(voice: str | None, *, dob: str = "10/11/2015", extra: str = "") -> str:
    """A small record for a child born on ``dob``; ``voice`` is the whole voice section (or None)."""
    voice_part = f"{voice.strip()}\n\n" if voice else ""
    return (
        "# Strategy Discussion Record\n\n"
        "## Meeting details\nDate of strategy discussion: 14/03/2016\nTime: 10:00 - 11:00\n\n"
        f"## Child details\nName: Ava Marsh\nDate of birth: {dob}\n\n"
        "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
        "| Hannah Reed | Team Manager (Chair) | Children's Social Care |\n"
        "| DS Mark Fenwick | Detective Sergeant | Westvale Police |\n\n"
        "## Reason for the strategy discussion\nA bruise was seen on the child's arm at a routine contact.\n\n"
        f"{extra}"
        f"{voice_part}"
        "## Decision\nSection 47 enquiry agreed, jointly with Westvale Police.\n"
    )


OBSERVED_BABY = (
    "## Child's voice and lived experience\n"
    "Ava is too young to give her views, but Sarah Okafor (HV) saw her at home on 11/03/2016. "
    "She was alert, made good eye contact and settled quickly when her mother picked her up. "
    "She fed well from a bottle during the visit."
)
TOO_YOUNG = "## Child's voice\nAva is too young to express her views."
MUM_SAYS = "## Child's voice\nAva is too young to express her views. Mum says she is a happy baby who is feeding well."
TEEN_QUOTED = (
    "## Wishes and feelings\n"
    'Ava told her teacher: "I don\'t want to go home when he is there. I want to stay with my nan." '
    "She said she feels safe at school."
)


# -- SL201 child-voice-missing ---------------------------------------------------------------


class TestChildVoiceMissing:
    def test_no_voice_section_fires(self):
        found = lint_md(record(None))
        assert codes(found) == ["SL201"]
        assert "child's voice" in found[0].message.lower()

    def test_quoted_words_in_a_record_that_never_names_the_child_lower_the_confidence(self):
        from strategy_lint import Confidence

        quoted = 'The DSL said Darren is "strict about phones at bedtime" and the club has no concerns.\n\n'
        named = record(None, extra=quoted)
        unnamed = named.replace("Name: Ava Marsh\n", "")
        assert [f.confidence for f in lint_md(named)] == [Confidence.HIGH]
        # whose words they are cannot be told without the child's name: not found, not absent
        assert [f.confidence for f in lint_md(unnamed)] == [Confidence.MEDIUM]
        assert [f.confidence for f in lint_md(record(None).replace("Name: Ava Marsh\n", ""))] == [Confidence.HIGH]

    @pytest.mark.parametrize(
        "title",
        [
            "Child's voice",
            "Voice of the child",
            "Wishes and feelings",
            "Lived experience",
            "What life is like for the child",
        ],
    )
    def test_any_voice_title_passes(self, title):
        assert "SL201" not in codes(
            lint_md(record(f"## {title}\nAva said she is scared of her stepfather.", dob="02/05/2008"))
        )

    def test_inline_voice_paragraph_counts(self):
        extra = (
            "## Information shared\nSchool: attendance 96%.\n\n"
            "Child's voice: Leo told his teacher he wants to stay with his nan.\n\n"
        )
        md = record(None, dob="02/05/2008", extra=extra)
        assert codes(lint_md(md)) == []
        doc = doc_of(md)
        found = voice_sections(doc)
        assert len(found) == 1 and found[0].section is None
        assert found[0].content.startswith("Leo told")

    def test_a_numbered_bold_title_in_a_list_is_a_heading(self):
        # templates number their titles with a numbered-list style: "1. Lived experience ..."
        md = record(None, dob="02/05/2008").replace(
            "## Decision\n",
            "1. **Lived experience of the young person**\n\nLeo said he feels safe at school.\n\n## Decision\n",
        )
        doc = doc_of(md)
        assert [s.origin for s in doc.sections if s.kind == "child_voice"] == ["pseudo-heading"]
        (found,) = voice_sections(doc)
        assert found.content == "Leo said he feels safe at school."
        assert codes(lint_md(md)) == []


# -- SL202 child-voice-placeholder -----------------------------------------------------------


class TestChildVoicePlaceholder:
    @pytest.mark.parametrize(
        "body",
        [
            "N/A",
            "Not applicable",
            "None",
            "-",
            "TBC",
            "To follow",
            "See above",
            "TBC - to be added by the day team.",
            "TBC — return interview outstanding / Ava currently missing.",
        ],
    )
    def test_placeholders_fire_at_the_section(self, body):
        found = lint_md(record(f"## Child's voice\n{body}"))
        assert codes(found) == ["SL202"], body
        assert found[0].location.section == "Child's voice"
        assert found[0].location.block is not None

    def test_empty_section_fires(self):
        found = lint_md(record("## Child's voice\n\n## Risk analysis\nRisk is high."))
        assert codes(found) == ["SL202"]
        assert "empty" in found[0].message

    def test_field_values_only_are_judged(self):
        assert is_placeholder_text("Seen by: TBC\nDate seen: TBC")
        assert not is_placeholder_text("Seen by: Tom Ellis\nDate seen: 11/03/2016")

    def test_real_content_starting_with_a_placeholder_word_passes(self):
        md = record(
            "## Child's voice\nNone of the professionals had concerns about Ava's presentation: she was alert and smiling."
        )
        assert codes(lint_md(md)) == []

    def test_placeholder_does_not_also_fire_sl203(self):
        assert codes(lint_md(record("## Child's voice\nN/A"))) == ["SL202"]


# -- SL203 child-experience-not-described ----------------------------------------------------


class TestChildExperienceNotDescribed:
    def test_baby_too_young_only_fires(self):
        found = lint_md(record(TOO_YOUNG))
        assert codes(found) == ["SL203"]
        assert "too young" in found[0].message
        assert "4 months" in found[0].message  # age from DOB against the meeting date
        assert found[0].location.section == "Child's voice"

    def test_parent_view_does_not_count(self):
        assert codes(lint_md(record(MUM_SAYS))) == ["SL203"]

    def test_hard_negative_baby_with_observed_experience(self):
        assert codes(lint_md(record(OBSERVED_BABY))) == []

    def test_a_described_life_without_observation_words_is_only_a_hint(self):
        described = (
            "## The baby's lived experience\nAva is two days old and is withdrawing from the drugs her mother used "
            "in pregnancy. She needs constant responsive care, which the ward staff give her, and a safe home "
            "when she leaves hospital."
        )
        found = lint_md(record(described, dob="12/03/2016"))
        assert codes(found) == ["SL203"] and found[0].confidence.value == "low"
        # the same length of excuse is still a confident finding
        excuse = "## Child's voice\nAva is too young to express her views; she is two days old and is on the ward with her mother and her older sister."
        assert [f.confidence.value for f in lint_md(record(excuse, dob="12/03/2016"))] == ["high"]

    def test_hard_negative_teenager_quoting_her_words(self):
        assert codes(lint_md(record(TEEN_QUOTED, dob="02/06/2000"))) == []

    def test_teenager_whose_record_mentions_a_baby_brother(self):
        extra = "## Household\nAva lives with her mother and her baby brother, aged 3 months.\n\n"
        md = record("## Child's voice\nAva said she wants things to calm down at home.", dob="02/06/2000", extra=extra)
        assert codes(lint_md(md)) == []

    def test_non_verbal_words_without_age(self):
        md = record(
            "## Child's voice\nLeo is unable to express his views.",
            dob="",
            extra="## Communication\nLeo is non-verbal and uses Makaton.\n\n",
        ).replace("Date of birth: \n", "Leo is non-verbal and uses Makaton.\n")
        found = lint_md(md)
        assert codes(found) == ["SL203"]
        assert "non-verbal" in found[0].message

    def test_non_verbal_child_with_observation_passes(self):
        md = record(
            "## Child's voice\nLeo is non-verbal. He was seen at school on 11/03/2016: he was calm, "
            "smiled at his teaching assistant and used his symbols to ask for a drink.",
            dob="02/05/2008",
        ).replace("Date of birth: 02/05/2008", "Date of birth: 02/05/2008\nCommunication: non-verbal, uses PECS")
        assert codes(lint_md(md)) == []

    def test_observed_experience_discounts_parent_view_and_not_seen(self):
        nlp = get_pipeline()
        assert observed_experience("Mum says he is happy and feeding well.", nlp) == []
        assert observed_experience("Too young to comment; he was alert and smiling.", nlp) == ["alert", "smiling"]
        assert observed_experience("Ava has not been seen by the social worker yet.", nlp) == []
        assert "eye contact" in observed_experience("She made good eye contact with her father.", nlp)

    def test_is_nonverbal_uses_dob_and_meeting_date(self):
        doc = doc_of(record(TOO_YOUNG))
        assert doc.metadata.meeting_date == dt.date(2016, 3, 14)
        assert is_nonverbal(doc)
        assert not is_nonverbal(doc_of(record(TOO_YOUNG, dob="02/06/2000")))


# -- every layout ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "voice, dob, expected",
    [
        (None, "10/11/2015", ["SL201"]),
        ("## Child's voice\nN/A", "10/11/2015", ["SL202"]),
        (TOO_YOUNG, "10/11/2015", ["SL203"]),
        (OBSERVED_BABY, "10/11/2015", []),
        (TEEN_QUOTED, "02/06/2000", []),
    ],
)
def test_voice_rules_in_every_layout(voice, dob, expected, tmp_path: Path):
    md = record(voice, dob=dob)
    for layout, suffix in (("form", "-form.docx"), ("narrative", "-narrative.docx"), ("pdf", ".pdf")):
        path = build(md, layout, tmp_path / f"record{suffix}")
        result = linter().lint_file(path)
        assert result.status == "ok", result.error
        assert codes(result.findings) == expected, (layout, [f.message for f in result.findings])


def test_too_young_as_the_whole_voice_field_of_a_baby_is_sl203_not_sl202():
    """ "Child's views: N/A – too young." for a 4-month-old is the audit's case of a baby
    whose experience was not described (SL203), not an empty field (SL202)."""
    from strategy_lint.testing import lint

    md = (
        "# Record of Strategy Discussion\n\n| Child's name | Ruby-Mae Tennant |\n| Date of birth | 14/06/2025 |\n"
        "| Date of strategy discussion | 16/10/2025 |\n\n## Child's views\nN/A – too young.\n"
    )
    codes = [f.code for f in lint(md, select=["SL201", "SL202", "SL203"]) if f.confidence.value == "high"]
    assert codes == ["SL203"]


def test_too_young_in_an_agency_matrix_for_a_baby_is_sl203_not_sl201():
    from strategy_lint.testing import lint

    md = (
        "# Record of Strategy Discussion\n\n| Child's name | Isla-Rose Parker |\n| Date of birth | 08/11/2024 |\n"
        "| Date of strategy discussion | 10/03/2025 |\n\n## Agency matrix\n"
        "| Topic | Children's Social Care | Police |\n|---|---|---|\n"
        "| What is known | N/A – too young (4/12) | – |\n"
    )
    codes = [f.code for f in lint(md, select=["SL201", "SL202", "SL203"])]  # at any confidence
    assert codes == ["SL203"]
