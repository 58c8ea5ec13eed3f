"""The web UI: a Gradio app over DebriefService. User text is always escaped.

Modules: render (HTML, escaping), layout (components per tab), base/debriefs/conversation/
insights (the handlers of DebriefWeb), app (DebriefWeb: layout and events), server (serve).
Gradio is imported only when the app is built, so `from debrief.ui.web import serve` is cheap.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

# Before Gradio is imported anywhere: no analytics, no hub calls (the app never goes online).
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from debrief.ui.web.render import (  # noqa: E402
    CSS,
    chat_text,
    esc,
    list_rows,
    message_text,
    people_rows,
    render_citations,
    render_debrief,
    render_insights,
    rows_to_people,
)
from debrief.ui.web.server import draft_secret, is_loopback, parse_auth, serve  # noqa: E402

if TYPE_CHECKING:
    from debrief.ui.web.app import DebriefWeb, build_app

_LAZY = {"DebriefWeb", "build_app"}


def __getattr__(name: str) -> Any:
    """DebriefWeb and build_app, imported (with Gradio) on first use."""
    if name in _LAZY:
        from debrief.ui.web import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["CSS", "DebriefWeb", "build_app", "chat_text", "draft_secret", "esc", "is_loopback",
           "list_rows", "message_text", "parse_auth", "people_rows", "render_citations",
           "render_debrief", "render_insights", "rows_to_people", "serve"]
