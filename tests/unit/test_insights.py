"""Insights across interviews: grouping, ordering, statuses, follow-ups, and the dev set."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import numpy as np
import pytest

from debrief.adapters.embeddings import Embedder
from debrief.core.domain import (
    Debrief,
    EvidencedPerson,
    Extraction,
    Item,
    Message,
    Person,
    Priority,
    Role,
)
from debrief.features.insights import (
    GROUPING_THRESHOLD,
    CachingEmbedder,
    build_insights,
    check_role_status,
    item_key,
    normalise,
)
from tests.conftest import EVAL, eval_note
from tests.fakes import FakeModel

TODAY = dt.date(2024, 4, 20)
Text = str | tuple[str, str]  # text, or (text, evidence)


def _item(t: Text) -> Item:
    text, evidence = (t, t) if isinstance(t, str) else t
    return Item(text=text, evidence=evidence)


def deb(
    id: str, company: str, date: str, *, stage: str = "other",
    people: Sequence[tuple[str, str | None]] = (), questions: Sequence[Text] = (),
    priorities: Sequence[tuple[str, str | None]] = (), facts: Sequence[Text] = (),
    roles: Sequence[tuple[str, str | None]] = (), practice: Sequence[Text] = (),
    met: Sequence[str] = (), messages: Sequence[Message] = (), status: str = "done",
) -> Debrief:
    """A hand-built debrief with a hand-built extraction."""
    ext = Extraction(
        company=company, date=date, stage=stage,
        people=[EvidencedPerson(name=n, evidence=n) for n in met],
        questions_asked=[_item(q) for q in questions],
        interviewer_priorities=[Priority(text=t, evidence=t, interviewer=w)
                                for t, w in priorities],
        insider_info=[_item(f) for f in facts],
        better_fit_roles=[Role(text=t, evidence=t, why=w) for t, w in roles],
        practice_points=[_item(p) for p in practice],
    )
    return Debrief(id=id, company=company, date=date, stage=stage, notes="notes",
                   people=[Person(name=n, title=t) for n, t in people], extraction=ext,
                   extraction_status=status, messages=list(messages))


def test_paraphrased_questions_group_with_the_real_embedder(embedder: Embedder) -> None:
    ds = [
        deb("a", "Larkspur", "2024-03-04", questions=["why am I leaving current job",
                                                       "implement IoU + NMS in numpy"]),
        deb("b", "Corvanta", "2024-03-06", questions=["why im leaving my current job"]),
        deb("c", "Tidewell", "2024-04-04", questions=["Why are you leaving your current role?"]),
    ]
    bank = build_insights(ds, embedder, today=TODAY).question_bank
    assert [g.count for g in bank] == [3, 1]
    leaving, iou = bank
    assert {o.debrief_id for o in leaving.occurrences} == {"a", "b", "c"}
    assert leaving.companies == ["Corvanta", "Larkspur", "Tidewell"]
    assert [o.quote for o in iou.occurrences] == ["implement IoU + NMS in numpy"]
    # without the model, only identical wording groups
    exact = build_insights(ds, None, today=TODAY)
    assert exact.grouped_by == "exact text" and [g.count for g in exact.question_bank] == [1] * 4


def test_threshold_separates_a_paraphrase_from_a_related_but_different_question(
    embedder: Embedder,
) -> None:
    v = embedder.embed(["why am I leaving current job", "why im leaving my current job",
                        "salary expectations, I said 180-195", "implement IoU + NMS in numpy"])
    sims = v @ v.T
    assert sims[0, 1] >= GROUPING_THRESHOLD  # same question, two wordings (0.93)
    assert sims[0, 2] < GROUPING_THRESHOLD and sims[0, 3] < GROUPING_THRESHOLD


def test_counts_sorting_and_chart_without_embedder() -> None:
    ds = [
        deb("a", "A", "2024-01-01", questions=["Why us?", "Walk me through your resume",
                                                "Tell me about a conflict"]),
        deb("b", "B", "2024-01-02", questions=["why US", "Tell me about a conflict."]),
        deb("c", "C", "2024-01-03", questions=["Why us?!", ("Salary?", "salary - said 100k")]),
    ]
    ins = build_insights(ds, None, today=TODAY)
    assert [(g.text, g.count, g.interviews) for g in ins.question_bank] == [
        ("Why us?", 3, 3), ("Tell me about a conflict", 2, 2),
        ("Salary?", 1, 1), ("Walk me through your resume", 1, 1),  # ties: newest first
    ]
    assert sum(g.count for g in ins.question_bank) == 7
    why = ins.question_bank[0]
    assert [(o.debrief_id, o.date) for o in why.occurrences] == [
        ("a", "2024-01-01"), ("b", "2024-01-02"), ("c", "2024-01-03")]
    assert ins.question_bank[2].occurrences[0].quote == "salary - said 100k"
    assert [(b.label, b.count) for b in ins.question_chart][:2] == [
        ("Why us?", 3), ("Tell me about a conflict", 2)]
    assert why.key == item_key("q", "why us") and normalise("Why us?!") == "why us"


def test_timeline_orders_interviews_by_date_then_company_and_stage() -> None:
    ds = [
        deb("x3", "Zeta", "2024-03-10", stage="final"),
        deb("x1", "Alpha", "2024-03-01", stage="recruiter screen"),
        deb("x4", "Alpha", "2024-03-10", stage="onsite loop"),
        deb("x2", "Zeta", "2024-03-05", stage="hiring manager", status="pending"),
        deb("x5", "Alpha", "2024-03-10", stage="hiring manager"),
    ]
    tl = build_insights(ds, None, today=TODAY).timeline
    assert [i.debrief_id for i in tl] == ["x1", "x2", "x5", "x4", "x3"]
    assert [i.stage_rank for i in tl] == [0, 1, 1, 6, 7]
    assert [i.extracted for i in tl] == [True, False, True, True, True]


def test_dossier_orders_facts_by_interview_date_so_a_change_shows() -> None:
    later = deb("d2", "Larkspur Analytics", "2024-03-14", stage="hiring manager",
                people=[("Priya Raman", "EM")],
                facts=["on-call is now 1 week in 12", "team is now 12"])
    first = deb("d1", "Larkspur Analytics", "2024-03-04", stage="recruiter screen",
                people=[("Dana Whitcombe", "Recruiter")],
                facts=["on-call is 1 week in 8", "team is 8 engineers"])
    other = deb("d3", "Corvanta", "2024-03-06", facts=["quota is 720k"])
    ins = build_insights([later, other, first], None, today=TODAY)
    assert [c.company for c in ins.company_dossier] == ["Larkspur Analytics", "Corvanta"]
    lark = ins.company_dossier[0]
    assert [(f.date, f.quote) for f in lark.facts] == [
        ("2024-03-04", "on-call is 1 week in 8"), ("2024-03-04", "team is 8 engineers"),
        ("2024-03-14", "on-call is now 1 week in 12"), ("2024-03-14", "team is now 12")]
    assert [f.debrief_id for f in lark.facts] == ["d1", "d1", "d2", "d2"]
    assert [i.debrief_id for i in lark.interviews] == ["d1", "d2"]
    assert {p.name for p in lark.people} == {"Dana Whitcombe", "Priya Raman"}


def test_better_fit_roles_carry_statuses_and_who_mentioned_them() -> None:
    ds = [
        deb("r1", "A", "2024-03-01", people=[("Dana", "Recruiter")],
            roles=[("Platform team is hiring", "closer to my k8s background"),
                   ("ML platform may open reqs", None)]),
        deb("r2", "B", "2024-03-02", people=[("Ann", None), ("Bo", None)],
            roles=[("CSM opening", None)]),
    ]
    roles = build_insights(ds, None, today=TODAY, statuses={
        "r1:0": "Applied", "r1:1": "made up", "r2:0": "not for me"}).better_fit_roles
    assert [(r.key, r.status, r.mentioned_by) for r in roles] == [
        ("r2:0", "not for me", None), ("r1:0", "applied", "Dana"), ("r1:1", "new", "Dana")]
    assert roles[1].why == "closer to my k8s background" and roles[1].quote == roles[1].text
    both = deb("r3", "C", "2024-03-03", people=[("Priya Raman", "EM")], met=["Priya"],
               roles=[("Data team", None)])
    (role,) = build_insights([both], None, today=TODAY).better_fit_roles
    assert role.mentioned_by == "Priya Raman"  # the form and the note name the same person
    assert check_role_status(" Interested ") == "interested"
    with pytest.raises(ValueError, match="unknown status"):
        check_role_status("maybe")


def test_network_follow_up_is_due_only_when_no_message_and_older_than_n_days() -> None:
    thanked = Message(kind="thank-you", to="ANA LEE", message="Thanks!")
    ds = [
        deb("n1", "A", "2024-04-01", people=[("Ana Lee", "EM"), ("Ben Ode", "Staff")],
            messages=[thanked, Message(kind="connect", to="someone else", message="hi")]),
        deb("n2", "B", "2024-04-17", met=["Cy Park"]),  # 3 days ago
        deb("n3", "C", "2024-04-13", people=[("Di Ray", None)]),  # exactly 7 days ago
    ]
    net = {c.name: c for c in build_insights(ds, None, today=TODAY, follow_up_days=7).network}
    assert set(net) == {"Ana Lee", "Ben Ode", "Cy Park", "Di Ray"}
    assert net["Ana Lee"].thank_you_sent and not net["Ana Lee"].connect_sent
    assert not net["Ana Lee"].follow_up_due
    assert net["Ben Ode"].follow_up_due and net["Ben Ode"].days_since == 19
    assert not net["Ben Ode"].thank_you_sent
    assert not net["Cy Park"].follow_up_due and net["Cy Park"].company == "B"
    assert not net["Di Ray"].follow_up_due and net["Di Ray"].days_since == 7
    later = build_insights(ds, None, today=TODAY, follow_up_days=2).network
    assert [c.name for c in later if c.follow_up_due] == ["Cy Park", "Di Ray", "Ben Ode"]


def test_a_person_met_twice_is_due_again_after_the_second_interview() -> None:
    ds = [
        deb("p1", "Larkspur", "2024-03-04", people=[("Priya Raman", "EM")],
            messages=[Message(kind="thank-you", to="Priya Raman", message="Thanks",
                              created_at="2024-03-05T09:00:00+00:00")]),
        deb("p2", "Larkspur", "2024-03-28", met=["Priya"]),
    ]
    (priya,) = build_insights(ds, None, today=TODAY).network
    assert priya.debrief_ids == ["p1", "p2"] and priya.last_met == "2024-03-28"
    assert priya.thank_you_sent and priya.follow_up_due


def test_company_filter_keeps_only_that_company_everywhere() -> None:
    ds = [
        deb("l1", "Larkspur Analytics", "2024-03-04", people=[("Dana", None)],
            questions=["why leave"], facts=["team of 8"], roles=[("platform", None)],
            priorities=[("tests", None)]),
        deb("c1", "Corvanta", "2024-03-06", people=[("Brent", None)],
            questions=["why leave"], facts=["quota 720k"], roles=[("CSM", None)],
            priorities=[("forecasting", None)]),
    ]
    ins = build_insights(ds, None, today=TODAY, company="larkspur")
    assert ins.company == "larkspur" and ins.debriefs == 1
    assert [o.debrief_id for g in ins.question_bank for o in g.occurrences] == ["l1"]
    assert [c.company for c in ins.company_dossier] == ["Larkspur Analytics"]
    assert [r.debrief_id for r in ins.better_fit_roles] == ["l1"]
    assert [c.name for c in ins.network] == ["Dana"]
    assert [t.text for t in ins.interviewer_values] == ["tests"]
    assert [i.debrief_id for i in ins.timeline] == ["l1"]
    assert build_insights(ds, None, today=TODAY, company="nope").debriefs == 0


def test_stale_extractions_are_not_read() -> None:
    ds = [deb("s1", "A", "2024-03-01", questions=["q one"], status="pending"),
          deb("s2", "A", "2024-03-02", questions=["q one"])]
    ins = build_insights(ds, None, today=TODAY)
    assert (ins.debriefs, ins.extracted) == (2, 1)
    assert [o.debrief_id for o in ins.question_bank[0].occurrences] == ["s2"]


def test_interviewer_values_group_into_themes_with_interviewers(embedder: Embedder) -> None:
    ds = [
        deb("v1", "Quillfeather", "2023-10-12", people=[("Renata Okafor", "Director")],
            priorities=[("she wants PMs who write their own SQL and don't wait for an analyst",
                         None), ("Experimentation", None)]),
        deb("v2", "Tidewell", "2024-04-04", people=[("Renata Okafor", None), ("Felix", None)],
            priorities=[('Renata: "I still want PMs who write their own SQL"', None),
                        ("Felix: clear specs", None)]),
    ]
    values = build_insights(ds, embedder, today=TODAY).interviewer_values
    assert [(t.count, t.companies) for t in values] == [
        (2, ["Quillfeather", "Tidewell"]), (1, ["Tidewell"]), (1, ["Quillfeather"])]
    sql = values[0]
    assert sql.interviewers == ["Renata Okafor"]
    assert [o.debrief_id for o in sql.occurrences] == ["v1", "v2"]
    assert values[1].text == "clear specs" and values[1].interviewers == ["Felix"]


def test_practice_points_sit_next_to_related_questions_and_lead_the_plan(
    embedder: Embedder,
) -> None:
    ds = [
        deb("t1", "A", "2024-03-01", questions=[
            "Coding: merge overlapping time windows (merge intervals)", "how much Kafka in prod"],
            practice=["off by one in merge intervals, need to practise interval problems",
                      "ran out of time on the coding question"]),
        deb("t2", "B", "2024-03-02", questions=["how much Kafka in prod", "why us"]),
    ]
    ins = build_insights(ds, embedder, today=TODAY)
    by_text = {g.text: g for g in ins.question_bank}
    merge = by_text["Coding: merge overlapping time windows (merge intervals)"]
    assert [p.text for p in merge.practice_points] == [
        "off by one in merge intervals, need to practise interval problems"]
    assert by_text["how much Kafka in prod"].practice_points == []
    assert by_text["why us"].practice_points == []
    plan = ins.practice_plan
    assert [p.kind for p in plan] == ["practice point"] * 2 + ["question"] * 3
    assert plan[2].text == "how much Kafka in prod" and plan[2].count == 2
    kafka = by_text["how much Kafka in prod"].key
    done = build_insights(ds, embedder, today=TODAY, practised={kafka, plan[0].key},
                          max_plan_items=3).practice_plan
    assert kafka not in {p.key for p in done} and plan[0].key not in {p.key for p in done}
    assert len(done) == 3 and done[0].kind == "practice point"


def _gold_debriefs() -> list[tuple[dict, Extraction]]:
    gold = json.loads((EVAL / "gold.json").read_text(encoding="utf-8"))
    return [(r, Extraction.model_validate({k: v for k, v in r.items() if k != "file"}))
            for r in gold]


def test_dev_set_gold_extractions_through_the_store(make_service, embedder) -> None:
    svc = make_service(FakeModel())
    gold = _gold_debriefs()
    for n, (r, ext) in enumerate(gold):
        d = Debrief(id=r["file"][:2], company=r["company"], role=r["role"],
                    date=r["date"] or f"2024-05-{n + 1:02d}", stage=r["stage"],
                    notes=eval_note(r["file"]))
        svc.store.save(d, reindex=False)  # the record only: chunking is not under test
        d.extraction, d.extraction_status = ext, "done"  # as run_extraction stores it
        svc.store.save_record_only(d)
    stored = svc.list()
    cache = CachingEmbedder(embedder)
    ins = build_insights(stored, cache, today=TODAY)

    assert ins.debriefs == ins.extracted == 16
    assert sum(g.count for g in ins.question_bank) == sum(
        len(ext.questions_asked) for _, ext in gold) == 76
    assert sum(t.count for t in ins.interviewer_values) == sum(
        len(ext.interviewer_priorities) for _, ext in gold)
    leaving = next(g for g in ins.question_bank
                   if g.text == "Why are you leaving your current job?")
    assert leaving.companies == ["Corvanta Software", "Larkspur Analytics", "Tidewell Logistics"]

    lark = next(c for c in ins.company_dossier if c.company == "Larkspur Analytics")
    assert [i.debrief_id for i in lark.interviews] == ["01", "06", "12"]
    ids = [f.debrief_id for f in lark.facts]
    assert ids == sorted(ids) and set(ids) == {"01", "06", "12"} and len(ids) == 7 + 11 + 19
    dates = [f.date for f in lark.facts]
    assert dates == sorted(dates) and dates[0] == "2024-03-04" and dates[-1] == "2024-03-28"
    texts = [f.text for f in lark.facts]
    assert texts.index("On-call rotation is 1 week in 8") < texts.index(
        "On-call is now 1 week in 12")
    people = {p.name: p for p in lark.people}
    assert people["Priya Raman"].debrief_ids == ["06", "12"]  # "Priya" in 12 is Priya Raman
    assert people["Dana Whitcombe"].debrief_ids == ["01", "12"]
    renata = [c for c in ins.network if c.name == "Renata Okafor"]
    assert sorted(c.company for c in renata) == ["Quillfeather", "Tidewell Logistics"]
    assert len(ins.better_fit_roles) == sum(len(ext.better_fit_roles) for _, ext in gold)
    assert {r.key for r in ins.better_fit_roles} >= {"01:0", "12:1"}

    # stable: same JSON from the stored order and the reverse order (the cache is now warm)
    again = build_insights(list(reversed(stored)), cache, today=TODAY)
    assert again.model_dump(mode="json") == ins.model_dump(mode="json")
    json.dumps(ins.model_dump(mode="json"))


class CountingEmbedder:
    """A tiny deterministic embedder that records what it was asked to embed."""

    dims = 4

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        v = np.array([[len(t), t.count("a") + 1, t.count("e") + 1, 1.0] for t in texts],
                     dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_caching_embedder_embeds_each_text_once_and_persists(tmp_path) -> None:
    inner = CountingEmbedder()
    path = tmp_path / "vectors.npz"
    cache = CachingEmbedder(inner, path)
    first = cache.embed(["bb", "a", "bb"])
    assert inner.seen == ["a", "bb"] and first.shape == (3, 4)
    assert np.allclose(first[0], first[2])
    cache.embed(["a", "ccc"])
    assert inner.seen == ["a", "bb", "ccc"]
    cache.save()
    fresh = CountingEmbedder()
    reloaded = CachingEmbedder(fresh, path)
    assert np.allclose(reloaded.embed(["bb", "ccc"]), cache.embed(["bb", "ccc"]))
    assert fresh.seen == []
    assert cache.embed([]).shape == (0, 4)
    path.write_bytes(b"not an npz")
    assert CachingEmbedder(CountingEmbedder(), path).embed(["a"]).shape == (1, 4)


def test_thousand_debriefs_exact_text() -> None:
    ds = [deb(f"k{i:04d}", f"Co{i % 40}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
              people=[(f"P{i % 300}", None)], questions=[f"question {i % 50}", "why us"],
              facts=[f"fact {i}"], roles=[(f"role {i}", None)], practice=[f"point {i % 7}"])
          for i in range(1000)]
    ins = build_insights(ds, None, today=TODAY)
    assert sum(g.count for g in ins.question_bank) == 2000
    assert ins.question_bank[0].text == "why us" and ins.question_bank[0].count == 1000
    assert len(ins.company_dossier) == 40 and len(ins.better_fit_roles) == 1000
    assert len(ins.practice_plan) == 10


def test_without_embedder_practice_points_attach_by_shared_words() -> None:
    ds = [deb("w1", "A", "2024-03-01", questions=["Tell me about a conflict with a PM",
                                                   "Sell me our product"],
              practice=["conflict story was too long", "slow typing"])]
    ins = build_insights(ds, None, today=TODAY)
    by_text = {g.text: g for g in ins.question_bank}
    assert [p.quote for p in by_text["Tell me about a conflict with a PM"].practice_points] == [
        "conflict story was too long"]
    assert by_text["Sell me our product"].practice_points == []
    assert [p.text for p in ins.practice_plan if p.kind == "practice point"] == [
        "conflict story was too long", "slow typing"]


def test_the_users_profile_name_never_appears_in_the_network() -> None:
    ds = [deb("u1", "Harbor General", "2024-04-01", people=[("Dana Reyes", "nurse manager")],
              met=["Maya Chen", "Maya", "Dana Reyes"])]
    names = {c.name for c in build_insights(ds, None, today=TODAY,
                                            user_names={"Maya Chen"}).network}
    assert names == {"Dana Reyes"}
    ins = build_insights(ds, None, today=TODAY, user_names={"Maya Chen"})
    assert ins.held_back["network"] == 2
    # a name the note gives its writer is the user too
    signed = deb("u2", "Tidewell", "2024-04-02", met=["Sam", "Ola Berg"])
    signed.notes = "Met Ola Berg and the panel. Went fine.\n\n— Sam"
    assert [c.name for c in build_insights([signed], None, today=TODAY).network] == ["Ola Berg"]


def test_an_event_or_a_product_is_not_a_network_row() -> None:
    d = deb("e1", "Corvanta", "2024-04-01", met=["HackerRank coding challenge", "Limo ride",
                                                 "Zoom", "Brent Halloway"])
    d.extraction.people.append(EvidencedPerson(name=None, title="the nurse manager",
                                               evidence="the nurse manager"))
    d.extraction.people.append(EvidencedPerson(name=None, title="take-home test",
                                               evidence="take-home test"))
    ins = build_insights([d], None, today=TODAY)
    assert sorted(c.name for c in ins.network) == ["Brent Halloway", "the nurse manager"]
    assert ins.held_back["network"] == 4


def test_the_same_person_across_two_debriefs_is_one_row() -> None:
    ds = [deb("m1", "Harbor General", "2024-03-04", people=[("Dana Reyes", "nurse manager")]),
          deb("m2", "Harbor General", "2024-03-20", met=["Dana"]),
          deb("m3", "Harbor General", "2024-04-02")]
    ds[2].extraction.people.append(EvidencedPerson(name=None, title="the nurse manager",
                                                   evidence="the nurse manager"))
    (dana,) = build_insights(ds, None, today=TODAY).network
    assert dana.name == "Dana Reyes" and dana.debrief_ids == ["m1", "m2", "m3"]


def test_question_bank_and_roles_keep_only_what_their_heading_says() -> None:
    d = deb("h1", "Larkspur", "2024-04-01",
            questions=["Why are you leaving your current job?", "Design a rate limiter",
                       "I was so nervous I barely slept the night before",
                       "scheduled the next call for Monday at 3pm"],
            roles=[("Platform team is hiring", None),
                   ("This is the beginning of the process, one that I hope results in an offer",
                    None)])
    ins = build_insights([d], None, today=TODAY)
    assert [g.text for g in ins.question_bank] == ["Design a rate limiter",
                                                    "Why are you leaving your current job?"]
    assert [r.text for r in ins.better_fit_roles] == ["Platform team is hiring"]
    assert ins.held_back == {"question_bank": 2, "better_fit_roles": 1, "network": 0}
    assert ins.better_fit_roles[0].key == "h1:0"


def test_chart_labels_are_short_headlines_with_the_full_text_kept() -> None:
    long = "Tell me about a time you had to deliver bad news to someone more senior than you"
    ds = [deb(f"c{i}", "A", f"2024-01-{i + 1:02d}", questions=[long, f"question number {i}"])
          for i in range(12)]
    chart = build_insights(ds, None, today=TODAY).question_chart
    assert len(chart) == 10 and chart[0].count == 12 and chart[0].text == long
    assert all(len(b.label) <= 40 for b in chart) and chart[0].label.endswith("…")
    assert [b.count for b in chart] == sorted((b.count for b in chart), reverse=True)
