"""SL401, SL402, SL403: actions without deadlines or owners, and the agency-update action.

Each rule runs on small Markdown records (positives and hard negatives), then on the same
records rendered as form .docx, narrative .docx and PDF.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from strategy_lint.engine import Linter
from strategy_lint.lexicon import default_lexicon
from strategy_lint.readers.text import parse_markdown
from strategy_lint.structure import build_structure
from strategy_lint.testing.builders import build

ACTION_CODES = ["SL401", "SL402", "SL403"]
UPDATE_ROW = "| CSC will update all agencies involved on outcomes/actions taken | Hannah Reed (CSC) | 21/03/2016 |\n"


@functools.cache
def linter(*codes: str) -> Linter:
    return Linter(select=list(codes or ACTION_CODES))


def lint_md(markdown: str, *codes: str):
    doc = build_structure(parse_markdown(markdown), default_lexicon())
    return linter(*codes).lint_document(doc)


def codes_of(findings) -> list[str]:
    return [f.code for f in findings]


def record(actions: str, *, date: str = "14/03/2016", extra: str = "") -> str:
    """A small record; ``actions`` is the whole actions section."""
    return (
        "# Strategy Discussion Record\n\n"
        f"## Meeting details\nDate of strategy discussion: {date}\nTime: 10:00 - 11:00\n\n"
        "## Child details\nName: Leo Turner\nDate of birth: 02/05/2008\n\n"
        "## Attendees\n| Name | Role | Agency |\n|---|---|---|\n"
        "| Hannah Reed | Team Manager (Chair) | Children's Social Care |\n"
        "| DC Amir Hale | Detective Constable | Westvale Police |\n\n"
        "## Decision\nSection 47 enquiry agreed.\n\n"
        f"{actions.strip()}\n\n"
        f"{extra}"
    )


def table(*rows: str, header: str = "| Action | Who | By when |") -> str:
    sep = "|" + "---|" * (header.count("|") - 1)
    return "## Actions\n" + header + "\n" + sep + "\n" + "".join(rows)


GOOD = table("| Visit Leo at home | Tom Ellis (CSC) | 16/03/2016 |\n", UPDATE_ROW)


def test_clean_record_passes():
    assert lint_md(record(GOOD)) == []


# -- SL401 action-without-deadline -----------------------------------------------------------


class TestActionWithoutDeadline:
    @pytest.mark.parametrize("when", ["ASAP", "ongoing", "TBC", "as and when", "when possible", "-", "N/A", ""])
    def test_not_real_deadlines_fire_at_the_row(self, when):
        md = record(table(f"| Arrange ABE interview | DC Amir Hale | {when} |\n", UPDATE_ROW))
        found = lint_md(md, "SL401")
        assert codes_of(found) == ["SL401"], when
        f = found[0]
        assert "Arrange ABE interview" in f.message
        assert f.location.row == 1 and f.location.table is not None
        assert f.location.section == "Actions"

    def test_a_blank_deadline_is_said_once(self):
        md = record(table("| Arrange ABE interview | DC Amir Hale |  |\n", UPDATE_ROW))
        [found] = lint_md(md, "SL401")
        assert found.message.endswith("has no deadline: the record gives none.")

    @pytest.mark.parametrize(
        "when", ["by Friday", "within 24 hours", "before the ICPC", "within 5 working days", "21 March 2016", "today"]
    )
    def test_hard_negatives_real_deadlines(self, when):
        md = record(table(f"| Arrange ABE interview | DC Amir Hale | {when} |\n", UPDATE_ROW))
        assert lint_md(md, "SL401") == []

    def test_deadline_before_the_meeting_fires_and_says_so(self):
        md = record(table("| Visit Leo at home | Tom Ellis (CSC) | 10/03/2016 |\n", UPDATE_ROW))
        found = lint_md(md, "SL401")
        assert codes_of(found) == ["SL401"]
        assert "before the meeting" in found[0].message and "10/03/2016" in found[0].message

    def test_differently_named_columns(self):
        md = record(
            table(
                "| Complete section 47 enquiry | Hannah Reed | ongoing |\n",
                "| CSC to update all agencies on outcomes | Hannah Reed | within 10 working days |\n",
                header="| Task | Responsible | Timescale |",
            )
        )
        found = lint_md(md)
        assert codes_of(found) == ["SL401"]
        assert "Complete section 47 enquiry" in found[0].message

    def test_free_text_actions(self):
        md = record(
            "## Actions\n- DC Hale to arrange ABE interview – within 5 working days\n"
            "- Tom Ellis to visit Leo ASAP\n"
            "- CSC will update all agencies involved on outcomes/actions taken by 21/03/2016\n"
        )
        found = lint_md(md, "SL401")
        assert codes_of(found) == ["SL401"]
        assert "Tom Ellis to visit Leo" in found[0].message


# -- SL402 action-without-owner --------------------------------------------------------------


class TestActionWithoutOwner:
    @pytest.mark.parametrize("who", ["All", "All agencies", "Team", "Professionals", "", "TBC"])
    def test_generic_or_missing_owner_fires(self, who):
        md = record(table(f"| Share any new concerns with CSC | {who} | 21/03/2016 |\n", UPDATE_ROW))
        found = lint_md(md, "SL402")
        assert codes_of(found) == ["SL402"], who
        assert found[0].severity.value == "warning"
        assert found[0].location.row == 1

    @pytest.mark.parametrize("who", ["Tom Ellis (CSC)", "Health visitor", "Westvale Police"])
    def test_named_owner_passes(self, who):
        md = record(table(f"| Share any new concerns with CSC | {who} | 21/03/2016 |\n", UPDATE_ROW))
        assert lint_md(md, "SL402") == []

    def test_free_text_without_owner(self):
        md = record(
            "## Actions\n- Police checks on the new partner by 16/03/2016\n"
            "- Hannah Reed (CSC) will update all agencies involved on outcomes by 21/03/2016\n"
        )
        found = lint_md(md, "SL402")
        assert codes_of(found) == ["SL402"]
        assert "Police checks" in found[0].message


# -- SL403 no-agency-update-action -----------------------------------------------------------


class TestNoAgencyUpdateAction:
    def test_no_update_action_fires_at_actions_section(self):
        md = record(table("| Visit Leo at home | Tom Ellis (CSC) | 16/03/2016 |\n"))
        found = lint_md(md, "SL403")
        assert codes_of(found) == ["SL403"]
        assert found[0].location.section == "Actions"

    def test_update_action_without_real_deadline_fires_403_and_401(self):
        md = record(
            table(
                "| Visit Leo at home | Tom Ellis (CSC) | 16/03/2016 |\n",
                "| Update all agencies on the outcome | Hannah Reed (CSC) | ASAP |\n",
            )
        )
        found = lint_md(md)
        assert sorted(codes_of(found)) == ["SL401", "SL403"]
        assert "no usable deadline" in next(f for f in found if f.code == "SL403").message

    def test_update_commitment_in_next_steps_counts(self):
        md = record(
            table("| Visit Leo at home | Tom Ellis (CSC) | 16/03/2016 |\n"),
            extra="## Next steps\nHannah Reed (CSC) will update all agencies involved on outcomes by 21/03/2016.\n",
        )
        assert lint_md(md, "SL403") == []

    def test_update_with_weekday_deadline_passes(self):
        md = record(table("| Inform all agencies of the outcome of the medical | Hannah Reed (CSC) | by Friday |\n"))
        assert lint_md(md, "SL403") == []


# -- every layout ----------------------------------------------------------------------------

LAYOUT_CASES = [
    (GOOD, []),
    (table("| Visit Leo at home | Tom Ellis (CSC) | ASAP |\n", UPDATE_ROW), ["SL401"]),
    (table("| Visit Leo at home | All agencies | 16/03/2016 |\n", UPDATE_ROW), ["SL402"]),
    (table("| Visit Leo at home | Tom Ellis (CSC) | 16/03/2016 |\n"), ["SL403"]),
    (
        table(
            "| Visit Leo | Tom Ellis | by Friday |\n",
            "| Update all agencies | Hannah Reed | within 24 hours |\n",
            header="| Task | Responsible | Timescale |",
        ),
        [],
    ),
    (
        "## Actions\n- DC Hale to arrange ABE interview – within 5 working days\n"
        "- Hannah Reed (CSC) to update all agencies on outcomes before the ICPC\n",
        [],
    ),
    (
        "## Actions\nAction: Visit Leo at home\nWho: Tom Ellis\nBy when: TBC\n\n"
        "Action: Update all agencies involved on outcomes\nWho: Hannah Reed\nBy when: 21/03/2016\n",
        ["SL401"],
    ),
]


@pytest.mark.parametrize("actions_md, expected", LAYOUT_CASES)
def test_action_rules_in_every_layout(actions_md, expected, tmp_path: Path):
    md = record(actions_md)
    for layout, suffix in (("form", "-form.docx"), ("narrative", "-narrative.docx"), ("pdf", ".pdf")):
        path = build(md, layout, tmp_path / f"record{suffix}")
        result = linter().lint_file(path)
        assert result.status == "ok", result.error
        assert sorted(codes_of(result.findings)) == expected, (layout, [f.message for f in result.findings])


def test_an_action_in_prose_whose_timescale_says_there_is_none_is_a_sure_finding():
    """A plan written as a list is read with less certainty than an action table; but
    "– TBC." and "(ongoing)" are the record's own words for no deadline.  A timescale cut
    short by the sentence reading ("as soon as possible, and by 27/09/2024 at the latest")
    stays unsure: its paragraph holds a date."""
    from strategy_lint.testing import lint

    head = (
        "# Strategy Discussion\n\nDate of discussion: 19/09/2024\n\n## Present\n- Jess Ward (Social Worker, CSC)\n"
        "- DC Ann Lowe (Police, CAIT)\n\n## Plan\n"
    )

    def confidences(line: str) -> list[str]:
        return [f.confidence.value for f in lint(head + line + "\n", select=["SL401"])]

    assert confidences("1. CAIT to arrange ABE – TBC.") == ["high"]
    assert confidences("1. DC Ann Lowe to arrange ABE (ongoing).") == ["high"]
    assert confidences(
        "1. Review the breach and interview Mr Ward if appropriate (DC Ann Lowe, as soon as possible, "
        "and by 27/09/2024 at the latest)."
    ) == ["medium"]
