"""The Insights view and the Prepare brief in the web app: charts that read, sections that
fold with their counts, rows that open their debrief with the quote marked."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import gradio as gr

from debrief.core.domain import Debrief, Extraction, Item, Person
from debrief.features.insights import ChartBar
from debrief.ui.web import DebriefWeb
from debrief.ui.web.insights_render import question_rows, render_chart, section, short_label
from debrief.ui.web.render import render_debrief
from tests.unit.test_web import declared, model, service, web  # noqa: F401 (fixtures)

NOTE = ("Met Dana Reyes, the nurse manager.\nShe asked how I handle a deteriorating patient?\n"
        "Unit has 24 beds <b>ratio</b> 1:4.\n")


def _stored(web: DebriefWeb, company: str = "Harbor General") -> Debrief:  # noqa: F811
    d = web.service.add(NOTE, company=company, people=[Person(name="Dana Reyes")])
    d.extraction = Extraction(
        questions_asked=[Item(text="Handling a deteriorating patient",
                              evidence="She asked how I handle a deteriorating patient?")],
        insider_info=[Item(text="24 beds", evidence="Unit has 24 beds <b>ratio</b> 1:4.")])
    d.extraction_status = "done"
    web.service.store.save_record_only(d)
    return d


def test_chart_has_at_most_ten_sorted_bars_short_labels_and_integer_counts() -> None:
    long = "a very long headline that goes on and on well past forty characters"
    bars = [ChartBar(key=f"k{n}", label=short_label(f"{n} {long}"), count=n,
                     text=f"{n} {long}") for n in range(1, 15)]
    html = render_chart("Questions asked most", bars, "none", "c")
    labels = re.findall(r"class='ins-bar-label'[^>]*>([^<]*)<", html)
    counts = re.findall(r"class='ins-bar-count'>([^<]*)<", html)
    assert len(labels) == 10 and all(len(label) <= 40 for label in labels)
    assert counts == [str(n) for n in range(14, 4, -1)]
    assert f"title='14 {long}'" in html  # the full text on hover


def test_chart_with_nothing_says_so_in_words() -> None:
    html = render_chart("What interviewers value", [], "Nothing yet.", "c")
    assert "Nothing yet." in html and "ins-bar" not in html


def test_short_label_cuts_at_a_word() -> None:
    assert short_label("short") == "short"
    cut = short_label("word " * 20)
    assert len(cut) <= 40 and cut.endswith("…") and "wor…" not in cut


def test_section_counts_its_rows_shows_ten_and_says_what_was_held_back() -> None:
    rows = [f"<li class='ins-row'>{n}</li>" for n in range(13)]
    html = section("questions", "Question bank", rows, held_back=4)
    assert "<span class='ins-count'>(13)</span>" in html
    assert "4 held back" in html and "Show all 13" in html
    assert html.index("Show all") > html.index("<li class='ins-row'>9</li>")
    assert html.index("Show all") < html.index("<li class='ins-row'>10</li>")
    assert "held back" not in section("values", "What interviewers value", rows[:2])


def test_highlight_marks_the_quote_in_the_note() -> None:
    d = Debrief(id="x", company="A", date="2025-01-01", notes="One <i>two</i>. Three.")
    html = render_debrief(d, highlight="<i>two</i>. Three")
    assert '<mark id="ev-quote" class="hl">&lt;i&gt;two&lt;/i&gt;. Three</mark>' in html


def test_insights_view_folds_sections_with_counts_and_escapes(web: DebriefWeb) -> None:  # noqa: F811
    d = _stored(web)
    html = declared(web, "insights", web.refresh_insights(""))[web.insights.html]
    assert "<b>ratio</b>" not in html and "&lt;b&gt;ratio&lt;/b&gt;" in html
    for key in ("questions", "values", "roles", "network", "plan", "dossiers", "timeline"):
        block = html.split(f"id='ins-{key}'")[1].split("</details>")[0]
        count = int(re.search(r"class='ins-count'>\((\d+)\)", block).group(1))  # type: ignore[union-attr]
        assert count == block.count("<li class='ins-row"), key
    assert f"data-open='{d.id}'" in html and "data-prep='Harbor General'" in html
    assert "held back" in html.split("id='ins-network'")[1].split("</summary>")[0]


def test_a_row_opens_its_debrief_with_the_quote_marked(web: DebriefWeb) -> None:  # noqa: F811
    d = _stored(web)
    quote = "She asked how I handle a deteriorating patient?"
    evt = SimpleNamespace(_data={"debrief_id": d.id, "quote": quote})
    out = declared(web, "open_from_insights", web.open_from_insights(evt))  # type: ignore[arg-type]
    assert out[web.session.current_id] == d.id
    assert f'<mark id="ev-quote" class="hl">{quote}</mark>' in out[web.debriefs.view]
    assert out[web.tabs].selected == "list"  # type: ignore[attr-defined]
    assert web.open_from_insights(SimpleNamespace(_data={})) == gr.skip()  # type: ignore[arg-type]


def test_prepare_renders_the_brief_and_offers_it_as_markdown(web: DebriefWeb) -> None:  # noqa: F811
    _stored(web)
    evt = SimpleNamespace(_data={"company": "Harbor General"})
    out = declared(web, "prepare", web.prepare(evt))  # type: ignore[arg-type]
    assert "Next round at Harbor General" in out[web.insights.prep]
    assert "deteriorating patient" in out[web.insights.prep]
    text = Path(out[web.insights.prep_file]["value"]).read_text(encoding="utf-8")
    assert text.startswith("# Next round at Harbor General")
    bad = web.prepare(SimpleNamespace(_data={"company": "<img src=x>"}))  # type: ignore[arg-type]
    assert "&lt;img src=x&gt;" in bad[web.insights.prep]


def test_a_grouped_row_opens_the_occurrence_it_is_named_after() -> None:
    occ = [SimpleNamespace(debrief_id=i, quote=f"q{i}", text=t, company="A", date="2025-01-0" + i)
           for i, t in (("1", "Other wording"), ("2", "Critique your memo"), ("2", "Again"))]
    group = SimpleNamespace(text="Critique your memo", count=3, practised=False, occurrences=occ)
    (row,) = question_rows(SimpleNamespace(question_bank=[group]))
    assert row.startswith("<li class='ins-row' data-open='2' data-quote='q2' tabindex='0'>")
    assert row.count("class='ins-open'") == 2  # one link per debrief
