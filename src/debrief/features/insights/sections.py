"""The sections of the insights: timeline, network, company dossiers, roles, charts, plan."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from debrief.core.domain import STAGES, Debrief, Extraction, Item, Person
from debrief.core.people import is_person, is_user, looks_like_role
from debrief.core.text import normalise
from debrief.features.insights.fit import ROLE_THRESHOLD, role_score
from debrief.features.insights.grouping import Group, item_key
from debrief.features.insights.records import (
    ChartBar,
    CompanyDossier,
    Contact,
    DossierFact,
    FitRole,
    Interview,
    Occurrence,
    PracticeItem,
    QuestionGroup,
    ValueTheme,
    check_role_status,
    role_key,
)

MAX_PLAN_ITEMS = 10
CHART_BARS = 10
LABEL_CHARS = 40
_SPEAKER_SEP = re.compile(r"\s*(?::|->|→|=>|\s-\s|\s–\s|\s—\s)\s*")


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _stage_rank(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else len(STAGES) - 1


def _name_tokens(name: str) -> set[str]:
    return {t for t in normalise(name).split() if len(t) >= 2}


def people_met(d: Debrief, ext: Extraction | None,
               user_names: set[str] | None = None) -> list[Person]:
    """People of the debrief form and of the extraction, merged by name (named ones only).

    The extraction's people must be people (core.people.is_person: not an event, a product or the
    user); the form's people are the user's own entries, only the user's name is left out."""
    users = user_names or set()
    merged: dict[str, Person] = {}
    extracted = [p for p in (ext.people if ext else []) if is_person(p, users)]
    for p in [*d.people, *extracted]:
        if not p.name or not normalise(p.name) or is_user(p.name, users):
            continue
        k = normalise(p.name)
        if k not in merged:
            merged[k] = Person(name=p.name.strip(), title=p.title)
        elif not merged[k].title and p.title:
            merged[k].title = p.title
    for k in [k for k in merged if " " not in k]:  # "Priya" and "Priya Raman" are one person
        full = [f for f in merged if " " in f and k in f.split()]
        if len(full) == 1:
            short = merged.pop(k)
            merged[full[0]].title = merged[full[0]].title or short.title
    return list(merged.values())


def unnamed_met(d: Debrief, ext: Extraction | None, named: list[Person]) -> list[Person]:
    """People met without a name ("the nurse manager"), once per title, unless a named
    person of this debrief has that title."""
    titles = {_title_key(p.title) for p in named if p.title}
    out: dict[str, Person] = {}
    for p in [*d.people, *(ext.people if ext else [])]:
        if p.name or not p.title or not looks_like_role(p.title):
            continue
        k = _title_key(p.title)
        if k and k not in titles and k not in out:
            out[k] = Person(name=None, title=p.title.strip())
    return list(out.values())


def _title_key(title: str | None) -> str:
    words = normalise(title or "").split()
    return " ".join(w for w in words if w not in ("the", "a", "an", "their", "our", "my"))


def speaker(text: str, people: list[Person]) -> tuple[str, str | None]:
    """'Gloria - tele / rhythm' -> ('tele / rhythm', 'Gloria Ashdown') when the prefix names
    someone met; otherwise (text, None). Used so names do not drive the grouping."""
    m = _SPEAKER_SEP.search(text)
    if not m or m.start() == 0 or m.start() > 40:
        return text, None
    prefix, rest = text[:m.start()], text[m.end():]
    tokens = _name_tokens(prefix)
    hits = [p.name for p in people if p.name and tokens & _name_tokens(p.name)]
    if not hits or not rest.strip():
        return text, None
    return rest.strip(), hits[0] if len(set(hits)) == 1 else None


@dataclass
class Source:
    """One debrief as the sections read it: its done extraction (or None) and people met."""

    d: Debrief
    ext: Extraction | None
    people: list[Person]
    unnamed: list[Person] = field(default_factory=list)

    def occ(self, item: Item, text: str | None = None, interviewer: str | None = None
            ) -> Occurrence:
        """Where an item of this debrief was found."""
        return Occurrence(debrief_id=self.d.id, company=self.d.company, date=self.d.date,
                          stage=self.d.stage, text=text or item.text, quote=item.evidence,
                          interviewer=interviewer)


def timeline_section(sources: list[Source]) -> list[Interview]:
    """Every debrief on the timeline, oldest first."""
    items = [Interview(debrief_id=s.d.id, date=s.d.date, company=s.d.company, stage=s.d.stage,
                       stage_rank=_stage_rank(s.d.stage), role=s.d.role,
                       extracted=s.ext is not None) for s in sources]
    return sorted(items, key=lambda i: (i.date, i.company.casefold(), i.stage_rank,
                                        i.debrief_id))


def _company_key(name: str) -> str:
    return normalise(name) or name.casefold()


Met = list[tuple["Source", Person]]


def _met_by_person(sources: list[Source]) -> dict[tuple[str, str], Met]:
    """Who was met, keyed by (company, name): 'Priya' joins 'Priya Raman' when unambiguous, and
    an unnamed 'nurse manager' joins the one named person of that company with that title."""
    met: dict[tuple[str, str], Met] = defaultdict(list)
    for s in sources:
        for p in s.people:
            met[(_company_key(s.d.company), normalise(p.name or ""))].append((s, p))
        for p in s.unnamed:
            met[(_company_key(s.d.company), "title:" + _title_key(p.title))].append((s, p))
    full_names: dict[tuple[str, str], list[str]] = defaultdict(list)
    titled: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (company, name), seen in met.items():
        if name.startswith("title:"):
            continue
        if " " in name:
            for token in set(name.split()):
                full_names[(company, token)].append(name)
        for _, p in seen:
            if p.title:
                titled[(company, "title:" + _title_key(p.title))].add(name)
    alias: dict[tuple[str, str], tuple[str, str]] = {}
    for company, name in met:
        if name.startswith("title:"):
            names = titled.get((company, name), set())
            if len(names) == 1:
                alias[(company, name)] = (company, next(iter(names)))
            continue
        full = full_names.get((company, name), []) if " " not in name else []
        if len(full) == 1:
            alias[(company, name)] = (company, full[0])
    merged: dict[tuple[str, str], Met] = defaultdict(list)
    for k, seen in met.items():
        target = alias.get(k, k)
        merged[alias.get(target, target)].extend(seen)
    return merged


def network_section(sources: list[Source], today: dt.date, follow_up_days: int) -> list[Contact]:
    """People met, one row per person per company, with every debrief they were in."""
    contacts = []
    for seen in _met_by_person(sources).values():
        seen.sort(key=lambda sp: (sp[0].d.date, sp[0].d.id))
        names = {normalise(p.name or "") for _, p in seen if p.name}
        display = max((p.name or "" for _, p in seen), key=lambda n: (len(n.split()), len(n), n))
        title = next((p.title for _, p in reversed(seen) if p.title), None)
        if not display:  # met without a name: the row is the role ("the nurse manager")
            display, title = title or "", None
        last = seen[-1][0].d
        sent = [m for s, _ in seen for m in s.d.messages if m.to and normalise(m.to) in names]
        last_day = _date(last.date)
        days = (today - last_day).days if last_day else None
        answered = any(m.created_at[:10] >= last.date for m in sent)
        ids = list(dict.fromkeys(s.d.id for s, _ in seen))
        contacts.append(Contact(
            name=display, title=title, company=last.company, first_met=seen[0][0].d.date,
            last_met=last.date, debrief_ids=ids,
            thank_you_sent=any(m.kind == "thank-you" for m in sent),
            connect_sent=any(m.kind == "connect" for m in sent), days_since=days,
            follow_up_due=bool(days is not None and days > follow_up_days and not answered),
        ))
    contacts.sort(key=lambda c: (not c.follow_up_due, neg_date(c.last_met), c.company.casefold(),
                                 c.name.casefold()))
    return contacts


def neg_date(value: str) -> tuple[int, ...]:
    """Sort key for newest first on ISO dates."""
    return tuple(-ord(ch) for ch in value)


def dossier_section(sources: list[Source], timeline: list[Interview],
                    network: list[Contact]) -> list[CompanyDossier]:
    """One dossier per company: its interviews, insider facts and people, newest first."""
    by_company: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        by_company[_company_key(s.d.company)].append(s)
    company_of = {s.d.id: _company_key(s.d.company) for s in sources}
    interviews: dict[str, list[Interview]] = defaultdict(list)
    for i in timeline:
        interviews[company_of[i.debrief_id]].append(i)
    people: dict[str, list[Contact]] = defaultdict(list)
    for c in network:
        people[company_of[c.debrief_ids[-1]]].append(c)
    out = []
    for key, group in by_company.items():
        group.sort(key=lambda s: (s.d.date, s.d.id))
        facts = [DossierFact(text=i.text, quote=i.evidence, debrief_id=s.d.id, date=s.d.date,
                             stage=s.d.stage)
                 for s in group if s.ext for i in s.ext.insider_info]
        out.append(CompanyDossier(company=group[-1].d.company, interviews=interviews[key],
                                  facts=facts, people=people[key]))
    out.sort(key=lambda c: (neg_date(c.interviews[-1].date), c.company.casefold()))
    return out


def roles_section(sources: list[Source], statuses: dict[str, str],
                  threshold: float = ROLE_THRESHOLD) -> tuple[list[FitRole], int]:
    """Better-fit roles that name a role, team or opening, with the user's status, newest
    first; and how many were held back."""
    out, held = [], 0
    for s in sources:
        if not s.ext:
            continue
        named = [p.name for p in s.people if p.name]
        for n, r in enumerate(s.ext.better_fit_roles):
            if role_score(r.text, r.evidence, r.why) < threshold:
                held += 1
                continue
            k = role_key(s.d.id, n)
            raw = statuses.get(k, "new")
            try:
                status = check_role_status(raw)
            except ValueError:  # a stale or hand-edited value: show it as new
                status = "new"
            out.append(FitRole(key=k, text=r.text, company=s.d.company, debrief_id=s.d.id,
                               date=s.d.date, mentioned_by=named[0] if len(named) == 1 else None,
                               why=r.why, quote=r.evidence, status=status))
    out.sort(key=lambda r: (neg_date(r.date), r.company.casefold(), r.key))
    return out, held


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """A label of at most `limit` characters: whole words, then "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def chart(items: list[QuestionGroup] | list[ValueTheme]) -> list[ChartBar]:
    """The bars of a chart of the first groups (most frequent first), labelled by headline."""
    return [ChartBar(key=g.key, label=short_label(g.text), count=g.count, text=g.text)
            for g in items[:CHART_BARS]]


def held_people(d: Debrief, ext: Extraction | None, user_names: set[str]) -> int:
    """How many people of a debrief are left out of the network (not a person, or the user)."""
    form = sum(bool(p.name) and is_user(p.name, user_names) for p in d.people)
    return form + sum(not is_person(p, user_names) and not (not p.name and not p.title)
                      for p in (ext.people if ext else []))


def plan_section(questions: list[QuestionGroup], practice: list[Group], practised: set[str],
                 max_items: int) -> list[PracticeItem]:
    """Open practice points first (most repeated, then most recent), then frequent questions."""
    points = [PracticeItem(key=item_key("p", g.text), kind="practice point", text=g.text,
                           count=len(g.occs), occurrences=g.occs)
              for g in practice if not {item_key("p", n) for n in g.norms} & practised]
    points.sort(key=lambda p: (-p.count, neg_date(p.occurrences[-1].date), p.text.casefold()))
    asks = [PracticeItem(key=g.key, kind="question", text=g.text, count=g.count,
                         occurrences=g.occurrences) for g in questions if not g.practised]
    first = points[: max_items // 2]
    rest = asks[: max_items - len(first)]
    more = points[len(first): len(first) + max_items - len(first) - len(rest)]
    return [*first, *rest, *more]
