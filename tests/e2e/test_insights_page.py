"""The Insights page on a store of corpus notes: chart labels short and apart, each section's
count matching its rows, a row opening its debrief with the quote marked, and the Prepare
brief printing on one to three pages.

The store: an export built from three simulated users of data/corpus (21 notes, two companies
interviewed at twice), each note's extraction filled from its gold items, `debrief import`ed
into a temporary data dir that a `debrief serve` of its own runs on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import MODEL, START_TIMEOUT, _answers, _free_port, wait_ready

pytestmark = pytest.mark.e2e

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
USERS = ("a1-u1", "a1-u2", "a2-u1")
CATEGORIES = ("people", "insider_info", "interviewer_priorities", "better_fit_roles",
              "questions_asked", "follow_ups", "practice_points")


def corpus_export(users: tuple[str, ...] = USERS) -> dict[str, Any]:
    """A JSON export of the users' corpus notes, extraction filled from the gold items."""
    debriefs = []
    for n, path in enumerate(sorted((CORPUS / "gold").glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["meta"]["user"] not in users:
            continue
        notes = (CORPUS / "notes" / f"{gold['id']}.txt").read_text(encoding="utf-8")
        date = gold.get("date") or (dt.date(2025, 1, 6) + dt.timedelta(days=3 * n)).isoformat()
        stamp = f"{date}T18:00:00+00:00"
        extraction = {k: gold.get(k, []) for k in CATEGORIES}
        debriefs.append({
            "id": f"corpus-{gold['id']}", "company": gold["company"], "role": gold.get("role"),
            "date": date, "stage": gold.get("stage") or "other",
            "people": [{"name": p.get("name"), "title": p.get("title")}
                       for p in gold.get("people", [])],
            "notes": notes, "created_at": stamp, "updated_at": stamp,
            "extraction": {**extraction, "model": "gold"}, "extraction_status": "done"})
    return {"schema_version": 1, "debriefs": debriefs}


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`debrief serve` on a data dir holding the corpus export; its URL."""
    base = tmp_path_factory.mktemp("e2e-insights")
    data_dir, export = base / "data", base / "export.json"
    export.write_text(json.dumps(corpus_export()), encoding="utf-8")
    exe = str(Path(sys.executable).parent / "debrief")
    subprocess.run([exe, "--data-dir", str(data_dir), "import", str(export)], check=True,
                   capture_output=True, timeout=600)
    port = _free_port()
    log = (base / "server.log").open("wb")
    proc = subprocess.Popen([exe, "--data-dir", str(data_dir), "--model", MODEL, "serve",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(url):
            assert proc.poll() is None and time.monotonic() < deadline, \
                (base / "server.log").read_text(errors="replace")[-3000:]
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


@pytest.fixture
def insights(browser: Browser, corpus_server: str) -> Iterator[Page]:
    """A page on the corpus store with the Insights view refreshed."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(corpus_server)
    wait_ready(page)
    page.get_by_role("tab", name="Insights", exact=True).click()
    page.locator("#insights-refresh").click()
    page.locator("#insights-view").wait_for(state="attached", timeout=120_000)
    try:
        yield page
    finally:
        context.close()


def test_chart_labels_are_short_and_never_overlap(insights: Page, shot) -> None:
    labels = insights.locator(".ins-bar-label")
    expect(labels.first).to_be_visible()
    boxes = []
    for n in range(labels.count()):
        label = labels.nth(n)
        assert len(label.inner_text().strip()) <= 40
        box = label.bounding_box()
        assert box is not None and box["width"] > 0
        boxes.append(box)
    assert 2 <= len(boxes) <= 20
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
            assert apart, (a, b)
    shot(insights, "charts")


def test_each_section_count_matches_its_rows(insights: Page) -> None:
    sections = insights.locator("details.ins-section")
    assert sections.count() == 7
    for n in range(sections.count()):
        sec = sections.nth(n)
        title = sec.locator(":scope > summary").inner_text()
        count = int(re.search(r"\((\d+)\)", title).group(1))  # type: ignore[union-attr]
        assert count == sec.locator("li.ins-row").count(), title
    bank = insights.locator("#ins-questions")
    assert "held back" in bank.locator(":scope > summary").inner_text()
    rows = bank.locator("li.ins-row")
    assert rows.count() > 10  # the top 10 show, the rest under Show all
    expect(rows.nth(9)).to_be_visible()
    expect(rows.nth(10)).to_be_hidden()
    bank.locator("details.ins-more > summary").click()
    expect(rows.nth(10)).to_be_visible()


def test_a_row_opens_its_debrief_with_the_quote_marked(insights: Page, shot) -> None:
    row = insights.locator("#ins-questions li.ins-row").first
    quote = row.get_attribute("data-quote") or ""
    assert quote
    row.click()
    mark = insights.locator("#debrief-view mark.hl")
    expect(mark).to_be_visible()
    assert " ".join(mark.inner_text().split()) == " ".join(quote.split())
    expect(insights.get_by_role("tab", name="Debriefs", exact=True)).to_have_attribute(
        "aria-selected", "true")
    shot(insights, "opened")
    # From the keyboard: Enter on a focused row opens it too.
    insights.get_by_role("tab", name="Insights", exact=True).click()
    second = insights.locator("#ins-questions li.ins-row").nth(1)
    quote = second.get_attribute("data-quote") or ""
    second.focus()
    insights.keyboard.press("Enter")
    expect(mark).to_have_text(quote)


def test_the_prepare_brief_prints_on_one_to_three_pages(insights: Page, shot) -> None:
    dossiers = insights.locator("#ins-dossiers")
    dossiers.locator(":scope > summary").click()
    more = dossiers.locator("details.ins-more > summary")
    if more.count():
        more.click()
    row = dossiers.locator("li.ins-dossier", has_text="Tindrel").first
    row.locator("button[data-prep]").click()
    brief = insights.locator("#prep-brief")
    expect(brief).to_contain_text("Next round at Tindrel")
    expect(brief).to_contain_text("People you met")
    expect(insights.locator("#prep-file")).to_be_visible()
    shot(insights, "brief")
    insights.emulate_media(media="print")
    expect(insights.locator("#insights-view")).to_be_hidden()
    expect(brief).to_be_visible()
    pdf = insights.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, pages
