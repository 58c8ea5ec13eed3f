"""What became of a promise: later lines that say it was sent, late or forgotten."""

from __future__ import annotations

from debrief.core.domain import Debrief, Extraction, Item
from debrief.features.kept import by_date, links, promise_of, reports


def note(text: str, date: str, company: str = "Harwick Tiles", n: int = 1) -> Debrief:
    return Debrief(id=f"d{n}", company=company, date=date, notes=text,
                   created_at=f"{date}T10:00:0{n}")


PROMISE = "promised Oriel copies of my CSCS card and the asbestos ticket by Friday"


def test_a_later_note_that_says_it_went_is_the_report() -> None:
    first = note(f"Sent Oriel my card, done.\n{PROMISE}\nSent Oriel a thank-you note too.",
                 "2025-03-03")
    later = note("Second site.\nSent Oriel the CSCS card and the asbestos ticket on Thursday, done."
                 "\nThe foreman was late.", "2025-03-10", "Penrose Build", 2)
    before = note("Old job.\nSent Oriel my CV months ago, done.", "2025-01-01", "Old Co", 3)
    found = reports(PROMISE, first, by_date([before, later, first]))
    # lines before the promise, notes dated before it and another thing sent to the same
    # person report nothing
    assert [r.text for r in found] == [
        "Sent Oriel the CSCS card and the asbestos ticket on Thursday, done."]
    assert found[0].debrief is later


def test_the_next_sentence_can_say_what_became_of_it() -> None:
    promise = "Told him my cousin Bram might still have a spare harness, and I'll send Ty his number"
    first = note(promise, "2025-03-03")
    later = note("Asked Bram about the harness for Ty. He'd already sold it, so nothing to send.",
                 "2025-03-12", "Penrose Build", 2)
    assert [r.text for r in reports(promise, first, by_date([first, later]))] == [
        "Asked Bram about the harness for Ty. He'd already sold it, so nothing to send."]


def test_forgetting_and_lateness_are_reports_too() -> None:
    promise = "Said I'd post Wendeline the article on grout chemistry this week."
    first = note(promise, "2025-03-03")
    later = note("Random.\nI posted the grout article to Wendeline ten days late, oops.",
                 "2025-03-20", "Penrose Build", 2)
    assert len(reports(promise, first, by_date([first, later]))) == 1
    forgot = note("Never sent the grout chemistry article. Forgot completely.", "2025-03-20",
                  "Penrose Build", 3)
    assert [r.text for r in reports(promise, first, by_date([first, forgot]))] == [
        "Never sent the grout chemistry article."]


def test_what_the_person_promised_sends_is_not_what_became_of_my_promise() -> None:
    promise = "I promised Rhoswen my registration number by Tuesday."
    first = note(promise, "2025-03-03")
    news = note("Rhoswen emailed this morning: round 2 is on the 24th.", "2025-03-05",
                "Penrose Build", 2)
    assert reports(promise, first, by_date([first, news])) == []
    # a name the line only shares by place ("at Tamsworth") is no link without a word of the thing
    assert not links("Priti wants the risk assessment I wrote at Tamsworth",
                     "Yes of course, I do them already at Tamsworth.")
    assert links("Priti wants the risk assessment I wrote at Tamsworth",
                 "The Tamsworth risk assessment I sent to Priti on Monday, done.")
    # a line that only promises again reports nothing
    again = note("I'll send the registration number to Rhoswen tomorrow, honest.", "2025-03-06",
                 "Penrose Build", 3)
    assert reports(promise, first, by_date([first, again])) == []


def test_a_promise_to_him_is_read_with_the_rest_of_its_sentence() -> None:
    """"…, so I told him I will bring him a jar": who "him" is and what it is about are in the
    sentence the promise ends."""
    promise = "I told him I will bring him a jar next time I come."
    first = note(f"Desmond was asking about the Kerala pepper pickle my aunt makes, so {promise}",
                 "2025-03-03")
    later = note("Desmond's pickle: handed over today, he ate half at the pass.\n"
                 "Sent the mayor a jar too.", "2025-03-12", "Harwick Tiles", 2)
    assert [r.text for r in reports(promise, first, by_date([first, later]))] == [
        "Desmond's pickle: handed over today, he ate half at the pass."]


def test_a_deed_not_done_is_a_report_too() -> None:
    """"Kayode and Efe: I never connected them." tells what became of "you said you would
    connect him with Efe"."""
    promise = "Kayode: you said you would connect him with Efe, who runs the clinic in Jos."
    first = note(promise, "2025-03-03")
    later = note("Kayode and Efe: I have not connected them. Not yet.", "2025-03-12",
                 "Harwick Tiles", 2)
    assert [r.text for r in reports(promise, first, by_date([first, later]))] == [
        "Kayode and Efe: I have not connected them."]


def test_a_report_is_followed_back_to_the_to_do_it_reports_on() -> None:
    todo = "Ma'am Cora: the enclosed space entry drill video we made on board"
    first = note(f"Round 1.\n{todo}\nTrap spreadsheet to Conrad: sent Thursday 8th",
                 "2025-03-03")
    first.extraction = Extraction(follow_ups=[
        Item(text="drill video to Cora", evidence=todo),
        Item(text="spreadsheet to Conrad", evidence="Trap spreadsheet to Conrad: sent Thursday 8th")])
    later = note("Round 2.\nStill owe Ma'am Cora the drill video.", "2025-03-12", "Penrose Build", 2)
    ordered = by_date([later, first])
    # the report leads back to the to-do, and the to-do forward to the report: one relation
    assert promise_of("Still owe Ma'am Cora the drill video.", later, ordered) == (first, todo)
    assert [r.text for r in reports(todo, first, ordered)] == [
        "Still owe Ma'am Cora the drill video."]
    # a line that reports nothing, and a report of something no to-do names, lead nowhere
    assert promise_of("Ma'am Cora smiled a lot.", later, ordered) is None
    assert promise_of("Sent Oriel the tile samples, done.", later, ordered) is None


def test_a_to_do_row_with_its_report_after_it_is_a_report() -> None:
    promise = "Sister Pauline for Lou. THIS WEEK."
    first = note(f"To do:\n- {promise}", "2025-03-03")
    later = note("Ticks:\n- Lou: Sister Pauline's number. Sent 15th October, about three weeks "
                 "after I said. Ticked, late.", "2025-03-20", "Penrose Build", 2)
    assert [r.text for r in reports(promise, first, by_date([first, later]))] == [
        "Lou: Sister Pauline's number. Sent 15th October, about three weeks after I said."]
    # a row whose next sentence reports on someone else's thing is no report of this one
    other = note("- Lou: Sister Pauline's number. Sent Oriel the tiles.", "2025-03-20",
                 "Penrose Build", 3)
    assert reports(promise, first, by_date([first, other])) == []
