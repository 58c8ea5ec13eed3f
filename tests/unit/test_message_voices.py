"""Details of a long spoken note: who said what, answers to what-ifs, and how it is phrased."""

from __future__ import annotations

import pytest

from debrief.core.domain import Debrief, Person
from debrief.features.compose import details_for
from debrief.features.message_details import Recipient, unsayable
from debrief.features.phrasing import default_phrase, promise_action

VOICE_MEMO = (
    "So the interview was with Wenna Pascoe who's the stage manager and she runs the rigging "
    "and Tobias was there who has looked after the organ for years and he's leaving in June.\n\n"
    "The money's decent and the hours are evenings, Wenna was very clear about that.\n\n"
    "Next spring they're replacing the pipes and she's got a budget for it.\n\n"
    "What she asked me was what happens if a singer loses a note in the middle of the second "
    "half and you've got ten minutes, and I said I'd check the reeds first and touch nothing "
    "else, and tell the conductor what I'd changed, and then she asked how I'd keep nine "
    "harmoniums in tune.\n\n"
    "What Wenna cares about is no surprises on a show night, she said it twice.\n\n"
    "So things I said I'd do, I said I'd send Wenna the two letters from the choir people by "
    "the end of the week, and Wenna said we'll talk again in a fortnight either way, and our "
    "Declan says he's told his mate on the trust I'll ring him which I am not doing.\n")


def a_debrief(notes: str, *people: tuple[str, str]) -> Debrief:
    return Debrief(id="x", company="Tremellow Hall", role="Organ Technician", date="2026-09-16",
                   notes=notes, people=[Person(name=n, title=t) for n, t in people])


@pytest.fixture(scope="module")
def memo_details():
    d = a_debrief(VOICE_MEMO, ("Wenna Pascoe", "stage manager"), ("Tobias Kent", "organist"))
    return details_for(d, "Wenna Pascoe", "thank-you")


def test_someone_else_saying_something_is_not_the_readers_part(memo_details) -> None:
    # "and our Declan says he's told his mate …": the brother's, never "you're told your mate"
    assert not any("mate" in (x.phrase or "") or "Declan" in x.text for x in memo_details)


def test_a_paragraph_opening_on_what_she_asked_is_hers_after_one_about_the_job(
        memo_details) -> None:
    assert any(x.kind == "question" and "harmoniums" in (x.phrase or "") for x in memo_details)


def test_the_users_answer_to_a_what_if_is_no_promise(memo_details) -> None:
    assert not any("reeds" in (x.phrase or "") for x in memo_details)
    assert not any("conductor" in (x.phrase or "") for x in memo_details)  # its next clause


def test_what_they_care_about_is_said_to_them_plainly(memo_details) -> None:
    told = [x.phrase for x in memo_details if x.kind == "told"]
    assert "you care about no surprises on a show night" in told


def test_a_promise_keeps_a_deadline_said_as_the_end_of_the_week(memo_details) -> None:
    promises = [x.phrase for x in memo_details if x.kind == "promise"]
    assert promises == ["send you the two letters from the choir people by the end of the week"]


@pytest.mark.parametrize(("line", "phrase"), [
    ("What Wenna cares about is no surprises on a show night, she said it twice",
     "you care about no surprises on a show night"),
    ("what she wants is someone who can start in May", "you want someone who can start in May"),
    ("Wenna kept saying rigging is trust.", "you kept saying rigging is trust"),
])
def test_what_the_reader_cares_about_or_keeps_saying(line: str, phrase: str) -> None:
    to = Recipient("Wenna Pascoe", "stage manager")
    assert default_phrase(line, to, ["Tobias"], VOICE_MEMO) == phrase


def test_what_someone_else_cares_about_is_not_said_to_the_reader() -> None:
    to = Recipient("Wenna Pascoe", "stage manager")
    assert default_phrase("What Tobias cares about is ears", to, ["Tobias"], VOICE_MEMO) is None


def test_a_long_promise_is_cut_before_its_deadline_not_through_it() -> None:
    to = Recipient("Wenna Pascoe", "stage manager")
    said = "I said I'd send Wenna the two letters from the choir people by the end of the week"
    assert promise_action(said, to, []).endswith("by the end of the week")


@pytest.mark.parametrize("line", [
    "At the end he asked how many of my own clients I'd bring with me, which I didn't love.",
    "I did not really like the question about weekends",
    "I hated the group exercise",
    # how long the user's own part ran
    "The presentation overran.",
    "I let the role play run far too long",
])
def test_what_the_user_did_not_like_or_let_run_over_is_private(line: str) -> None:
    assert unsayable(line)


def test_a_two_letter_first_name_is_someone_else() -> None:
    notes = ("Stage 2 with Jo Pettigrew, the shop manager, and the owner, Anders Holm.\n\n"
             "Anders kept saying listening sells. Jo is all about targets and weekends.\n")
    d = a_debrief(notes, ("Jo Pettigrew", "shop manager"), ("Anders Holm", "owner"))
    details = details_for(d, "Anders Holm", "thank-you")
    assert not any("targets" in (x.phrase or "") for x in details)
    assert any(x.phrase == "you kept saying listening sells" for x in details)


def test_when_they_will_talk_again_is_the_waiting_not_a_detail(memo_details) -> None:
    assert not any("fortnight" in (x.phrase or "") for x in memo_details)


def test_a_what_ifs_own_you_is_no_news(memo_details) -> None:
    assert not any("ten minutes" in (x.phrase or "") for x in memo_details)


YARD = (
    "Donna runs transport and never gave a surname.\n\n"
    "Then the written part. I forgot the loading time. Donna was kind about it but I saw her "
    "face. Then she wanted the sheet in a pivot table and I froze. She cares about spreadsheets "
    "and about how you speak to growers on the phone.\n\n"
    "When Ewan went out to take a call, Donna said, \"Don't say I said, but the last one lasted "
    "four months. He rings at midnight.\" Noted.\n")


def test_a_he_inside_what_she_is_quoted_saying_does_not_make_her_he() -> None:
    d = a_debrief(YARD, ("Donna", "runs transport"), ("Ewan Tresize", "founder"))
    details = details_for(d, "Donna", "thank-you")
    # what she cares about follows a slip, yet is a new report of hers, not a comment on it
    assert [x.phrase for x in details] == ["you care about spreadsheets"]


def test_a_heading_of_what_the_user_said_they_would_do_is_no_detail() -> None:
    to = Recipient("Dr Helen Marchbank", "inspector")
    line = ("What you said you'd do: get your GP to write a letter for the risk assessment; you "
            "promised Dr Marchbank that.")
    assert default_phrase(line, to, [], line) != "what you said you'd do"


CODED = (
    "PENHALLOW LIBRARY - Outreach Officer\n\n"
    "M = Morwenna Trask, head of service. Chaired.\n"
    "D = Dafydd Rees, volunteer lead.\n\n"
    "WHAT I HEARD FIRST (M, mostly)\n"
    "Two mobile vans, forty stops a fortnight.\n\n"
    "Q (M): How would you win back readers who stopped coming after the closures?\n"
    "A: Go to them first, the school gates and the markets.\n\n"
    "Q (D): What would you ask a new volunteer on day one?\n"
    "A: What they love reading.\n\n"
    "WHAT THEY WANT\n"
    "M: loans per head going up again, and the reports in on time.\n"
    "D: volunteers who stay longer than a summer.\n")


def test_people_coded_by_a_letter_are_found_by_it() -> None:
    d = a_debrief(CODED, ("Morwenna Trask", "head of service"), ("Dafydd Rees", "volunteer lead"))
    phrases = [x.phrase or "" for x in details_for(d, "Morwenna Trask", "thank-you")]
    assert any("win back readers" in p for p in phrases)  # "Q (M): …" is hers
    assert not any("new volunteer" in p or "stay longer" in p for p in phrases)  # D's
    assert not any("WHAT I HEARD" in p for p in phrases)  # a heading in capitals


def test_a_question_label_with_who_asked_is_no_part_of_the_phrase() -> None:
    to = Recipient("Morwenna Trask", "head of service")
    line = "Q (M): How would you win back readers who stopped coming after the closures?"
    assert default_phrase(line, to, ["Dafydd"], CODED) == (
        "how would you win back readers who stopped coming after the closures")


THREAD = (
    "Texts with Cadi, Sat 31 Oct 2026\n\n"
    "Cadi 09:14 - well?? how did it go\n"
    "Geth 09:26 - Gwion who owns it, his wife Becs who does the bookings, and Jonno who does "
    "the commentary\n"
    "Geth 09:58 - Becs is all about the reviews, she said the skipper is the show\n"
    "Geth 10:09 - I told Becs I'd record the Welsh bit for their new video, she's got a script. "
    "and Jonno and me said we'll do a porpoise count from the headland one evening\n"
    "Cadi 10:28 - and Nia?\n"
    "Geth 10:34 - scan's on the 9th. she wants the harbour job. fourteen on fourteen off with a "
    "newborn, she's right.\n"
    "Cadi 10:35 - won't tell mam\n")


def thread_details(person: str):
    from debrief.core.domain import Extraction

    d = a_debrief(THREAD, ("Gwion Parry", "owner"), ("Becs Parry", "bookings"),
                  ("Jonno", "commentary"))
    d.extraction = Extraction.model_validate({"follow_ups": [{
        "text": "Porpoise count with Jonno",
        "evidence": "and Jonno and me said we'll do a porpoise count from the headland one "
                    "evening"}]})
    return details_for(d, person, "thank-you")


def test_a_text_threads_turns_are_told_apart_by_their_stamp_and_dash() -> None:
    phrases = [x.phrase or "" for x in thread_details("Becs Parry")]
    assert "you are all about the reviews" in phrases
    assert not any("09:58" in p or "Geth" in p for p in phrases)
    # the friend asking about someone else ends Becs's part: the scan is no detail for her
    assert not any("scan" in p or "harbour" in p or "newborn" in p for p in phrases)
    # who already has the script is no part of the promise
    assert "record the Welsh bit for their new video" in phrases


def test_a_plan_made_together_is_said_as_lets_and_the_users_own_life_is_no_detail() -> None:
    phrases = [x.phrase or "" for x in thread_details("Jonno")]
    assert "let's do a porpoise count from the headland one evening" in phrases
    assert not any("scan" in p or "newborn" in p for p in phrases)


def test_what_the_user_did_not_do_and_what_was_signed_off_the_record_are_no_details() -> None:
    notes = ("Nia Pugh, lead tutor, watched the lesson.\n\n"
             "Nia asked how I'd handle a learner who won't sign in front of others.\n\n"
             "I gave no sign that I'd noticed.\n\n"
             "Nia, on the way out, signing small: the other candidate wants to keep interpreting "
             "on the side. \"You never saw me say it.\" Fine.\n\n"
             "Money, for me only: college 30.1 full time, agency 33.5.\n")
    d = a_debrief(notes, ("Nia Pugh", "lead tutor"), ("Huw Stott", "vice-principal"))
    phrases = [x.phrase or "" for x in details_for(d, "Nia Pugh", "thank-you")]
    assert any("won't sign in front of others" in p for p in phrases)
    assert not any("no sign" in p or "never saw" in p or "interpreting" in p or "30.1" in p
                   for p in phrases)


def test_a_promise_to_a_reader_known_by_title_and_where_she_will_be() -> None:
    foreman = Recipient(None, "saw shed foreman")
    assert promise_action("I said I'd tell the saw shed foreman the name of the firm that "
                          "sharpens my chisels", foreman, []) == (
        "tell you the name of the firm that sharpens my chisels")
    nia = Recipient("Nia Pugh", "lead tutor")
    assert promise_action("I told Nia I'd cover her Tuesday class while she's at the "
                          "conference", nia, []) == (
        "cover your Tuesday class while you're at the conference")


@pytest.mark.parametrize(("line", "to", "action"), [
    # a rank before the surname, and "also" before "promised"
    ("I also promised Councillor Pryce the leaflet on lime and damp that I had mentioned.",
     Recipient("Alun Pryce", "Councillor"),
     "send you the leaflet on lime and damp that I had mentioned"),
    # the formal "I am to send"; "Monday next" kept as the deadline of a long promise
    ("I am to send Mrs Oduya copies of my NVQ Level 3 certificate in joinery and my site "
     "safety card by Monday next.", Recipient("Grace Oduya", "Head of Estates"),
     "send you copies of my NVQ Level 3 certificate in joinery by Monday next"),
    # a table whose reader's cell comes second, with a bare "BY" cell
    ("photos of my carved corbels from the Abbey Street job | Wyn | end of this week",
     Recipient("Wyn Rowlands", "Foreman"), "send you the photos of my carved corbels by the "
     "end of this week"),
    ("go to the Thursday evening class as a guest | Bex | Thu 29th", Recipient("Bex"),
     "go to the Thursday evening class as a guest by Thu 29th"),
    # a listed thing and whom it goes to
    ("one page to Haldor on how I'd run the apprentices' training, by Friday;",
     Recipient("Haldor Vick", "Clerk of Works"),
     "send you one page on how I'd run the apprentices' training by Friday"),
])
def test_promises_said_formally_listed_or_in_a_table(line: str, to: Recipient,
                                                     action: str) -> None:
    assert promise_action(line, to, []) == action


def test_a_listed_thing_for_someone_else_is_not_promised_to_the_reader() -> None:
    assert promise_action("two references to Colette by Friday", Recipient("Ann Lee"), []) \
        is None


def test_what_the_user_said_they_would_do_instead_is_the_promise() -> None:
    to = Recipient("Ivo Grant", "Head of School")
    assert promise_action("Prof. Grant asked for an academic reference; I haven't got one, so "
                          "I said I'd get my course leader to write instead, by Friday.", to,
                          []) == "get my course leader to write instead, by Friday"
    # what was asked for, and the user sending it, is still that thing
    assert promise_action("Prof. Grant asked for an academic reference by Friday.", to,
                          []) == "send you an academic reference by Friday"


@pytest.mark.parametrize("line", ["Private: scan on the 9th was fine.",
                                  "Note to self - the gym is on the way."])
def test_a_line_labelled_private_is_unsayable(line: str) -> None:
    assert unsayable(line)
    assert not unsayable("Private sector clients are most of their work.")


@pytest.mark.parametrize(("line", "action"), [
    ("I said to Dorota I will bring the plum cake when I come for the day",
     "bring the plum cake when I come for the day"),
    ("I said to Dorota I will bring her plum cake when I come", "bring you plum cake when I come"),
    ("Dorota and me: we'll have coffee at the Corn Exchange when I come.",
     "let's have coffee at the Corn Exchange when I come"),
])
def test_promises_in_a_second_language_and_a_line_of_what_two_agreed(line: str,
                                                                     action: str) -> None:
    assert promise_action(line, Recipient("Dorota", "senior arranger"), []) == action
    # the company's "we'll" is no promise of the user's
    assert promise_action("We'll get back to you by Friday.", Recipient("Dorota"), []) is None


@pytest.mark.parametrize(("line", "to", "action"), [
    # a rank before the name in a to-do row
    ("[ ] Judge Okoro: a redacted rough draft from an all-day depo, by Monday",
     Recipient("Ada Okoro", "Judge"), "send you a redacted rough draft from an all-day depo, by "
     "Monday"),
    # a name with the title after it, "I said I will", a deadline "Monday the 2nd"
    ("Anil sir wants a list of twelve wines by the glass, and I said I will send it before "
     "round two.", Recipient("Anil Mehta", "GM"),
     "send you a list of twelve wines by the glass before round two"),
    ("I promised Meera ma'am that I will send her a plan for three harvest events, January to "
     "March, by Monday the 2nd.", Recipient("Meera Joshi", "Owner"),
     "send you a plan for three harvest events, January to March by Monday the 2nd"),
    # an arrow row of what the two will do together
    ("• Zoya → we will do her tasting in Pune together on Saturday 7 November",
     Recipient("Zoya"), "let's do her tasting in Pune together on Saturday 7 November"),
])
def test_promises_in_indian_english_and_in_to_do_rows(line: str, to: Recipient,
                                                      action: str) -> None:
    assert promise_action(line, to, []) == action


@pytest.mark.parametrize(("line", "to", "action"), [
    ("- tech manager: the spec sheet for my output settings so he can test it, by next Wednesday",
     Recipient(None, "classroom technology manager"), "send you the spec sheet by next Wednesday"),
    ("• Harsh sir → list of 20 Mumbai restaurants where I can get a meeting, by next Tuesday",
     Recipient("Harsh Kapoor", "Regional Sales Head"),
     "send you the list of 20 Mumbai restaurants by next Tuesday"),
    ("Chef: I will come to her new-menu trial dinner on 5 November and taste with her.",
     Recipient("Ritu Iyer", "Executive Chef"),
     "come to your new-menu trial dinner on 5 November and taste with you"),
    ("- Dr Holm: a guest session for the orchestral studies class on Friday 20 November",
     Recipient("Inga Holm", "Head of Orchestral Studies"),
     "run a guest session for the orchestral studies class on Friday 20 November"),
    ("- Tess: if I get it, we'll rebuild the flood-damaged Mahler 5 set together, her idea",
     Recipient("Tess"), "let's rebuild the flood-damaged Mahler 5 set together, if I get the job"),
    ("- Anja: a captioning reference. Said I'd ask the college where I subbed, by the end of "
     "the week", Recipient("Anja Berg", "Director"),
     "send you a captioning reference by the end of the week"),
    ("told Pat I'd come sit in Dept. 9 on Thursday the 15th for a morning", Recipient("Pat"),
     "come sit in Dept. 9 on Thursday the 15th for a morning"),
])
def test_rows_owed_to_a_title_an_event_a_deed_and_an_abbreviation(line: str, to: Recipient,
                                                                   action: str) -> None:
    assert promise_action(line, to, []) == action


def test_health_gossip_typing_asides_and_a_company_typed_in_lower_case_are_no_details() -> None:
    from debrief.features.message_details import HEALTH, names_employer

    assert HEALTH.search("unprompted, that she heard Clive is leaving early because of his heart")
    assert HEALTH.search("Fiona wears hearing aids and asked me to face her")
    assert not HEALTH.search("She was hearing from other libraries about the same problem")
    assert unsayable("stop typing the trolley is here")
    assert names_employer("pellam n grove Tuesday 20th in london 11am", {"Pellam", "Grove"})
    assert not names_employer("we walked past the grove at lunch", {"Pellam", "Grove"})
    assert not names_employer("the retail head wanted to know", {"Retail", "Stores"})


def test_a_promise_cut_at_a_clause_keeps_its_last_whole_phrase() -> None:
    assert promise_action("Send Rhodri the name of the man at Penhallow Cross who makes folding "
                          "hive stands", Recipient("Rhodri"), []) == \
        "send you the name of the man at Penhallow Cross"
    # a second step whose thing the cut took goes whole, not "… and bring"
    assert promise_action("he asked me to come to their Harvest lunch on Sunday the 4th of "
                          "October and bring my Gift Aid spreadsheet on a memory stick to show "
                          "him.", Recipient(None, "Treasurer"), []) == \
        "come to their Harvest lunch on Sunday the 4th of October"


@pytest.mark.parametrize(("line", "to", "reader", "action"), [
    # the reader gets a thing ("X gets my …"), a participle's thing to two people
    ("Femi gets my Level 3 certificate and the rope access ticket by Friday.",
     Recipient("Femi Adeyemi", "Team Leader"), None,
     "send you my Level 3 certificate and the rope access ticket by Friday"),
    ("printed version of my site survey to Oona and Femi by Monday.",
     Recipient("Femi Adeyemi", "Team Leader"), None, "send you a printed version of my site "
                                                     "survey by Monday"),
    # rows: a comma for a colon, a surname with a title, an offer, a condition, a note to
    # oneself, a thing whatever it is, an abbreviation inside the thing
    ("Payroll lady, upload the bank form and the P45 to the portal within five days.",
     Recipient(None, "Payroll"), None,
     "upload the bank form and the P45 to the portal within five days"),
    ("Mrs. Okonkwo-Bello: a clean map of the clinic rota, typed, by Monday 12th.",
     Recipient("Ada Okonkwo-Bello", "Director"), None,
     "send you a clean map of the clinic rota, typed, by Monday 12th"),
    ("Cllr Tebbit: I offered to draft a one-page leaflet for tenants, by the end of the month.",
     Recipient("Tebbit", "Councillor"), None,
     "draft a one-page leaflet for tenants, by the end of the month"),
    ("Wren: if I get it, come in for a day before the start to meet the crew.",
     Recipient("Wren Hale"), None, "come in for a day before the start to meet the crew, if I "
                                   "get the job"),
    ("Kayode: you said you would connect him with Efe, who runs the clinic in Jos.",
     Recipient("Kayode"), None, "connect you with Efe, who runs the clinic in Jos"),
    ("Dr. Bala: the phone number of Mr. Uche, the man in Yaba who fixed our printer. Today.",
     Recipient("Bala Musa", "Director"), None, "send you the phone number of Mr. Uche"),
    # "him" in the reader's part is the reader; what "it" is comes from before
    ("I offered to spend an afternoon with him before he retires, to learn the old doors.",
     Recipient("Alan Pike", "locksmith"), "he",
     "spend an afternoon with you before you retire, to learn the old doors"),
    ("I said I would visit him when he has time, and help once he finishes the audit.",
     Recipient("Alan Pike", "locksmith"), "he",
     "visit you when you have time, and help once you finish the audit"),
    ("I mentioned my uncle's tool roll of 1961 and said I would bring it for him",
     Recipient("Alan Pike", "locksmith"), "he", "bring my uncle's tool roll of 1961 for you"),
    ("asked for a Hausa version of the parents' leaflet. I said I will send it when I resume.",
     Recipient("Bala Musa", "Director"), None,
     "send you a Hausa version of the parents' leaflet when I resume"),
])
def test_promises_a_reader_gets_rows_by_comma_or_surname_and_pronouns_of_the_reader(
        line: str, to: Recipient, reader: str | None, action: str) -> None:
    assert promise_action(line, to, [], reader) == action


def test_someone_only_described_is_someone_else_and_an_eye_roll_is_private() -> None:
    """In a chat with a friend, "Beard guy asked me to talk him through a near miss" is not the
    named reader's line; "He said twelve 🙄" is the user's private view."""
    from debrief.core.domain import Debrief, Person
    from debrief.features.message_details import person_units

    note = ("[19/08/2026, 17:46] Thabo: Met Gavin Pell, the ops manager, and a safety man.\n"
            "[19/08/2026, 17:54] Thabo: Gavin asked what I'd do if a climber refuses to go up.\n"
            "[19/08/2026, 17:56] Thabo: Beard guy asked me to talk him through a near miss.\n"
            "[19/08/2026, 17:58] Thabo: Lovely man, very calm.\n")
    d = Debrief(id="x", notes=note, company="Linebrook", date="2026-08-19",
                people=[Person(name="Gavin Pell", title="Operations Manager")])
    texts = [u.text for u in person_units(d, "Gavin Pell")]
    assert any("climber refuses" in t for t in texts)
    assert not any("Beard guy" in t for t in texts), texts
    assert unsayable("He said twelve 🙄") and not unsayable("He said twelve")
    assert unsayable("The chart took me ages; I misread one change key as a sub-master")
