"""Headlines: at most 12 words, every content word from the evidence, else no headline."""

from __future__ import annotations

import pytest

from debrief.core.text import content_words, words
from debrief.features.headlines import grounded_headline, headline

EVIDENCE = [
    'she said base band for senior "tops out around 185k", plus RSUs',
    "so um and then she said they really want someone who stays calm under pressure and the "
    "unit is telemetry twenty eight beds",
    "Monetization hasn't had a dedicated PM since the last one moved to Growth in the summer, "
    "so the roadmap has been run by the eng lead.",
    "role is open bc the previous tech lead left for a startup in Jan. not a new headcount",
    "team 8 ppl",
]


@pytest.mark.parametrize("evidence", EVIDENCE)
def test_headline_is_short_and_made_of_the_evidence_words(evidence: str) -> None:
    h = headline(evidence)
    assert h is not None
    assert len(h.split()) <= 12
    assert set(content_words(h)) <= set(words(evidence))


def test_fillers_and_attribution_are_dropped() -> None:
    assert headline(EVIDENCE[0]) == 'Base band for senior "tops out around 185k", plus RSUs'
    assert headline(EVIDENCE[1]) == "They really want someone who stays calm under pressure"


def test_a_headline_with_a_word_not_in_the_evidence_is_refused() -> None:
    ev = "team is 8 engineers + EM, part of the Data Platform org"
    assert grounded_headline("Team of 8 engineers in Data Platform", ev)
    assert grounded_headline("Team of 8 engineers, well paid", ev) is None
    assert grounded_headline(" ".join(["team"] * 13), ev) is None
