"""Retrieval fusion by place in the note, facts widened to their sentences, and which companies a
question names (by name or by role)."""

from __future__ import annotations

import numpy as np
import pytest

from debrief.adapters.store import Chunk
from debrief.core.domain import Debrief, Person
from debrief.features.retrieval import (
    MERGE_CHARS,
    SentenceIndex,
    fuse,
    named_companies,
    near_word,
    respelled,
)

NOTE = ("Castellan Quay - assessment day\n"
        "Imogen said a decision by end of next week. She will call all candidates.\n"
        "Things I must do:\n"
        "- send writing sample by Monday (use the share purchase memo, remove names)\n"
        "- expenses form with ticket\n")


def at(text: str, did: str = "d1", note: str = NOTE) -> Chunk:
    """A passage of the note, with its place."""
    return Chunk(did, text, note.index(text), 0.0, {})


def test_one_line_found_three_ways_outranks_a_header_found_twice() -> None:
    header = at("Castellan Quay - assessment day")
    # Three rankings reach the same line in three different spans; the header is first in two.
    chunks = [Chunk("d1", NOTE[:120], 0, 0.5, {}), at(NOTE[NOTE.index("Things"):].strip())]
    keyword = [header, at("Things I must do:\n- send writing sample by Monday (use the share "
                          "purchase memo, remove names)")]
    facts = [at("send writing sample by Monday")]
    ordered = fuse(chunks, [keyword, facts], {"d1": NOTE})
    assert "writing sample" in ordered[0].text
    assert ordered[0].text.startswith("Things I must do")  # the union of the overlapping hits
    assert NOTE[ordered[0].start:ordered[0].start + len(ordered[0].text)] == ordered[0].text
    # every chunk is still a passage of its own
    assert sum(c.text == NOTE[:120] for c in ordered) == 1


def test_overlapping_hits_longer_than_the_limit_stay_apart() -> None:
    note = "x" * 10 + " ".join(f"word{i}" for i in range(200))
    a = Chunk("d1", note[0:300], 0, 0.0, {})
    b = Chunk("d1", note[250:250 + MERGE_CHARS], 250, 0.0, {})
    ordered = fuse([], [[a], [b]], {"d1": note})
    assert len(ordered) == 2
    merged = fuse([], [[a], [Chunk("d1", note[250:330], 250, 0.0, {})]], {"d1": note})
    assert [c.text for c in merged] == [note[0:330]]


def test_hits_in_different_notes_never_merge() -> None:
    other = Chunk("d2", NOTE[:40], 0, 0.0, {})
    ordered = fuse([], [[at(NOTE[:40])], [other]], {"d1": NOTE, "d2": NOTE})
    assert {c.debrief_id for c in ordered} == {"d1", "d2"}


def test_a_fact_quote_widens_to_its_sentence_and_neighbours() -> None:
    note = ("Harper also gave me the band finally 165 to 185 base plus equity she didn't say how "
            "much equity. Then we talked about the on-call.\n\nSeparate topic later.")
    index = SentenceIndex([Debrief(id="d9", company="Lanternfish", date="2024-05-01", notes=note)])
    wide = index.widen(Chunk("d9", "165 to 185 base plus equity", -1, 0.7, {}))
    assert wide.text.startswith("Harper also gave me the band")
    assert note[wide.start:wide.start + len(wide.text)] == wide.text
    assert wide.score == 0.7
    lost = Chunk("d9", "a quote the note does not hold", -1, 0.7, {})
    assert index.widen(lost) is lost


def test_known_words_are_left_out_of_the_keyword_query() -> None:
    pad = " and then some more words about the day" * 5  # lines too long to join a neighbour
    note = (f"Acme Corp onsite{pad}\nthe offer window is two weeks{pad}\n"
            f"lunch was fine{pad}")
    index = SentenceIndex([Debrief(id="d1", company="Acme Corp", date="2024-05-01", notes=note)])
    plain = [h.text for h in index.search("acme corp offer window", k=5)]
    known = [h.text for h in index.search("acme corp offer window", k=5, known="Acme Corp")]
    assert any(t.startswith("Acme Corp onsite") for t in plain)
    assert known and all("offer window" in t for t in known)


def test_a_question_in_other_words_finds_the_line_by_keyword() -> None:
    pad = " and then some more words about the day" * 5  # lines too long to join a neighbour
    note = (f"Tollgate Freight final round{pad}\nthe base band is 70 to 78{pad}\n"
            f"two refs needed by Friday{pad}\nshe said it is hybrid, two days in{pad}\n"
            f"lunch was fine{pad}")
    index = SentenceIndex([Debrief(id="d1", company="Tollgate Freight", date="2024-05-01",
                                   notes=note)])
    for question, line in (("what's the pay?", "base band"), ("how many references?", "refs"),
                           ("can I work from home?", "hybrid")):
        hits = index.search(question, k=1)
        assert hits and line in hits[0].text, question


ROLES = {"Pennywhistle Tutors": {"online chemistry tutor"},
         "Ravensclough Outdoor Learning Trust": {"field studies tutor"},
         "Merriwick City Budget Office": {"budget analyst III"},
         "Calder County Office of Emergency Management": {"recovery grants coordinator"},
         "Tamsin Lake Surgical Center": {"PACU RN, days"},
         "Fernhollow Home Infusion": {"infusion nurse"}}


def named(question: str) -> list[str]:
    return named_companies(question, ROLES, ROLES)


def test_a_role_named_in_full_beats_a_company_word_a_role_also_holds() -> None:
    assert named("what's the pay for the field studies tutor job") == [
        "Ravensclough Outdoor Learning Trust"]
    assert named("what did Pennywhistle say about pay?") == ["Pennywhistle Tutors"]


def test_a_word_many_companies_share_does_not_add_them() -> None:
    assert named("Which writing sample am I sending the Merriwick budget office?") == [
        "Merriwick City Budget Office"]
    assert sorted(named("what did the office people say")) == [
        "Calder County Office of Emergency Management", "Merriwick City Budget Office"]
    # a plural asks across them
    assert named("Which offices asked about forecasting?") == []


def test_one_role_word_alone_names_nothing() -> None:
    assert named("what math did I need to drill after the skills day?") == []
    assert named("compare Pennywhistle and Fernhollow") == [
        "Pennywhistle Tutors", "Fernhollow Home Infusion"]


def test_a_kind_of_place_names_no_company_in_a_question_across_jobs() -> None:
    firms = ["Tarnwell Consulting", "Brackenridge Group", "Osterley Partners"]
    assert named_companies("which of these consulting jobs travels the most?", firms) == []
    assert named_companies("what did Tarnwell say about travel?", firms) == [
        "Tarnwell Consulting"]
    # Asked about one place, the kind of place still finds it.
    assert named_companies("what did the hospital say about night shifts?",
                           ["Fenmoor General Hospital", "Larkhill Hospice"]) == [
        "Fenmoor General Hospital"]


@pytest.mark.parametrize(("word", "words", "expected"), [
    ("recrutier", {"recruiter", "recruited"}, "recruiter"),  # a slip of typing
    ("kestral", {"kestrel", "kettle"}, "kestrel"),
    ("kestrel", {"kestral"}, "kestral"),
    ("lunch", {"bunch"}, None),  # another first letter: another word
    ("call", {"cell"}, None),  # under five letters: too short to tell a slip
    ("recruiter", {"recruitment"}, None),  # two letters longer and less alike
    ("panel", set(), None),
])
def test_near_word_is_a_typing_slip_never_another_word(word: str, words: set[str],
                                                       expected: str | None) -> None:
    assert near_word(word, words) == expected


def test_respelled_adds_the_name_a_word_misspells_and_keeps_the_words() -> None:
    assert respelled({"kestral", "panel"}, {"kestrel", "saltmarsh"}) == {"kestral", "panel",
                                                                          "kestrel"}
    assert respelled({"kestrels"}, {"kestrel"}) == {"kestrels"}  # a plural of a name is the name


def test_a_line_in_another_note_that_names_the_company_ranks_for_it() -> None:
    """'Ostley & Crane offer me the job! … I must answer until Monday': written in the note of
    another interview, still found for a question about Ostley, with the rest of its line."""
    ostley = Debrief(id="d1", company="Ostley & Crane Solicitors", date="2025-10-14",
                     notes="Salary 26,500.\nThey see 4 candidates.\nTeam is 6 people.\n")
    other = Debrief(id="d2", company="Verrin Hale", date="2025-10-28",
                    notes="Panel was two lawyers.\nOther news:\n- Ostley & Crane offer me the "
                          "job! Mrs Penrose call yesterday. I must answer until Monday 3 "
                          "November.\n- Answer the Verrin Hale email too.\n")
    index = SentenceIndex([ostley, other])
    where = {"company_lc": "ostley & crane solicitors"}
    asked = "ostley offer answer by when"
    known = ostley.company
    assert not [h for h in index.search(asked, k=5, where=where, known=known)
                if h.debrief_id == "d2"]
    also = index.naming([ostley.company])
    hits = index.search(asked, k=5, where=where, known=known, also=also)
    assert "I must answer until Monday 3 November" in hits[0].text
    # Verrin Hale's own lines stay out: only the lines that name Ostley come in
    assert all(h.start < other.notes.index("- Answer the Verrin") for h in hits
               if h.debrief_id == "d2")
    assert not also[-1]  # "Answer the Verrin Hale email too." is no line about Ostley


def test_a_question_naming_someone_another_note_holds_describes_no_other_company() -> None:
    """'I never did find out JP's real name, who is he exactly': 'find' and 'exactly' are words
    only one company's note happens to use, but JP is written as a name in two other notes: the
    question describes none of them, and the keyword search finds JP's lines."""
    notes = [
        Debrief(id="d1", company="Calder Buses", date="2026-03-05",
                notes="so it was Sandra who ran it. I had to find which duties go over hours, "
                      "exactly the thing I know.\nShe never told me the pay band."),
        Debrief(id="d2", company="Wenford Authority", date="2026-03-12",
                notes="Next to her a senior scheduler everybody calls JP. I never found out "
                      "what the letters stand for.\nJP liked my clockface times."),
        Debrief(id="d3", company="Penrick Travel", date="2026-03-19",
                notes="- portakabin at the yard, Colin and the duty manager\n- told JP sorry, "
                      "the gaffer said no to the photo"),
    ]
    index = SentenceIndex(notes)
    assert index.described("i never did find out JP's real name did i? who is he exactly") \
        is None
    assert index.is_name("jp", np.flatnonzero(index.index.scores(["jp"])))
    assert not index.is_name("find", np.flatnonzero(index.index.scores(["find"])))
    # words only one note uses still describe it when no name says otherwise
    found = index.described("what duties did i have to find exactly")
    assert found is not None and found[0] == "calder buses" and "find" in found[1]


def test_later_news_of_a_company_is_its_lines_in_later_notes_newest_first() -> None:
    """'Ingrid gave me until 3 July for Quillfeather' in the last note and 'Quillfeather news:
    … answer by 19 June' in the one before: both are news about Quillfeather, newest first; a
    note written before Quillfeather's interview carries none."""
    notes = [
        Debrief(id="d0", company="Harbour Lets", date="2026-06-01",
                notes="Quillfeather is on my list for next week.\nThe flat viewing went fine."),
        Debrief(id="d1", company="Quillfeather Games", date="2026-06-08",
                notes="Ingrid ran it. They'll answer by the end of next week."),
        Debrief(id="d2", company="Haverleigh Dunn", date="2026-06-16",
                notes="Panel of two.\nQuillfeather news: Ingrid emailed. They want an answer by "
                      "19 June.\nMarco says take it."),
        Debrief(id="d3", company="Castellane Bank", date="2026-06-29",
                notes="Test first.\nNews: Haverleigh offered. Ingrid gave me until 3 July for "
                      "Quillfeather, start still 3 August.\nBack home by six."),
    ]
    index = SentenceIndex(notes)
    news = index.news("quillfeather games")
    assert [c.debrief_id for c in news] == ["d3", "d2"]
    assert news[0].text.startswith("Ingrid gave me until 3 July") and "3 August" in news[0].text
    assert "19 June" in news[1].text
    assert all(notes[int(c.debrief_id[1])].notes[c.start:].startswith(c.text) for c in news)
    assert index.news("castellane bank") == []  # nothing after its own interview


def test_a_line_naming_someone_met_at_a_company_speaks_of_it() -> None:
    """'Stellan rang on Tuesday … he wants an answer by the 14th' in another interview's note
    speaks of the piano shop where Stellan was met."""
    notes = [
        Debrief(id="d1", company="Lindqvist & Rowe Pianos", date="2026-09-23",
                people=[Person(name="Stellan Lindqvist", title="owner")],
                notes="Stellan showed me the workshop. They said they'd let me know in two weeks."),
        Debrief(id="d2", company="Hartsmoor Honey", date="2026-09-25",
                notes="the lead job = about 600 colonies, crew of 3 plus 2 seasonals."),
        Debrief(id="d3", company="Hartsmoor Honey", date="2026-10-01",
                notes="Long day.\nthe job's grown. it's about 750 colonies now, not 600. 4 full "
                      "time under me"),
        Debrief(id="d4", company="Corran Hall", date="2026-10-08",
                people=[Person(name="Fenella Gauld", title="technical director")],
                notes="Fenella ran it.\nMe 19:26: Stellan rang on Tuesday. offered. he wants an "
                      "answer by the 14th.\nthe stellan story is a long one"),
    ]
    index = SentenceIndex(notes)
    assert index.people_of["lindqvist & rowe pianos"] >= {"stellan"}
    news = index.news("lindqvist & rowe pianos")
    assert [c.debrief_id for c in news] == ["d4"]
    assert "answer by the 14th" in news[0].text
    # a name is written as one: "the stellan story" names no one
    assert not any("story" in c.text for c in news)
