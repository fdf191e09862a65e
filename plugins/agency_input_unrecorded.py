"""SL301 agency-input-unrecorded: an agency that took part has no contribution recorded."""

from __future__ import annotations

import re

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.attendees import CONVENOR_AGENCIES, initials_of, participants, same_agency
from strategy_lint.nlp import agencies_in_many, is_placeholder

#: Sections where an agency's input is recorded (everything but the lists, the plan and
#: the meeting details: an action for the police is not information from the police).
_NOT_INPUT = frozenset(
    {"attendees", "consulted", "apologies", "distribution", "details", "child_details", "actions",
     "next_steps", "author", "decision"}
)
#: Where children's social care's own input shows (it convenes and decides).
_CONVENOR_KINDS = ("reason", "decision", "actions", "risk", "agency_info")
_POINTER = re.compile(r"^\s*(?:yes\b|y\b|see\b|provided\b|as above\b|below\b|attached\b)", re.I)


class AgencyInputUnrecorded(Rule):
    """## What it checks
    That every agency recorded as attending or contacted has its contribution recorded
    somewhere beyond the attendee list: in the agency information, the reason, the
    request, the child's experience or the risk analysis, or in an "Information
    provided" column of the attendee table. An agency with nothing to add must still be
    recorded as such: "no concerns", "not known to the service", "no information held"
    all count. One finding per agency, pointing at its attendee row.

    The same agency written several ways is one agency ("Westvale Police", "police",
    "CAIT", "DS Fenwick", and initials such as "MF said..." for a listed person).
    Children's social care convenes the discussion: its input counts as recorded when
    the reason, decision or actions say anything. An action given to an agency, or a
    heading with nothing under it, is not its input.

    ## Why it matters
    The 2016 audit asked that the record "clearly record who has had input into the
    discussions and the concerns of all agencies", and that "if agencies have been
    contacted but have no safeguarding concerns about a particular child, this should
    also be recorded". Readers cannot tell "no concerns" from "not asked".

    ## Example
    A record that fires (the midwife is listed but nothing she said is recorded):

    ```markdown
    ## Consulted outside the meeting
    - Lucy Hale, Community Midwife, Eastmoor Maternity Services (email)

    ## Agency information
    ### Health visiting
    Sarah Okafor said Ava's weight follows the 50th centile.
    ```

    A record that passes:

    ```markdown
    ### Midwifery, consulted by email
    Lucy Hale said there are no concerns on midwifery records.
    ```

    ## How to fix
    Under the agency information, add what the agency said, or that it had nothing to
    add: e.g. "Midwifery (Lucy Hale, by email): no concerns; not known to the service."
    """

    code = "SL301"
    name = "agency-input-unrecorded"
    summary = "An agency that took part or was contacted has no contribution recorded."
    default_severity = Severity.ERROR
    fix = (
        "Record what the agency said under the agency information, or that it had nothing to add "
        "(e.g. 'Midwifery: no concerns, not known to the service')."
    )
    options = {
        "pending_phrases": Option(
            ["awaiting", "await", "to follow", "not yet", "no response", "not received", "not responded",
             "did not respond", "has not responded", "no reply", "chasing", "unable to contact",
             "could not be contacted", "not been able"],
            "wording that says an agency's input has NOT been received",
        ),
    }
    needs_nlp = True

    def check(self, document, ctx):
        nlp = ctx.nlp
        people = [p for p in participants(document, nlp, ctx.lexicon) if p.took_part]
        groups: dict[str, list] = {}
        for p in people:
            key = p.agency_key or _norm(p.agency)
            if key:
                groups.setdefault(key, []).append(p)
        if not groups:
            return
        pending = _phrase_re(ctx.options["pending_phrases"])
        initials = initials_of(people)
        credited = self._credited(document, ctx, people, initials, pending)
        for key, members in groups.items():
            if any(same_agency(key, k) for k in credited):
                continue
            if any(_real_contribution(p.contribution, ctx.lexicon) for p in members):
                continue
            if key in CONVENOR_AGENCIES and _convenor_spoke(document, ctx.lexicon):
                continue
            first = members[0]
            agency = first.agency or key
            who = ", ".join(p.name for p in members if p.name)
            people = f' ("{who}")' if who else ""
            yield Report(
                message=(
                    f'"{agency}" took part{people} but nothing it said is recorded, '
                    "not even that it had no concerns or no information."
                ),
                fix=(
                    "Record the agency's information under the agency information, or that it had nothing "
                    "to add ('no concerns', 'not known to the service')."
                ),
                block=first.block,
                excerpt=first.row_text.replace("\n", " ")[:120],
            )

    # -- what counts as input ------------------------------------------------------------

    def _credited(self, document, ctx, people, initials, pending) -> set[str]:
        """Agency keys (and free-text agency names) whose input the record shows.

        Linear in the record: every line goes through spaCy once per pass in one
        ``nlp.pipe`` batch, and people are found by one scan per line (:class:`_People`)
        instead of a loop over everyone listed.
        """
        nlp = ctx.nlp
        ini = set(initials)
        units = [(h, t) for h, t in _input_units(document) if not is_placeholder(t, ctx.lexicon)]
        alone = _batched_agencies(nlp, [t for _, t in units], ini)
        units = [
            (h, t) for h, t in units
            if not _only_agency_name(t, alone[t]) and not (pending is not None and pending.search(t))
        ]
        both_texts = [h + "\n" + t for h, t in units]
        named = _batched_agencies(nlp, both_texts, ini)
        finder = _People(people, initials)
        out: set[str] = set()
        for both in both_texts:
            for m in named[both]:
                out.add(m.key)
            out |= finder.keys_in(both)
        return out


def _input_units(document):
    """(heading context, line) for each line of text where agency input may be recorded."""
    for b in document.body_blocks():
        sec = document.section_of_block(b.index)
        if sec is None or b.index == sec.heading_block:
            continue
        kinds = _kinds_up(document, sec)
        if kinds & _NOT_INPUT:
            continue
        heading = sec.title if sec.kind is None else ""
        if b.table is not None:
            t = document.tables[b.table]
            if t.records or b.column == 0:
                row = t.cells[b.row] if b.row is not None else []
                first = row[0] if row else None
                heading = document.blocks[first].text if first is not None and first != b.index else heading
        context = heading
        for line in b.text.split("\n"):
            line = line.strip()
            if not line:
                continue
            if len(line.split()) <= 10 and not re.search(r"[.!?]$", line) and ":" not in line:
                context = line  # a subheading inside a form cell ("Midwifery, consulted by email")
                continue
            yield context, line


def _kinds_up(document, sec) -> set[str]:
    kinds = set()
    while sec is not None:
        if sec.kind:
            kinds.add(sec.kind)
            break  # the innermost named kind decides
        sec = document.sections[sec.parent] if sec.parent is not None else None
    return kinds


def _batched_agencies(nlp, texts: list[str], initials) -> dict[str, list]:
    """text -> agencies named in it, each distinct text through spaCy once, in one batch."""
    distinct = list(dict.fromkeys(texts))
    return dict(zip(distinct, agencies_in_many(nlp, distinct, initials)))


def _only_agency_name(text: str, found) -> bool:
    """True if ``text`` is little more than the agency names ``found`` in it."""
    if not found:
        return False
    rest = text
    for m in sorted(found, key=lambda m: -m.start):
        rest = rest[: m.start] + rest[m.end :]
    return len(re.findall(r"[A-Za-z]{3,}", rest)) < 2


class _People:
    """Finds the people a line mentions, and so the agencies it credits, in one scan.

    A person is mentioned by "First Last" anywhere in the line, by "Title Last" ("DS
    Fenwick", "Dr. Shah") or by their initials as a whole token ("MF said"); a person
    with a free-text agency (no lexicon key) also by that agency's name.  Every such
    pattern contains a literal (the "First Last" wording, the surname, the initials or
    the normalised agency name), so one compiled pattern per record finds the literals
    a line contains and only their owners' exact patterns are then checked: O(lines),
    where looping over everyone listed was O(lines x people).
    """

    def __init__(self, people, initials) -> None:
        self.by_first_last: dict[str, set[str]] = {}
        self.titled: dict[str, list[tuple[re.Pattern, str]]] = {}  # surname -> (pattern, key)
        self.free_agencies: set[str] = set()
        for p in people:
            key = p.agency_key or _norm(p.agency)
            words = [w for w in p.name.split() if w[:1].isupper()]
            if len(words) >= 2:
                self.by_first_last.setdefault(f"{words[-2]} {words[-1]}", set()).add(key)
                if len(words) >= 3:
                    pat = re.compile(rf"\b{re.escape(words[0])}\.?\s+{re.escape(words[-1])}\b")
                    self.titled.setdefault(words[-1], []).append((pat, key))
            if p.agency and not p.agency_key:
                self.free_agencies.add(_norm(p.agency))
        self.by_initials = {
            ini: (re.compile(rf"(?<![\w-]){re.escape(ini)}(?![\w-])"), who.agency_key or _norm(who.agency))
            for ini, who in initials.items()
        }
        self.names = _LiteralFinder([*self.by_first_last, *self.titled, *self.by_initials])
        self.agencies = _LiteralFinder(self.free_agencies)

    def keys_in(self, text: str) -> set[str]:
        """Agency keys of the people ``text`` mentions (and free-text agencies it names)."""
        out: set[str] = set()
        for lit in self.names.found_in(text):
            out |= self.by_first_last.get(lit, set())
            for pat, key in self.titled.get(lit, ()):
                if pat.search(text):
                    out.add(key)
            hit = self.by_initials.get(lit)
            if hit is not None and hit[0].search(text):
                out.add(hit[1])
        if self.free_agencies:
            out |= self.agencies.found_in(_norm(text))
        return out


class _LiteralFinder:
    """Every string of a fixed set that occurs in a text (as a substring), in one regex scan.

    A prefix-tree alternation inside a lookahead gives, at each position, the longest
    string starting there; the shorter ones starting there are its prefixes in the set.
    """

    def __init__(self, literals) -> None:
        lits = {s for s in literals}
        self.always = "" in lits  # the empty string is in every text
        lits.discard("")
        self.prefixes = {s: [s[:k] for k in range(1, len(s) + 1) if s[:k] in lits] for s in lits}
        self.pattern = re.compile("(?=(" + _trie_regex(sorted(lits)) + "))") if lits else None

    def found_in(self, text: str) -> set[str]:
        out = {""} if self.always else set()
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                out.update(self.prefixes[m.group(1)])
        return out


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words`` (non-empty), longest alternative first at each step."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            parts.append("")  # ending here is tried last, so the longest match wins
        if len(parts) == 1:
            return parts[0]
        return "(?:" + "|".join(parts) + ")"

    return emit(trie)


def _real_contribution(text: str, lexicon) -> bool:
    return bool(text) and not is_placeholder(text, lexicon) and not _POINTER.match(text)


def _convenor_spoke(document, lexicon) -> bool:
    for sec in document.sections:
        if sec.kind in _CONVENOR_KINDS:
            text = document.section_text(sec)
            if text.strip() and not is_placeholder(text, lexicon):
                return True
    return False


def _phrase_re(phrases):
    words = [re.escape(p) for p in phrases if p]
    return re.compile(r"(?i)\b(?:" + "|".join(words) + r")\b") if words else None


def _norm(text: str) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


@hookimpl
def strategy_lint_rules():
    return [AgencyInputUnrecorded]
