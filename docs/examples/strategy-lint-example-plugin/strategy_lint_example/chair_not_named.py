"""XA001 chair-not-named: the record must say who chaired the discussion and in what role."""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from strategy_lint import Document, Option, Report, Rule, RuleContext, Severity, hookimpl

_LABEL_VALUE = re.compile(r"^\s*([^:]{2,40}):\s*(.*)$")
_CHAIRED_BY = re.compile(r"\bchaired by\s+([^.;\n]+)", re.I)
_CHAIR_WORD = re.compile(r"\(?\bchair(?:person)?\b\)?", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|\s[–—-]\s|\()\s*")


class Chair(NamedTuple):
    """What the record says about the chair, and where."""

    name: str
    role: str
    block: int | None


def _label(text: str) -> str:
    return re.sub(r"[^a-z ]+", "", text.lower()).strip()


def _split(value: str) -> Chair:
    parts = [p.strip(" )") for p in _SPLIT.split(value.strip()) if p.strip(" )")]
    return Chair(parts[0] if parts else "", ", ".join(parts[1:]), None)


def chairs(document: Document, labels: list[str]) -> Iterator[Chair]:
    """Every place the record names a chair: 'Chair:' lines and boxes, attendee rows, prose."""
    wanted = {_label(x) for x in labels}
    for block in document.body_blocks():
        match = _LABEL_VALUE.match(block.text)
        if match and _label(match[1]) in wanted:
            yield _split(match[2])._replace(block=block.index)
        for found in _CHAIRED_BY.finditer(block.text):
            yield _split(found[1])._replace(block=block.index)
    for section in document.sections:
        # A form-style template: the label cell "Chair" is the section, the next cell its value.
        if section.origin == "form-label" and _label(section.title) in wanted:
            value = document.section_text(section, nested=False)
            where = section.blocks[0] if section.blocks else section.heading_block
            yield _split(value)._replace(block=where)
    for table in document.tables:
        for rec in table.records:
            role = rec.get("role")
            if _CHAIR_WORD.search(role):
                rest = _CHAIR_WORD.sub("", role).strip(" ,()-")
                yield Chair(rec.get("name").strip(), rest, rec.blocks[0] if rec.blocks else None)


class ChairNotNamed(Rule):
    """## What it checks
    That the record names the person who chaired the strategy discussion **and** their role:
    in a "Chair:" line or box, in the attendees table (a role such as "Team Manager (Chair)"),
    or in a sentence such as "The discussion was chaired by Hannah Reed, Team Manager".

    ## Why it matters
    Our safeguarding partnership's procedure makes the chair accountable for the decision
    and the actions. Agencies reading the record need to know who that was, and with what
    authority, so that they know whom to challenge or update.

    ## Example
    A record that fires:

    ```markdown
    ## Meeting details
    Date of strategy discussion: 14/03/2016
    Chair: Hannah Reed
    ```

    A record that passes:

    ```markdown
    ## Meeting details
    Chair: Hannah Reed, Team Manager, Children's Social Care
    ```

    ## How to fix
    Add a "Chair:" line giving the chair's name and role, for example
    "Chair: Hannah Reed, Team Manager, Children's Social Care".
    """

    code = "XA001"
    name = "chair-not-named"
    summary = "The record does not name who chaired the discussion and their role."
    default_severity = Severity.WARNING
    # An example: off unless selected (--select XA), so installing it for its tests does not
    # change every check.  Delete this line in your own plugin so the rule always runs.
    opt_in = True
    fix = "Add 'Chair: <name>, <role>' to the meeting details, e.g. 'Chair: Hannah Reed, Team Manager'."
    options = {
        "labels": Option(
            ["chair", "chaired by", "chairperson", "chair person", "meeting chair", "chair of meeting"],
            "labels of the line or box that names the chair (case and punctuation ignored)",
        ),
    }

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        found = list(chairs(document, ctx.options["labels"]))
        if any(c.name and c.role for c in found):
            return
        if found:
            first = found[0]
            missing = "role" if first.name else "name and role"
            yield Report(
                message=f"The chair is named without their {missing}: say who chaired the discussion and in what role.",
                block=first.block,
                excerpt=", ".join(x for x in (first.name, first.role) if x) or None,
            )
            return
        details = document.sections_of("details")
        yield Report(
            message="The record does not say who chaired the strategy discussion.",
            block=details[0].heading_block if details else None,
            section=details[0].title if details else None,
        )


@hookimpl
def strategy_lint_rules() -> list[type[Rule]]:
    return [ChairNotNamed]
