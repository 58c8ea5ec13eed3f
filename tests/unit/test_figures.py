"""Figures a superlative question ranks: which questions rank, and the figure a line states."""

from __future__ import annotations

import pytest

from debrief.features.figures import (
    FigureKind,
    asks_ranking,
    count,
    count_topic,
    duration,
    money,
    rank_kind,
    ranks_low,
    time_topic,
)


@pytest.mark.parametrize(("line", "minutes", "written"), [
    ("Wednesday, 9:30, in head office downtown, 1 hour 15 min", 75, "1 hour 15 min"),
    ("so two people about an hour and fifteen minutes", 75, "an hour and 15 minutes"),
    ("Thursday, 8:00 until almost 11:30", 210, "8:00 until almost 11:30"),
    ("a four-hour loop, back to back", 240, "4 hour"),
    ("We spoke for an hour over video.", 60, "an hour"),
    ("quick hour-long call with the lead", 60, "hour-long"),
    ("started 2pm - 4:30pm, then a tour", 150, "2pm - 4:30pm"),
    ("an hour and a half with the panel", 90, "an hour and a half"),
])
def test_the_length_of_an_interview_is_read_as_written(line: str, minutes: float,
                                                        written: str) -> None:
    fig = duration(line, short_only=True)
    assert fig is not None and fig.value == minutes and fig.written == written


def test_an_interview_length_ignores_years_and_weeks_but_a_wait_reads_them() -> None:
    assert duration("5 years of experience, 2 weeks notice", short_only=True) is None
    assert duration("Whole process can take 4-6 weeks", short_only=False).value == 6 * 10080  # type: ignore[union-attr]
    assert duration("call back in 4-6", short_only=False) is None  # a range of no unit
    assert duration("orientation (6 wks with a preceptor, and a mentor for 2 wks",
                    short_only=False).written == "6 wks"  # type: ignore[union-attr]


def test_a_count_is_the_number_nearest_what_is_counted() -> None:
    team = count_topic("who's got the biggest design team?")
    assert team == {"design", "team"}
    assert count("The design team is nine people split across two squads", team).value == 9  # type: ignore[union-attr]
    assert count("a design team of four that reports into the CTO", team).value == 4  # type: ignore[union-attr]
    hires = count_topic("which company is taking on the most electricians")
    assert count("they hire 4 electricians now because 5 people retire", hires).value == 4  # type: ignore[union-attr]
    assert count("so they need 6 more electricians.", hires).written == "6 more electricians"  # type: ignore[union-attr]
    # a year, a time, a sum and a far-off number are not counts
    assert count("design team formed in 2019", team) is None
    assert count("design team standup at 9:30", team) is None
    assert count("design team budget is $40k", team) is None
    assert count("the design review ran long and then we had lunch with 3 others", team) is None


def test_a_sum_needs_a_sign_a_multiplier_or_thousands() -> None:
    assert money("quota is 1.4 million year one with a six month ramp").value == 1.4e6  # type: ignore[union-attr]
    assert money("quota is 900k new ARR for year one").value == 900e3  # type: ignore[union-attr]
    assert money("quota is $250,000").value == 250e3  # type: ignore[union-attr]
    assert money("quota is reviewed every 6 months") is None


@pytest.mark.parametrize(("question", "named", "ranks"), [
    ("which interview was the longest?", 0, True),
    ("biggest quota of the lot?", 0, True),
    ("Which interview had me meeting the most people, and how many was it?", 0, True),
    ("which is busier day to day, the infusion center or the surgery center?", 2, True),
    ("which is busier day to day?", 0, False),  # a comparative with nothing named to compare
    ("what did they care about most?", 0, False),
    ("which topic came up the most?", 0, False),
    ("what did I like least about the onsite", 0, False),
    ("what did the recruiter say about the role", 0, False),
])
def test_a_ranking_is_asked_for_by_a_superlative_said_of_a_figure(question: str, named: int,
                                                                   ranks: bool) -> None:
    assert asks_ranking(question, named) is ranks


def test_what_a_ranking_compares_and_which_way() -> None:
    assert rank_kind("biggest quota of the lot?") is FigureKind.MONEY
    assert rank_kind("which interview ate the most hours of my day?") is FigureKind.TIME
    assert rank_kind("who's got the biggest design team?") is FigureKind.COUNT
    assert ranks_low("which was my shortest interview") and not ranks_low("longest wait")
    assert time_topic("which job gives me the longest orientation?") == {"orient"}
    assert time_topic("What was my longest interview by far?") == set()


def test_a_wait_is_read_from_the_lines_about_the_process() -> None:
    topic = time_topic("which company told me to expect the longest wait before i hear back?")
    assert "process" in topic and "wait" not in topic
    assert rank_kind("which company told me to expect the longest wait?") is FigureKind.TIME


@pytest.mark.parametrize("line", [
    "schedule is 4 days x 10 hours, Monday to Thursday",  # a rate
    "the take-home is due within 48 hours",  # a deadline, longer than any interview
    "made me an offer about ten minutes after my final interview",  # a point in time
    "it's 12 hour shifts on the unit",
    "and in his head so yeah",  # "ah" is no "a h(our)"
])
def test_a_rate_a_deadline_or_a_point_in_time_is_no_interview_length(line: str) -> None:
    assert duration(line, short_only=True) is None


def test_a_point_in_time_is_no_orientation_but_a_wait_within_is_a_wait() -> None:
    assert duration("6 weeks of orientation with Wendell, then a check-in at 90 days",
                    short_only=False).written == "6 weeks"  # type: ignore[union-attr]
    assert duration("two days a week in their office", short_only=False) is None  # a rate
    assert duration("they'll decide within 2 weeks", short_only=False).value == 2 * 10080  # type: ignore[union-attr]


def test_a_count_before_its_noun_or_after_a_linking_word_only() -> None:
    years = count_topic("which company is hiring the most electricians")
    assert count("how many years I work like electrician (12, 9 in Ukraine)", years) is None
    lawyers = count_topic("which place has the most small team of lawyers")
    assert "small" not in lawyers
    assert count("the group is fourteen lawyers split between two offices", lawyers).value == 14  # type: ignore[union-attr]
    assert count("team is 6 and growing", count_topic("smallest team")).value == 6  # type: ignore[union-attr]


def test_lengths_said_one_after_another_add_up() -> None:
    fig = duration("orientation (6 wks with a preceptor, then 2 wks with a lighter assignment)",
                   short_only=False)
    assert fig is not None and fig.value == 8 * 10080
    assert fig.written == "6 wks with a preceptor, then 2 wks"
    assert duration("night shift is 6 pm to 6 am", short_only=True) is None  # no interview


def test_a_day_from_one_hour_to_another_is_its_length() -> None:
    assert duration("callback Thursday, from nine until roughly two", short_only=True).value == 300  # type: ignore[union-attr]
    assert duration("site visit from 9 till nearly 1", short_only=True).value == 240  # type: ignore[union-attr]
    assert duration("grades 9 to 12 only", short_only=True) is None


def test_words_that_say_how_a_time_is_measured_are_no_topic() -> None:
    assert time_topic("Which interview took up the most time, going by the lengths I noted?") \
        == set()
    assert time_topic("what was my longest interview, start to finish") == set()
    assert not {"phone", "screen"} & time_topic("which phone screen went on the longest")
    from debrief.features.figures import MET_RANK, ranks_both
    assert MET_RANK.search("which of my panels had the most people on it?")
    assert not MET_RANK.search("which job would have the most people under me")
    assert ranks_both("which interview ate the biggest chunk of my day, and which was the "
                      "quickest?")
