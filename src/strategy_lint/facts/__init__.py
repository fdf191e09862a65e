"""One shared reading of each record: ``ctx.facts``.

Rules ask questions of the record ("who took part?", "is the child's voice there?",
"which actions have no deadline?"); if each rule answered them from the blocks itself,
two rules would disagree about the same record and every template a rule author had not
seen would break them one by one.  :class:`Facts` answers each question once per record,
lazily (a rule that only needs the actions never pays for the child's voice), from the
structure pass and one language pass, and keeps the evidence and how sure it is.

Built-in rules read nothing else; a third-party rule has the same powers::

    def check(self, document, ctx):
        for action in ctx.facts.actions:
            if action.owner_status == "missing":
                yield Report("Action {what} has no owner.", block=action.block,
                             values={"what": action.text})
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .model import (
    Action,
    Agency,
    Child,
    Confidence,
    Deadline,
    FollowUp,
    Meeting,
    Participant,
    Person,
    Photograph,
    Reading,
    Request,
    Voice,
    VoiceEvidence,
    VoiceSection,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ..lexicon import Lexicon
    from ..model import Document

__all__ = [
    "Facts",
    "facts_for",
    "Action",
    "Agency",
    "Child",
    "Confidence",
    "Deadline",
    "FollowUp",
    "Meeting",
    "Participant",
    "Person",
    "Photograph",
    "Reading",
    "Request",
    "Voice",
    "VoiceEvidence",
    "VoiceSection",
]


class Facts:
    """The reading of one record.  Every attribute is computed on first use, once."""

    def __init__(
        self,
        document: Document,
        lexicon: Lexicon | None = None,
        nlp: Callable[[], Language] | Language | None = None,
    ) -> None:
        if lexicon is None:
            from ..lexicon import default_lexicon

            lexicon = default_lexicon()
        self.document = document
        self.lexicon = lexicon
        self._nlp_source = nlp

    # -- the language pass ---------------------------------------------------------------

    @cached_property
    def nlp(self) -> Language:
        """The spaCy pipeline, after one pass over every line of the record."""
        src: Any = self._nlp_source
        if src is None:
            from ..nlp import get_pipeline

            pipeline = get_pipeline(self.lexicon)
        elif callable(src) and not hasattr(src, "pipe"):
            pipeline = src()
        else:
            pipeline = src
        from ..nlp import prime

        prime(pipeline, self._all_lines())
        return pipeline

    def _all_lines(self) -> list[str]:
        lines: list[str] = []
        for b in self.document.blocks:
            if b.text:
                lines.append(b.text)
                lines.extend(x.strip() for x in b.text.split("\n") if x.strip())
        return lines

    # -- readings ---------------------------------------------------------------------------

    @cached_property
    def reading(self) -> Reading:
        """How well the record's layout was understood."""
        from .reading import read_reading

        return read_reading(self)

    @cached_property
    def meeting(self) -> Meeting:
        from .meeting import read_meeting

        return read_meeting(self)

    @cached_property
    def request(self) -> Request:
        from .request import read_request

        return read_request(self)

    @cached_property
    def child(self) -> Child:
        from .child import read_child

        return read_child(self)

    @cached_property
    def participants(self) -> list[Participant]:
        from .people import read_participants

        return read_participants(self)

    @cached_property
    def agencies(self) -> list[Agency]:
        from .people import read_agencies

        return read_agencies(self)

    @cached_property
    def entry_lines(self) -> list[int]:
        """Blocks with a line or sentence written as someone's list entry, a name then their
        role or agency ("Gail Thorpe, Tenancy Officer, Brackenfold Homes", "Pellingford
        College (Imran Baig, Safeguarding Lead)"): where a list of who took part may be even
        when none was read.  Empty, with every table understood, means the whole record was
        searched and holds no such list."""
        from .people import read_entry_lines

        return read_entry_lines(self)

    @cached_property
    def empty_attendee_lists(self) -> list[tuple[str, int | None]]:
        """(title, block) of each place meant to list who took part that was left unfilled:
        a people table with no filled row, a "Present:" field holding only a prompt or a
        reference elsewhere ("as per invite – see Mosaic", "(name, role, agency)")."""
        from .people import read_empty_attendee_lists

        return read_empty_attendee_lists(self)

    @cached_property
    def contacts(self) -> list[Any]:
        """Agencies the record says gave information outside the meeting (phone, email),
        each with whether it is recorded among those who took part or were consulted."""
        from .people import read_contacts

        return read_contacts(self)

    @cached_property
    def voice(self) -> Voice:
        from .voice import read_voice

        return read_voice(self)

    @cached_property
    def actions(self) -> list[Action]:
        from .actions import read_actions

        return read_actions(self)

    @cached_property
    def action_blocks(self) -> frozenset[int]:
        """The blocks that hold agreed actions: what will be done, not what was said, seen
        or given (the readings of input, contacts and voice leave them out)."""
        return frozenset(n for a in self.actions for n in (a.blocks if a.blocks else [a.block]) if n is not None)

    @cached_property
    def update_actions(self) -> list[Action]:
        """Actions, or commitments anywhere in the record, to tell every agency the outcome."""
        from .actions import read_update_actions

        return read_update_actions(self)

    @cached_property
    def followups(self) -> list[FollowUp]:
        from .followups import read_followups

        return read_followups(self)

    @cached_property
    def photographs(self) -> list[Photograph]:
        from .photographs import read_photographs

        return read_photographs(self)

    # -- small questions rules ask -----------------------------------------------------------

    def is_placeholder(self, text: str) -> bool:
        """True if the whole of ``text`` says nothing: blank, "N/A", "TBC", "-", "see above",
        an unfilled Word prompt (the lexicon's ``placeholders``)."""
        from ..nlp import is_placeholder

        return is_placeholder(text, self.lexicon)

    def agencies_named_in(self, text: str) -> list[str]:
        """Keys of the agencies ``text`` names, including those a role implies ("DSL" ->
        school), through the lexicon and the record's language pass."""
        from ..nlp import agencies_in

        return [m.key for m in agencies_in(self.nlp, text) if m.key]

    def to_dict(self) -> dict[str, Any]:
        """Every reading as plain data (``strategy-lint dump --facts``)."""
        from .dump import facts_to_dict

        return facts_to_dict(self)


def facts_for(document: Document, lexicon: Lexicon | None = None, nlp: Any = None) -> Facts:
    """The reading of ``document`` (outside a rule, e.g. in a test or a script)."""
    return Facts(document, lexicon, nlp)
