"""Dates and deadlines (strategy_lint.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy_lint.dates import (
    Deadline,
    add_working_days,
    age_in_months,
    find_child_age_months,
    find_child_dob,
    find_dates,
    find_meeting_date,
    is_working_day,
    parse_deadline,
)

D = dt.date
MAR14 = D(2016, 3, 14)
#: Wednesday 23 March 2016: Good Friday (25th) and Easter Monday (28th) follow.
WED = D(2016, 3, 23)


# -- find_dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "14/03/2016",
        "14/3/16",
        "14.3.16",
        "14-03-2016",
        "14 March 2016",
        "14th March 2016",
        "14th of March, 2016",
        "Monday 14th March",
        "Mon 14 Mar",
        "March 14th 2016",
        "March 14, 2016",
        "2016-03-14",
        "14-Mar-16",
        "on 14 march 2016",
        "DOB:14/03/2016",
        "(14/03/2016)",
        "Meeting held 14.03.2016.",
    ],
)
def test_formats(text):
    found = find_dates(text, default_year=2016)
    assert [f.date for f in found] == [MAR14], text
    f = found[0]
    assert text[f.start : f.end] == f.text


def test_year_less_dates_need_a_default_year():
    assert find_dates("Monday 14th March") == []
    got = find_dates("Monday 14th March", default_year=2016)
    assert got[0].date == MAR14 and not got[0].explicit_year
    assert find_dates("14/03/2016")[0].explicit_year


@pytest.mark.parametrize(
    "text",
    [
        "at 10:30",
        "from 14.30 to 15.45",
        "call 0300 123 2224",
        "01632 960 001",
        "within 3 working days",
        "s47 enquiries",
        "aged 3",
        "a 14 month old",
        "Ava is 4 months",
        "31/02/2016",
        "32/01/2016",
        "14/13/2016",
        "ref 12/34",
        "aged 2 may be seen",
        "version 1.2",
        "page 3 of 12",
        "1/2",
    ],
)
def test_non_dates(text):
    assert find_dates(text, default_year=2016) == [], text


def test_several_dates_in_order_and_times_beside_them_ignored():
    text = "Seen 10/03/2016 at 10:30; ICPC on 24 March 2016 at 14.00."
    assert [f.date for f in find_dates(text)] == [D(2016, 3, 10), D(2016, 3, 24)]


def test_two_digit_years():
    assert find_dates("1/2/99")[0].date == D(1999, 2, 1)
    assert find_dates("1/2/05")[0].date == D(2005, 2, 1)


# -- working days ------------------------------------------------------------------------


def test_working_days_skip_weekends():
    fri = D(2016, 3, 4)
    assert add_working_days(fri, 1) == D(2016, 3, 7)
    assert add_working_days(fri, 5) == D(2016, 3, 11)
    assert add_working_days(D(2016, 3, 5), 1) == D(2016, 3, 7)  # Saturday + 1 = Monday
    assert add_working_days(fri, 0) == fri
    assert add_working_days(D(2016, 3, 7), -1) == fri


def test_working_days_skip_england_bank_holidays():
    assert not is_working_day(D(2016, 3, 25))  # Good Friday
    assert not is_working_day(D(2016, 3, 28))  # Easter Monday
    assert is_working_day(D(2016, 3, 29))
    thu = D(2016, 3, 24)
    assert add_working_days(thu, 1) == D(2016, 3, 29)
    assert add_working_days(D(2016, 12, 23), 1) == D(2016, 12, 28)  # Christmas + Boxing Day + substitute


# -- deadlines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,kind,due",
    [
        ("by 14/03/2016", "date", MAR14),
        ("14 March 2016", "date", MAR14),
        ("by 5pm on 14.3.16", "date", MAR14),
        ("Monday 28th March", "date", D(2016, 3, 28)),
        ("by Friday", "weekday", D(2016, 3, 25)),
        ("Monday", "weekday", D(2016, 3, 28)),
        ("Wednesday", "weekday", WED),  # on/after the meeting date
        ("next Wednesday", "weekday", D(2016, 3, 30)),
        ("Fri", "weekday", D(2016, 3, 25)),
        ("today", "relative", WED),
        ("Today", "relative", WED),
        ("tomorrow", "relative", D(2016, 3, 24)),
        ("end of day", "relative", WED),
        ("by end of the day", "relative", WED),
        ("EOD", "relative", WED),
        ("close of play", "relative", WED),
        ("COP", "relative", WED),
        ("by 5pm", "relative", WED),
        ("by 07:00", "relative", WED),
        ("by 17:30 hrs", "relative", WED),
        ("before the end of this shift", "relative", WED),
        ("by end of shift", "relative", WED),
        ("the same afternoon, with Mr Tran", "relative", WED),
        ("by 5pm tomorrow", "relative", D(2016, 3, 24)),
        ("by 10:00 tomorrow", "relative", D(2016, 3, 24)),
        ("within 24 hours", "relative", D(2016, 3, 24)),
        ("within 48 hours", "relative", D(2016, 3, 25)),
        ("24hrs", "relative", D(2016, 3, 24)),
        ("within 2 days", "relative", D(2016, 3, 25)),
        ("within a week", "relative", D(2016, 3, 30)),
        ("within 1 month", "relative", D(2016, 4, 23)),
        ("end of the week", "relative", D(2016, 3, 25)),
        ("by end of the working day", "working_days", WED),
        ("by end of next working day", "working_days", D(2016, 3, 24)),
        ("by end of the next working day", "working_days", D(2016, 3, 24)),
        ("next working day", "working_days", D(2016, 3, 24)),
        ("within 1 working day", "working_days", D(2016, 3, 24)),
        ("within 3 working days", "working_days", D(2016, 3, 30)),  # skips Good Friday, Easter Monday
        ("within 5 working days", "working_days", D(2016, 4, 1)),
        ("ICPC within 15 working days", "working_days", D(2016, 4, 15)),
        ("within three working days", "working_days", D(2016, 3, 30)),
    ],
)
def test_real_deadlines_resolved(text, kind, due):
    d = parse_deadline(text, meeting_date=WED)
    assert (d.kind, d.due) == (kind, due), d.reason
    assert d.is_real
    assert d.text == text and d.reason


@pytest.mark.parametrize(
    "text",
    [
        "before the ICPC",
        "prior to ICPC",
        "before ABE interview",
        "at next strategy",
        "following the medical",
        "after the CP medical",
        "ahead of the core group",
        "before discharge",
    ],
)
def test_event_anchored_deadlines_are_real_without_a_date(text):
    d = parse_deadline(text, meeting_date=WED)
    assert d.kind == "event" and d.is_real and d.due is None
    assert "dated" in d.reason


@pytest.mark.parametrize(
    "text,kind",
    [
        ("ASAP", "none"),
        ("asap", "none"),
        ("As soon as possible", "none"),
        ("ongoing", "none"),
        ("Ongoing", "none"),
        ("continuing", "none"),
        ("as and when", "none"),
        ("when possible", "none"),
        ("as required", "none"),
        ("in due course", "none"),
        ("urgent", "none"),
        ("immediately", "none"),
        ("next week", "none"),
        ("this month", "none"),
        ("Social worker", "none"),
        ("TBC", "missing"),
        ("tba", "missing"),
        ("to be agreed", "missing"),
        ("-", "missing"),
        ("–", "missing"),
        ("N/A", "missing"),
        ("?", "missing"),
        ("", "missing"),
        ("   ", "missing"),
        ("none", "missing"),
    ],
)
def test_not_deadlines(text, kind):
    d = parse_deadline(text, meeting_date=WED)
    assert d.kind == kind, text
    assert not d.is_real and d.due is None
    assert d.reason


def test_none_input_is_missing():
    assert parse_deadline(None, meeting_date=WED).kind == "missing"


def test_reasons_are_plain_english_and_do_not_echo_the_text():
    assert "as soon as possible" in parse_deadline("ASAP", meeting_date=WED).reason.lower()
    assert "placeholder" in parse_deadline("TBC", meeting_date=WED).reason.lower()
    assert "range" in parse_deadline("next week", meeting_date=WED).reason.lower()
    assert "Xyzzy" not in parse_deadline("Xyzzy", meeting_date=WED).reason


def test_real_deadline_wins_over_vague_words():
    d = parse_deadline("ASAP and by Friday", meeting_date=WED)
    assert (d.kind, d.due) == ("weekday", D(2016, 3, 25))
    assert parse_deadline("Urgent - today", meeting_date=WED).kind == "relative"


def test_relative_deadline_without_meeting_date_keeps_its_kind():
    for text, kind in (("within 3 working days", "working_days"), ("tomorrow", "relative"), ("by Friday", "weekday")):
        d = parse_deadline(text, meeting_date=None)
        assert d.kind == kind and d.is_real and d.due is None
        assert "meeting date is not recorded" in d.reason
    d = parse_deadline("14/03/2016", meeting_date=None)
    assert d.due == MAR14


def test_before_meeting_detection():
    assert parse_deadline("by 14/03/2016", meeting_date=WED).before_meeting
    assert not parse_deadline("by 24/03/2016", meeting_date=WED).before_meeting
    assert not parse_deadline("today", meeting_date=WED).before_meeting
    assert not parse_deadline("by 14/03/2016", meeting_date=None).before_meeting
    assert not Deadline("missing", None, "", "x", WED).before_meeting


def test_year_less_date_rolls_into_next_year():
    d = parse_deadline("Friday 6th January", meeting_date=D(2016, 12, 20))
    assert d.due == D(2017, 1, 6)


def test_weekday_from_a_friday_meeting():
    fri = D(2016, 3, 18)
    assert parse_deadline("Monday", meeting_date=fri).due == D(2016, 3, 21)
    assert parse_deadline("by Friday", meeting_date=fri).due == fri


def test_deadline_phrases_in_lexicon_are_not_deadlines():
    from strategy_lint.lexicon import default_lexicon

    for phrase in default_lexicon().phrase_list("not_deadlines"):
        assert not parse_deadline(phrase, meeting_date=WED).is_real, phrase


# -- meeting date, DOB, age --------------------------------------------------------------


def test_meeting_date_on_label_line():
    lines = ["Strategy Discussion Record", "Child: Ava Marsh   DOB: 02/11/2015", "Date of meeting: 14/03/2016"]
    assert find_meeting_date(lines) == (MAR14, 2)


@pytest.mark.parametrize(
    "label",
    [
        "Date of meeting",
        "Date of strategy discussion",
        "Date of Strategy Meeting",
        "Meeting date",
        "Strategy discussion date",
        "Date of the strategy",
    ],
)
def test_meeting_date_labels_with_value_on_next_line(label):
    lines = ["Record", label, "", "14.3.16", "Time: 10:00"]
    assert find_meeting_date(lines) == (MAR14, 3)


def test_bare_date_label_near_strategy():
    lines = ["STRATEGY MEETING", "Date of birth: 01/01/2015", "Date of referral: 10/03/2016", "Date: 14/03/2016 10:00"]
    assert find_meeting_date(lines) == (MAR14, 3)
    assert find_meeting_date(["Invoice", "Date: 14/03/2016"]) is None


def test_meeting_label_without_a_date_does_not_borrow_a_later_one():
    lines = ["Date of meeting:", "Name", "Ava Marsh", "DOB", "01/01/2015"]
    assert find_meeting_date(lines) is None
    assert find_meeting_date([]) is None


def test_child_dob():
    assert find_child_dob(["Name: Ava Marsh", "DOB: 02/11/2015"]) == (D(2015, 11, 2), 1)
    assert find_child_dob(["D.O.B.", "2.11.15"]) == (D(2015, 11, 2), 1)
    assert find_child_dob(["Date of birth 2 November 2015"]) == (D(2015, 11, 2), 0)
    assert find_child_dob(["Dobson Road", "Date of meeting 14/03/2016"]) is None
    assert find_child_dob(["Baby born at 36 weeks", "Seen 14/03/2016"]) is None
    # a letter's "To the file of: ..." then "Born: 08/05/2025"
    assert find_child_dob(["To the file of: Oscar PEMBERTON", "Born: 08/05/2025"]) == (D(2025, 5, 8), 1)


@pytest.mark.parametrize(
    "text,months",
    [
        ("aged 4 months", 4),
        ("a 6-week-old baby", 1),
        ("14 months old", 14),
        ("aged 3", 36),
        ("3 years old", 36),
        ("age: 15", 180),
        ("Age 15 months", 15),
        ("aged 2 years 3 months", 27),
        ("2 years and 3 months old", 27),
        ("a 3-year-old boy", 36),
        ("aged 4/12", 4),
        ("10 day old", 0),
        ("Ava (aged 3) and her brother aged 4 months", 36),
    ],
)
def test_child_age(text, months):
    assert find_child_age_months(text) == months


@pytest.mark.parametrize("text", ["within 3 working days", "for 6 months", "born at 36 weeks", "", "page 3"])
def test_not_ages(text):
    assert find_child_age_months(text) is None


def test_age_in_months():
    assert age_in_months(D(2015, 11, 2), MAR14) == 4
    assert age_in_months(D(2015, 11, 20), MAR14) == 3
    assert age_in_months(MAR14, MAR14) == 0


def test_a_later_meeting_or_another_dated_label_is_not_the_meeting_date():
    from strategy_lint.dates import find_meeting_date

    assert find_meeting_date(["Review strategy discussion on 05/04/2016 at 11:30 by telephone"]) is None
    assert find_meeting_date(["Date of review strategy discussion: 21/03/2016"]) is None
    assert find_meeting_date(["Next meeting date: 21/03/2016"]) is None
    assert find_meeting_date(["Strategy discussion", "Date agreed: 08/03/2016"]) is None
    found = find_meeting_date(["Strategy discussion", "Date: 08/03/2016"])
    assert found and found[0].isoformat() == "2016-03-08"


@pytest.mark.parametrize("text", ["Pre-birth ICPC to be booked, by 32 wks", "Birth plan agreed before 36/40"])
def test_a_week_of_the_pregnancy_is_a_deadline(text):
    dl = parse_deadline(text, meeting_date=dt.date(2025, 3, 1))
    assert dl.is_real and dl.kind == "event" and "pregnancy" in dl.reason


def test_an_age_in_weeks_is_not_a_week_of_the_pregnancy():
    assert not parse_deadline("seen by 10 weeks old", meeting_date=dt.date(2025, 3, 1)).is_real


@pytest.mark.parametrize(
    "lines, expected",
    [
        (
            [
                "OFFICIAL-SENSITIVE | Child: Tom WRONA (DOB 21/05/2015) | Strategy discussion held: 20/01/2025 | Chair: TM"
            ],
            0,
        ),
        (["Child: Leah (DOB 09/02/2011) | Strategy discussion held:", "11/03/2025 | Chair: Rachel Tenby"], 1),
        # a question | answer row, read as "question: answer"
        (["2. When did the discussion take place, and was it on Teams, in person or by phone?: Thu 12/09/2024"], 0),
    ],
)
def test_meeting_date_labels_in_headers_and_questions(lines, expected):
    found = find_meeting_date(lines)
    assert found is not None and found[1] == expected and found[0].year in (2024, 2025)


@pytest.mark.parametrize(
    "lines",
    [
        ["MINUTE OF STRATEGY MEETING", "Held: Thursday 14/03/2016 on Teams. Opened 10:00, closed 10:58."],
        ["Strategy record (SG-07)", "Discussion held: Monday 14/03/2016, 13:30 to 14:35"],
        ["PART 1 – MEETING", "Called by: PS Gant; Date: Mon 14/03/2016; Time: 11:00; Chair: J Whitlock"],
        ["Sent: Fri 11/03/16 15:40", "Thanks for joining the strat disc today, Mon 14/03/16, 12:00-12:45 on Teams."],
    ],
)
def test_the_meeting_date_as_other_templates_write_it(lines):
    found = find_meeting_date(lines)
    assert found is not None and found[0] == MAR14


def test_a_plans_when_column_is_not_the_meeting_date():
    lines = ["Strategy discussion notes", "What: Full health chronology; Who: Dr Shah; When: by 14/03/2016"]
    assert find_meeting_date(lines) is None
