"""Correcting a debrief in the browser: Not this, Move to…, Add a sentence; all three persist
across a reload, and the Insights question bank follows a moved item."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_browser import fresh_session, open_debrief, open_tab, save_new, unique

pytestmark = pytest.mark.e2e

# What the shipped classifier finds here (checked offline): the team line (insider info), the
# shard question, the rambled answer (practice point) and the design doc (follow-up).
NOTE = """Phone screen with Ola Berg, team lead.
The team is 8 engineers and an EM, and they are moving to Rust next year.
The office dog is called Pepper.
She asked how I would shard a Postgres table.
I rambled on the caching question.
Send Ola the design doc by Friday.
"""


def pick(page: Page, elem_id: str, text: str) -> None:
    """Choose the option of a dropdown that contains text."""
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=text, exact=False).first.click()


def item_list(page: Page, title: str):  # noqa: ANN201
    """The items listed under one category title in the debrief view."""
    return page.locator(f'#debrief-view h4:has-text("{title}") + ul')


def test_remove_move_and_add_persist_and_reach_the_question_bank(page: Page, shot) -> None:
    company = unique("Correctly")
    save_new(page, company, NOTE)
    view = open_debrief(page, company)
    expect(view).to_contain_text("extraction done", timeout=180_000)
    expect(item_list(page, "Follow-ups")).to_contain_text("design doc")
    page.get_by_text("Correct what was found").click()
    status = page.locator("#fix-status")

    pick(page, "fix-item", "Send Ola the design doc")
    page.locator("#fix-remove").click()
    expect(status).to_contain_text("Removed", timeout=20_000)
    pick(page, "fix-item", "I rambled on the caching question")
    pick(page, "fix-move-to", "Questions asked")
    page.locator("#fix-move").click()
    expect(status).to_contain_text("Moved", timeout=20_000)
    pick(page, "fix-sentence", "The office dog is called Pepper")
    pick(page, "fix-add-to", "Insider info")
    page.locator("#fix-add").click()
    expect(status).to_contain_text("Added", timeout=20_000)
    shot(page, "corrected")

    fresh_session(page)
    open_debrief(page, company)
    expect(item_list(page, "Insider info")).to_contain_text("office dog is called Pepper")
    expect(item_list(page, "Questions asked")).to_contain_text("rambled on the caching")
    expect(page.locator("#debrief-view li", has_text="design doc")).to_have_count(0)
    expect(page.locator('#debrief-view h4:has-text("Follow-ups")')).to_have_count(0)
    shot(page, "reloaded")

    open_tab(page, "Insights")
    page.locator("#insights-refresh").click()
    bank = page.get_by_text("rambled on the caching question").locator("visible=true")
    expect(bank.first).to_be_visible(timeout=30_000)
    shot(page, "insights")
