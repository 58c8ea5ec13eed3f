"""A brief for the next round at one company: who you met and what each cared about, what they
asked (and what is asked most elsewhere), what you promised to send, insider facts with their
changes between rounds, other openings, and your practice points; every line with its quote
and date. Built from the insights (no chat model)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from debrief.core.domain import Debrief
from debrief.core.text import match_words, normalise
from debrief.features.insights.fit import QUESTION_THRESHOLD, question_score
from debrief.features.insights.records import Contact, FitRole, Insights, Interview

# Follow-ups that a saved message of this kind answers.
_MESSAGE_OF = (("thank", "thank-you"), ("connect", "connect"), ("linkedin", "connect"))


class BriefLine(BaseModel):
    """One line of the brief, with the note's words and the interview it came from."""

    text: str
    quote: str
    date: str
    debrief_id: str
    stage: str
    who: str | None = None
    changed_from: str | None = Field(
        default=None, description="For a fact: the earlier round's different wording of it.")


class FollowUp(BriefLine):
    """Something promised or due, and whether it went out."""

    key: str = Field(description="'f-{debrief_id}:{index}'; mark it sent with mark_sent.")
    sent: bool


class BriefPerson(BaseModel):
    """Someone met at the company and what they cared about."""

    name: str
    title: str | None
    met: list[str]
    debrief_ids: list[str]
    cared_about: list[BriefLine]


class AskedElsewhere(BaseModel):
    """A question asked most at other companies."""

    text: str
    count: int
    companies: list[str]


class Brief(BaseModel):
    """One page for the next round at one company (stable JSON via model_dump(mode='json'))."""

    company: str
    roles: list[str]
    interviews: list[Interview]
    people: list[BriefPerson]
    questions: list[BriefLine]
    asked_elsewhere: list[AskedElsewhere]
    follow_ups: list[FollowUp]
    facts: list[BriefLine]
    openings: list[FitRole]
    practice: list[BriefLine]


def build_brief(debriefs: list[Debrief], here: Insights, everywhere: Insights,
                sent: set[str] | None = None, elsewhere: int = 5) -> Brief:
    """The brief for the company of `here` (insights of that company's debriefs)."""
    sent = sent or set()
    mine = [d for d in debriefs if d.id in {i.debrief_id for i in here.timeline}]
    mine.sort(key=lambda d: (d.date, d.id))
    lines = {cat: _lines(mine, cat) for cat in ("questions_asked", "interviewer_priorities",
                                                  "insider_info", "practice_points")}
    company = mine[-1].company if mine else (here.company or "")
    asked_here = {normalise(q.text) for q in lines["questions_asked"]}
    others = [AskedElsewhere(text=g.text, count=g.count,
                             companies=[c for c in g.companies if c != company])
              for g in everywhere.question_bank
              if set(g.companies) - {company} and normalise(g.text) not in asked_here]
    return Brief(
        company=company, roles=list(dict.fromkeys(d.role for d in mine if d.role)),
        interviews=here.timeline, people=_people(here.network, lines["interviewer_priorities"]),
        questions=[q for q in lines["questions_asked"]
                   if question_score(q.text, q.quote) >= QUESTION_THRESHOLD],
        asked_elsewhere=sorted(others, key=lambda a: -a.count)[:elsewhere],
        follow_ups=_follow_ups(mine, sent), facts=_mark_changes(lines["insider_info"]),
        openings=here.better_fit_roles, practice=lines["practice_points"])


def _lines(debriefs: list[Debrief], category: str) -> list[BriefLine]:
    out = []
    for d in debriefs:
        if d.extraction is None or d.extraction_status != "done":
            continue
        for item in getattr(d.extraction, category):
            out.append(BriefLine(text=item.text, quote=item.evidence, date=d.date,
                                 debrief_id=d.id, stage=d.stage,
                                 who=getattr(item, "interviewer", None)))
    return out


def _people(network: list[Contact], priorities: list[BriefLine]) -> list[BriefPerson]:
    """Each person with the priorities said by them (by name) in the interviews they were in."""
    out = []
    for c in sorted(network, key=lambda c: (c.first_met, c.name.casefold())):
        tokens = {t for t in normalise(c.name).split() if len(t) >= 2}
        cared = [p for p in priorities if p.debrief_id in c.debrief_ids and (
            (p.who and tokens & set(normalise(p.who).split()))
            or tokens & set(normalise(p.text).split()[:2]))]
        out.append(BriefPerson(name=c.name, title=c.title, met=sorted({c.first_met, c.last_met}),
                               debrief_ids=c.debrief_ids, cared_about=cared))
    return out


def _follow_ups(debriefs: list[Debrief], sent: set[str]) -> list[FollowUp]:
    """Every follow-up, sent when the user marked it or a saved message of its kind exists."""
    out = []
    for d in debriefs:
        if d.extraction is None or d.extraction_status != "done":
            continue
        kinds = {m.kind for m in d.messages}
        for n, item in enumerate(d.extraction.follow_ups):
            key = f"f-{d.id}:{n}"
            words = normalise(f"{item.text} {item.evidence}")
            by_message = any(cue in words and kind in kinds for cue, kind in _MESSAGE_OF)
            out.append(FollowUp(text=item.text, quote=item.evidence, date=d.date,
                                debrief_id=d.id, stage=d.stage, key=key,
                                sent=key in sent or by_message))
    return out


def _mark_changes(facts: list[BriefLine]) -> list[BriefLine]:
    """Facts in date order; a fact of a later interview that shares two content words with an
    earlier one but says something else is marked as a change."""
    for n, fact in enumerate(facts):
        words = match_words(fact.text) | match_words(fact.quote)
        for before in facts[:n]:
            if before.debrief_id == fact.debrief_id or before.date >= fact.date:
                continue
            shared = words & (match_words(before.text) | match_words(before.quote))
            if len(shared) >= 2 and normalise(before.text) != normalise(fact.text):
                fact.changed_from = f"{before.text} ({before.date})"
    return facts


def brief_markdown(b: Brief) -> str:
    """The brief as Markdown (what `debrief prep --markdown` prints and the web app exports)."""
    def line(x: BriefLine, extra: str = "") -> str:
        who = f" — {x.who}" if x.who else ""
        return f"- {x.text}{who}{extra} ({x.date}): “{x.quote}”"

    out = [f"# Next round at {b.company}", ""]
    if b.roles:
        out += [f"Role: {', '.join(b.roles)}", ""]
    out += ["## Interviews so far", *[f"- {i.date}: {i.stage}" for i in b.interviews], ""]
    out.append("## People you met")
    for p in b.people:
        title = f", {p.title}" if p.title else ""
        out.append(f"- **{p.name}**{title} (met {', '.join(p.met)})")
        out += [f"  {line(c)}" for c in p.cared_about]
    sections = (
        ("Questions they asked", [line(q) for q in b.questions]),
        ("Asked most elsewhere", [f"- {a.text} ({a.count}×: {', '.join(a.companies)})"
                                  for a in b.asked_elsewhere]),
        ("What you promised to send", [line(f, " — sent" if f.sent else " — NOT sent")
                                       for f in b.follow_ups]),
        ("Insider facts", [line(f, f" — changed, was: {f.changed_from}"
                                if f.changed_from else "") for f in b.facts]),
        ("Other openings", [f"- {r.text} ({r.date}): “{r.quote}”" for r in b.openings]),
        ("Your practice points", [line(p) for p in b.practice]),
    )
    for title, rows in sections:
        out += ["", f"## {title}", *(rows or ["- none yet"])]
    return "\n".join(out) + "\n"
