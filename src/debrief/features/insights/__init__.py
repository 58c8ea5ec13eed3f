"""Insights across interviews: pure aggregation over stored debriefs' extraction results.

No chat model runs here. The only model is the optional sentence embedder, used to group
near-duplicate questions and similar interviewer priorities; without it, items group by exact
normalised text. Every item links back to its debrief id and the note's own words (the quote).

- records.py: the records returned (Insights and its parts), role statuses and keys.
- grouping.py: the similarity thresholds (with how they were measured) and the grouping.
- sections.py: timeline, network, company dossiers, better-fit roles, charts, practice plan.
- build.py: `build_insights`, which puts them together.
- cache.py: `CachingEmbedder`, so repeated runs embed only new texts.
"""

from debrief.core.text import normalise
from debrief.features.insights.build import build_insights
from debrief.features.insights.cache import CachingEmbedder
from debrief.features.insights.grouping import (
    GROUPING_THRESHOLD,
    RELATED_THRESHOLD,
    THEME_THRESHOLD,
    TextEmbedder,
    item_key,
)
from debrief.features.insights.records import (
    ROLE_STATUSES,
    ChartBar,
    CompanyDossier,
    Contact,
    DossierFact,
    FitRole,
    Insights,
    Interview,
    Occurrence,
    PracticeItem,
    QuestionGroup,
    RoleStatus,
    ValueTheme,
    check_role_status,
    role_key,
)
from debrief.features.insights.sections import CHART_BARS, MAX_PLAN_ITEMS

__all__ = [
    "CHART_BARS",
    "GROUPING_THRESHOLD",
    "MAX_PLAN_ITEMS",
    "RELATED_THRESHOLD",
    "ROLE_STATUSES",
    "THEME_THRESHOLD",
    "CachingEmbedder",
    "ChartBar",
    "CompanyDossier",
    "Contact",
    "DossierFact",
    "FitRole",
    "Insights",
    "Interview",
    "Occurrence",
    "PracticeItem",
    "QuestionGroup",
    "RoleStatus",
    "TextEmbedder",
    "ValueTheme",
    "build_insights",
    "check_role_status",
    "item_key",
    "normalise",
    "role_key",
]
