"""SL801 cancelled-followup-without-update: a follow-up strategy was cancelled and nobody was told."""

from __future__ import annotations

import re

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.phrases import phrase_pattern
from strategy_lint.dates import find_dates, parse_deadline
from strategy_lint.nlp import sentences

CANCEL_TERMS = [
    "cancelled", "canceled", "cancel", "cancelling", "cancellation", "no longer needed", "no longer required",
    "no longer necessary", "not needed", "not required", "stood down", "stand down", "standing down",
    "called off", "not going ahead", "will not go ahead", "did not go ahead", "will not take place",
    "did not take place", "not take place", "not be held", "not be going ahead", "not proceed",
    "not proceeding",
]
FOLLOWUP_WORDS = [
    "follow-up strategy", "follow up strategy", "followup strategy", "review strategy", "further strategy",
    "second strategy", "next strategy", "reconvened strategy", "strategy review", "follow-up meeting",
    "follow up meeting", "review meeting", "review discussion", "follow-up discussion", "follow up discussion",
    "reconvene", "reconvened", "planned strategy", "planned review", "booked strategy",
    "strategy discussion planned", "strategy meeting planned", "strategy discussion booked",
    "strategy meeting booked", "strategy discussion arranged", "strategy meeting arranged",
    "strategy discussion scheduled", "strategy meeting scheduled", "strategy discussion due",
    "strategy meeting due",
]
#: How close (in characters) the cancellation must be to the follow-up it cancels.
_NEAR = 100
#: Telling the other agencies: verbs of informing and who is told.
_INFORM = re.compile(
    r"\b(?:inform(?:ed|s|ing)?|notif(?:y|ied|ies|ying)|updat(?:e|ed|es|ing)|t(?:ell|old)|advis(?:e|ed)|"
    r"let\s+\S+(?:\s+\S+)?\s+know|email(?:ed)?|e-mail(?:ed)?|wr(?:ite|ote|itten)\s+to|contact(?:ed)?|"
    r"shar(?:e|ed|ing)|circulat(?:e|ed|ing)|feed\s*back|fed\s+back)\b",
    re.I,
)
#: Everyone else, as a group ("all agencies", "the professionals", "partners").
_GROUP = re.compile(
    r"\b(?:agencies|professionals|partners|partner\s+agencies|parties|attendees|invitees|everyone|"
    r"all\s+involved|those\s+(?:invited|involved|present)|participants|network)\b",
    re.I,
)
#: One named agency: enough only in a sentence about the cancellation ("the school was told of the cancellation").
_AGENCY = re.compile(r"\b(?:referrer|school|police|health|GP|health\s+visitor|nursery|midwife|hospital|DSL)\b", re.I)
_ABOUT_CANCELLATION = re.compile(r"\b(?:cancel\w*|stood\s+down|no\s+longer|not\s+(?:go|going)\s+ahead|of\s+this|the\s+change)\b", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|unless|should|in\s+the\s+event|in\s+case|were\s+to)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)
_NOT_TOLD = re.compile(r"\b(?:not|never)\s+(?:been\s+|yet\s+)?(?:inform|notif|updat|told|advis|contact)\w*|\bwithout\s+(?:inform|notif|updat|tell)\w*", re.I)


class CancelledFollowupWithoutUpdate(Rule):
    """## What it checks
    When the record says a follow-up or review strategy discussion was cancelled (or "is
    no longer needed", "was stood down"), that it also says the other agencies were, or
    will be, told, with a date: an action such as "CSC to inform all agencies that the
    review strategy is cancelled | Tom Ellis | 22/03/2016", or a sentence such as "All
    agencies were informed by email on 22/03/2016".

    A plan that only says what would happen *if* the review were cancelled, or a review
    that was "not cancelled", does not fire.

    ## Why it matters
    The 2016 audit found that other agencies were not always kept up to date about a
    case, and that this was a particular problem when follow-up strategies were
    cancelled: partners went on waiting for a discussion that was never going to happen,
    and their own safety work rested on a plan that had changed.

    ## Example
    A record that fires:

    ```markdown
    ## Next steps
    The review strategy discussion planned for 21/03/2016 was cancelled as the medical
    found no injury.
    ```

    A record that passes:

    ```markdown
    ## Next steps
    The review strategy discussion planned for 21/03/2016 was cancelled as the medical
    found no injury. Tom Ellis informed all agencies by email on 18/03/2016.
    ```

    ## How to fix
    Add an action: "CSC will update all agencies involved on the cancellation and the
    actions taken by (date)", with a named owner, or record when and how each agency was
    told.
    """

    code = "SL801"
    name = "cancelled-followup-without-update"
    summary = "A follow-up strategy was cancelled and the record does not say the other agencies were told, with a date."
    default_severity = Severity.ERROR
    fix = (
        "Add an action such as 'CSC will update all agencies involved on the cancellation and actions taken "
        "by (date)', or record when each agency was told."
    )
    options = {
        "cancel_terms": Option(CANCEL_TERMS, "wording that a meeting was cancelled or is not needed"),
        "followup_words": Option(FOLLOWUP_WORDS, "wording of a follow-up or review strategy discussion"),
        "update_phrases": Option(None, "standing update actions (default: lexicon phrase list `update_agencies`)"),
    }
    needs_nlp = True

    def check(self, document, ctx):
        cancel = phrase_pattern(ctx.options["cancel_terms"], exact_caps=False)
        followup = phrase_pattern(ctx.options["followup_words"], exact_caps=False)
        if cancel is None or followup is None:
            return
        hit = _cancellation(document, ctx, cancel, followup)
        if hit is None:
            return
        if _agencies_told(document, ctx, hit[0]):
            return
        block, sentence = hit
        yield Report(
            message=(
                "The record says a follow-up or review strategy discussion was cancelled, but not that the other "
                "agencies were or will be told, and by when."
            ),
            block=block,
            excerpt=sentence,
        )


def _cancellation(document, ctx, cancel, followup) -> tuple[int, str] | None:
    for block in document.body_blocks():
        text = (block.text or "").replace("’", "'")
        if not cancel.search(text) or not followup.search(text):
            continue
        for sentence in sentences(ctx.nlp, text):
            if _CONDITIONAL.search(sentence) or not followup.search(sentence):
                continue
            spans = [f.span() for f in followup.finditer(sentence)]
            for m in cancel.finditer(sentence):
                if not any(abs(m.start() - b) <= _NEAR or abs(a - m.end()) <= _NEAR for a, b in spans):
                    continue  # "a medical is not required" far from the review strategy
                before = sentence[max(0, m.start() - 12) : m.start()]
                if _NEGATION.search(before) and not m.group(0).lower().startswith(("no ", "not ")):
                    continue  # "was not cancelled"
                return block.index, sentence
    return None


def _agencies_told(document, ctx, cancel_block: int) -> bool:
    """An action or statement, dated no earlier than the cancellation, that the agencies are told.

    A standing "update all agencies" action due *before* the cancellation cannot have told
    anyone about it, so its date is compared with the earliest date written where the
    cancellation is recorded ("Addendum, 18/03/2016: the review ... was cancelled").
    """
    phrases = ctx.options.get("update_phrases") or ctx.lexicon.phrase_list("update_agencies")
    standing = phrase_pattern(phrases, exact_caps=False)
    meeting = document.metadata.meeting_date
    year = meeting.year if meeting else None
    cancelled_on = min((d.date for d in find_dates(document.blocks[cancel_block].text, default_year=year)), default=None)

    def in_time(due) -> bool:
        return cancelled_on is None or due is None or due >= cancelled_on

    for table in document.tables:
        for rec in table.records:
            action = rec.get("action")
            if not action or not _is_update(action, standing, about_cancellation=False):
                continue
            dated, due = _date_of(rec.get("deadline") or action, meeting, ctx)
            if dated and in_time(due):
                return True
    in_records = {b for table in document.tables for rec in table.records for b in rec.blocks}
    for block in document.body_blocks():
        if block.index in in_records:
            continue  # action rows were judged above, with their own deadline
        text = (block.text or "").replace("’", "'")
        if not _INFORM.search(text):
            continue
        for sentence in sentences(ctx.nlp, text):
            if _NOT_TOLD.search(sentence) or not _is_update(sentence, standing, about_cancellation=True):
                continue
            dated, due = _date_of(sentence, meeting, ctx)
            if dated and in_time(due):
                return True
    return False


def _is_update(text: str, standing, *, about_cancellation: bool) -> bool:
    """Telling the agencies in general, or (in a sentence about the cancellation) named ones."""
    if standing is not None and standing.search(text):
        return True
    if not _INFORM.search(text):
        return False
    if _GROUP.search(text):
        return True
    return about_cancellation and bool(_ABOUT_CANCELLATION.search(text) and _AGENCY.search(text))


def _date_of(text: str, meeting, ctx) -> tuple[bool, object]:
    """(has a usable date, the latest date it names or resolves to, if any)."""
    found = find_dates(text, default_year=meeting.year if meeting else None)
    if found:
        return True, max(d.date for d in found)
    deadline = parse_deadline(text, meeting_date=meeting, lexicon=ctx.lexicon)
    if deadline.kind in ("date", "weekday", "relative", "working_days"):
        return True, deadline.due
    return False, None


@hookimpl
def strategy_lint_rules():
    return [CancelledFollowupWithoutUpdate]
