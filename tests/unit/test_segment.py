"""Sentence units: wrapped lines joined, sentences split, long run-ons cut at clauses."""

from __future__ import annotations

import re

from debrief.core.evidence import logical_lines, segment

WRAPPED = (
    "Had my second interview with Brightwater Freight today, this time with the\n"
    "regional ops director and a guy from finance. They told me the team is\n"
    "eleven dispatchers and two leads, and the role is open because the last\n"
    "lead moved to the Reno hub.\n"
)
MEMO = ("so um yeah it was the nurse manager and like the charge nurse and they asked me how i "
        "would prioritize four patients and i kind of froze honestly and then she said they "
        "really want someone who stays calm under pressure and the unit is telemetry twenty "
        "eight beds and i should hear back by friday maybe")
BULLETS = "Interview notes:\n- team 8 ppl\n- stack go/k8s\nhybrid 2 days\n"


def test_wrapped_prose_is_joined_then_split_into_sentences() -> None:
    units = segment(WRAPPED)
    assert [u.text for u in units] == [
        "Had my second interview with Brightwater Freight today, this time with the regional "
        "ops director and a guy from finance.",
        "They told me the team is eleven dispatchers and two leads, and the role is open "
        "because the last lead moved to the Reno hub.",
    ]
    # The span is the note's own characters, line breaks included.
    assert WRAPPED[units[1].span.start:units[1].span.end].startswith("They told me the team is\n")


def test_a_run_on_voice_memo_is_cut_at_clause_boundaries() -> None:
    units = segment(MEMO)
    assert len(units) >= 4
    assert all(len(u.text.split()) <= 32 for u in units)
    assert any(u.text.startswith("and then she said they really want someone") for u in units)
    assert " ".join(u.text for u in units) == MEMO  # nothing lost, nothing added


def test_short_bullet_lines_stay_separate_and_keep_their_header() -> None:
    units = segment(BULLETS)
    assert [u.text for u in units] == ["Interview notes:", "team 8 ppl", "stack go/k8s",
                                       "hybrid 2 days"]
    assert units[1].header == "Interview notes:"
    assert len(logical_lines(BULLETS)) == 4


def test_a_follow_up_question_word_stays_with_its_question() -> None:
    units = segment("She asked:\n1. Payouts or tipping? Why? (I said payouts.)\n")
    assert units[1].text == "Payouts or tipping? Why?"
    assert units[1].header == "She asked:"


def test_casual_lines_without_full_stops_stay_separate_thoughts() -> None:
    note = ("ok so quick notes from the Harbor General call, it was the nurse manager\n"
            "they only hire new grads through the residency program which starts twice a year\n"
            "the unit is 28 beds and they float to step-down sometimes\n"
            "she asked how I would prioritize four patients at the start of a shift\n")
    assert [u.text for u in segment(note)] == [line for line in note.splitlines()]


def test_threads_segmenting_at_once_get_the_same_units_as_one_by_one() -> None:
    """An extraction and a background refit segment notes at the same time; pysbd keeps the text
    it works on in the segmenter, so a shared one once gave a note no units at all."""
    from concurrent.futures import ThreadPoolExecutor

    from debrief.core.evidence import segment

    notes = [f"Note {i}. The team is {i} engineers. She asked about Kafka? Next: send the deck "
             f"by Friday, then wait.\n- on-call is 1 week in {i}\n" * (1 + i % 3) for i in range(40)]
    one_by_one = [[u.text for u in segment(n)] for n in notes]
    with ThreadPoolExecutor(max_workers=8) as pool:
        at_once = list(pool.map(lambda n: [u.text for u in segment(n)], notes * 3))
    assert at_once == one_by_one * 3


def test_lines_without_sentence_marks_split_as_pysbd_would(monkeypatch) -> None:
    """The fast path (no pysbd for a line with no '.?!…)') gives the same units as pysbd."""
    import re
    from pathlib import Path

    from debrief.core import evidence

    root = Path(__file__).resolve().parents[2]
    notes = [p.read_text(encoding="utf-8") for folder in (root / "tests" / "data",
                                                           root / "data" / "corpus")
             for p in sorted(folder.rglob("*.txt"))]
    notes += ["we talked about 1) pay 2) hours and a) travel b) nights", MEMO, BULLETS]
    assert len(notes) > 20
    lines = [n[s:e] for n in notes for s, e in logical_lines(n)]
    fast = [evidence.sentences(line) for line in lines]
    monkeypatch.setattr(evidence, "SENTENCE_MARK", re.compile(r"."))  # pysbd for every line
    slow = [evidence.sentences(line) for line in lines]
    assert sum(not evidence.re.search(r"[.?!\u2026)]", line) for line in lines) > 100
    assert fast == slow
    evidence._segment.cache_clear()
    assert len(segment(notes[-3])) > 2  # list markers still go to pysbd, which cuts at them


def test_a_list_item_wrapped_under_a_hanging_indent_is_one_line_an_arrow_is_not() -> None:
    note = ("What the charge nurse asked:\n"
            "- what do you do when a family member is angry the infusion is running\n"
            "  late\n"
            "- \"What's something you believed three years ago that you no\n"
            "  longer believe?\" -- good one\n"
            "- walk me through a rapid response you called\n"
            "  -> told the sepsis story, she nodded\n")
    texts = [u.text for u in segment(note)]
    assert "what do you do when a family member is angry the infusion is running late" in texts
    assert any(t.startswith('"What\'s something you believed') and "no longer believe" in t
               for t in texts)
    assert "walk me through a rapid response you called" in texts
    assert not any(t.startswith("longer") for t in texts)


def test_a_long_sentence_after_others_on_its_line_is_cut_at_its_own_clause_marks() -> None:
    """A run-on that is not the first sentence of its line is cut before its own "so" and "and",
    never in the middle of a word ("won'" / "t start")."""
    from debrief.core.evidence import segment

    note = ("Big news first. Then the rota. Mirela said the new wing slipped to March because "
            "of a fire inspection at the site, so for now it's four long days, 8a to 8p, and the "
            "short shifts won't come back until the wing opens.")
    texts = [u.text for u in segment(note)]
    assert all(note.count(t) == 1 for t in texts)
    assert any(t.startswith("so for now it's four long days") for t in texts)
    assert any(t.endswith("won't come back until the wing opens.") for t in texts)
    assert not any(t.endswith("won'") for t in texts)


def test_a_formal_outlines_numbers_are_list_markers() -> None:
    """'2.4 The rota is …' and '(a) The four-day week …' start items of their own; a figure at
    a line's start ('2.5 hours on the rig') stays part of its sentence."""
    note = ("2. The post\n"
            "   2.1 The team is four nurses.\n"
            "   2.2 The rota is four days a week.\n"
            "       (a) The four-day week would let me keep Fridays free.\n"
            "2.5 hours on the rig was enough\n")
    texts = [u.text for u in segment(note)]
    assert "The team is four nurses." in texts and "The rota is four days a week." in texts
    assert "The four-day week would let me keep Fridays free." in texts
    assert "2.5 hours on the rig was enough" in texts


def test_one_abbreviation_list_guards_every_splitter() -> None:
    """A title's or a department's full stop ends no sentence, in a question split into asks,
    in a topic cut at its sentence end, and in a promise cut at its clause's end."""
    from debrief.core.text import ABBREVIATIONS, not_after_abbreviation, split_asks
    from debrief.features.phrasing import INNER_END

    assert {"Dept", "Prof", "Mrs", "dr"} <= set(ABBREVIATIONS)
    assert split_asks("What did I promise Prof. Ahuja, and does it still stand?") == [
        "What did I promise Prof. Ahuja?", "does it still stand?"]
    splitter = re.compile(rf"(?<=\w){not_after_abbreviation()}[.]\s")
    assert splitter.split("bring the binder to Dept. 9 by Friday. Then lunch") == [
        "bring the binder to Dept. 9 by Friday", "Then lunch"]
    assert INNER_END.search("the rota for Dept. Nine and the night desk") is None
    assert INNER_END.search("ran the whole rota. Then we talked pay") is not None


def test_an_ordinal_is_its_number_for_matching() -> None:
    """"the 4th" in a question or an answer is the note's "4 November", and "2nd round" is
    "round 2": as terms and as counts in words."""
    from debrief.core.text import counts_in_words, stems

    assert "4" in stems("answer by the 4th") and "4" in stems("Wednesday 4 November")
    assert set(stems("2nd round")) == set(stems("round 2"))
    assert counts_in_words("the 4th of November") == counts_in_words("the 4 of November")
    assert counts_in_words("4th") == "four"  # as "4" alone is, so both meet "Four" in a note
    assert counts_in_words("the 22nd") == "the 22"
