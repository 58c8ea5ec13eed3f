"""Smoke: the app is served, says what it is, and shows the active model."""

from __future__ import annotations

import json
import urllib.request

import pytest

MODEL = "smollm2-135m"

pytestmark = pytest.mark.e2e


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.status, resp.headers.get("content-type", ""), resp.read().decode("utf-8")


def test_page_is_served(server: str) -> None:
    status, ctype, body = _get(server)
    assert status == 200
    assert "text/html" in ctype
    assert "Debrief" in body, "the page should mention Debrief"
    # Gradio embeds the app config in the page; the client sets <title> from it.
    assert '"title":"Debrief"' in body.replace(" ", "")


def test_config_names_active_model(server: str) -> None:
    """The Gradio config (what the client renders from) carries the model line."""
    status, _, body = _get(server + "config")
    assert status == 200
    config = json.loads(body)
    assert config.get("title") == "Debrief"
    htmls = [c.get("props", {}).get("value") or "" for c in config["components"]
             if c.get("type") == "html"]
    model_lines = [h for h in htmls if "active-model" in h]
    assert len(model_lines) == 1, htmls
    assert MODEL in model_lines[0]
    assert "not available" not in model_lines[0], model_lines[0]


def test_browser_shows_active_model(page, shot) -> None:
    shot(page, "loaded")
    model = page.locator("#active-model")
    assert MODEL in model.inner_text()
    assert "not available" not in model.inner_text()
    assert page.title() == "Debrief"
    assert page.get_by_role("tab", name="New debrief").is_visible()
    assert page.get_by_role("tab", name="Debriefs").is_visible()
