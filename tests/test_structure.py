"""The structure pass: sections and canonical kinds, form tables, table records."""

from __future__ import annotations

from strategy_lint.lexicon import default_lexicon
from strategy_lint.model import Block, BlockKind, Document, Table
from strategy_lint.readers.text import parse_markdown
from strategy_lint.structure import build_structure

P, H, C = BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TABLE_CELL


class DocBuilder:
    """Builds Documents the way a reader would, for structure tests."""

    def __init__(self, fmt: str = "docx") -> None:
        self.doc = Document("mem", fmt)

    def add(self, kind: BlockKind, text: str, **kw) -> int:
        b = Block(len(self.doc.blocks), kind, text, **kw)
        self.doc.blocks.append(b)
        return b.index

    def table(self, rows: list[list[str]], parent=None) -> Table:
        t = Table(len(self.doc.tables), [], parent=parent)
        self.doc.tables.append(t)
        for r, row in enumerate(rows):
            t.cells.append([self.add(C, text, table=t.index, row=r, column=c) for c, text in enumerate(row)])
        return t


def kinds(doc: Document) -> dict[str, str | None]:
    return {s.title: s.kind for s in doc.sections}


def test_heading_styles_make_nested_sections_with_canonical_kinds():
    b = DocBuilder()
    b.add(H, "Strategy Discussion Record", heading_level=1)
    b.add(H, "Participants", heading_level=2)
    b.table([["Attendee", "Job title", "Organisation"], ["Hannah Reed", "Team Manager", "Children's Social Care"]])
    b.add(H, "Voice of the child", heading_level=2)
    voice = b.add(P, "Ava was seen at home and was alert and settled.")
    b.add(H, "Agreed actions", heading_level=2)
    doc = build_structure(b.doc, default_lexicon())
    assert kinds(doc) == {
        "Strategy Discussion Record": None,
        "Participants": "attendees",
        "Voice of the child": "child_voice",
        "Agreed actions": "actions",
    }
    assert doc.blocks[voice].section_path == ("Strategy Discussion Record", "Voice of the child")
    attendees = doc.sections_of("attendees")[0]
    tables = doc.section_tables(attendees)
    assert len(tables) == 1
    rec = tables[0].records[0]
    assert rec.get("name") == "Hannah Reed" and rec.get("role") == "Team Manager"
    assert rec.get("agency") == "Children's Social Care"
    assert rec.values["Job title"] == "Team Manager"


def test_form_table_labels_become_sections_with_nested_tables_inside():
    b = DocBuilder()
    b.add(P, "Record of Strategy Discussion", style="Title")
    outer = b.table(
        [
            ["Meeting details"],
            ["Date of meeting", "14/03/2016"],
            ["Who was present", ""],
            ["Child's voice", "Seen by HV; feeding well."],
        ]
    )
    # a nested attendees table inside the "Who was present" content cell (row 2, column 1)
    nested = b.table([["Name", "Role", "Agency"], ["Tom Hale", "DC", "Westvale Police"]], parent=(outer.index, 2, 1))
    # blocks of the nested table must come right after their parent cell in reading order
    doc = b.doc
    order = [*range(0, 6), *[c for row in nested.cells for c in row], *range(6, 8)]
    reorder = {old: new for new, old in enumerate(order)}
    doc.blocks = [doc.blocks[i] for i in order]
    for blk in doc.blocks:
        blk.index = reorder[blk.index]
    for t in doc.tables:
        t.cells = [[reorder[c] for c in row] for row in t.cells]
    doc = build_structure(doc, default_lexicon())
    ks = kinds(doc)
    assert ks["Meeting details"] == "details"
    assert ks["Who was present"] == "attendees"
    assert ks["Child's voice"] == "child_voice"
    present = doc.sections_of("attendees")[0]
    assert present.origin == "form-label"
    details = doc.sections_of("details")
    # "Date of meeting" is a field of the full-width "Meeting details" row; "Who was present"
    # names a major part of the record, so it is not grouped under it
    assert [s.title for s in details] == ["Meeting details", "Date of meeting"]
    assert details[1].parent == details[0].index
    assert present.parent is None and present.level == details[0].level
    assert [t.index for t in doc.section_tables(present)] == [nested.index]
    assert doc.tables[nested.index].records[0].get("role") == "DC"
    voice = doc.sections_of("child_voice")[0]
    assert "feeding well" in doc.section_text(voice)


def test_bold_and_all_caps_short_paragraphs_are_pseudo_headings_but_sentences_are_not():
    b = DocBuilder()
    b.add(P, "REASON FOR STRATEGY DISCUSSION", all_caps=True)
    b.add(P, "School reported bruising to the upper arm.")
    b.add(P, "Actions", bold=True)
    b.add(P, "This whole sentence is bold but it is content.", bold=True)
    b.add(P, "Decision:")
    b.add(P, "Date of meeting: 14/03/2016", bold=True)
    b.add(P, "TBC", all_caps=True, bold=True)
    doc = build_structure(b.doc, default_lexicon())
    assert [(s.title, s.kind, s.origin) for s in doc.sections] == [
        ("REASON FOR STRATEGY DISCUSSION", "reason", "pseudo-heading"),
        ("Actions", "actions", "pseudo-heading"),
        ("Decision", "decision", "pseudo-heading"),
    ]
    actions = doc.sections_of("actions")[0]
    assert "This whole sentence" in doc.section_text(actions)
    assert doc.section_text(doc.sections_of("decision")[0]).endswith("TBC")  # a placeholder is content


def test_pdf_font_size_makes_headings():
    b = DocBuilder("pdf")
    b.add(P, "Lived experience", font_size=13.0, page=1)
    for _ in range(3):
        b.add(P, "Body text that is long enough to set the body font size for the page.", font_size=10.0, page=1)
    doc = build_structure(b.doc, default_lexicon())
    assert doc.sections[0].kind == "child_voice"


def test_actions_table_records_use_canonical_fields_whatever_the_headers():
    b = DocBuilder()
    b.add(H, "Action plan", heading_level=2)
    b.table(
        [
            ["Task", "Responsible person", "Target date"],
            ["Complete s47 enquiry", "Hannah Reed (CSC)", "within 15 working days"],
            ["", "", ""],
        ]
    )
    doc = build_structure(b.doc, default_lexicon())
    t = doc.tables[0]
    assert t.column_kinds == ["action", "owner", "deadline"]
    assert len(t.records) == 1  # the empty row is not a record
    assert t.records[0].get("deadline") == "within 15 working days"
    assert t.section == doc.sections_of("actions")[0].index


def test_meeting_date_and_child_age_from_form_rows():
    b = DocBuilder()
    b.table([["Date of strategy discussion", "Monday 14 March 2016"], ["Child's date of birth", "02/11/2015"]])
    doc = build_structure(b.doc, default_lexicon())
    assert doc.metadata.meeting_date.isoformat() == "2016-03-14"
    assert doc.metadata.child_dob.isoformat() == "2015-11-02"
    assert doc.metadata.child_age_months == 4


def test_whole_title_synonyms_do_not_match_inside_longer_titles():
    lex = default_lexicon()
    assert lex.section_kind("Child") == "child_details"
    assert lex.section_kind("3. Young person:") == "child_details"
    assert lex.section_kind("Children's Social Care") is None
    assert lex.extend({"sections": {"risk": ["=worries"]}}).section_kind("Worries") == "risk"
    assert lex.extend({"sections": {"risk": ["=worries"]}}).section_kind("Worries about dad") is None


def _section_of_block_by_scan(doc, block):
    """The definition section_of_block's index must agree with: the innermost section
    holding the block (the deepest level, the later one on a tie)."""
    best = None
    for s in doc.sections:
        if block in s.blocks or block == s.heading_block:
            if best is None or s.level >= best.level:
                best = s
    return best


def test_section_of_block_index_agrees_with_a_full_scan():
    from helpers import FIXTURES

    from strategy_lint.engine import Linter

    linter = Linter()
    for path in sorted((FIXTURES / "layouts").glob("baby-bruise*")):
        doc = linter.read(path)
        for b in doc.blocks:
            assert doc.section_of_block(b.index) is _section_of_block_by_scan(doc, b.index), (path.name, b.index)
        # replacing the sections must not leave a stale index behind
        doc.sections = doc.sections[:3]
        for b in doc.blocks:
            assert doc.section_of_block(b.index) is _section_of_block_by_scan(doc, b.index)


def test_bold_numbered_list_titles_are_headings_only_when_the_lexicon_knows_them():
    b = DocBuilder()
    b.add(BlockKind.LIST_ITEM, "Lived experience of the young person", bold=True, list_level=0)
    b.add(P, "Leo said he feels safe at school.")
    b.add(BlockKind.LIST_ITEM, "Police to complete checks", bold=True, list_level=0)
    doc = build_structure(b.doc, default_lexicon())
    assert [(s.title, s.kind) for s in doc.sections] == [("Lived experience of the young person", "child_voice")]
    assert "Police to complete checks" in doc.section_text(doc.sections[0])  # emphasised content stays content


def test_a_two_cell_row_under_form_rows_is_a_form_row_not_a_header():
    """ "Format | Teams" half-way down a label | value table looked like column headers
    (mode, agency) and turned the rows below it, "Review requested by" among them, into data."""
    from strategy_lint.readers.text import parse_markdown

    md = (
        "# Review Strategy Discussion Record\n\n"
        "| **Child's name** | Archie Bell |\n|---|---|\n"
        "| **Date of birth** | 01/02/2023 |\n| **Date and time of this review** | 17/11/2025 10:00 |\n"
        "| **Format** | Teams |\n| **Review requested by** | Claire Mottram, Team Manager |\n"
        "| **Chair (name, role)** | Claire Mottram, Team Manager |\n"
    )
    doc = build_structure(parse_markdown(md), default_lexicon())
    [table] = doc.tables
    assert table.records == [] and table.column_kinds in ([], [None, None])
    assert "Review requested by" in [s.title for s in doc.sections]


def test_combined_people_headers_and_an_owner_column_that_asks_for_name_and_agency():
    lexicon = default_lexicon()
    assert lexicon.column_kind("Name (Role, Agency)") == "agency+name+role"
    assert lexicon.column_kind("Lead person (name and agency)") == "owner"
    assert lexicon.column_kind("What they said") == "contribution"
    assert lexicon.column_kind("How") == "mode"


def test_bold_questions_after_a_list_heading_are_its_siblings_not_its_children():
    # a real "Attendees" heading over its table, then the form's questions in bold: the
    # questions are parts of the record, so the attendee reading must not read their lines
    b = DocBuilder()
    b.add(H, "Strategy Discussion Record", heading_level=1)
    b.add(H, "Attendees", heading_level=2)
    b.table([["Name", "Role", "Agency"], ["Tom Ellis", "Social Worker", "CSC"]])
    b.add(P, "Q1. What is the reason for this strategy discussion?", bold=True)
    b.add(P, "School reported bruising.")
    b.add(P, "Q9. Is a medical examination required? Who will arrange it?", bold=True)
    b.add(P, "Yes – arranged by Dr Frost.")
    doc = build_structure(b.doc, default_lexicon())
    attendees = doc.sections_of("attendees")[0]
    q1, q9 = doc.sections[-2], doc.sections[-1]
    assert q1.kind == "reason" and q1.parent == attendees.parent
    assert q9.parent == attendees.parent and q9.level == q1.level  # the unknown question follows its series
    assert "Dr Frost" not in doc.section_text(attendees)


def test_bold_subheadings_under_a_part_that_is_not_a_list_stay_inside_it():
    b = DocBuilder()
    b.add(H, "Strategy Discussion Record", heading_level=1)
    b.add(H, "Agency information", heading_level=2)
    b.add(P, "Police", bold=True)
    b.add(P, "No police information held.")
    b.add(P, "Risk", bold=True)
    b.add(P, "Police see a risk of further harm.")
    doc = build_structure(b.doc, default_lexicon())
    info = doc.sections_of("agency_info")[0]
    assert all(s.parent == info.index for s in doc.sections if s.title in ("Police", "Risk"))


def test_an_action_table_is_read_by_what_its_columns_hold_when_the_headers_are_unusual():
    b = DocBuilder()
    b.add(H, "Actions", heading_level=2)
    b.table(
        [
            ["Action No.", "Description", "Officer / worker", "Due"],
            ["1", "Skeletal survey and bloods", "Dr Eleanor Frost, Consultant Paediatrician", "20/06/2025"],
        ]
    )
    b.table(
        [
            ["Ref", "Action", "Allocated", "Due"],
            ["A1", "Speak with both parents separately", "DC Tariq Hussain", "19/06/2025"],
        ]
    )
    doc = build_structure(b.doc, default_lexicon())
    first, second = doc.tables
    assert first.column_kinds == ["number", "action", "owner", "deadline"]
    # "Ref" holds only indices; "Allocated" is unknown but short entries beside the action
    # and its deadline: who does it
    assert second.column_kinds == ["number", "action", "owner", "deadline"]
    assert second.records[0].get("owner") == "DC Tariq Hussain"


def test_a_column_of_long_text_beside_an_action_is_not_taken_for_its_owner():
    b = DocBuilder()
    b.add(H, "Actions", heading_level=2)
    b.table(
        [
            ["Action", "Rationale", "By when"],
            ["Home visit", "Mother said she would not let the worker in unless the police came too", "16/03/2016"],
        ]
    )
    doc = build_structure(b.doc, default_lexicon())
    assert doc.tables[0].column_kinds == ["action", None, "deadline"]


def test_of_two_columns_read_as_when_the_one_holding_dates_is_the_deadline():
    """ "Who | How | By | When": "By" holds who sends it, "When" the date."""
    b = DocBuilder()
    b.add(H, "Who needs to know", heading_level=2)
    b.table(
        [
            ["Who", "How", "By", "When"],
            ["All at part B", "Minute and outcome by secure email", "Tina Coles", "12/03/2016"],
            ["Placements team", "Email", "Carla Mendes", "Fri 13/03"],
        ]
    )
    doc = build_structure(b.doc, default_lexicon())
    kinds = doc.tables[0].column_kinds
    assert kinds[3] == "deadline" and kinds[2] != "deadline"
    assert [r.get("deadline") for r in doc.tables[0].records] == ["12/03/2016", "Fri 13/03"]


def test_a_header_that_lists_its_answers_is_read_by_them():
    from strategy_lint.lexicon import default_lexicon as lex

    assert lex().column_kind("Contribution (present / phone / email / apologies)") == "mode"
    assert lex().column_kind("Information shared (by phone or email)") == "contribution"
    b = DocBuilder()
    b.add(H, "Professionals involved", heading_level=2)
    b.table(
        [["Name", "Role / agency", "Contribution (present / phone / email / apologies)"], ["A B", "SW, CSC", "Teams"]]
    )
    doc = build_structure(b.doc, default_lexicon())
    assert doc.tables[0].column_kinds == ["name", "agency+role", "mode"]


def test_a_pair_of_form_rows_whose_values_look_like_headers_is_not_a_header():
    b = DocBuilder()
    b.table(
        [
            ["Child's name", "Leah Whitfield", "Date of birth", "22/06/2010"],
            ["Address", "3 Tenter Row", "School", "Ashcombe College"],
            ["Date of strategy discussion", "16/01/2025", "Time", "14:00"],
            [
                "Format (Teams / in person / hybrid)",
                "Teams",
                "Chair (name and role)",
                "Mark Ellery, TM Exploitation Team",
            ],
            ["Strategy requested by", "", "Minutes taken by", "Priya Nair"],
        ]
    )
    doc = build_structure(b.doc, default_lexicon())
    assert doc.tables[0].column_kinds == [] and not doc.tables[0].records
    assert "Strategy requested by" in kinds(doc)


def test_a_chronology_with_a_by_whom_column_is_not_made_a_plan():
    b = DocBuilder()
    b.add(H, "Background", heading_level=2)
    b.table([["Date", "What happened", "By whom"], ["01/02/2016", "Home visit, no concerns", "HV"]])
    doc = build_structure(b.doc, default_lexicon())
    assert "action" not in doc.tables[0].column_kinds


FORM_THEN_TABLE = (
    "# Record of Strategy Discussion\n\n"
    "| **Date of strategy discussion** | 16/01/2025 |\n"
    "| **Apologies (name, agency, reason)** | Kim Lowe, DSL, Ash Grove Primary – on a course |\n\n"
    "{title}"
    "| Agency | Who attended (name, role) | How | Information shared | Actions | By when |\n|---|---|---|---|---|---|\n"
    "| Police | DC Ryan Holt, CAIT | Present (Teams) | One DA call-out in 2023. | Joint visit | 17/01 |\n"
)


def test_a_title_below_a_form_table_is_not_part_of_its_last_row():
    """ "Agency information and actions" in bold under a form whose last row is "Apologies"
    was filed as a part of the apologies, and the agencies' table with it."""
    doc = build_structure(
        parse_markdown(FORM_THEN_TABLE.format(title="**Agency information and actions**\n\n")), default_lexicon()
    )
    by_title = {s.title: s for s in doc.sections}
    info = by_title["Agency information and actions"]
    assert info.parent != by_title["Apologies (name, agency, reason)"].index
    assert doc.tables[1].section == info.index


def test_a_table_right_after_a_form_table_is_not_its_last_rows_content():
    doc = build_structure(parse_markdown(FORM_THEN_TABLE.format(title="")), default_lexicon())
    apologies = next(s for s in doc.sections if s.title.startswith("Apologies"))
    assert doc.tables[1].section != apologies.index
    assert not any(doc.blocks[b].table == 1 for b in apologies.blocks)


def test_a_numbered_bold_title_is_measured_without_its_number_and_a_plain_label_is_no_stronger():
    """ "Part 2 – Updates from each agency since the last strategy discussion" is ten words of
    title; and a plain "Attendees:" line does not take the bold parts after it as its children."""
    doc = build_structure(
        parse_markdown(
            "# Review Strategy Discussion\n\nAttendees:\n\nJo Bell, Social Worker, CSC\n\n"
            "**Part 1 – Actions from the last strategy discussion**\n\nVisit done.\n\n"
            "**Part 2 – Updates from each agency since the last strategy discussion**\n\nPolice: no change.\n"
        ),
        default_lexicon(),
    )
    by_title = {s.title: s for s in doc.sections}
    part2 = by_title["Part 2 – Updates from each agency since the last strategy discussion"]
    assert by_title["Part 1 – Actions from the last strategy discussion"].parent == by_title["Attendees"].parent
    assert part2.parent == by_title["Attendees"].parent


def test_a_form_with_an_action_table_inside_it_then_more_form_rows():
    """One large table: label | value rows under banner rows, the actions' own header row
    further down than a header usually sits, then a banner and more label | value rows."""
    b = DocBuilder()
    b.add(H, "Record of strategy discussion", heading_level=1)
    rows = [["1. CHILD DETAILS", "1. CHILD DETAILS", "1. CHILD DETAILS", "1. CHILD DETAILS"]]
    rows += [[f"Label {i}", f"value {i}", f"value {i}", f"value {i}"] for i in range(1, 8)]
    rows += [
        ["9. ACTIONS", "9. ACTIONS", "9. ACTIONS", "9. ACTIONS"],
        ["Action", "By whom (name, agency)", "By when", "Done"],
        ["Home visit", "Sinead Carroll, CSC", "08/05/2025", "☐"],
        ["10. NEXT STEPS AND CIRCULATION"] * 4,
        ["Circulation", "Attendees", "Attendees", "Attendees"],
        ["Record completed by (name, role, date)", "Sinead Carroll", "Sinead Carroll", "Sinead Carroll"],
    ]
    t = b.table(rows)
    # merged cells, as the PDF reader gives them: one block for the span, the rest empty
    for r, row in enumerate(t.cells):
        texts = [b.doc.blocks[c].text for c in row]
        if len(set(texts)) < 4:
            t.cells[r] = [row[0], row[1] if len(set(texts)) == 2 else None, None, None]
    for r in (0, 8, 11):
        b.doc.blocks[t.cells[r][0]].bold = True
    doc = build_structure(b.doc, default_lexicon())
    (table,) = doc.tables
    assert [rec.get("action") for rec in table.records] == ["Home visit"]
    titles = [s.title for s in doc.sections]
    assert "Circulation" in titles and "Label 3" in titles


def test_the_meeting_date_in_a_page_header_split_over_two_lines():
    b = DocBuilder("pdf")
    b.add(BlockKind.HEADER, "OFFICIAL-SENSITIVE | Child: Leah (DOB 09/02/2011) | Strategy discussion held:")
    b.add(BlockKind.HEADER, "11/03/2025 | Chair: Rachel Tenby, Team Manager | Record status: FINAL")
    b.add(H, "Record of Strategy Discussion", heading_level=1)
    b.add(P, "Leah was reported missing on 07/03/2025.")
    doc = build_structure(b.doc, default_lexicon())
    assert str(doc.metadata.meeting_date) == "2025-03-11"


def test_the_childs_date_of_birth_in_a_page_header():
    b = DocBuilder("docx")
    b.add(BlockKind.HEADER, "OFFICIAL-SENSITIVE | Child: Ruby-Mae TENNANT (DOB 14/06/2025) | Chair: Gemma Rourke")
    b.add(H, "Record of Strategy Discussion", heading_level=1)
    b.add(P, "Date of strategy discussion: 16/10/2025")
    doc = build_structure(b.doc, default_lexicon())
    assert str(doc.metadata.child_dob) == "2025-06-14" and doc.metadata.child_age_months == 4


def test_a_bold_title_with_a_subtitle_after_a_colon_opens_a_part():
    b = DocBuilder()
    b.add(H, "Safeguarding strategy meeting", heading_level=1)
    b.add(P, "D. THE YOUNG PERSON: OWN WORDS, PRESENTATION AND REGIME", bold=True)
    b.add(P, 'To his keyworker: "I can\'t go back there."')
    b.add(P, "CHILD: NATHAN EGWU", bold=True)  # a field and its answer, however it is set
    b.add(P, "Time: 10:00", bold=True)
    doc = build_structure(b.doc, default_lexicon())
    assert kinds(doc).get("D. THE YOUNG PERSON: OWN WORDS, PRESENTATION AND REGIME") == "child_voice"
    assert "CHILD: NATHAN EGWU" not in kinds(doc) and "Time: 10:00" not in kinds(doc)


def test_a_column_of_statements_is_not_a_job_title_whatever_its_header():
    """ "Agency | Current position | Since the last conference": "position" is also a job
    title, but a column of statements holds what each agency said."""
    b = DocBuilder()
    b.add(H, "What each agency knows", heading_level=2)
    b.table(
        [
            ["Agency", "Current position", "Since the last conference"],
            [
                "Police (DS Pike)",
                "Two males known: one has convictions for supply and intelligence about exploitation.",
                "-",
            ],
            [
                "Youth Justice (E Parfitt)",
                "Maisie is not known to the service and nothing is held on the two males.",
                "-",
            ],
        ]
    )
    b.add(H, "Who took part", heading_level=2)
    b.table([["Name", "Position", "Agency"], ["Ellen Parfitt", "Case Manager", "Stanchester Youth Justice Service"]])
    doc = build_structure(b.doc, default_lexicon())
    assert doc.tables[0].column_kinds[1] != "role"
    assert doc.tables[1].column_kinds[1] == "role"


def test_an_empty_numbered_item_does_not_take_the_next_item_as_its_content():
    doc = build_structure(
        parse_markdown(
            "# Minutes\n\n## 3. Agency information\n\n3.4 Police (IS): No records.\n\n**3.5 GP (RK):**\n\n"
            "3.6 Health Visiting (JF): Transfer-in received 02/05.\n\nAn unnumbered note under 3.6.\n"
        ),
        default_lexicon(),
    )
    owner = {b.text[:4]: doc.section_of_block(b.index).title for b in doc.blocks if b.text[:1] in "3A"}
    assert owner["3.6 "] == "3. Agency information"
    gp = next(s for s in doc.sections if s.title == "3.5 GP (RK)")
    assert gp.blocks == []


def test_the_records_own_title_is_not_its_childs_details_part():
    # the subtitle names the child's situation; the title is over the whole record, whose
    # parts (here the one that records a call to the paediatric registrar) are read
    doc = build_structure(
        parse_markdown(
            "# Strategy Discussion: Child Already Subject to a Child Protection Plan\n\n"
            "## Part 4: What has happened\n\nBefore the call the SW spoke by phone to Dr Mehta.\n"
        ),
        default_lexicon(),
    )
    assert doc.sections[0].kind is None


def test_a_title_that_tells_what_happened_is_not_the_plan():
    lex = default_lexicon()
    # the words of "what, who, when" are there, but it tells the past
    assert lex.section_kind("2. What happened, when, and who told us") == "reason"
    assert lex.section_kind("Who told us what happened and when") is None
    assert lex.section_kind("Actions agreed, and who was told") == "actions"
    assert lex.section_kind("Who will do what and when") == "actions"


def test_a_long_bold_question_carries_on_a_lettered_numbering():
    # "KQ5. ..." is too long for a bold title on its own, but follows "KQ4."
    b = DocBuilder("pdf")
    b.add(P, "KQ4. What has been seen online?", bold=True, page=1)
    b.add(P, "Images were shared on two apps; the devices were seized.", page=1)
    b.add(P, "KQ5. What does the child say, and what is life like for them today?", bold=True, page=1)
    b.add(P, "To follow after the joint visit.", page=1)
    doc = build_structure(b.doc, default_lexicon())
    titles = [(s.title, s.kind) for s in doc.sections]
    assert ("KQ5. What does the child say, and what is life like for them today?", "child_voice") in titles
