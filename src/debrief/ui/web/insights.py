"""Handlers of the Insights and Settings tabs."""

from __future__ import annotations

from typing import Any

from debrief.core.errors import UserError
from debrief.ui.web.base import Updates, WebBase
from debrief.ui.web.render import esc, insights_rows, render_insights


def chart(rows: list[dict[str, Any]], empty: dict[str, Any]) -> Any:
    """A DataFrame for a plot (one empty row when there is nothing, so the plot still draws)."""
    import pandas as pd

    return pd.DataFrame(rows or [empty])


class InsightsHandlers(WebBase):
    """Patterns across every debrief, role statuses, and the user's profile."""

    def refresh_insights(self, company: str) -> Updates:
        """Charts, tables and dossiers across every debrief (or one company's)."""
        ins = self.service.insights(company=company or None)
        tab = self.insights
        rows = insights_rows(ins)
        return {
            tab.q_chart: chart([{"question": b.label[:40], "count": b.count}
                                for b in ins.question_chart], {"question": "", "count": 0}),
            tab.v_chart: chart([{"theme": b.label[:40], "count": b.count}
                                for b in ins.values_chart], {"theme": "", "count": 0}),
            tab.q_table: rows["questions"], tab.v_table: rows["values"],
            tab.r_table: rows["roles"], tab.n_table: rows["network"],
            tab.timeline: chart([{"date": i.date, "company": i.company, "stage": i.stage}
                                 for i in ins.timeline], {"date": "", "company": "", "stage": ""}),
            tab.html: render_insights(ins),
        }

    def set_role_status(self, key: str, status: str, company: str) -> Updates:
        """Remember the status of a better-fit role, then refresh the insights."""
        try:
            self.service.set_role_status((key or "").strip(), status or "new")
        except UserError:
            pass  # an unknown status or no data dir: the tables show what is stored
        return self.refresh_insights(company)

    def save_profile(self, name: str, signature: str, background: str) -> Updates:
        """Store the user's name, signature and short profile in the data dir."""
        try:
            self.service.save_profile(user_name=name, signature=signature,
                                      background=background)
        except UserError as exc:
            return {self.profile.status: f"<p>⚠️ {esc(str(exc))}</p>"}
        return {self.profile.status: "<p>Saved.</p>"}
