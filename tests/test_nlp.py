"""The shared spaCy pipeline built from the lexicon (strategy_lint.nlp)."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest

from strategy_lint import nlp as nlpmod
from strategy_lint.lexicon import default_lexicon
from strategy_lint.nlp import (
    Mention,
    agencies_in,
    agencies_in_many,
    get_pipeline,
    has_label,
    is_placeholder,
    mentions,
    mentions_many,
    sentences,
)


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline(default_lexicon())


def keys(ms: list[Mention]) -> list[str | None]:
    return [m.key for m in ms]


def labelled(ms: list[Mention]) -> list[tuple[str, str | None, str]]:
    return [(m.label, m.key, m.text) for m in ms]


# -- lexicon data ------------------------------------------------------------------------


def test_lexicon_files_are_merged_and_well_formed():
    lex = default_lexicon()
    groups = {
        "social_care",
        "police",
        "health",
        "education",
        "housing",
        "justice",
        "domestic_abuse",
        "voluntary",
        "legal",
        "other",
    }
    for key, spec in lex.agencies.items():
        assert key == key.lower() and " " not in key, key
        assert spec["group"] in groups, key
        assert spec["name"], key
        assert all(n == n.lower() for n in spec.get("names", [])), key
    for key, spec in lex.roles.items():
        agency = spec.get("agency")
        assert not agency or agency in lex.agencies, (key, agency)
    for name in (
        "contact_modes",
        "placeholders",
        "no_concerns",
        "nonverbal",
        "too_young",
        "observation",
        "parent_view",
        "not_deadlines",
        "update_agencies",
        "request_phrases",
        "referral_phrases",
        "edt_terms",
        "photo_terms",
    ):
        assert lex.phrase_list(name), name


@pytest.mark.parametrize(
    "key",
    [
        "childrens-social-care",
        "mash",
        "edt",
        "early-help",
        "police",
        "btp",
        "gp",
        "health-visiting",
        "school-nursing",
        "midwifery",
        "paediatrics",
        "camhs",
        "adult-mental-health",
        "school",
        "nursery",
        "housing",
        "probation",
        "youth-justice",
        "domestic-abuse",
        "sarc",
        "cafcass",
        "nspcc",
        "lado",
    ],
)
def test_required_agencies_present(key):
    assert key in default_lexicon().agencies


# -- matching ----------------------------------------------------------------------------


def test_agency_names_and_abbreviations_found_with_keys(nlp):
    text = (
        "Westvale Police and Children's Social Care met. The MASH referred to EDT. "
        "CAMHS, the YOT, Cafcass and the NSPCC were consulted; the IDVA and SARC too."
    )
    found = keys(mentions(nlp, text))
    for k in ("police", "childrens-social-care", "mash", "edt", "camhs", "youth-justice", "cafcass", "nspcc", "sarc"):
        assert k in found, k
    assert "idva" in found  # the role, which maps to domestic-abuse
    assert "domestic-abuse" in keys(agencies_in(nlp, text))


def test_names_match_case_insensitively_and_with_curly_apostrophe(nlp):
    for text in ("CHILDREN'S SERVICES", "children’s services", "Childrens Services"):
        assert keys(mentions(nlp, text)) == ["childrens-social-care"], text


def test_ds_inside_dsl_is_not_a_detective(nlp):
    ms = mentions(nlp, "The DSL at Northbrook Primary School shared notes.")
    assert ("ROLE", "dsl", "DSL") in labelled(ms)
    assert "detective-sergeant" not in keys(ms)
    assert keys(agencies_in(nlp, "The DSL attended")) == ["school"]


def test_ds_khan_is_police(nlp):
    ms = agencies_in(nlp, "DS Khan confirmed the ABE interview.")
    assert [(m.key, m.text, m.role) for m in ms] == [("police", "DS", "detective-sergeant")]


def test_roles_resolve_to_their_agency(nlp):
    got = keys(agencies_in(nlp, "HV, GP, DC Reed, school nurse and the midwife"))
    assert got == ["health-visiting", "gp", "police", "school-nursing", "midwifery"]


def test_initials_suppress_abbreviation_matches(nlp):
    text = "DS said the visit went well. HV to follow up."
    assert "detective-sergeant" in keys(mentions(nlp, text))
    ms = mentions(nlp, text, initials={"DS"})
    assert "detective-sergeant" not in keys(ms)
    assert "health-visitor" in keys(ms)  # other matches stay
    assert keys(agencies_in(nlp, text, initials={"DS"})) == ["health-visiting"]


def test_sw_social_worker_versus_south_west(nlp):
    assert keys(mentions(nlp, "SW to visit Ava tomorrow.")) == ["social-worker"]
    assert keys(mentions(nlp, "The SW will complete the assessment.")) == ["social-worker"]
    assert "social-worker" not in keys(mentions(nlp, "See the SWCPP chapter."))
    assert "social-worker" not in keys(mentions(nlp, "Under SW Child Protection Procedures we met."))
    assert "social-worker" not in keys(mentions(nlp, "Cases across the SW region rose."))
    assert "social-worker" not in keys(mentions(nlp, "The family moved here from a town in the SW."))


def test_abbreviations_are_case_sensitive_whole_tokens(nlp):
    assert keys(mentions(nlp, "The GP has no concerns"))[0] == "gp"
    assert "gp" not in keys(mentions(nlp, "the gp said so"))
    assert "gp" not in keys(mentions(nlp, "Ava went to the gpx club"))
    assert mentions(nlp, "Their edt file") == []
    assert "health-visitor" not in keys(mentions(nlp, "HVAC engineer"))


def test_camhs_variant_spellings(nlp):
    for text in ("CAMHS", "CAMHs", "Child and Adolescent Mental Health Services"):
        assert keys(agencies_in(nlp, f"{text} are involved")) == ["camhs"], text


def test_longest_match_wins(nlp):
    assert keys(mentions(nlp, "adult social care")) == ["adult-social-care"]
    assert keys(mentions(nlp, "school nurse")) == ["school-nurse"]
    assert labelled(mentions(nlp, "Not known to service")) == [("NO_CONCERNS", None, "Not known to service")]


def test_phrase_labels(nlp):
    assert has_label(nlp, "Information given by phone.", "CONTACT")
    assert has_label(nlp, "Sent an e-mail on Monday.", "CONTACT")
    assert has_label(nlp, "Ava is a 4 month old baby.", "NONVERBAL")
    assert has_label(nlp, "She is pre-verbal.", "NONVERBAL")
    assert has_label(nlp, "Ava is too young to express her views.", "TOO_YOUNG")
    assert has_label(nlp, "Mum says he is happy at home.", "PARENT_VIEW")
    assert has_label(nlp, "Leo was settled and made good eye contact.", "OBSERVATION")
    assert has_label(nlp, "GP: no safeguarding concerns.", "NO_CONCERNS")
    assert has_label(nlp, "To be confirmed", "PLACEHOLDER")
    assert not has_label(nlp, "Police will complete checks.", "OBSERVATION")
    assert not has_label(nlp, "Police will complete checks.", "PARENT_VIEW")


def test_short_placeholders_only_count_as_whole_fields(nlp):
    # "-" and "x" inside a sentence are not placeholders...
    assert not has_label(nlp, "Mum - who was present - agreed. Child X.", "PLACEHOLDER")
    # ...but a field that is only that is one.
    for text in ("-", " N/A ", "n/a", "TBC", "", "   ", "Click or tap here to enter text.", "See above"):
        assert is_placeholder(text), repr(text)
    for text in ("Ava said she feels safe", "No", "HV visited"):
        assert not is_placeholder(text), text


def test_mention_offsets_point_into_text(nlp):
    text = "Update from  DS Khan (Westvale Police)."
    for m in mentions(nlp, text):
        assert text[m.start : m.end] == m.text


def test_sentences_and_batching(nlp):
    assert sentences(nlp, "Ava was seen. She smiled! Was she fed?") == ["Ava was seen.", "She smiled!", "Was she fed?"]
    assert sentences(nlp, "") == []
    texts = ["HV visited.", "", "DS Khan", "nothing here"]
    assert [keys(ms) for ms in mentions_many(nlp, texts)] == [
        [keys(mentions(nlp, t)) for t in texts][i] for i in range(4)
    ]
    assert [keys(ms) for ms in agencies_in_many(nlp, texts, initials={"DS"})] == [["health-visiting"], [], [], []]


def test_extended_lexicon_is_matched():
    lex = default_lexicon().extend(
        {
            "agencies": {
                "riverside-refuge": {
                    "name": "Riverside Refuge",
                    "group": "domestic_abuse",
                    "names": ["riverside refuge"],
                    "abbreviations": ["RRF"],
                }
            },
            "phrases": {"observation": ["gurgling"]},
        }
    )
    nlp2 = get_pipeline(lex)
    assert nlp2 is not get_pipeline(default_lexicon())
    assert keys(mentions(nlp2, "Riverside Refuge and RRF staff")) == ["riverside-refuge"] * 2
    assert has_label(nlp2, "The baby was gurgling.", "OBSERVATION")
    assert keys(mentions(get_pipeline(default_lexicon()), "RRF")) == []


def test_pipeline_is_built_once(nlp):
    lex = default_lexicon()
    assert get_pipeline(lex) is nlp
    assert get_pipeline(None) is nlp  # None means the default lexicon


def test_uninstalled_model_falls_back_silently():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp3 = get_pipeline(default_lexicon(), model="en_strategy_lint_no_such_model")
    assert caught == []
    assert "strategy_lint_ruler" in nlp3.pipe_names
    assert keys(agencies_in(nlp3, "DS Khan")) == ["police"]


def test_trained_model_gets_ruler_before_ner(monkeypatch):
    import spacy

    def fake_load(name, *a, **k):
        base = spacy.blank("en")
        base.add_pipe("ner")
        return base

    monkeypatch.setattr(spacy.util, "is_package", lambda name: name == "en_fake_trained")
    monkeypatch.setattr(spacy, "load", fake_load)
    built = nlpmod._build(default_lexicon(), "en_fake_trained")
    names = built.pipe_names
    assert names.index("strategy_lint_ruler") < names.index("ner")
    assert "sentencizer" in names  # no parser in the loaded pipeline: sentences still work
    assert built.get_pipe("strategy_lint_ruler").overwrite


def test_importing_nlp_does_not_import_spacy():
    code = "import sys, strategy_lint.nlp; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_texts_are_tokenised_once_per_document_and_forgotten_after_it():
    from strategy_lint import nlp as nlp_mod
    from strategy_lint.lexicon import default_lexicon
    from strategy_lint.model import Block, BlockKind, Document

    pipe = nlp_mod.get_pipeline(default_lexicon())
    nlp_mod.forget_texts()
    text = "DS Khan spoke to the health visitor by phone."
    first = nlp_mod.mentions(pipe, text)
    assert nlp_mod._MEMO[pipe][text]  # remembered for the other rules reading the same line
    assert nlp_mod.mentions(pipe, text) == first
    assert [m.text for m in nlp_mod.mentions(pipe, text, initials={"DS"})] == [m.text for m in first if m.text != "DS"]
    # the engine forgets every text once a document has been checked
    from strategy_lint.engine import Linter

    Linter().lint_document(Document("x.md", "text", blocks=[Block(0, BlockKind.PARAGRAPH, text)]))
    assert not nlp_mod._MEMO.get(pipe)
