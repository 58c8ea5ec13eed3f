"""The Insights page and the Prepare brief as HTML, built for glancing. User text is escaped.

Charts are horizontal bars drawn in HTML (at most 10, most frequent first, a label of at most
40 characters with the full text on hover, integer counts; words instead of empty axes).
Sections fold (<details>), each titled with its row count and "N held back" where a threshold
applies; the top 10 rows show, the rest sit under "Show all". A row carries the debrief id and
quote it came from (data-open, data-quote): a click opens that debrief with the quote marked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from debrief.ui.web.render import esc

TOP_ROWS = 10
CHART_BARS = 10
LABEL_MAX = 40

# Printing shows the brief alone: everything but #prep-brief, its contents and the elements
# that hold it is taken out of the layout (display, not visibility, so no blank pages). Gradio
# prefixes selectors in @media blocks with its container class, hence no `body` here.
INSIGHTS_CSS = """
.ins-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(24em, 1fr));
  gap: 1.5em; margin-bottom: 1em; }
.ins-chart h4 { margin: 0 0 .4em 0; }
.ins-bars { display: grid; grid-template-columns: minmax(0, 21em) minmax(2em, 1fr) 2.5em;
  gap: .25em .5em; align-items: center; }
.ins-bar-row { display: contents; }
.ins-bar-label { font-size: .85em; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; text-align: right; }
.ins-bar-track { display: block; height: 1em; }
.ins-bar { display: block; height: 100%; background: #6b8fd6; border-radius: 2px; }
.ins-bar-count { font-size: .85em; font-variant-numeric: tabular-nums; }
.ins-empty { color: #666; font-style: italic; }
details.ins-section { border: 1px solid #ddd; border-radius: 6px; padding: .4em .75em;
  margin: .5em 0; }
details.ins-section > summary { cursor: pointer; font-weight: 600; }
.ins-held { font-weight: normal; color: #666; }
.ins-rows { margin: .4em 0; padding-left: 1.2em; }
.ins-row { margin-bottom: .35em; }
[data-open] { cursor: pointer; }
.ins-row[data-open]:hover, a.ins-open:hover { text-decoration: underline; }
.ins-meta { color: #555; font-size: .85em; }
details.ins-more > summary, details.ins-facts > summary { cursor: pointer;
  color: #3456a0; }
.ins-prep { margin-left: .5em; }
#prep-brief .prep-page h2 { margin-top: 0; }
#prep-brief .prep-page h3 { margin: .6em 0 .2em 0; font-size: 1.05em; }
#prep-brief .prep-page ul { margin: 0 0 .3em 0; }
@media print {
  *:not(:has(#prep-brief)):not(#prep-brief):not(#prep-brief *) { display: none !important; }
  #prep-brief .prep-page { font-size: 10.5pt; line-height: 1.3; }
}
"""

# The insights view reports a click on a row (open its debrief) or on Prepare (a brief).
CLICK_JS = """
element.addEventListener('click', (e) => {
  const prep = e.target.closest('[data-prep]');
  if (prep) { e.preventDefault(); trigger('prepare', {company: prep.dataset.prep}); return; }
  if (e.target.closest('summary')) return;
  const row = e.target.closest('[data-open]');
  if (row) { e.preventDefault();
    trigger('open', {debrief_id: row.dataset.open, quote: row.dataset.quote || ''}); }
});
element.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.target.matches('li[data-open]')) e.target.click();
});
"""


def short_label(text: str, limit: int = LABEL_MAX) -> str:
    """The text cut at a word to at most `limit` characters (an ellipsis counts)."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.-") + "…"


def render_chart(title: str, bars: Sequence[Any], empty: str, elem_id: str) -> str:
    """Horizontal bars (most frequent first, at most 10), or a sentence when there are none."""
    head = f"<div class='ins-chart' id='{elem_id}'><h4>{esc(title)}</h4>"
    if not bars:
        return head + f"<p class='ins-empty'>{esc(empty)}</p></div>"
    top = sorted(bars, key=lambda b: -int(b.count))[:CHART_BARS]
    most = max(int(b.count) for b in top) or 1
    rows = []
    for b in top:
        full = b.text or b.label
        rows.append(
            f"<div class='ins-bar-row' title='{esc(full)}'>"
            f"<span class='ins-bar-label' title='{esc(full)}'>{esc(short_label(b.label))}</span>"
            f"<span class='ins-bar-track'><span class='ins-bar' "
            f"style='width:{100 * int(b.count) / most:.0f}%'></span></span>"
            f"<span class='ins-bar-count'>{int(b.count)}</span></div>")
    return head + "<div class='ins-bars'>" + "".join(rows) + "</div></div>"


def open_attrs(debrief_id: str, quote: str | None) -> str:
    """The attributes that make an element open a debrief with a quote marked."""
    return f" data-open='{esc(debrief_id)}' data-quote='{esc(quote or '')}' tabindex='0'"


def section(key: str, title: str, rows: list[str], held_back: int | None = None,
            is_open: bool = False, empty: str = "Nothing yet.") -> str:
    """A folding section: its count (and held-back count) in the title, top 10, Show all."""
    held = (f" <span class='ins-held'>· {held_back} held back</span>"
            if held_back is not None else "")
    summary = (f"<summary><span class='ins-title'>{esc(title)}</span> "
               f"<span class='ins-count'>({len(rows)})</span>{held}</summary>")
    body = f"<ul class='ins-rows'>{''.join(rows[:TOP_ROWS])}</ul>" if rows else \
        f"<p class='ins-empty'>{esc(empty)}</p>"
    if len(rows) > TOP_ROWS:
        body += (f"<details class='ins-more'><summary>Show all {len(rows)}</summary>"
                 f"<ul class='ins-rows' start='{TOP_ROWS + 1}'>{''.join(rows[TOP_ROWS:])}"
                 "</ul></details>")
    return (f"<details class='ins-section' id='ins-{key}' data-count='{len(rows)}'"
            f"{' open' if is_open else ''}>{summary}{body}</details>")


def _where(occurrences: Sequence[Any]) -> str:
    """Links to each interview an item was found in (company and date)."""
    first = {o.debrief_id: o for o in reversed(occurrences)}  # one link per debrief
    return ", ".join(f"<a class='ins-open' href='#'{open_attrs(o.debrief_id, o.quote)}>"
                     f"{esc(o.company)} {esc(o.date)}</a>" for o in reversed(first.values()))


def _grouped_row(text: str, occurrences: Sequence[Any], extra: str = "") -> str:
    # The occurrence whose headline the group shows (else its first) is the one a click opens.
    first = next((o for o in occurrences if o.text == text),
                 occurrences[0] if occurrences else None)
    attrs = open_attrs(first.debrief_id, first.quote) if first else ""
    quote = f"<br><span class='debrief-quote'>“{esc(first.quote)}”</span>" if first else ""
    return (f"<li class='ins-row'{attrs}>{esc(text)} <span class='ins-meta'>{extra}"
            f"{_where(occurrences)}</span>{quote}</li>")


def question_rows(ins: Any) -> list[str]:
    """One row per question group: how often, where, practised."""
    return [_grouped_row(g.text, g.occurrences, (f"{g.count}× · " if g.count > 1 else "")
                         + ("practised ✓ · " if g.practised else ""))
            for g in ins.question_bank]


def value_rows(ins: Any) -> list[str]:
    """One row per theme of what interviewers cared about."""
    return [_grouped_row(t.text, t.occurrences, (f"{t.count}× · " if t.count > 1 else "")
                         + (f"{esc(', '.join(t.interviewers))} · " if t.interviewers else ""))
            for t in ins.interviewer_values]


def role_rows(ins: Any) -> list[str]:
    """One row per better-fit role, with its key for the status setter."""
    return [f"<li class='ins-row'{open_attrs(r.debrief_id, r.quote)}>{esc(r.text)} "
            f"<span class='ins-meta'>{esc(r.company)} {esc(r.date)}"
            f"{' · by ' + esc(r.mentioned_by) if r.mentioned_by else ''} · {esc(r.status)} · "
            f"key <code>{esc(r.key)}</code></span><br>"
            f"<span class='debrief-quote'>“{esc(r.quote)}”</span></li>"
            for r in ins.better_fit_roles]


def network_rows(ins: Any) -> list[str]:
    """One row per person met (the last debrief they were in opens, their name marked)."""
    out = []
    for c in ins.network:
        sent = [w for w, done in (("thank-you sent", c.thank_you_sent),
                                  ("connected", c.connect_sent)) if done]
        due = ["<b>follow-up due</b>"] if c.follow_up_due else []
        meta = " · ".join([esc(c.company), f"met {esc(c.last_met)}", *sent, *due])
        out.append(f"<li class='ins-row'{open_attrs(c.debrief_ids[-1], c.name)}>"
                   f"{esc(c.name)}{', ' + esc(c.title) if c.title else ''} "
                   f"<span class='ins-meta'>{meta}</span></li>")
    return out


def plan_rows(ins: Any) -> list[str]:
    """The practice checklist."""
    return [_grouped_row(p.text, p.occurrences, f"{p.count}× · " if p.count > 1 else "")
            for p in ins.practice_plan]


def dossier_rows(ins: Any) -> list[str]:
    """One row per company: interviews, people, insider facts, and its Prepare button."""
    out = []
    for d in ins.company_dossier:
        people = ", ".join(f"{esc(p.name)}{' (' + esc(p.title) + ')' if p.title else ''}"
                           for p in d.people) or "-"
        facts = "".join(f"<li class='ins-fact'{open_attrs(f.debrief_id, f.quote)}>"
                        f"{esc(f.date)}: {esc(f.text)}</li>" for f in d.facts)
        out.append(
            f"<li class='ins-row ins-dossier'><b>{esc(d.company)}</b> "
            f"<span class='ins-meta'>{len(d.interviews)} interview(s) · met {people}</span>"
            f"<button class='ins-prep' data-prep='{esc(d.company)}'>Prepare</button>"
            + (f"<details class='ins-facts'><summary>{len(d.facts)} insider fact(s)</summary>"
               f"<ul>{facts}</ul></details>" if facts else " <i>no insider facts yet</i>")
            + "</li>")
    return out


def timeline_rows(ins: Any) -> list[str]:
    """Every interview in date order."""
    return [f"<li class='ins-row'{open_attrs(i.debrief_id, '')}>{esc(i.date)} · "
            f"{esc(i.company)} · {esc(i.stage)}{' · ' + esc(i.role) if i.role else ''}</li>"
            for i in ins.timeline]


SECTIONS: tuple[tuple[str, str, Callable[[Any], list[str]], str | None], ...] = (
    ("questions", "Question bank", question_rows, "question_bank"),
    ("values", "What interviewers value", value_rows, None),
    ("roles", "Better-fit roles", role_rows, "better_fit_roles"),
    ("network", "Network", network_rows, "network"),
    ("plan", "Practice plan", plan_rows, None),
    ("dossiers", "Company dossiers", dossier_rows, None),
    ("timeline", "Timeline", timeline_rows, None),
)


def render_insights_page(ins: Any) -> str:
    """The whole Insights view: a summary line, two charts, then the folding sections."""
    parts = [f"<p>{ins.debriefs} debriefs, {ins.extracted} extracted; questions grouped by "
             f"{esc(ins.grouped_by)}.</p>",
             "<div class='ins-charts'>",
             render_chart("Questions asked most", ins.question_chart,
                          "No questions yet: they appear once a debrief is extracted.",
                          "chart-questions"),
             render_chart("What interviewers value", ins.values_chart,
                          "Nothing yet: interviewers' priorities appear once a debrief is "
                          "extracted.", "chart-values"),
             "</div>"]
    for key, title, rows_of, held_key in SECTIONS:
        held = ins.held_back.get(held_key, 0) if held_key else None
        parts.append(section(key, title, rows_of(ins), held, is_open=key == "questions"))
    return "<div id='insights-view'>" + "".join(parts) + "</div>"


def _brief_line(x: Any, extra: str = "") -> str:
    who = f" — {esc(x.who)}" if getattr(x, "who", None) else ""
    return (f"<li>{esc(x.text)}{who}{extra} <span class='ins-meta'>({esc(x.date)})</span> "
            f"<span class='debrief-quote'>“{esc(x.quote)}”</span></li>")


def _brief_list(title: str, items: list[str]) -> str:
    return f"<h3>{esc(title)}</h3><ul>{''.join(items) or '<li>none yet</li>'}</ul>"


def render_brief(b: Any) -> str:
    """The brief for the next round as one printable page (escaped)."""
    people = []
    for p in b.people:
        cared = "".join(_brief_line(c) for c in p.cared_about)
        people.append(f"<li><b>{esc(p.name)}</b>{', ' + esc(p.title) if p.title else ''} "
                      f"<span class='ins-meta'>(met {esc(', '.join(p.met))})</span>"
                      f"{'<ul>' + cared + '</ul>' if cared else ''}</li>")
    interviews = "".join(f"<li>{esc(i.date)}: {esc(i.stage)}</li>" for i in b.interviews)
    parts = [
        f"<h2>Next round at {esc(b.company)}</h2>",
        f"<p>Role: {esc(', '.join(b.roles))}</p>" if b.roles else "",
        f"<h3>Interviews so far</h3><ul>{interviews}</ul>",
        _brief_list("People you met", people),
        _brief_list("Questions they asked", [_brief_line(q) for q in b.questions]),
        _brief_list("Asked most elsewhere", [
            f"<li>{esc(a.text)} <span class='ins-meta'>({a.count}×: "
            f"{esc(', '.join(a.companies))})</span></li>" for a in b.asked_elsewhere]),
        _brief_list("What you promised to send", [
            _brief_line(f, " — <b>sent</b>" if f.sent else " — <b>NOT sent</b>")
            for f in b.follow_ups]),
        _brief_list("Insider facts", [
            _brief_line(f, f" — <i>changed, was: {esc(f.changed_from)}</i>"
                        if f.changed_from else "") for f in b.facts]),
        _brief_list("Other openings", [
            f"<li>{esc(r.text)} <span class='ins-meta'>({esc(r.date)})</span> "
            f"<span class='debrief-quote'>“{esc(r.quote)}”</span></li>" for r in b.openings]),
        _brief_list("Your practice points", [_brief_line(p) for p in b.practice]),
    ]
    return "<div class='prep-page'>" + "".join(parts) + "</div>"
