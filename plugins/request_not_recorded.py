"""SL501 request-not-recorded: the record does not say who asked for the strategy discussion."""

from __future__ import annotations

import re
from typing import Iterator

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.phrases import phrase_pattern
from strategy_lint.nlp import is_placeholder, sentences
from strategy_lint.structure import label_value_lines

#: "Requested by: ..." style fields, in any layout (form rows come through as "label: value").
_FIELD = re.compile(
    r"^\s*(?:strategy\s+(?:discussion\s+|meeting\s+)?)?(?:requested\s+by|request(?:ed)?\s+made\s+by|who\s+requested[^:]{0,40}"
    r"|request\s+from|requesting\s+(?:agency|professional|person))\s*[:\-–]\s*(?P<value>\S.*)$",
    re.I,
)
#: A request needs to be about the discussion itself, not "medical requested by police".
_ABOUT_STRATEGY = re.compile(r"\b(?:strategy|multi-?agency\s+(?:discussion|meeting)|discussion|meeting)\b", re.I)
#: Words shortly before a request phrase that undo it ("did not request", "nobody asked").
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|neither|nor|without|nobody|none|whether|if)\b|n't\b|\bno\s+one\b", re.I
)
#: A request section that says there was none.
_NO_REQUEST = re.compile(
    r"\b(?:not|never)\s+(?:explicitly\s+|specifically\s+|formally\s+)?(?:request(?:ed)?|ask(?:ed)?)\b"
    r"|\bno\s+(?:explicit\s+|specific\s+|formal\s+)?request\b|\bnobody\b|\bno\s+one\b|\bnot\s+(?:recorded|known|stated)\b",
    re.I,
)


def _norm(text: str) -> str:
    return (text or "").replace("’", "'")


class RequestNotRecorded(Rule):
    """## What it checks
    That the record says who asked for the strategy discussion: which agency or person
    requested it. It accepts a "Requested by" / "Who requested the strategy discussion"
    field or section with a name in it, or a sentence such as "Police requested a strategy
    discussion" or "convened at the request of the DSL at Northbrook Primary School".
    A referral on its own ("referral received from the school") does not count: a
    referral passes on a concern, a request asks for a strategy discussion.

    ## Why it matters
    Any agency with reasonable cause to believe a child is suffering, or likely to suffer,
    significant harm can ask for a strategy discussion. The 2016 multi-agency audit found
    that agencies were referring concerns to children's social care but were not
    explicitly asking for strategy discussions. Recording who asked shows whether
    partners are using that right, and tells readers why the discussion was held.

    ## Example
    A record that fires:

    ```markdown
    ## Reason for the strategy discussion
    Referral received from Northbrook Primary School on 11/03/2016 about bruising.
    ```

    A record that passes:

    ```markdown
    ## Who requested the strategy discussion
    Jo Hart, DSL at Northbrook Primary School, requested a strategy discussion
    when she made the referral on 11/03/2016.
    ```

    ## How to fix
    Add a "Requested by" line or a "Who requested the strategy discussion" section
    naming the person, their role and agency. If no agency asked for it, say that
    children's social care convened it following the referral, and who decided.
    """

    code = "SL501"
    name = "request-not-recorded"
    summary = "The record does not say who requested the strategy discussion."
    default_severity = Severity.WARNING
    fix = (
        "Add a 'Requested by' line naming who asked for the strategy discussion (name, role, agency), "
        "e.g. 'Requested by: Jo Hart, DSL, Northbrook Primary School'."
    )
    options = {
        "request_phrases": Option(None, "wording that records a request (default: lexicon phrase list `request_phrases`)"),
        "referral_phrases": Option(None, "wording of a referral, which alone is not a request (default: lexicon list `referral_phrases`)"),
    }
    needs_nlp = True

    def check(self, document, ctx):
        requests = phrase_pattern(ctx.options.get("request_phrases") or ctx.lexicon.phrase_list("request_phrases"))
        referrals = phrase_pattern(ctx.options.get("referral_phrases") or ctx.lexicon.phrase_list("referral_phrases"))
        if self._request_section(document, ctx, requests, referrals):
            return
        if self._request_field(document, ctx, requests, referrals):
            return
        if requests is not None and self._request_sentence(document, ctx, requests):
            return
        yield self._report(document)

    # -- where a request can be recorded -------------------------------------------------

    def _request_section(self, document, ctx, requests, referrals) -> bool:
        for sec in document.sections_of("request"):
            text = _norm(document.section_text(sec))
            if self._names_a_requester(text, ctx, requests, referrals):
                return True
        return False

    def _request_field(self, document, ctx, requests, referrals) -> bool:
        for line, _block in label_value_lines(document):
            m = _FIELD.match(_norm(line))
            if m and self._names_a_requester(m["value"], ctx, requests, referrals):
                return True
        return False

    @staticmethod
    def _names_a_requester(text: str, ctx, requests, referrals) -> bool:
        """A value that says who asked: not blank, not 'none', not only a referral."""
        if not text.strip() or is_placeholder(text, ctx.lexicon) or _NO_REQUEST.search(text):
            return False
        asks = requests is not None and requests.search(text)
        only_referral = referrals is not None and referrals.search(text) and not asks
        return not only_referral

    def _request_sentence(self, document, ctx, requests) -> bool:
        texts = [_norm(b.text) for b in document.body_blocks() if b.text and requests.search(_norm(b.text))]
        for text in texts:
            for sentence in sentences(ctx.nlp, text):
                if _is_request(sentence, requests):
                    return True
        return False

    # -- the finding ---------------------------------------------------------------------

    def _report(self, document) -> Report:
        block, section = _anchor(document)
        return Report(
            message=(
                "The record does not say who asked for this strategy discussion. A referral is not a "
                "request: say which agency or person requested the discussion."
            ),
            block=block,
            section=section,
        )


def _is_request(sentence: str, requests: re.Pattern[str]) -> bool:
    for m in requests.finditer(sentence):
        before = sentence[max(0, m.start() - 40) : m.start()]
        if _NEGATION_BEFORE.search(before):
            continue
        if _ABOUT_STRATEGY.search(sentence):
            return True
    return False


def _anchor(document) -> tuple[int | None, str | None]:
    """Point at the reason (else request, else meeting details) section heading."""
    for kind in ("request", "reason", "details"):
        found: Iterator = iter(document.sections_of(kind))
        sec = next(found, None)
        if sec is not None:
            return sec.heading_block, sec.title
    return None, None


@hookimpl
def strategy_lint_rules():
    return [RequestNotRecorded]
