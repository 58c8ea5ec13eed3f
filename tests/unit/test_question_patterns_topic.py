"""The question's own words for its topic, as the lead of a cross-interview answer says them."""

from __future__ import annotations

import pytest

from debrief.core.text import asking_part
from debrief.features.question_patterns import topic_phrase, topic_terms


@pytest.mark.parametrize(("question", "phrase"), [
    ("which companies pushed on system design?", "system design"),
    ("Which of my interviews were with a panel or a group?", "a panel or a group"),
    ("who talked about on-call", "on-call"),
    ("what did the places say about remote work or hybrid", "remote work or hybrid"),
    ("any company that said something about visa sponsorship", "visa sponsorship"),
    ("which schools had a lesson observation", "a lesson observation"),
    ("what did they all say about the pay and hours?", "the pay and hours"),
    ("how many", ""),
])
def test_topic_phrase_is_the_questions_run_of_topic_words(question: str, phrase: str) -> None:
    asked = asking_part(question)
    assert topic_phrase(asked, topic_terms(asked, [])) == phrase


def test_the_phrase_is_the_run_with_the_words_that_tell_the_debriefs_apart() -> None:
    asked = "which of these consulting jobs has the heaviest travel?"
    topic = topic_terms(asked, [])
    # "consulting" is in every debrief: the phrase is the run with "travel"
    assert topic_phrase(asked, topic, topic - {"consulting"}) == "travel"
    assert topic_phrase("which companies pushed on system design?", {"system", "design"},
                        {"system"}) == "system design"


def test_a_contraction_is_no_topic_and_paying_asks_for_pay() -> None:
    from debrief.features.question_patterns import PAY_QUESTION, topic_terms

    assert topic_terms("what they're all paying", []) == {"paying"}
    assert PAY_QUESTION.search("what they're all paying")
