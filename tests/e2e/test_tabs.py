"""The open debrief belongs to the browser session, not to the tab that showed it.

It once did not: an answer in the Ask tab reset the "Open a source" list, that reset counted as
a pick of nothing, and the open debrief was closed; back in Debriefs, Write message said "Open a
debrief first." Everything here runs without the model (the question is answered in code from
the records, and the message is refused on the name before any model call), so it is quick.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_browser import (
    company_cells,
    field,
    fresh_session,
    open_debrief,
    open_tab,
    save_new,
    unique,
)

pytestmark = pytest.mark.e2e

PUBLIC = {"/save", "/list_debriefs", "/ask", "/export", "/insights", "/set_role_status",
          "/save_profile"}


def test_open_debrief_survives_the_ask_tab_and_write_message_knows_it(page: Page,
                                                                       shot) -> None:  # noqa: ANN001
    team, company = unique("Northwind Tabs"), unique("Tabwright")
    # Another company between the two of `team`: save_new waits for a Saved message that
    # names the company, which the first save of `team` would already satisfy.
    save_new(page, team, "Recruiter screen.\nThe team is 8 engineers and an EM.")
    save_new(page, company, "Phone screen with Ola Berg, team lead.\nThey asked about caching.")
    save_new(page, team, "Hiring manager.\nThe team is now 12 engineers after a merger.")
    fresh_session(page)
    view = open_debrief(page, company)
    shot(page, "opened")

    # An answer with sources: it resets the "Open a source" list.
    open_tab(page, "Ask")
    field(page, "ask-question").fill(f"How did the team size at {team} change between my "
                                     "interviews?")
    page.locator("#ask-button").click()
    expect(page.locator('#ask-chat [data-testid="bot"]')).to_contain_text(
        f"with {team}", timeout=60_000)
    expect(page.locator("#ask-sources")).to_contain_text("8 engineers")
    shot(page, "answered")
    for name in ("Insights", "Settings", "New debrief", "Debriefs"):
        open_tab(page, name)
    expect(view.locator("h3")).to_contain_text(company)
    shot(page, "back")

    # Write message knows which debrief is open: the service read it, and refused the name.
    page.get_by_text("Messages: thank-you, connection note, follow-up").click()
    field(page, "msg-to").fill("Zed Nobody")
    page.locator("#msg-write").click()
    notes = page.locator("#msg-notes")
    expect(notes).to_contain_text("is not among the people", timeout=30_000)
    expect(notes).not_to_contain_text("Open a debrief first")
    page.get_by_text("Edit or delete").click()
    expect(field(page, "edit-company")).to_have_value(company)
    shot(page, "message")

    # Picking a source does open it.
    open_tab(page, "Ask")
    page.locator("#ask-open input").click()
    page.get_by_role("option", name=team, exact=False).first.click()
    open_tab(page, "Debriefs")
    expect(view.locator("h3")).to_contain_text(team, timeout=20_000)
    expect(field(page, "edit-company")).to_have_value(team)
    expect(company_cells(page, company)).to_have_count(1)
    shot(page, "source-opened")


def test_public_api_lists_only_meaningful_endpoints(server: str) -> None:
    """No /lambda or /refresh_list_N: the page's own plumbing is private."""
    with urllib.request.urlopen(server + "gradio_api/info", timeout=10) as resp:
        info = json.loads(resp.read().decode("utf-8"))
    assert set(info["named_endpoints"]) == PUBLIC
    assert not info.get("unnamed_endpoints")
