"""The child's voice and lived experience, wherever the record gives it.

Many templates have no voice heading: the child's words sit in "What Lily has said",
"Jayden's views", a form row, a column, the background or an agency's update.  So the
reading is twofold: the *places* meant for the voice (voice sections, however titled),
and *evidence* anywhere in the record — the child's own words or views ("Lily told her
teacher…", "Jayden says he wants…", a quotation) and what professionals observed of the
child (presentation, care, interaction).  "Missing" means neither was found anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..extract.voice import is_placeholder_text, observed_experience, says_too_young, voice_sections
from ..lexicon import strip_numbering
from ..model import BlockKind
from .model import Voice, VoiceEvidence, VoiceSection
from .text import Line, is_guidance, prose_lines, record_lines

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["read_voice", "voice_title"]

#: Titles that hold the child's own views, named for the child: "What Lily has said",
#: "Jayden's views", "In Amy's words", "Views of Tom", "Mia's wishes and feelings".
_NAMED_TITLE = re.compile(
    r"^(?:(?i:what)\s+(?!(?:Police|School|Health|Nursery|Housing|Mum|Mother|Dad|Father|Parents?|Carers?|GP|HV|CSC)\b)"
    r"[A-Z][\w'-]+\s+(?:has\s+)?(?:said|says|told|tells|wants|thinks|feels|would\s+like)"
    # "What has Hodan told us, and what is her life like at home?"
    r"|(?i:what\s+(?:has|did|does))\s+(?!(?:Police|School|Health|Nursery|Housing|Mum|Mother|Dad|Father|Parents?|Carers?|GP|HV|CSC)\b)"
    r"[A-Z][\w'-]+\s+(?i:said|say|told|tell|shared|share|shown|show)\b"
    # "What is life like for Mason?", "What is a day like for Ava?"
    r"|(?i:what\s+is\s+(?:life|it|a\s+day|an?\s+(?:ordinary|typical|normal)\s+day)\s+like\s+for)\s+[A-Z]"
    # "What we have seen of Rowan's day": the child's day, seen by others
    r"|(?:(?i:what\s+(?:we\s+have|has\s+been|others\s+have)\s+(?:seen|observed|noticed)\s+of)\s+)?"
    r"[A-Z][\w-]+['’]s?\s+(?:own\s+)?(?:views?|voice|wishes|words|feelings|experiences?|lived\s+experience|daily\s+life|day|world|story)"
    r"|in\s+[A-Z][\w-]+['’]s\s+(?:own\s+)?words|(?:views?|voice|wishes|words)\s+of\s+[A-Z][\w-]+"
    # "Samir – his account (to AB + PW w/ interp)": a row for the child's own account
    r"|[A-Z][\w-]+\s*[–—:-]\s*(?:his|her|their)\s+(?:own\s+)?(?:account|views?|voice|wishes|words))",
)

#: Someone reporting what the child said, wants or feels.
_REPORTING = (
    r"(?:said|says|told|tells|stated|states|disclosed|discloses|described|describes|explained|explains|"
    r"reported|reports|shared|shares|spoke|speaks|talked|talks|expressed|expresses|asked|asks|"
    r"wants|wanted|wishes|wished|would\s+like|does\s+not\s+want|doesn't\s+want|did\s+not\s+want|"
    r"feels|felt|likes|liked|loves|enjoys|is\s+(?:scared|frightened|worried|afraid|happy|sad|upset)|"
    r"was\s+(?:scared|frightened|worried|afraid|happy|sad|upset|tearful|quiet|withdrawn)|"
    r"has\s+said|has\s+told|has\s+disclosed|has\s+described|view\s+is|views\s+are)"
)
#: The child on the receiving end: "will be told", "was asked", "was not reported to have".
_PASSIVE_SAID = re.compile(
    r"\b(?:(?:be|been|being|was|were|is|are)(?:\s+(?:not|never|also|then))?|wasn't|weren't|isn't|aren't)\s+(?:told|asked|shared|reported|described|disclosed|explained|stated|expressed)$",
    re.I,
)
#: The child as the object of someone else's words: "asking for Noah", "no injury to Summer".
_OBJECT_BEFORE = re.compile(
    r"(?:\b(?:for|to|with|about|at|of|from|by|towards|asking|saw|seen|see|against|versus|vs|re|regarding|concerning)"
    # "a boy who gave his name as Connor and said ...": the name someone used, not the child
    r"|\bname\s+as|\bnamed|\bcalled|\bknown\s+as|\bcalling\s+(?:himself|herself|themselves)"
    r"|\bv\.?)\s+$",
    re.I,
)
#: A question someone asked about the child: "asked when Reuben can go home".
_ASKED_ABOUT = re.compile(r"\b(?:when|whether|if|how)\s+$", re.I)
#: Some other child: "a Year 10 pupil told Mr Kemp", "another pupil said", "a female student said".
_OTHER_CHILD = re.compile(
    r"\b(?:(?:an?|another|other|one|some)(?:\s+(?:female|male|older|younger|other|fellow|\d{1,2}[- ]year[- ]old))?|a\s+year\s+\d+|year\s+\d+)\s*$",
    re.I,
)
#: "C reported missing", "Noah was reported as missing to police": reported by others, not speaking.
_NOT_SPOKEN = (
    r"(?!\s+(?:as\s+)?(?:missing|absent|to\s+(?:the\s+)?police))"
    # "S told by AB at joint visit", "Kian told at same visit, age-appropriate": shorthand's
    # passive, the child is the one told
    r"(?<!told(?=\s+(?:by|at|during|when|once|later|today|tomorrow|separately)\b))"
    # "N has shared images": pictures passed on, not words
    r"(?!\s+(?:an?\s+|the\s+|her\s+|his\s+|their\s+|some\s+|more\s+)?(?:intimate\s+|indecent\s+|sexual\s+)?"
    r"(?:images?|photos?|photographs?|pictures?|videos?|nudes?|selfies?|content)\b)"
)
_CHILD_WORDS = r"(?:the\s+)?(?:child|young\s+person|YP|baby|infant|boy|girl|pupil|student)"
_QUOTE = re.compile(r"[\"“][^\"”]{3,}[\"”]")
#: A reason given instead of the child's voice: "Not obtained - Tommy is a baby", "Due to
#: his age he is unable to say", "N/A, non-verbal".
_EXCUSE = re.compile(
    r"(?:\b(?:not\s+(?:obtained|possible|able|applicable|gained|sought|ascertained|appropriate)|n/a|unable|cannot|can't|could\s+not)\b"
    r".{0,60}\b(?:bab(?:y|ies)|infant|new[- ]?born|too\s+young|(?:his|her|their|young)\s+age|pre-?verbal|non-?verbal|does\s+not\s+use\s+words|no\s+words|not\s+verbal)\b)"
    r"|(?:\b(?:due\s+to|because\s+of|given)\s+(?:his|her|their|the\s+child's|young)\s+age\b)"
    r"|(?:\b(?:bab(?:y|ies)|infant|too\s+young|pre-?verbal|non-?verbal)\b.{0,40}\b(?:unable|cannot|can't|not\s+able|not\s+possible)\b)",
    re.I,
)
#: A line saying the child cannot give views: "too young to give her views", "unable to express
#: his wishes".
_TOO_YOUNG_TO_SAY = re.compile(
    r"\btoo\s+young\s+to\s+(?:give|express|share|say|tell|communicate|voice|talk)\b"
    r"|\b(?:unable|not\s+able)\s+to\s+(?:give|express|share|communicate)\s+(?:his|her|their)\s+(?:views|wishes)\b",
    re.I,
)
_PRONOUN_SAID = re.compile(rf"\b(?:she|he|they)\s+(?:has\s+|had\s+)?(?:{_REPORTING})\b", re.I)
#: A negation just before (or inside) the child speaking: "neither child has said", "Kai
#: has not said" -- not "did not want to talk, but said ..." (a clause away).
_NEGATED_BEFORE = re.compile(
    r"\b(?:neither|never|nor)\b[^,;.]{0,20}$|\b(?:neither|never|not|no)\s+(?:\w+\s+){0,2}(?:has|have|had|did|does|is|was)?\s*(?:said|told|disclosed|spoken|say|tell)\b"
    r"|n['’]t\s+(?:\w+\s+)?(?:said|told|disclosed|spoken|say|tell)\b",
    re.I,
)
#: "... said nothing", "has not said anything": no words to record.
_SAID_NOTHING = re.compile(r"\s+(?:anything|nothing)\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:if|unless|until|whether|should|in\s+case|once)\b", re.I)
#: A worry, not something seen: "a baby in the sole care, at night, of a mother under the
#: influence: risk of unsafe sleep", "she could be left hungry".
_WORRY = re.compile(r"\b(?:could|might|(?:at\s+)?risks?\s+of|danger\s+of)\b", re.I)
#: What the child needs, not what anyone saw: "She needs constant responsive care".
_NEEDS = re.compile(r"^\W*(?:[\w'’-]+\s+){1,3}(?:needs|requires|will\s+need|would\s+benefit\s+from)\b", re.I)
#: Observation that is only planned ("will be captured through observation at the next visit").
_PLANNED = re.compile(r"\b(?:will\s+be|to\s+be|will|next\s+visit|going\s+to|planned|plan\s+to|once\s+seen)\b", re.I)


#: A title about the child's own view or life, whatever the template calls it: a voice word
#: and a word for the child ("The young person's perspective", "Views of the baby").
_VOICE_WORD = re.compile(
    r"\b(?:voice|views?|wishes|feelings|lived|perspective|words|experiences?|daily\s+life|world|account|story|say)\b",
    re.I,
)
_CHILD_WORD = re.compile(
    r"\b(?:child(?:ren)?(?:'s|’s|s')?|young\s+(?:person|people)(?:'s|’s)?|yp(?:'s)?|baby(?:'s)?|infant(?:'s)?|pupil(?:'s)?)\b",
    re.I,
)


#: A title giving the voice of whoever the row or part is about: "Their voice and their
#: days", "His views", "In her own words".
_OWN_VOICE = re.compile(r"^(?:in\s+)?(?:their|his|her)\s+(?:own\s+)?(?:voice|views?|wishes|words)\b", re.I)


#: A title naming whose it is: "Kerry-Ann's world" (not "Child's voice").
_WHOSE = re.compile(r"^([A-Z][\w'’-]*?)['’]s\b")
_NOT_WHOSE = ("child", "children", "baby", "infant", "pupil", "student", "person", "yp", "young")
_ADULT_WHOSE = re.compile(
    r"^(?:family|parents?|mum|mother|dad|father|carers?|grandparents?|nan|gran|adults?|professionals?)$", re.I
)


def _questions(title: str) -> list[str]:
    """The title without its numbering, and each question or dashed part of it ("4. What
    is life like for Mason? What has he said or shown us?", "7. THE BABY'S WORLD – WHAT
    LIFE IS LIKE FOR THIS UNBORN BABY NOW, AND WILL BE AFTER BIRTH")."""
    bare = strip_numbering(title)
    # ... and a title's subtitle after a colon ("C · Baby's voice: what we see and hear")
    return [bare, *(q for q in re.split(r"\?\s+(?=\S)|\s+[–—-]\s+|:\s+", bare) if q.strip())]


def voice_title(title: str, lexicon, child: str = "") -> bool:
    """True if a section title is a place for the child's voice.  ``child`` is the child's
    first name, when the record gives it: "5. LEWIS - WORDS / DAY TO DAY" is his part."""
    t = title.strip()
    whose = _WHOSE.match(strip_numbering(t))
    if whose and (
        _ADULT_WHOSE.match(whose.group(1)) or child and whose.group(1).lower() not in (child.lower(), *_NOT_WHOSE)
    ):
        return False  # "The child's world | Kerry-Ann's world", "Family's view": someone else's part
    if lexicon.section_kind(t) == "child_voice" or any(_NAMED_TITLE.match(q.strip()) for q in _questions(t)):
        return True
    if _OWN_VOICE.match(strip_numbering(t)) and len(t.split()) <= 8:
        return True  # "Their voice and their days" in a grid of the young people
    if any(len(q.split()) <= 10 and bool(_VOICE_WORD.search(q) and _CHILD_WORD.search(q)) for q in _questions(t)):
        return True
    bare = strip_numbering(t)
    return bool(
        child
        and len(bare.split()) <= 12
        and re.search(rf"\b{re.escape(child)}\b", bare, re.I)
        and (_VOICE_WORD.search(bare) or _DAY_TO_DAY.search(bare))
    )


#: The child's days as a title's words: "day to day", "day-to-day".
_DAY_TO_DAY = re.compile(r"\bday[\s-]+to[\s-]+day\b", re.I)


def read_voice(facts: Facts) -> Voice:
    document, lexicon, nlp = facts.document, facts.lexicon, facts.nlp
    voice = Voice()
    covered: set[int] = set()
    child = next((n for n in _child_names(facts) if not _INITIALS.fullmatch(n)), "")
    planned = facts.action_blocks
    for v in voice_sections(document, lexicon):
        # "7. Rhys — his voice and his day | To follow. | → SW: see Rhys on his own by 19/03":
        # the agreed action beside the part is the plan to hear him, not his voice
        heard = _without_plan(document, v.content, v.blocks, planned)
        voice.sections.append(
            VoiceSection(v.title, v.content, v.block, list(v.blocks), placeholder=is_placeholder_text(heard, lexicon))
        )
        covered.update(v.blocks)
    for title, head, cells in _voice_columns(document, lexicon, child):
        if head in covered or not set(cells).isdisjoint(covered):
            continue
        content = "\n".join(document.blocks[c].text for c in cells if document.blocks[c].text.strip())
        voice.sections.append(
            VoiceSection(title, content, head, cells, placeholder=is_placeholder_text(content, lexicon))
        )
        covered.update([head, *cells])
    for sec in document.sections:
        if sec.kind == "child_voice" or not voice_title(sec.title, lexicon, child):
            continue
        if sec.heading_block in covered:
            continue  # a grid's column title, read above with the cells under it
        blocks = [b.index for b in document.section_blocks(sec)]
        if set(blocks) & covered:
            continue
        content = "\n".join(b.text for b in document.section_blocks(sec) if b.text.strip())
        heard = _without_plan(document, content, blocks, planned)
        voice.sections.append(
            VoiceSection(sec.title, content, sec.heading_block, blocks, placeholder=is_placeholder_text(heard, lexicon))
        )
        covered.update(blocks)
    # a voice title written as a plain line ("What Kai has said / presentation:"): the lines
    # after it, up to the next title, are the child's voice
    heads = {sec.heading_block for sec in document.sections if sec.heading_block is not None}
    child_names = {n.lower() for n in _child_names(facts) if not _INITIALS.fullmatch(n)}
    lines = list(record_lines(document))
    for i, line in enumerate(lines):
        # "Section 6: The child's day-to-day experience" is numbered, not labelled
        text = strip_numbering(line.text)
        title = text.rstrip(" :")
        if line.block in covered or line.block in planned:
            continue  # "Police – check 3 Dale View for children visiting" is an action
        if _column_header(document, document.blocks[line.block]):
            continue  # "Name | Role | How | What they said": its answers are the cells below it
        if ":" in text.rstrip(" :") and not text.rstrip().endswith(":"):
            # "Ollie's views: Ollie is non-verbal ...": an inline label the lexicon does not
            # list (those were read by voice_sections) but that names the child's voice
            label, _, rest = text.partition(":")
            # a template's prompt may be long ("What the child has said, how they present
            # and what daily life is like for them (for a baby ..., what has been seen)")
            if rest.strip() and len(label.split()) <= 40 and voice_title(label, lexicon, child):
                voice.sections.append(
                    VoiceSection(
                        label.strip(),
                        rest.strip(),
                        line.block,
                        [line.block],
                        placeholder=is_placeholder_text(rest, lexicon),
                    )
                )
                covered.add(line.block)
                continue
            first_cell = document.blocks[line.block].table is not None and document.blocks[line.block].column == 0
            if not (first_cell and len(title.split()) <= 12 and voice_title(title, lexicon, child)):
                continue
            # "The children: voice and day-to-day" in a grid's first column: a title as a
            # whole, its answer in the rest of the row
        # "What is life like for Alfie day to day? (what he has said, shown or what others
        # have seen)": the guidance in brackets is no part of the title's length
        bare = re.sub(r"\s*\([^()]*\)\s*$", "", title).strip() or title
        # "6. What we know of Rhys's experience and what he has said." in bold, on its own: a
        # letter's numbered lead-in, a title even with its full stop
        lead_in = document.blocks[line.block].bold and text != line.text and len(line.text.splitlines()) == 1
        bare = bare.rstrip(".") if lead_in else bare
        if (
            len(bare.split()) > 12
            or not voice_title(bare, lexicon, child)
            or title.endswith(".")
            and not lead_in
            or title[:1].islower()
        ):
            continue  # "views." ends a sentence wrapped onto its own line: no title
        body: list[Line] = []
        title_line = line.text
        here = document.blocks[line.block]
        # "Part F: ... what life is like for them now", then a row per child ("Isla | ..."):
        # the children's own rows are the part's answer, not the next part
        own_rows = {h for h in heads if h is not None and document.blocks[h].text.strip().lower() in child_names}
        for nxt in lines[i + 1 : i + 12]:
            wrapped = here.table is not None and len(nxt.text.split()) <= 3 and nxt.text[:1].islower()
            if not body and nxt.block == line.block and (_unfinished(title_line) or wrapped):
                # a title cell's own lines are the title wrapped ("... or how the child" / "presents"):
                # its answer is in the next cell
                title_line = f"{title_line} {nxt.text}"
                continue  # the title wrapped: "What does the child say? What is" / "the child's ... like?"
            if nxt.block in own_rows:
                continue
            if nxt.block in heads or nxt.text.rstrip().endswith(":") and len(nxt.text.split()) <= 8:
                break
            if any(line.block < h < nxt.block for h in heads - own_rows if h is not None):
                break  # a title between them (the record's lines leave titles out): the next part
            if len(nxt.text.split()) <= 12 and lexicon.section_kind(nxt.text) is not None:
                break  # "Section 7: Information shared by agencies": the next part's title
            there = document.blocks[nxt.block]
            if here.table is not None and (there.table, there.row) != (here.table, here.row):
                break  # a title in a form's box or row: its answer is in that box or row
            body.append(nxt)
        content = "\n".join(b.text for b in body)
        heard = "\n".join(b.text for b in body if b.block not in planned)
        voice.sections.append(
            VoiceSection(
                title, content, line.block, [b.block for b in body], placeholder=is_placeholder_text(heard, lexicon)
            )
        )
        covered.update(b.block for b in body)
    for s in voice.sections:
        if not s.placeholder:
            for b in s.blocks or ([s.block] if s.block is not None else []):
                if document.blocks[b].text.strip() and not is_guidance(document.blocks[b].text):
                    voice.evidence.append(VoiceEvidence("section", b, document.blocks[b].text.strip()))
                    break
    said = _said_pattern(facts)
    names = {n.lower() for n in _child_names(facts) if not _INITIALS.fullmatch(n)}
    child_columns = _child_columns(document, names, lexicon)
    in_voice = set()
    for s in voice.sections:
        in_voice.update(s.blocks)
    # the plan is what will be done, not what was seen or said
    titles = sorted({s.title for s in voice.sections if s.title}, key=len, reverse=True)
    # a voice part's own title ("What has the child said, or how do they present?") asks
    title_blocks = {s.block for s in voice.sections if s.block is not None and s.block not in s.blocks}
    for line in prose_lines(document):
        if document.blocks[line.block].kind is BlockKind.HEADING or line.block in planned:
            continue
        if line.block in title_blocks:
            continue
        text = line.text
        if is_guidance(_untitled(text, titles)):
            continue  # "What has the child said, and to whom?" asks; nobody answered
        excuse = _EXCUSE.search(text)
        if excuse is None and not _QUOTE.search(text):
            # "The child's voice: Isla-Mae is 4 months old and too young to give her views":
            # the line says why there is no voice, it does not give one
            excuse = _TOO_YOUNG_TO_SAY.search(text)
        if not voice.too_young:
            young = says_too_young(text, nlp, lexicon) or (excuse.group(0) if excuse else None)
            if young:
                voice.too_young, voice.too_young_block = young, line.block
        bare = strip_numbering(text).rstrip(" :")
        # "The child's voice and daily life (who has seen the child, when, and what they said
        # or showed)": the title's bracketed guidance says nothing the child said
        bare = re.sub(r"\s*\([^()]*\)\s*$", "", bare).strip() or bare
        if len(bare.split()) <= 12 and not re.search(r"[.!?\"“]", bare) and voice_title(bare, lexicon, child):
            continue  # "Section 7: The child's wishes and feelings" is a title, not the child speaking
        # a voice field's own label ("Mariama's views: TBC") is not the child speaking
        label, colon, rest = text.partition(":")
        if colon and (line.block in in_voice and len(label) <= 60 or voice_title(label, lexicon, child)):
            spoken = rest  # "What the child has said, how they present ...: To follow."
        else:
            spoken = text
        # "Lacey: shy at first ... Told play specialist "I falled on the bouncy"": a line
        # labelled with the child's name is all about the child
        cell = document.blocks[line.block]
        under_child = bool(cell.row) and (cell.table, cell.column) in child_columns
        about_line = bool(colon) and label.strip().lower() in names or under_child
        spoke = _child_speaking(said, spoken)
        if spoke and _HYPOTHETICAL.search(spoken[max(0, spoke.start() - 25) : spoke.start()]):
            spoke = None  # "no medical needed unless Ethan discloses": nothing was said
        if spoke and (
            _NEGATED_BEFORE.search(spoken[max(0, spoke.start() - 25) : spoke.start()] + spoke.group(0))
            or _SAID_NOTHING.match(spoken, spoke.end())
        ):
            spoke = None  # "as neither child has said anything of concern": nobody spoke
        if spoke and _PASSIVE_SAID.search(spoke.group(0)):
            spoke = None  # "what the child will be told": told, not telling
        if (
            spoke
            and _PROMPTED.search(spoken[max(0, spoke.start() - 12) : spoke.start()])
            and not _names_child(facts, spoke.group(0))
        ):
            spoke = None  # guidance: "record ... what the child has said or shown" asks, nobody spoke
        if spoke and not excuse:
            voice.evidence.append(VoiceEvidence("said", line.block, text))
        elif not excuse and _pronoun_quotes_child(facts, text):
            voice.evidence.append(VoiceEvidence("said", line.block, text))
        elif (line.block in in_voice or about_line) and _QUOTE.search(text):
            voice.evidence.append(VoiceEvidence("said", line.block, text))
        elif (line.block in in_voice or about_line or _about_child(facts, text)) and _observed(
            text, facts, line.block in in_voice or about_line
        ):
            # in the voice section every line is about the child ("- alert, tracking faces")
            voice.evidence.append(VoiceEvidence("observed", line.block, text))
    if not any(e.kind == "said" for e in voice.evidence):
        voice.evidence.extend(_quoted_child(facts, planned))
    return voice


def _voice_columns(document, lexicon, child: str) -> list[tuple[str, int, list[int]]]:
    """Columns of a grid titled as the child's voice ("# | Young person | What worries us |
    Their voice and their days"): (title, title cell, the cells under it)."""
    out: list[tuple[str, int, list[int]]] = []
    for t in document.tables:
        if t.n_rows < 2 or t.n_cols < 3:
            continue  # two columns are a form's label and value, read as fields
        if "name" in t.column_kinds:
            continue  # "Name | Role | What they said": what each professional told the meeting
        top = t.cells[t.header_row] if t.header else t.cells[0]
        start = (t.header_row if t.header else 0) + 1
        for col, head in enumerate(top):
            if head is None or top.count(head) > 1 or col < len(t.column_kinds) and t.column_kinds[col]:
                continue
            title = " ".join(document.blocks[head].text.split())
            if not title or len(title.split()) > 12 or not voice_title(title, lexicon, child):
                continue
            cells = [row[col] for row in t.cells[start:] if col < len(row) and row[col] is not None]
            cells = [c for c in dict.fromkeys(cells) if c != head]
            if cells:
                out.append((title, head, cells))
    return out


def _child_columns(document, names: set[str], lexicon) -> set[tuple[int, int]]:
    """(table, column) of each column titled with the child's name ("Jayden | Natalie"):
    every line under it is about the child, as a line labelled "Jayden:" is.  Every title of
    the row must be a name: "Name | Ella BROOKES" is a form's field, not columns by person."""
    out: set[tuple[int, int]] = set()
    if not names:
        return out
    for t in document.tables:
        if t.n_rows < 2:
            continue
        top = t.cells[0]
        titles = [
            re.sub(r"\([^()]*\)", " ", document.blocks[c].text).split() for c in dict.fromkeys(top) if c is not None
        ]
        if len(titles) < 2 or not all(
            0 < len(w) <= 3
            and all(x[:1].isupper() for x in w)
            and not lexicon.column_kind(" ".join(w))
            and not lexicon.section_kind(" ".join(w))
            for w in titles
        ):
            continue
        for col, cell in enumerate(top):
            head = re.sub(r"\([^()]*\)", " ", document.blocks[cell].text).split() if cell is not None else []
            if head and head[0].strip(" ,:").lower() in names:
                out.add((t.index, col))
    return out


def _column_header(document, block) -> bool:
    """A table's column title, not a field: what answers it is in the rows below, which
    the voice sections read by column when the column is the child's voice."""
    if block.table is None or block.row is None:
        return False
    table = document.tables[block.table]
    return bool(table.header) and block.row == table.header_row and table.n_rows > block.row + 1


_OPEN_END = re.compile(r"\b(?:the|a|an|is|are|of|to|and|or|what|for|with|by|in|on|at|their|his|her|how|who)$", re.I)


def _unfinished(title: str) -> bool:
    """A title line that goes on in the next line of its box: it ends on "the" or "What is",
    or opens a bracket it does not close ("Megan's words to her tutor (Pete")."""
    t = title.rstrip()
    return bool(_OPEN_END.search(t)) or t.count("(") > t.count(")")


def _child_speaking(said: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first place ``text`` has the child speaking, skipping another child ("a Year 10
    pupil told Mr Kemp") and the child as an object ("asking for Noah and said he owes",
    "no injury to Summer reported")."""
    for spoke in said.finditer(text):
        before = text[max(0, spoke.start() - 20) : spoke.start()]
        if _OTHER_CHILD.search(before) or _OBJECT_BEFORE.search(before):
            continue
        return spoke
    return None


#: "He told his teacher, "My tooth hurts ..."": someone quoted by a pronoun.
_PRONOUN_QUOTE = re.compile(r"\b(?:he|she)\s+(?:told|said|says|tells|added|explained)\b[^\"“.]{0,40}[\"“]", re.I)
#: Someone else the pronoun could stand for.
_OTHER_PERSON = re.compile(
    r"\b(?:mum|mother|dad|father|partner|step\w*|brother|sister|uncle|aunt|grand\w*|nan|man|woman|boyfriend|"
    r"girlfriend|officer|teacher|worker|nurse|doctor|Mr|Mrs|Ms|Miss|Dr)\b",
    re.I,
)


def _pronoun_quotes_child(facts: Facts, text: str) -> bool:
    """ "The main worry is Mason's mouth. On Monday his cheek was swollen. He told his teacher,
    "My tooth hurts ..."": the pronoun is the child when the child is the last person the
    text named before it (within a few sentences) and the words are quoted."""
    m = _PRONOUN_QUOTE.search(text)
    names = [n for n in _child_names(facts) if not _INITIALS.fullmatch(n)]
    if m is None or not names:
        return False
    before = text[max(0, m.start() - 200) : m.start()]
    mentions = [x for n in names for x in re.finditer(rf"\b{re.escape(n)}\b", before)]
    if not mentions:
        return False
    last = max(mentions, key=lambda x: x.end())
    between = before[last.end() :]
    if _OTHER_PERSON.search(between):
        return False
    # the child is who the text is about: a subject ("Mason said nothing. He told ..."), or
    # referred to again on the way ("Mason's mouth. ... his cheek ... He told ..."), not
    # an object in someone else's sentence ("He had driven Maisie to the centre. He said ...")
    subject = re.search(r"(?:^|[.!?:]\s+)$", before[: last.start()]) is not None
    return subject or re.search(r"\b(?:he|she|his|her)\b", between, re.I) is not None


def _untitled(text: str, titles: list[str]) -> str:
    """``text`` without the voice title it starts with: a box holding the title and its
    guidance in one paragraph ("10. The child's views What has the child said?")."""
    for candidate in (text, strip_numbering(text)):
        for title in titles:
            if candidate.startswith(title):
                return candidate[len(title) :].lstrip(" :–-")
    return text


#: An embedded question about "the child" -- a template's guidance, not a report.
_PROMPTED = re.compile(r"\b(?:what|whether|how|if|anything|where)\s+$", re.I)

#: Who is quoted, when it is not the child: a parent or carer just before the quote.
_ADULT_SPEAKER = re.compile(
    r"\b(?:mum|mother|dad|father|step-?\w+|parents?|carers?|nan|gran\w*|grandma|grandad|aunt|uncle|partner|"
    r"Mr|Mrs|Ms|Miss|Dr|DC|DS|PC|DI|SW|TM|HV|DSL)\b",
    re.I,
)
#: an opening quote (after a space, colon or bracket, before a word) to its closing quote
_SPOKEN_QUOTE = re.compile(r"(?:^|(?<=[\s:(,]))[\"“](?=\S)(?P<words>[^\"”]{12,}?)[\"”](?!\w)")


#: Below this age a child says no sentences: a quote given by a pronoun is an adult's.
_QUOTABLE_MONTHS = 12


def _quoted_child(facts: Facts, planned: frozenset[int]) -> list[VoiceEvidence]:
    """The child's own words quoted in a paragraph or cell about the child, the speaker
    given by a pronoun or a colon ("Last week she told Jade, \"he's the only one who gets
    me\"", "T-R in return interview (KM): \"I'm not a kid\""), read over the whole block so
    a quote wrapped across lines is one quote.  Only looked for when no sentence names the
    child as the speaker: it keeps "no voice anywhere" for records that have none."""
    # a one-letter initial ("T") is too common a token to say a paragraph is about the child
    names = [n for n in _child_names(facts) if len(n) > 1]
    if not names:
        return []
    months = facts.child.age_months
    if months is not None and months < _QUOTABLE_MONTHS:
        return []  # "He said he'd 'had a couple'" beside a 5-month-old's name is her father
    child = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w'’])")
    lead = re.compile(rf"(?:\b(?:she|he|they)\s+(?:\w+\s+){{0,2}}?(?i:{_REPORTING})\b[^\"“.]{{0,30}}|:\s*)$", re.I)
    out: list[VoiceEvidence] = []
    for block in facts.document.body_blocks():
        if block.index in planned or not block.text or not child.search(block.text):
            continue
        text = " ".join(block.text.split())
        for q in _SPOKEN_QUOTE.finditer(text):
            before = text[max(0, q.start() - 60) : q.start()]
            m = lead.search(before)
            if not m:
                continue
            speaker = (
                before[: m.start()][-40:]
                if m.group(0).lstrip().startswith(":")
                else before[max(0, m.start() - 25) : m.start()]
            )
            if _ADULT_SPEAKER.search(speaker) and not child.search(speaker):
                continue
            if child.search(q.group(0)):
                continue  # "he would \"take Tyler and she'll never see him again\"": words about the child
            out.append(VoiceEvidence("said", block.index, text[max(0, q.start() - 60) : q.end()]))
            break
    return out


#: Observation words that only say a visit happened or something was noticed ("was seen
#: at home", "a bruise was seen on her arm", "appeared"): not, alone, what life is like
#: for the child.  What counts is how the child presented, behaved and was cared for.
_WEAK_OBSERVATION = frozenset(
    w.lower()
    for w in (
        "seen by",
        "was seen",
        "seen at",
        "seen on",
        "seen alone",
        "seen with",
        "seen at home",
        "home visit",
        "visited",
        "observed",
        "observation",
        "observations",
        "noted to be",
        "was noted",
        "appeared",
        "appears",
        "appeared to be",
        "seemed",
        "presentation",
        "presented as",
        "presents as",
        "presenting as",
        "response to",
        "responded",
        "handled",
        "handling",
        "weight",
        "growth",
        "development",
        "centile",
        "centiles",
        "routine",
        "routines",
        "clean",
        "appearance",
        "crawling",
        "walking",
        "cot",
        "moses basket",
        "milestones",
        "meeting milestones",
        "safe sleep",
        "co-sleeping",
        "bottle",
        "seen",
        "nappies",
    )
)


def _without_plan(document: Any, content: str, blocks: Iterable[int], planned: frozenset[int]) -> str:
    """A voice part's text less the plan written in it: "To follow. | → SW: see Rhys on his
    own in school by 19/03" holds a plan to hear the child, not the child's voice."""
    for b in planned.intersection(blocks):
        content = content.replace(document.blocks[b].text, "")
    return content


def _observed(text: str, facts: Facts, in_voice: bool = False) -> bool:
    """Something a professional saw of the child's presentation, behaviour or care — not
    an excuse, a plan to look, or a visit that merely happened.  Outside the voice
    section, the sentence itself must be about the child ("Happy to advise day team."
    after a line naming the child is the paediatrician, not the child)."""
    from ..nlp import sentences

    several = len(text) > 60
    after_excuse = False  # "LR too young to give views. Obs by KB on ward: alert, playing ...":
    # what follows the excuse about the child, in the same paragraph, is what was seen of them
    carried = False  # the child is the subject a shorthand sentence leaves out
    for sentence in sentences(facts.nlp, text):
        about = _about_child(facts, sentence) or carried and bool(_NO_SUBJECT.match(sentence))
        carried = about or carried and not _OTHER_SUBJECT.match(sentence)
        if several and not in_voice and not about and not after_excuse:
            continue
        if _EXCUSE.search(sentence) or about and says_too_young(sentence, facts.nlp, facts.lexicon):
            after_excuse = after_excuse or about
            continue
        if _PLANNED.search(sentence) or _HYPOTHETICAL.search(sentence) or _WORRY.search(sentence):
            continue  # "no medical needed unless Ethan discloses" observes nothing
        if _NEEDS.search(sentence):
            continue  # "She needs constant responsive care": a need, not what was seen
        found = observed_experience(sentence, facts.nlp, facts.lexicon)
        if any(w.lower() not in _WEAK_OBSERVATION for w in found):
            return True
    return False


#: A shorthand sentence that opens with its verb, the subject left out: "Riley on ward: walking
#: round the bay. Ate toast + banana. Went to Chantelle for cuddles when upset."
_NO_SUBJECT = re.compile(
    r"^\s*(?:ate|drank|went|came|slept|woke|cried|smiled|laughed|waved|walked|played|reached|held|"
    r"looked|seemed|appeared|was|is|has|had|said|says|settled|fed|babbled|crawled|clung|pointed|"
    r"showed|watched|responded|turned|ran|sat|stood|hid)\b",
    re.I,
)
#: A sentence about someone else, which ends a run of sentences about the child.
_OTHER_SUBJECT = re.compile(
    r"^\s*(?:(?i:she|he|they|mum|mother|dad|father)|[A-Z][a-z'’-]+\s+(?:said|says|told|was|is|has|had|reported|stated))\b"
)
_INITIALS = re.compile(r"[A-Z]{1,3}|[A-Z](?:-[A-Z])+")
#: An adult the sentence names before a pronoun: "Ms Doyle told the HV she was ...".
_ADULT_BEFORE = re.compile(r"\b(?:Ms|Mrs|Mr|Miss|Mx)\.?\s+[A-Z]|\b(?:mum|mother|dad|father|parents?|carers?)\b", re.I)


def _child_names(facts: Facts) -> list[str]:
    """How the record names the child: the first name, and its initial (shorthand minutes
    write "H said ..." after the first mention of Holly)."""
    name = facts.child.name
    first = [w for w in name.split()[:1] if len(w) > 1] if name else []
    nick = re.findall(r"\([\"“'‘]?([A-Z][a-z'’-]+)[\"”'’]?\)", name)  # "Oliver (Ollie) Brennan", '("Rosie")'
    if not first:
        return []
    # shorthand initials: "H" for Holly, "T-R" for Tia-Rose, "KM" for Kayla Morris
    parts = [w for w in re.split(r"-", first[0]) if w]
    initials = [first[0][0]] + (["-".join(w[0] for w in parts)] if len(parts) > 1 else [])
    if len(parts) > 1:
        initials.append("".join(w[0] for w in parts))  # "LR" for Lily-Rose
    words = [w for w in re.sub(r"\([^()]*\)", " ", name).split() if w[:1].isupper()]
    if len(words) in (2, 3):
        initials.append("".join(w[0] for w in words))
    return first + nick + initials


def _said_pattern(facts: Facts) -> re.Pattern[str]:
    every = _child_names(facts)
    initials = [re.escape(n) for n in every if _INITIALS.fullmatch(n)]
    names = [re.escape(n) for n in every if not _INITIALS.fullmatch(n)]
    child = rf"(?i:{_CHILD_WORDS})"
    subject = rf"(?:{'|'.join(names)}|{child})" if names else child
    owner = (
        rf"(?:{'|'.join(names)}|(?i:the\s+child|the\s+young\s+person))"
        if names
        else r"(?i:the\s+child|the\s+young\s+person)"
    )
    return re.compile(
        rf"\b{subject}\b(?:\s+(?i:has|had|then|also|later|clearly|again|herself|himself|themselves))?"
        rf"(?:\s+\w+){{0,3}}?\s+(?i:{_REPORTING})\b{_NOT_SPOKEN}"
        rf"|\b{owner}['’]s\s+(?i:views?|wishes|words|account|voice)\b"
        # "Lacey's voice (20/11): ...", "Kai's views": whoever's voice a record gives is the child's
        r"|\b(?!(?:Mum|Mother|Dad|Father|Nan|Gran|Grandma|Grandad|Parents?|Carers?|Aunt|Uncle|Police|School|Chair|Child|Children|Baby|Infant|Person|Pupil|Patient|Student|Family)['’])"
        r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*['’]s\s+(?i:voice|views|wishes\s+and\s+feelings|own\s+words)\b"
        # "H to DSL: \"I don't want to go back\"" -- the child's words given after a colon
        rf"|\b{subject}\s+(?i:to|told)\s+[\w' ]{{1,30}}:\s*[\"“]"
        # shorthand's initial ("H said ..."), only straight before the verb: "A bruise was reported" is no child
        + (
            rf"|(?<![\w'’])(?:{'|'.join(initials)})\s+(?:(?i:has|had)\s+)?(?i:{_REPORTING})\b{_NOT_SPOKEN}"
            rf"|(?<![\w'’])(?:{'|'.join(initials)})\s+(?i:to|told)\s+[\w' ]{{1,30}}:\s*[\"“]"
            if initials
            else ""
        )
    )


def _names_child(facts: Facts, text: str) -> bool:
    names = [n for n in _child_names(facts) if not _INITIALS.fullmatch(n)]
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)


def _about_child(facts: Facts, text: str) -> bool:
    names = _child_names(facts)
    for n in names:
        for m in re.finditer(rf"\b{re.escape(n)}\b", text):
            before = text[max(0, m.start() - 20) : m.start()]
            # "Both calm; asked when Reuben can go home": the parents, asking about him
            if not (_OBJECT_BEFORE.search(before) or _ASKED_ABOUT.search(before)):
                return True
    if re.search(rf"\b{_CHILD_WORDS}\b", text, re.I):
        return True
    pronoun = re.search(r"\b(?:she|he|they)\s+(?:was|is|appeared|presented|seemed)\b", text, re.I)
    # "Ms Doyle told the HV she was 'trying to sleep'": the adult named before is who "she" is
    return pronoun is not None and not _ADULT_BEFORE.search(text[: pronoun.start()])
