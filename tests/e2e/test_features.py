"""Ask, messages, export, the queue and markup inertness, through a real Chromium and the API.

The server (smollm2-135m) is shared by the session. A module fixture saves the Larkspur note
once; the tests that need it (ask, thank-you, export) use it, the others save their own note
under a unique company name. The small model is slow on a busy machine and the first model
call waits for the background extraction of the note (one model, one lock), so the waits for
model output are long and can be raised with DEBRIEF_E2E_MODEL_TIMEOUT (seconds).
"""

from __future__ import annotations

import html
import json
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import wait_ready
from tests.e2e.test_browser import company_cells, field, open_debrief, open_tab, save_new

pytestmark = pytest.mark.e2e

NOTES = Path(__file__).parents[1] / "data" / "eval" / "notes"
LARKSPUR_NOTE = (NOTES / "01-larkspur-analytics.txt").read_text(encoding="utf-8")
LARKSPUR = "Larkspur Analytics"
MODEL_TIMEOUT_MS = int(float(os.environ.get("DEBRIEF_E2E_MODEL_TIMEOUT", "300")) * 1000)
REFUSAL = "Your notes don't say"
PAYLOAD = "<img src=x onerror=alert(1)>"
# Tags render_citations() writes; anything else inside #ask-sources came from user text.
SOURCE_TAGS = {"div", "h4", "ol", "li", "b", "br", "code", "span"}

# Done when the last bot bubble has real text and the sources box no longer says it is working
# (or when Gradio shows an error toast: the handler failed, nothing more will come).
ANSWER_DONE_JS = """() => {
  if (Array.from(document.querySelectorAll('.toast-body'))
        .some(t => /error/i.test(t.innerText))) return true;
  const bots = document.querySelectorAll('#ask-chat [data-testid="bot"]');
  if (!bots.length) return false;
  const last = bots[bots.length - 1].innerText.trim();
  const box = document.querySelector('#ask-sources-box');
  const src = box ? box.innerText : '';
  return last !== '' && last !== '…' && !/searching your notes|writing…/.test(src);
}"""


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def new_page(browser: Browser, server: str) -> Page:
    """A page in its own context (closed with page.context.close())."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(20_000)
    pg = context.new_page()
    pg.goto(server)
    wait_ready(pg)
    return pg


def saved_id(page: Page) -> str:
    """The id in the Saved message of the New debrief tab."""
    m = re.search(r"\(([0-9a-f]{12})\)", page.locator("#save-status").inner_text())
    assert m, page.locator("#save-status").inner_text()
    return m.group(1)


def ask(page: Page, question: str, company: str = "") -> None:
    """Ask in the Ask tab (optionally filtered to one company) and press Ask."""
    open_tab(page, "Ask")
    field(page, "ask-company").fill(company)
    field(page, "ask-question").fill(question)
    page.locator("#ask-button").click()


def wait_answer(page: Page, n_bots: int = 1) -> str:
    """Wait for the n-th answer to finish; return its text."""
    bots = page.locator('#ask-chat [data-testid="bot"]')
    expect(bots).to_have_count(n_bots, timeout=60_000)
    page.wait_for_function(ANSWER_DONE_JS, timeout=MODEL_TIMEOUT_MS)
    toasts = page.locator(".toast-body").all_inner_texts()
    assert not any("error" in t.lower() for t in toasts), toasts
    return bots.nth(n_bots - 1).inner_text().strip()


def source_quotes(page: Page) -> list[str]:
    """The quoted passages under the answer, exactly as the DOM holds them (no reflow)."""
    quotes = page.locator("#ask-sources .debrief-quote").all_text_contents()
    out = []
    for q in quotes:
        assert q.startswith("“") and q.endswith("”"), q
        out.append(q[1:-1])
    return out


def tags_inside(page: Page, selector: str) -> set[str]:
    return set(page.evaluate(
        "(sel) => Array.from(document.querySelectorAll(sel + ' *'))"
        ".map(e => e.tagName.toLowerCase())", selector))


def download_export(page: Page) -> dict[str, Any]:
    """Press Export in the Debriefs tab, download the offered file, parse it."""
    open_tab(page, "Debriefs")
    page.locator("#export").click()
    link = page.locator("#export-file a[download]").first
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download(timeout=30_000) as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".json"), download.suggested_filename
    return json.loads(Path(download.path()).read_text(encoding="utf-8"))


def wait_message(page: Page) -> None:
    """Wait until the streamed message is final (its grounding is listed) or an error shows."""
    page.wait_for_function(
        """() => {
          const t = document.querySelector('#msg-out textarea');
          const n = document.querySelector('#msg-notes');
          const failed = Array.from(document.querySelectorAll('.toast-body'))
            .some(x => /error/i.test(x.innerText));
          const final = n && /Based on your notes|⚠️/.test(n.innerText);
          return failed || (final && t && t.value.trim() !== '') || (n && n.innerText.includes('⚠️'));
        }""", timeout=MODEL_TIMEOUT_MS)


def open_messages(page: Page) -> None:
    page.get_by_text("Messages: thank-you, connection note, follow-up").click()
    expect(field(page, "msg-to")).to_be_visible()


@pytest.fixture(autouse=True)
def _no_server_traceback(server_log: Callable[[], str]) -> Iterator[None]:
    """The server logs no traceback while a test drives it (a failed handler, a stuck lock)."""
    before = server_log().count("Traceback (most recent call last)")
    yield
    log = server_log()
    assert log.count("Traceback (most recent call last)") == before, log[-3000:]


@pytest.fixture(scope="module")
def larkspur(browser: Browser, server: str) -> Iterator[str]:
    """The Larkspur note saved once through the New debrief tab; its id."""
    pg = new_page(browser, server)
    try:
        save_new(pg, LARKSPUR, LARKSPUR_NOTE)
        yield saved_id(pg)
    finally:
        pg.context.close()


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Messages of any alert/confirm/prompt the page opens (each is dismissed)."""
    seen: list[str] = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    return seen


def test_ask_answers_with_verbatim_sources(page: Page, shot, larkspur: str,
                                           server_log: Callable[[], str]) -> None:
    ask(page, "What stack does Larkspur Analytics use?")
    shot(page, "asked")
    answer = wait_answer(page)
    shot(page, "answered")

    assert answer, "no answer text"
    assert "⚠️" not in answer, answer
    assert "Traceback" not in page.locator("body").inner_text()
    sources = page.locator("#ask-sources")
    if REFUSAL in answer:
        # The small model may not manage; then there are no sources to show.
        expect(sources).to_have_count(0)
    else:
        expect(sources).to_be_visible()
        expect(sources).to_contain_text(LARKSPUR)
        expect(sources.locator("code").first).to_have_text(larkspur)
        quotes = source_quotes(page)
        assert quotes, "an answer without a refusal must show its sources"
        for q in quotes:
            assert q in LARKSPUR_NOTE, f"quote is not verbatim from the note: {q!r}"
        # Note text is shown as text: only the tags the app writes, and a '>' of the note
        # ("HM call w/ Priya (EM) -> onsite loop") stays a character, escaped in the HTML.
        assert tags_inside(page, "#ask-sources") <= SOURCE_TAGS
        if any(">" in q or "&" in q for q in quotes):
            html = sources.inner_html()
            assert "&gt;" in html or "&amp;" in html, html
        # A source can be opened from the answer.
        expect(page.locator("#ask-open")).to_be_visible()
    assert page.locator("#ask-chat img, #ask-sources-box img").count() == 0
    assert "Traceback" not in server_log()


def test_cross_interview_question_is_answered_from_the_records(page: Page, shot,
                                                               server_log) -> None:
    company = unique("Northwind")
    save_new(page, company, "Recruiter screen.\nThe team is 8 engineers and an EM.\nParking is free.",
             date="2024-01-10")
    save_new(page, company, "Hiring manager.\nThe team is now 12 engineers after a merger.\n"
             "Lunch was good.", date="2024-02-10")
    ask(page, f"How did the team size at {company} change between my interviews?")
    answer = wait_answer(page)
    shot(page, "answered")
    # Answered in code from both debriefs: the later one's change with the first one's line it
    # changed, in the order saved; the chat keeps the line breaks (innerText would collapse
    # them without pre-wrap). On a failure, the server's own account of the question (its
    # route, the debriefs it read, the companies named) comes with the answer.
    said = "\n".join(line for line in server_log().splitlines()[-400:]
                     if re.search(r"route|points at|saved|extraction of", line))
    assert answer.startswith("Between your first interview (Jan 10, 2024) and your latest "
                             "interview (Feb 10, 2024)"), f"{answer}\n--- server ---\n{said}"
    assert f"with {company}, your notes record these changes:" in answer, answer
    assert answer.index("8 engineers") < answer.index("now 12 engineers"), answer
    lines = answer.splitlines()
    assert any("8 engineers" in line for line in lines[1:]), answer
    assert any("now 12 engineers" in line for line in lines[1:]), answer
    quotes = source_quotes(page)
    assert "The team is 8 engineers and an EM." in quotes, quotes


def test_thank_you_note_is_written_copied_and_saved(page: Page, shot,
                                                    larkspur: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_debrief(page, LARKSPUR)
    open_messages(page)
    field(page, "msg-to").fill("Dana Whitcombe")
    page.locator("#msg-kind").get_by_label("thank-you").check()
    shot(page, "filled")
    page.locator("#msg-write").click()
    wait_message(page)
    shot(page, "written")

    notes_html = page.locator("#msg-notes")
    assert "⚠️" not in notes_html.inner_text(), notes_html.inner_text()
    message = field(page, "msg-out").input_value()
    assert message.startswith("Hi Dana,"), message
    assert LARKSPUR in message, message
    assert "Whitcombe" not in message.splitlines()[0]  # greeting by first name
    # Salary talk in the note must never reach a thank-you.
    for sensitive in ("185k", "180-195", "RSU"):
        assert sensitive not in message, message

    # The copy button (Gradio's own) copies the text; clipboard access may be refused.
    copy = page.locator("#msg-out").get_by_role("button", name=re.compile(r"^Cop(y|ied)"))
    if copy.count():
        copy.first.click()
        try:
            copied = page.evaluate("() => navigator.clipboard.readText()")
        except Exception:  # noqa: BLE001 - no clipboard permission here: the click is enough
            copied = None
        if copied is not None:
            assert copied == message
        print(f"copy button clicked; clipboard {'matches' if copied else 'not readable'}")
    else:
        print("no copy button on the message box")
        shot(page, "copied")

    # It was saved with the debrief: the export shows it.
    export = download_export(page)
    (saved,) = [d for d in export["debriefs"] if d["id"] == larkspur]
    thanks = [m for m in saved["messages"] if m["kind"] == "thank-you"]
    assert thanks, saved["messages"]
    assert thanks[-1]["to"] == "Dana Whitcombe"
    assert thanks[-1]["message"] == message


def test_export_downloads_every_debrief(page: Page, shot, larkspur: str) -> None:
    company = unique("Exportwell")
    notes = "Phone screen.\nThey asked about <b>bold</b> & \"quoted\" text — résumé.\n"
    save_new(page, company, notes, role="Data Engineer")
    new_id = saved_id(page)
    export = download_export(page)
    shot(page, "exported")

    assert export["schema_version"] >= 1
    by_id = {d["id"]: d for d in export["debriefs"]}
    assert by_id[new_id]["company"] == company
    assert by_id[new_id]["role"] == "Data Engineer"
    assert by_id[new_id]["notes"] == notes  # exactly as typed
    assert by_id[larkspur]["company"] == LARKSPUR
    assert by_id[larkspur]["notes"] == LARKSPUR_NOTE
    # Pressing it again offers the current state, not a stale file.
    save_new(page, unique("Exportwell Later"), "Second note.")
    later = download_export(page)
    assert len(later["debriefs"]) == len(export["debriefs"]) + 1


def _ask_endpoint(client: Any) -> str:
    """The API name of the Ask handler (inputs: question, chat, four filters)."""
    api = client.view_api(print_info=False, return_format="dict")
    names = []
    for name, info in api["named_endpoints"].items():
        labels = [p.get("label") for p in info["parameters"]]
        if "Question" in labels and "Ask your notes" in labels:
            names.append(name)
    assert names, api["named_endpoints"].keys()
    return sorted(names)[0]


REAL_QUESTIONS = [
    "What stack does Larkspur Analytics use?",
    "Who did I talk to at Larkspur Analytics?",
    "How often is on-call at Larkspur Analytics?",
    "Is the Larkspur Analytics role a backfill?",
]


def test_twenty_concurrent_questions_all_complete(server: str, larkspur: str,
                                                  server_log,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from gradio_client import Client

    # 20 real answers from the small model take several seconds each, one at a time (one
    # model); on this busy 2-core machine that can pass 10 minutes. So 4 of the 20 are real
    # questions about the Larkspur note (the model streams an answer: the path that once left
    # the model's lock held when Gradio stepped the stream from several threads), and 16 are
    # about a company with no notes, filtered to it: retrieval finds nothing and refuses
    # without a model call, but each still goes through Gradio's queue (concurrency limit 1)
    # and the same handler.
    ghost = unique("Nonexistent Corp")
    asks = [(REAL_QUESTIONS[i // 5], "") if i % 5 == 0 else
            (f"Question {i}: what did {ghost} ask me?", ghost) for i in range(20)]
    client = Client(server, verbose=False, download_files=False, analytics_enabled=False)
    try:
        endpoint = _ask_endpoint(client)
        start = time.monotonic()
        jobs = [client.submit(question, [], company, "", "", "", api_name=endpoint)
                for question, company in asks]
        results = [job.result(timeout=MODEL_TIMEOUT_MS / 1000) for job in jobs]
        elapsed = time.monotonic() - start
    finally:
        client.close()
    real = []
    assert len(results) == 20
    for (question, company), result in zip(asks, results, strict=True):
        chat, sources, _pick, question_box = result
        text = json.dumps(chat, ensure_ascii=False)
        assert json.dumps(question, ensure_ascii=False)[1:-1] in text, text  # its own answer
        assert "⚠️" not in text, text
        assert question_box == ""
        if company:  # the ghost company: refused, no sources
            assert REFUSAL in text, text
            assert not sources
            continue
        if REFUSAL in text:
            assert not sources
            real.append("refused")
            continue
        quotes = [html.unescape(q) for q in
                  re.findall(r"<span class='debrief-quote'>“(.*?)”</span>", sources, re.S)]
        assert quotes, sources
        assert all(q in LARKSPUR_NOTE for q in quotes), quotes
        real.append("answered")
    print(f"20 queued questions done in {elapsed:.1f}s via {endpoint}; real ones: {real}")
    assert "Traceback" not in server_log()


def test_queue_position_shows_while_busy(browser: Browser, server: str, shot,
                                         larkspur: str) -> None:
    first = new_page(browser, server)
    second = new_page(browser, server)
    try:
        # A real question: the model answers it (and may first wait for an extraction).
        ask(first, "What stack does Larkspur Analytics use?")
        expect(first.locator('#ask-chat [data-testid="bot"]')).to_have_count(1, timeout=60_000)
        ghost = unique("Nonexistent Corp")  # filtered to it: refused with no model call
        ask(second, f"What did {ghost} ask me?", company=ghost)
        queued = re.compile(r"queue: \d+/\d+|In queue: \d+ of \d+")
        seen = False
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if queued.search(second.locator("body").inner_text()):
                seen = True
                shot(second, "queued")
                break
            if first.evaluate(ANSWER_DONE_JS):
                break
            second.wait_for_timeout(200)
        first_busy = not first.evaluate(ANSWER_DONE_JS)
        wait_answer(first)
        answer = wait_answer(second)
        assert REFUSAL in answer, answer
        print(f"queue position shown: {seen}; first page still busy: {first_busy}")
        if not seen and not first_busy:
            pytest.skip("the first answer finished before the second page could be queued")
        assert seen, "the second page did not show its queue position while the first was busy"
    finally:
        first.context.close()
        second.context.close()


def test_markup_in_answers_and_messages_is_inert(page: Page, shot,
                                                 dialogs: list[str]) -> None:
    company = unique("Inertia Labs")
    notes = ("Onsite loop, four rounds.\n"
             f"Kim Okafor (hiring manager) showed their stack: Rust, Postgres {PAYLOAD}\n"
             "<script>alert(2)</script> was pasted in the whiteboard round, on purpose.\n"
             "She asked how I would shard a Postgres table.\n")
    save_new(page, company, notes)

    # Filtered to this company, retrieval always finds the note, so the model runs.
    question = f"What stack do they use? {PAYLOAD} <b>bold</b>"
    ask(page, question, company=company)
    answer = wait_answer(page)
    page.wait_for_timeout(1500)  # give any injected handler time to fire
    shot(page, "answered")
    user = page.locator('#ask-chat [data-testid="user"]').last
    assert PAYLOAD in user.inner_text(), user.inner_text()  # the question shows as text
    assert "⚠️" not in answer, answer
    for quote in source_quotes(page):
        assert quote in notes, quote
    if page.locator("#ask-sources").count():
        assert tags_inside(page, "#ask-sources") <= SOURCE_TAGS
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("#ask-chat b, #ask-chat img, #ask-chat script").count() == 0
    assert page.locator("#ask-sources-box script").count() == 0
    # Whatever the model wrote is shown as text too (it often echoes the note's markup).
    bot = page.locator('#ask-chat [data-testid="bot"]').last
    assert bot.locator("img, b, script, a").count() == 0

    # A real thank-you to Kim: the note's lines behind it are shown escaped.
    open_debrief(page, company)
    open_messages(page)
    field(page, "msg-to").fill("Kim Okafor")
    page.locator("#msg-write").click()
    wait_message(page)
    page.wait_for_timeout(1500)  # give any injected handler time to fire
    shot(page, "message")
    assert "⚠️" not in page.locator("#msg-notes").inner_text()
    assert field(page, "msg-out").input_value().startswith("Hi Kim,")
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("#msg-notes img, #msg-notes script, #debrief-view img").count() == 0
    # A message for a person not in the note: refused, and the name is shown as text.
    field(page, "msg-to").fill(f"{PAYLOAD}Zed")
    page.locator("#msg-write").click()
    expect(page.locator("#msg-notes")).to_contain_text("is not among the people", timeout=30_000)
    expect(page.locator("#msg-notes")).to_contain_text(f"{PAYLOAD}Zed")
    page.wait_for_timeout(1000)
    shot(page, "refused")
    assert page.locator('img[src="x"]').count() == 0
    assert dialogs == [], f"a dialog fired: {dialogs}"
    assert company_cells(page, company).count() == 1
