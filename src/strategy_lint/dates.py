"""Dates and deadlines as they are written in English strategy records.

Everything here is pure: strings in, values out, no document model and no spaCy, so the
structure pass and the rules can both call it and tests stay fast.

* Dates are read UK day-first ("14/3/16" is 14 March 2016).  Times ("10:30", "14.30"),
  phone numbers, "3 working days", "s47" and ages are not dates; impossible dates
  ("31/02/2016") are rejected.
* Deadlines are classified (a date, a weekday, a relative or working-day timescale, an
  event, or none/missing) and resolved against the meeting date where possible.  Working
  days skip weekends and England & Wales bank holidays (``holidays`` package, imported
  only when a working-day sum is needed).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import strip_numbering

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import Lexicon

__all__ = [
    "FoundDate",
    "Deadline",
    "REAL_KINDS",
    "find_dates",
    "parse_deadline",
    "add_working_days",
    "is_working_day",
    "find_meeting_date",
    "find_child_dob",
    "find_child_age_months",
    "age_in_months",
    "weekday_conflict",
]

# -- finding dates -----------------------------------------------------------------------

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_WEEKDAY_RE = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)"
)
_ORD = r"(?:st|nd|rd|th)?"

# 14/03/2016, 14/3/16, 14.3.16, 14-03-2016 (same separator twice)
_NUMERIC = re.compile(r"(?<![\w/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/\-]|[.,:]\d)")
# 2016-03-14, 2016/03/14
_ISO = re.compile(r"(?<![\w/.\-])(\d{4})([\-/])(\d{1,2})\2(\d{1,2})(?![\w/\-]|[.,:]\d)")
# [Monday] 14th [of] March [2016]; 14-Mar-16
_DAY_MONTH = re.compile(
    rf"(?<![\w/.\-])(?:(?P<wd>{_WEEKDAY_RE})\.?,?\s+(?:the\s+)?)?(?P<d>\d{{1,2}}){_ORD}"
    rf"(?:\s+of)?(?:\s+|-)(?P<m>{_MONTH_RE})\.?"
    rf"(?:,?(?:\s+|-)(?P<y>\d{{4}}|(?<=-[A-Za-z]{{3}}-)\d{{2}}))?(?!\w|[.,:]\d)",
    re.IGNORECASE,
)
# March 14th[,] [2016]
_MONTH_DAY = re.compile(
    rf"(?<![\w/.\-])(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}}){_ORD}"
    rf"(?:,?\s+(?P<y>\d{{4}}))?(?![\w/]|[.,:]\d)",
    re.IGNORECASE,
)


# 14/03 (no year): only with "/" ("14.30" is a time), never "24/7" (round the clock)
_NUMERIC_SHORT = re.compile(r"(?<![\w/.\-])(?!(?:24/7|1/2|1/3|2/3|1/4|3/4)\b)(\d{1,2})/(\d{1,2})(?![\w/]|[.,:]\d|/)")
_WEEK_COMMENCING = re.compile(r"\b(?:w/?c|week\s+commencing|week\s+beginning|w/b)\s*$", re.I)
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty-second": 22,
    "twenty-third": 23,
    "twenty-fourth": 24,
    "twenty-fifth": 25,
    "twenty-sixth": 26,
    "twenty-seventh": 27,
    "twenty-eighth": 28,
    "twenty-ninth": 29,
    "thirtieth": 30,
    "thirty-first": 31,
}
# "the fourteenth of March [2025]"
_ORDINAL_DATE = re.compile(
    rf"\b(?:the\s+)?(?P<d>{'|'.join(sorted((k.replace('-', '[- ]') for k in _ORDINAL_WORDS), key=len, reverse=True))})"
    rf"\s+(?:of\s+)?(?P<m>{_MONTH_RE})\b(?:,?\s+(?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
# a weekday written just before a date ("Fri 21/03", "Friday, 21 March")
_WEEKDAY_BEFORE = re.compile(rf"(?P<wd>{_WEEKDAY_RE})\.?,?\s*(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, with its character span.  ``explicit_year`` is False when the
    year came from ``default_year`` ("Monday 14th March")."""

    date: _dt.date
    start: int
    end: int
    text: str
    explicit_year: bool = True
    #: the weekday written before the date, when it is not the date's weekday ("Fri" on a Thursday)
    weekday_conflict: str = ""


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _make(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _month_ok(m: re.Match[str], has_year: bool) -> bool:
    """A year-less "14 may" is likely prose ("aged 2 may"); without a year the month must be capitalised."""
    word = m.group("m")
    return has_year or word[0].isupper()


def find_dates(text: str, *, default_year: int | None = None) -> list[FoundDate]:
    """Every date in ``text``, in order.  Day-first; year-less dates take ``default_year``
    (and are skipped when it is None)."""
    if not text:
        return []
    found: list[FoundDate] = []
    for m in _NUMERIC.finditer(text):
        d = _make(_year(m.group(4)), int(m.group(3)), int(m.group(1)))
        if d:
            found.append(FoundDate(d, m.start(), m.end(), m.group(0)))
    for m in _ISO.finditer(text):
        d = _make(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if d:
            found.append(FoundDate(d, m.start(), m.end(), m.group(0)))
    if default_year is not None:
        for m in _NUMERIC_SHORT.finditer(text):
            d = _make(default_year, int(m.group(2)), int(m.group(1)))
            if d:
                found.append(FoundDate(d, m.start(), m.end(), m.group(0), explicit_year=False))
    for rx in (_DAY_MONTH, _MONTH_DAY, _ORDINAL_DATE):
        for m in rx.finditer(text):
            y = m.group("y")
            if rx is not _ORDINAL_DATE and not _month_ok(m, bool(y)):
                continue
            if y is None and default_year is None:
                continue
            year = _year(y) if y else default_year
            assert year is not None
            day_text = m.group("d").lower().replace(" ", "-")
            day = int(day_text) if day_text.isdigit() else _ORDINAL_WORDS.get(day_text, 0)
            d = _make(year, _MONTHS[m.group("m").lower()], day)
            if d:
                found.append(FoundDate(d, m.start(), m.end(), m.group(0), explicit_year=bool(y)))
    return [_with_weekday(text, f) for f in _drop_overlaps(found)]


def _with_weekday(text: str, f: FoundDate) -> FoundDate:
    """Note a weekday written before the date that does not fall on it ("Fri 20/03/2025",
    a Thursday): reported, never silently corrected.  A year-less date's weekday is checked
    by the caller once the year is resolved."""
    m = _WEEKDAY_BEFORE.search(text[max(0, f.start - 14) : f.start])
    inner = re.match(rf"\s*(?P<wd>{_WEEKDAY_RE})\b", f.text, re.IGNORECASE)
    wd = m or inner
    if not wd:
        return f
    written = _WEEKDAY_INDEX[wd.group("wd").lower()[:3]]
    if written == f.date.weekday() or not f.explicit_year:
        return f
    return FoundDate(f.date, f.start, f.end, f.text, f.explicit_year, weekday_conflict=wd.group("wd"))


def weekday_conflict(text: str, due: _dt.date) -> str:
    """The weekday written next to a date in ``text`` if it is not ``due``'s weekday, else ""."""
    for f in find_dates(text, default_year=due.year):
        if f.date.month != due.month or f.date.day != due.day:
            continue
        m = _WEEKDAY_BEFORE.search(text[max(0, f.start - 14) : f.start]) or re.match(
            rf"\s*(?P<wd>{_WEEKDAY_RE})\b", f.text, re.IGNORECASE
        )
        if m and _WEEKDAY_INDEX[m.group("wd").lower()[:3]] != due.weekday():
            return m.group("wd")
    return ""


def _drop_overlaps(found: list[FoundDate]) -> list[FoundDate]:
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[FoundDate] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


# -- working days ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _bank_holidays():
    """England & Wales bank holidays (the ``holidays`` package), or None if it is missing."""
    try:
        import holidays
    except ImportError:  # pragma: no cover - it is a declared dependency
        warnings.warn(
            "The 'holidays' package is not installed: working days skip weekends only. "
            "Install it with: pip install holidays",
            RuntimeWarning,
            stacklevel=3,
        )
        return None
    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(d: _dt.date) -> bool:
    """Monday to Friday and not an England & Wales bank holiday."""
    if d.weekday() >= 5:
        return False
    hols = _bank_holidays()
    return hols is None or d not in hols


def add_working_days(d: _dt.date, n: int) -> _dt.date:
    """The date ``n`` working days after ``d`` (before it when ``n`` is negative).

    ``d`` itself need not be a working day: Saturday + 1 working day is Monday.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    cur = d
    while remaining:
        cur += _dt.timedelta(days=step)
        if is_working_day(cur):
            remaining -= 1
    return cur


# -- deadlines ---------------------------------------------------------------------------

#: Kinds that are real deadlines.
REAL_KINDS = frozenset({"date", "weekday", "relative", "working_days", "event"})


@dataclass(frozen=True)
class Deadline:
    """How a "by when" was written and what it means.

    ``kind``: date | weekday | relative | working_days | event (real deadlines), or
    none (words that are not a deadline, e.g. "ASAP") | missing (blank or a placeholder).
    ``due`` is the resolved date where one can be worked out; ``reason`` says in plain
    English why the text is or is not a usable deadline.
    """

    kind: str
    due: _dt.date | None
    text: str
    reason: str
    meeting_date: _dt.date | None = None

    @property
    def is_real(self) -> bool:
        return self.kind in REAL_KINDS

    @property
    def before_meeting(self) -> bool:
        """True when the deadline falls before the meeting it was set in (a typo or a copy)."""
        return bool(self.due and self.meeting_date and self.due < self.meeting_date)


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "forty five": 45,
}
_NUM = (
    r"(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty[- ]five)"
)

_WORKING_DAYS = re.compile(rf"\b{_NUM}\s*(?:working|work|business)\s*days?\b", re.I)
_NEXT_WORKING_DAY = re.compile(
    r"\b(?:(?:end\s+of\s+(?:the\s+)?)?next\s+(?:working|business)\s+day"
    r"|(?:within|in)\s+(?:one|a|1)\s+(?:working|business)\s+day)\b",
    re.I,
)
_END_WORKING_DAY = re.compile(r"\bend\s+of\s+(?:the\s+)?(?:working|business)\s+day\b", re.I)
_SAME_DAY = re.compile(
    r"\b(?:today|same\s+day|end\s+of\s+(?:the\s+)?day|end\s+of\s+play|close\s+of\s+(?:play|business)"
    r"|by\s+close|during\s+(?:the\s+)?meeting|by\s+\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)(?!\s+on\b)"
    r"|by\s+(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*hrs)?(?!\s+on\b|\s*/|\d)"  # "by 07:00" (a 24-hour clock)
    r"|end\s+of\s+(?:the\s+|this\s+|my\s+|her\s+|his\s+)?shift"  # EDT: "before the end of this shift"
    r"|tonight|(?:this|the\s+same)\s+(?:afternoon|evening|morning))\b",
    re.I,
)
_SAME_DAY_ABBR = re.compile(r"(?<![\w.])(?:EOD|COP|COB|E\.O\.D\.?|C\.O\.P\.?)(?![\w])", re.I)
_TOMORROW = re.compile(r"\btomorrow\b", re.I)
_HOURS = re.compile(rf"\b(?:within|in|next)\s+(?:the\s+)?{_NUM}\s*(?:hours?|hrs?)\b", re.I)
_HOURS_BARE = re.compile(r"\b(\d{1,3})\s*(?:hours?|hrs?)\b", re.I)
_DAYS = re.compile(rf"\b(?:within|in|next)\s+(?:the\s+)?{_NUM}\s*(?:calendar\s+)?days?\b", re.I)
_WEEKS = re.compile(rf"\b(?:within|in)\s+{_NUM}\s*weeks?\b", re.I)
_MONTHS_REL = re.compile(rf"\b(?:within|in)\s+{_NUM}\s*months?\b", re.I)
_END_OF_WEEK = re.compile(r"\bend\s+of\s+(?:the\s+|this\s+)?week\b", re.I)
_WEEKDAY = re.compile(
    r"(?<![\w])(?:(?P<next>next)\s+|this\s+|(?:by|on|before|until|for|from)\s+)?"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?-i:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri))\b\.?",
    re.I,
)
_WEEKDAY_INDEX = {
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_EVENT = re.compile(
    r"\b(?P<prep>before|prior\s+to|ahead\s+of|in\s+advance\s+of|at|following|after|by|in\s+time\s+for|on\s+completion\s+of|upon\s+completion\s+of)\s+"
    r"(?:the\s+|a\s+|his\s+|her\s+|their\s+)?(?:next\s+|first\s+|initial\s+|planned\s+|review\s+|follow[- ]up\s+)?"
    r"(?P<event>ICPC|RCPC|initial\s+child\s+protection\s+conference|child\s+protection\s+conference|conference"
    r"|core\s+group|ABE(?:\s+interview)?|achieving\s+best\s+evidence(?:\s+interview)?|video\s+interview|police\s+interview|interview"
    r"|strategy(?:\s+discussion|\s+meeting)?|medical(?:\s+examination|\s+assessment)?|CP\s+medical|child\s+protection\s+medical"
    r"|skeletal\s+survey|examination|discharge|home\s+visit|joint\s+visit|visit|court(?:\s+hearing)?|hearing"
    r"|MARAC|review|assessment|s47|section\s+47(?:\s+enquiry)?|enquiries|case\s+conference|PLO\s+meeting|legal\s+planning\s+meeting)\b",
    re.I,
)

#: A pre-birth plan's timescale: a week of the pregnancy ("by 32 wks", "before 36/40").
_GESTATION = re.compile(
    r"\b(?:by|before|at|from|prior\s+to)\s+(?P<week>[1-4]\d)\s*(?:\+\d\s*)?(?:wks?|weeks?|/40)\b(?!\s+(?:old|of\s+age))",
    re.I,
)

_MISSING_WORDS = {
    "",
    "-",
    "–",
    "—",
    "--",
    "?",
    "??",
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "not applicable",
    "tbc",
    "tba",
    "tbd",
    "to be confirmed",
    "to be agreed",
    "to be arranged",
    "to be decided",
    "to be advised",
    "to be discussed",
    "none",
    "nil",
    "none set",
    "not set",
    "no date",
    "unknown",
    "not known",
    "x",
    "...",
    "…",
}
_REASONS = {
    "asap": "'As soon as possible' sets no date: give a date or a timescale such as 'within 24 hours'.",
    "urgent": "'Urgent' or 'immediately' sets no date: give a date, or say 'today' if it is done during or straight after the meeting.",
    "ongoing": "'Ongoing' work has no end date: give a date to review it.",
    "vague": "A vague timescale ('as and when', 'in due course', 'as required') cannot be checked: give a date.",
    "range": "'Next week' or 'this month' is a range, not a date: give the date it is due by.",
}


def _norm(text: str) -> str:
    t = (text or "").replace("’", "'").strip().lower()
    return " ".join(t.split())


def _num(word: str) -> int:
    w = word.lower().replace("-", " ")
    return int(w) if w.isdigit() else _NUMBER_WORDS.get(w, _NUMBER_WORDS.get(word.lower(), 0))


def _not_deadline_words(lexicon: Lexicon | None) -> set[str]:
    if lexicon is None:
        try:
            from .lexicon import default_lexicon

            lexicon = default_lexicon()
        except Exception:  # pragma: no cover - the built-in lists below still apply
            return set()
    return {_norm(p) for p in lexicon.phrase_list("not_deadlines")}


def parse_deadline(
    text: str | None,
    *,
    meeting_date: _dt.date | None,
    lexicon: Lexicon | None = None,
) -> Deadline:
    """Classify and resolve a "by when" entry against the meeting date.

    Real deadlines are looked for first, so "ASAP and by Friday" is a weekday deadline;
    only when none is found does the text count as not-a-deadline or missing.
    """
    raw = text or ""
    found = _real_deadline(raw, meeting_date)
    if found is not None:
        kind, due, reason = found
        return Deadline(kind, due, raw, reason, meeting_date)
    norm = _norm(raw).strip(" .!:;")
    if norm in _MISSING_WORDS or _norm(raw) in _MISSING_WORDS or not any(c.isalnum() for c in norm):
        reason = "No deadline is given." if not norm else "A placeholder (such as TBC, N/A or '-') is not a deadline."
        return Deadline("missing", None, raw, reason, meeting_date)
    return Deadline("none", None, raw, _none_reason(norm, lexicon), meeting_date)


def _none_reason(norm: str, lexicon: Lexicon | None) -> str:
    if re.search(r"\b(asap|a\.s\.a\.p|as soon as|earliest|soon|shortly)", norm):
        return _REASONS["asap"]
    if re.search(r"\b(urgent|urgently|immediate|immediately|straight away|now)\b", norm):
        return _REASONS["urgent"]
    if re.search(r"\b(ongoing|on-going|on going|continu|throughout|monitor)", norm):
        return _REASONS["ongoing"]
    if re.search(r"\b(next|this)\s+(week|month)\b", norm):
        return _REASONS["range"]
    if norm in _not_deadline_words(lexicon) or re.search(
        r"\b(as and when|when|as required|as needed|as necessary|in due course|if required|later|future)\b", norm
    ):
        return _REASONS["vague"]
    return (
        "No date or timescale was found: give a date (e.g. 14/03/2016) or a timescale (e.g. 'within 3 working days')."
    )


def _needs_meeting(kind: str, what: str) -> tuple[str, None, str]:
    return (kind, None, f"{what}; the meeting date is not recorded, so the due date cannot be worked out.")


def _real_deadline(raw: str, meeting: _dt.date | None) -> tuple[str, _dt.date | None, str] | None:
    # 1. an explicit date (a year-less one takes the meeting's year, rolling into the next year if need be)
    dates = find_dates(raw, default_year=meeting.year if meeting else None)
    if dates:
        f = dates[0]
        due = f.date
        if _WEEK_COMMENCING.search(raw[: f.start]):
            due = due + _dt.timedelta(days=4)  # "w/c 10/03": by the end of that working week
        if not f.explicit_year and meeting and due < meeting:
            # a year-less date is the next such date on or after the meeting
            due = _make(due.year + 1, due.month, due.day) or due
        return ("date", due, f"Due on {due:%d/%m/%Y}.")
    if meeting is None:
        # "by 17/02" with no meeting date to take the year from: still a date, year unknown
        # (2000 is a leap year, so 29/02 is accepted)
        yearless = find_dates(raw, default_year=2000)
        if yearless:
            return ("date", None, f"Due on {yearless[0].text.strip()} (the year is not given).")
    # 2. working days
    m = _WORKING_DAYS.search(raw)
    if m:
        n = _num(m.group(1))
        if meeting is None:
            return _needs_meeting("working_days", f"Due {n} working day(s) after the meeting")
        due = add_working_days(meeting, n)
        return ("working_days", due, f"Due {n} working day(s) after the meeting: {due:%d/%m/%Y}.")
    if _NEXT_WORKING_DAY.search(raw):
        if meeting is None:
            return _needs_meeting("working_days", "Due the next working day")
        due = add_working_days(meeting, 1)
        return ("working_days", due, f"Due the next working day: {due:%d/%m/%Y}.")
    if _END_WORKING_DAY.search(raw):
        if meeting is None:
            return _needs_meeting("working_days", "Due by the end of the working day")
        due = meeting if is_working_day(meeting) else add_working_days(meeting, 1)
        return ("working_days", due, f"Due by the end of the working day: {due:%d/%m/%Y}.")
    # 3. relative to the meeting
    rel = _relative(raw)
    if rel is not None:
        days, what = rel
        if meeting is None:
            return _needs_meeting("relative", what)
        due = _add_relative(meeting, days)
        return ("relative", due, f"{what}: {due:%d/%m/%Y}.")
    # 4. a weekday
    m = _WEEKDAY.search(raw)
    if m:
        target = _WEEKDAY_INDEX[m.group("wd").lower()[:3]]
        name = _dt.date(2024, 1, 1 + target).strftime("%A")  # 1 Jan 2024 was a Monday
        if meeting is None:
            return _needs_meeting("weekday", f"Due on {name}")
        ahead = (target - meeting.weekday()) % 7
        if m.group("next") and ahead == 0:
            ahead = 7
        due = meeting + _dt.timedelta(days=ahead)
        return ("weekday", due, f"Due on {name} {due:%d/%m/%Y}.")
    # 5. anchored to an event -- or to a week of the pregnancy ("by 32 wks", "before 36/40")
    g = _GESTATION.search(raw)
    if g:
        return ("event", None, f"Due by week {g.group('week')} of the pregnancy.")
    m = _EVENT.search(raw)
    if m:
        event = " ".join(m.group("event").split())
        return (
            "event",
            None,
            f"Due {m.group('prep').lower()} the {event}: a deadline only if that event is dated in the record.",
        )
    return None


def _relative(raw: str) -> tuple[int | tuple[str, int], str] | None:
    """(days or ("months", n), description) for timescales counted from the meeting."""
    if _TOMORROW.search(raw) and not re.search(r"\btoday\b", raw, re.I):  # "by 5pm tomorrow"
        return (1, "Due the day after the meeting")
    if _SAME_DAY.search(raw) or _SAME_DAY_ABBR.search(raw):
        return (0, "Due the same day as the meeting")
    m = _HOURS.search(raw) or _HOURS_BARE.search(raw)
    if m:
        hours = _num(m.group(1))
        return (max(1, -(-hours // 24)), f"Due within {hours} hours")
    m = _DAYS.search(raw)
    if m:
        n = _num(m.group(1))
        return (n, f"Due within {n} day(s)")
    m = _WEEKS.search(raw)
    if m:
        n = _num(m.group(1))
        return (7 * n, f"Due within {n} week(s)")
    m = _MONTHS_REL.search(raw)
    if m:
        n = _num(m.group(1))
        return (("months", n), f"Due within {n} month(s)")
    if _END_OF_WEEK.search(raw):
        return (("friday", 0), "Due by the end of the week")
    return None


def _add_relative(meeting: _dt.date, days: int | tuple[str, int]) -> _dt.date:
    if isinstance(days, int):
        return meeting + _dt.timedelta(days=days)
    unit, n = days
    if unit == "months":
        from dateutil.relativedelta import relativedelta

        return meeting + relativedelta(months=n)
    # end of the week: the Friday on or after the meeting
    return meeting + _dt.timedelta(days=(4 - meeting.weekday()) % 7)


# -- meeting date, date of birth, age ------------------------------------------------------

_STRAT = r"(?:strat(?:egy)?\.?(?:\s+(?:discussion|meeting|mtg|disc))?|meeting|mtg|discussion|disc)"
#: Labels that end in punctuation: "KQ1. When did we meet, how, and who asked for this
#: discussion?" over its answer; "3. The discussion | Mon 24/03/2025, 09:30 – 10:35, Teams",
#: the part's first words its date.
_MEETING_QUESTION = re.compile(
    r"\bwhen\s+did\s+(?:we|the\s+(?:group|professionals|agencies)|professionals|agencies)\s+meet\b[^?\n]*\?"
    r"|^\s*(?:\d{1,2}[.)]\s*)?the\s+(?:strategy\s+)?(?:discussion|meeting)\s*:(?=\s*(?:date\s*:\s*)?(?:mon|tue|wed|thu|fri|sat|sun|\d))",
    re.I,
)
_MEETING_LABEL = re.compile(
    # "Date(s) of discussion": a discussion held over two days by email and phone
    rf"\b(?:date(?:\(s\)|s)?\s*(?:[/&,]|and)?\s*(?:time\s*)?(?:(?:[/&,]|and)\s*\w+\s*)?of\s+(?:the\s+)?(?:initial\s+)?{_STRAT}"
    # "Date of call" in a record of a strategy held as a (video) call
    r"|\bdate\s+of\s+(?:the\s+)?(?:video\s+|teams\s+|telephone\s+|conference\s+|strategy\s+)?call\b"
    # "A1. On what date was the strategy discussion held"
    rf"|\b(?:on\s+)?what\s+date\s+(?:was|were|did)\s+(?:the\s+|this\s+)?{_STRAT}"
    rf"|(?:strat(?:egy)?\.?\s+)?(?:meeting|discussion|mtg)\s+date|strat(?:egy)?\.?\s+date"
    r"|strategy\s+(?:discussion|meeting)\s+(?:held\s+)?(?:on|date)"
    r"|strategy\s+(?:discussion|meeting)\s+(?:held|took\s+place)(?=\s*:)"
    # "Discussion held | Monday 09/06/2025, 13:30 to 14:35" (a review's is excluded by what precedes it)
    r"|\b(?:discussion|meeting)\s+held(?=\s*(?::|$|(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|\d)))"
    rf"|\btimings?\s+(?:and\s+\w+\s+)?of\s+(?:the\s+)?(?:initial\s+)?{_STRAT}"
    # a strategy held by email: "Thread opened | Wed 12/03/2025 09:20", "Thread | opened Thu 27/02/25"
    r"|\b(?:e-?mail\s+)?thread(?:\s*[:|]\s*|\s+)(?:opened|started|began)\b"
    rf"|\b(?:when|where\s+and\s+when|when\s+and\s+where)\s+(?:was\s+|were\s+|did\s+)?(?:the\s+|this\s+)?{_STRAT}"
    r"|date\s+(?:and|&)\s+time\s+of\s+(?:the\s+)?(?:meeting|discussion|strategy)"
    # a review record's own date: "Date of this review strategy discussion" (not "Date of
    # review strategy", which in a first record is when the next one will be)
    r"|date\s+(?:(?:and|&)\s+time\s+)?of\s+this\s+(?:review\s+)?(?:strategy|meeting|discussion|review))\b",
    re.I,
)
#: "Date:", "Date/time:", "Date, time and format:", "Dated", "When:" (a bare date label)
#: The first language of a label given in two, before the English: "Dyddiad / ".
_OTHER_LANGUAGE_FIRST = re.compile(r"^\s*[^\W\d][^/:|\n]{0,30}?\s/\s(?=date\b)", re.I)
_DATE_LABEL = re.compile(
    r"^\s*(?:date(?:\s*(?:and|&|/|,)\s*(?:time|venue|format|place|how|where|mode|method))*(?:\s+held)?|dated|when|held(?:\s+on)?)\s*(?:[:\-–]|$|(?=\s+(?:mon|tue|wed|thu|fri|sat|sun|\d)))",
    re.I,
)
#: "Review strategy discussion on 05/04" is the next meeting, not this one
_LATER_MEETING = re.compile(
    r"\b(?:review|next|follow[- ]?up|further|second|another|subsequent|reconvened?"
    # "not before the day-team strategy discussion on Monday 16/06": the one after this
    r"|day[\s-]+team|(?:not\s+)?(?:before|until)\s+the)\s+$",
    re.I,
)
_NOT_MEETING = re.compile(
    r"\b(?:birth|dob|d\.o\.b|referral|next|review\s+date|due|completed|typed|circulat|incident|signed|expected|edd)\b",
    re.I,
)
_STRATEGY_WORD = re.compile(r"\b(?:strategy|meeting|discussion)\b", re.I)
_DOB_LABEL = re.compile(r"(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bborn\s*:?\s*(?:on\s+)?)", re.I)


def _date_after_label(lines: list[str], i: int, label_end: int) -> tuple[_dt.date, int] | None:
    """The first date on the label's line after the label; if the label stands alone on its
    line (a form's label cell), the first date on the next non-empty line."""
    rest = lines[i][label_end:]
    found = find_dates(rest)
    if found:
        return found[0].date, i
    if any(c.isalnum() for c in rest):
        return None
    for j in (i + 1, i + 2):
        if j < len(lines):
            line = lines[j]
            if _MEETING_LABEL.search(line) or _DOB_LABEL.search(line):
                break  # the next label: this one has no value
            found = find_dates(line)
            if found:
                return found[0].date, j
            if line.strip():
                break
    return None


def find_meeting_date(lines: list[str]) -> tuple[_dt.date, int] | None:
    """The date the strategy discussion took place, and the index of the line it is on.

    Looks first for an explicit label ("Date of meeting", "Date of strategy discussion",
    "Meeting date"), then for a bare "Date:" label in a record that talks about a
    strategy meeting or discussion (not "Date of birth", "Date of referral", ...).
    """
    for i, line in enumerate(lines):
        m = _MEETING_LABEL.search(line or "") or _MEETING_QUESTION.search(line or "")
        # what stands before the label in its own field: "Child: Tom (DOB 21/05/2015) |
        # Strategy discussion held: 20/01/2025" has a date of birth in another field
        before = re.split(r"[|;]", line[: m.start()])[-1] if m else ""
        if m and not _DOB_LABEL.search(before) and not _LATER_MEETING.search(before):
            hit = _date_after_label(lines, i, m.end())
            if hit:
                return hit
    seen_label = False
    for i, line in enumerate(lines):
        # a table row joined as "Called by: PS Gant; Date: Mon 09/06/2025; Time: 11:00": each field
        for field in [line or ""] + ((line or "").split("; ")[1:] if "; " in (line or "") else []):
            # a form in two languages: "Dyddiad / Date: Monday 17/03/2025"
            bilingual = _OTHER_LANGUAGE_FIRST.match(field)
            if bilingual:
                field = field[bilingual.end() :]
            # a numbered form field: "1.2 Date: Tuesday 11/03/2025", "3.1 Date and time"
            skip = len(field) - len(strip_numbering(field))
            m = _DATE_LABEL.match(field[skip:])
            # the label's own field decides ("Date: Mon 12/05; Requested by: ... the referral")
            if not m or _NOT_MEETING.search(field.split("; ")[0]):
                continue
            if field is not line and not bilingual and not _MEETING_FIELD.match(field):
                continue  # "What: ...; Who: ...; When: by 13/03": a plan's row, not the meeting's
            window = lines[max(0, i - 8) : i + 9]
            # a bare "Date:" near the top of a record is the meeting's: nothing else has happened
            # yet -- and so is the record's first, however long the agenda or front sheet above
            # it, when the record's title says it is a strategy discussion's
            # ("Date", not "When": a plan's "When" column is no meeting's date)
            first = not seen_label and m.group(0).strip().lower().startswith("date")
            seen_label = True
            top = lines if i < 15 else window + (lines[:8] if first else [])
            if any(_STRATEGY_WORD.search(w or "") for w in top):
                hit = (
                    _date_after_label([field], 0, skip + m.end())
                    if field is not line
                    else _date_after_label(lines, i, skip + m.end())
                )
                if hit:
                    return hit[0], i
    # shorthand labels: "Strat: Tue 21/01/2025 10:00", "Mtg: Wed 19/03/2025", "Strat Mon 10/06/24 11:00"
    for i, line in enumerate(lines):
        m = _SHORT_LABEL.match(line or "")
        if m and not _LATER_MEETING.search(line[: m.start()]):
            found = find_dates(line[m.end() :])
            if found and found[0].start <= 12:
                return found[0].date, i
    # a record that opens with when it happened: "Mon 22/09/2025, 10:00–10:55, Teams." -- in
    # its first 30 lines, or later when nothing above it is dated (an agenda table first)
    dated_before = False
    for i, line in enumerate(lines):
        if i >= 30 and dated_before:
            break
        found = find_dates(line or "")
        dated_before = dated_before or bool(found)
        if not line or _NOT_MEETING.search(line) or _DOB_LABEL.search(line):
            continue
        if not found or not _TIME_RANGE.search(line[found[0].end :]):
            continue
        before = line[: found[0].start]
        # "Thanks for joining the strat disc today, Mon 10/11/25, 12:00-12:45 on Teams."
        mention = _STRAT_MENTION.search(before)
        if found[0].start <= 40 or mention and not _LATER_MEETING.search(before[: mention.start()]):
            return found[0].date, i
    return None


_SHORT_LABEL = re.compile(
    r"^\s*(?:[-•*]\s*)?(?:strat(?:egy)?\.?(?:\s+(?:discussion|meeting|mtg|disc))?|mtg|meeting|discussion|date\s+of\s+strat(?:egy)?)"
    r"\s*(?:[:\-–]\s*|\s+(?=(?:mon|tue|wed|thu|fri|sat|sun)\w*\b|\d)|$)",
    re.I,
)


#: A field of a table row that can hold the meeting's date: "Date", "Date held", "Held".
_MEETING_FIELD = re.compile(r"^\s*(?:date|held)\b", re.I)
_STRAT_MENTION = re.compile(r"\b(?:strat(?:egy)?\.?\s+(?:disc(?:ussion)?|meeting|mtg)|strategy|strat)\b", re.I)
_TIME_RANGE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:-|–|—|to)\s*\d{1,2}[:.]\d{2}\b", re.I)


def find_child_dob(lines: list[str]) -> tuple[_dt.date, int] | None:
    """The first date of birth stated ("DOB", "D.O.B.", "Date of birth"), and its line index."""
    for i, line in enumerate(lines):
        m = _DOB_LABEL.search(line or "")
        if m:
            hit = _date_after_label(lines, i, m.end())
            if hit:
                return hit
    return None


_AGE_NUM = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(years?|yrs?|y|months?|mths?|m|weeks?|wks?|w|days?|d)"
_AGE_PATTERNS = [
    # "aged 2 years 3 months", "2 years and 3 months old"
    re.compile(
        rf"\b(?:aged?\s*:?\s*)?{_AGE_NUM}\s*(?:years?|yrs?)\s*(?:,|and|&)?\s*{_AGE_NUM}\s*(?:months?|mths?)(?:\s+old)?\b",
        re.I,
    ),
    # "aged 4 months", "age: 15", "aged 3"; clinical "aged 4/12" (months) and "6/52" (weeks)
    re.compile(rf"\baged?\s*:?\s*{_AGE_NUM}\s*(?:[-\s]?{_UNIT}\b|(?P<frac>/12|/52)\b|(?![\w/.]))", re.I),
    # "14 months old", "6-week-old", "3 year old", "10 day old"
    re.compile(rf"\b{_AGE_NUM}\s*[-\s]?\s*{_UNIT}[-\s]+old\b", re.I),
]


def _months_from(n: int, unit: str | None) -> int:
    u = (unit or "y").lower()
    if u.startswith("m"):
        return n
    if u.startswith("w"):
        return int(n * 12 / 52)
    if u.startswith("d"):
        return int(n * 12 / 365)
    return n * 12


def find_child_age_months(text: str) -> int | None:
    """The child's age in whole months, from wording such as "aged 4 months", "6-week-old",
    "14 months old", "aged 3", "3 years old" or "age: 15"; None if no age is stated.

    Only wording anchored by "aged"/"age" or "old" counts: "3 working days" and "for 6
    months" are not ages.
    """
    if not text:
        return None
    best: tuple[int, int] | None = None  # (position, months)
    for i, rx in enumerate(_AGE_PATTERNS):
        for m in rx.finditer(text):
            if i == 0:
                months = _num(m.group(1)) * 12 + _num(m.group(2))
            elif i == 1:
                n = _num(m.group(1))
                if m.group("frac"):
                    months = n if m.group("frac") == "/12" else int(n * 12 / 52)
                else:
                    months = _months_from(n, m.group(2))
            else:
                months = _months_from(_num(m.group(1)), m.group(2))
            if best is None or m.start() < best[0]:
                best = (m.start(), months)
            break  # the first match of each pattern is enough
    return None if best is None else best[1]


def age_in_months(dob: _dt.date, on: _dt.date) -> int:
    """Whole months between a date of birth and a later date (0 for a newborn)."""
    months = (on.year - dob.year) * 12 + (on.month - dob.month)
    if on.day < dob.day:
        months -= 1
    return max(0, months)
