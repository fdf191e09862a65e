"""SL102 attendee-incomplete: an attendee entry lacks a role or an agency."""

from __future__ import annotations

import re
from collections.abc import Iterator

from strategy_lint import Confidence, Document, Option, Report, Rule, RuleContext, Severity, hookimpl


class AttendeeIncomplete(Rule):
    """## What it checks
    Each entry in the attendees, participants or "consulted" list has a name, a role and
    an agency. One finding per incomplete entry, pointing at its table row or list line.

    In a written list, a title that implies the role or agency counts: "DC Tom Hale"
    (role and police), "Tom Hale, DSL" (role, and a school). In a table, an empty
    Role or Agency cell is reported even when the other cells suggest what it should
    say, because the template asks for it and readers in other agencies need to know
    *which* school, trust or force. A police rank in the Name cell ("DC Tom Hale") still
    counts as the role. A written entry is reported with high confidence only when it is a
    bare name; when words beside the name could not be read as a role or an agency
    ("SA — Simon Ashdown, HsM Kestrel, QAS") the finding is medium: they may well be both.

    ## Why it matters
    The record goes to agencies who were not at the meeting. "Sarah Okafor" alone does not
    tell them who to contact or whose information it was. Guidance asks for the full name,
    role and organisation of everyone who took part, and the 2016 audit found records did
    not show clearly who had been involved.

    ## Example
    A record that fires:

    ```markdown
    | Name | Role | Agency |
    |---|---|---|
    | Tom Ellis |  | Children's Social Care |
    ```

    A record that passes:

    ```markdown
    - Tom Ellis, Social Worker, Children's Social Care
    - DC Tom Hale, Westvale Police
    ```

    ## How to fix
    Give each person's role (job title) and agency (organisation, team or school) beside
    their name, e.g. "Tom Ellis – Social Worker – Children's Social Care".
    """

    code = "SL102"
    name = "attendee-incomplete"
    summary = "An attendee entry lacks a role or an agency."
    default_severity = Severity.WARNING
    fix = "Give the person's role and agency beside their name, e.g. 'Tom Ellis – Social Worker – Children's Social Care'."
    options = {
        "include_apologies": Option(False, "also check entries under Apologies"),
        "implied_fills_blank_cells": Option(
            False, "let a role that implies an agency (DSL -> school) fill an empty Agency cell in a table"
        ),
    }
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        facts = ctx.facts
        listed = [p for p in facts.participants if p.mode != "apologies" or ctx.options["include_apologies"]]
        lacking = [p for p in listed if self._missing(p, ctx)]
        # most entries "incomplete" means we misread the list's layout more likely than that
        # the author left most roles out: report them, less surely
        doubtful = len(listed) >= 3 and len(lacking) * 2 > len(listed)
        for p in facts.participants:
            if p.mode == "apologies" and not ctx.options["include_apologies"]:
                continue
            missing = self._missing(p, ctx)
            if not missing:
                continue
            what = " and ".join(missing)
            yield Report(
                message="The attendee entry for {who} has no " + what + ".",
                values={"who": p.name or p.agency or p.role or "an entry"},
                fix=f"Add the {what} to the entry, e.g. 'Name – Role – Agency'.",
                block=p.block,
                excerpt=p.row_text,
                confidence=Confidence.MEDIUM
                if doubtful and self._confidence(p, missing) is Confidence.HIGH
                else self._confidence(p, missing),
            )

    @staticmethod
    def _confidence(p, missing: list[str]) -> Confidence:
        """Sure only when the entry was read cleanly: a table row with its own cells, or a
        list line that is a name and nothing else."""
        if p.combined:
            return Confidence.LOW
        if p.source == "table":
            return p.confidence
        if not p.role and not p.agency and not _unread_parts(p):
            return Confidence.HIGH  # a bare name
        # "SA — Simon Ashdown, HsM Kestrel, QAS": words beside the name that we could not
        # read as a role or an agency are not proof that the entry has none
        return Confidence.MEDIUM

    def _missing(self, p, ctx) -> list[str]:
        facts = ctx.facts
        has_role = bool(p.role) and not facts.is_placeholder(p.role)
        has_agency = bool(p.agency) and not facts.is_placeholder(p.agency)
        if not has_agency and p.agency_key:
            # implied by a title ("DC Tom Hale", "Tom Hale, DSL"): always in a written list;
            # an empty Agency cell in a table is reported unless the option says otherwise
            has_agency = p.table is None or ctx.options["implied_fills_blank_cells"]
        out = []
        # an organisation consulted as a whole ("Kingsford Children's Services (MASH duty
        # team) was checked by email"): no person, so no role to give
        if not has_role and (p.name or not has_agency):
            out.append("role")
        if not has_agency:
            out.append("agency")
        return out


#: How someone took part, which is neither a role nor an agency.
_MODE_WORDS = re.compile(
    r"^(?:(?:ms\s+)?teams|(?:tele)?phone|by\s+(?:tele)?phone|in\s+person|present|virtual|video|e-?mail|"
    r"attended|apologies|yes|no|chair|minutes?|late|(?:joined|left|arrived)(?:\s+(?:at|late|early|after|before|from)\b.*)?"
    r"|(?:from|until|at)\s+\d.*|\d{1,2}[:.]\d{2}.*)$",
    re.I,
)


def _unread_parts(p) -> bool:
    """Whether the entry's line holds words besides the name, initials and how they took part."""
    parts = re.split(r"\s*[,;|()\[\]]\s*|\s+[–—-]+\s+", p.row_text or "")
    name = " ".join((p.name or "").split()).lower()
    for part in parts:
        part = " ".join(part.split()).strip(" .:")
        if not part or part.lower() == name or part == p.initials or not re.search(r"[A-Za-z]", part):
            continue
        if _MODE_WORDS.match(part):
            continue
        return True
    return False


@hookimpl
def strategy_lint_rules():
    return [AttendeeIncomplete]
