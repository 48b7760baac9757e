"""What the plan's pages (planning) show of the indicators measuring an objective or action,
registered with the section registry: planning never imports monitoring (DESIGN.md §2).

The plan page renders one objective after another; the first objective's section reads the
indicators of every objective of its plan at once and keeps them on the request, so the page's
queries do not grow with its objectives. Indicators measure an objective or action in any of
its plan's versions (the same lineage)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry
from monitoring.models import Feedback, Goal, Indicator, Measurement, Period
from monitoring.selectors import indicators_measuring
from planning.models import Objective


def _for_plan(request, plan_id):
    cache = request.__dict__.setdefault("_monitoring_indicators", {})
    if plan_id not in cache:
        objectives = Objective.objects.filter(plan_id=plan_id).values_list("lineage_key")
        cache[plan_id] = indicators_measuring(objective_lineages=objectives)
    return cache[plan_id]


def objective_indicators(request, objective):
    """Names and links only: the plan page keeps its body cached for the day, so the on/off
    track of the moment is left to the indicators' own pages."""
    rows = _for_plan(request, objective.plan_id).get(("objective", objective.lineage_key))
    return {"rows": rows, "objective": objective} if rows else None


def action_indicators(request, action):
    rows = indicators_measuring(action_lineages=[action.lineage_key]).get(
        ("action", action.lineage_key)
    )
    return {"rows": rows, "heading_id": "action-indicators"} if rows else None


def _feedback_for_plan(request, plan_id):
    """The published feedback linked to any objective of the plan's versions, read once for
    the whole plan page, by objective lineage."""
    cache = request.__dict__.setdefault("_monitoring_objective_feedback", {})
    if plan_id not in cache:
        lineages = Objective.objects.filter(plan_id=plan_id).values_list("lineage_key")
        found = {}
        for item in (
            Feedback.objects.published()
            .filter(objective__lineage_key__in=lineages)
            .select_related("action", "objective__plan", "indicator")
        ):
            found.setdefault(item.objective.lineage_key, []).append(item)
        cache[plan_id] = found
    return cache[plan_id]


def objective_feedback(request, objective):
    items = _feedback_for_plan(request, objective.plan_id).get(objective.lineage_key)
    return {"items": items} if items else None


def action_feedback(request, action):
    items = list(
        Feedback.objects.published()
        .filter(action__lineage_key=action.lineage_key)
        .select_related("action", "objective__plan", "indicator")
    )
    return {"items": items, "heading_id": "action-feedback"} if items else None


def register():
    registry.register_section(
        "objective_detail",
        "indicators",
        title=_("Indicators measuring it"),
        template_name="monitoring/sections/objective_indicators.html",
        get_context=objective_indicators,
        order=50,
    )
    registry.register_section(
        "action_detail",
        "indicators",
        title=_("Indicators measuring it"),
        template_name="monitoring/sections/indicators.html",
        get_context=action_indicators,
        order=50,
        follows=(Indicator, Goal, Period, Measurement),
    )
    # On the plan page, a line under the objective (its body is cached for a few minutes); on
    # an action's own page, the feedback and its answers, kept for the public.
    for slot, template, get_context, follows in (
        ("objective_detail", "objective_feedback", objective_feedback, ()),
        ("action_detail", "feedback", action_feedback, (Feedback,)),
    ):
        registry.register_section(
            slot,
            "feedback",
            title=_("What we heard, and what we did"),
            template_name=f"monitoring/sections/{template}.html",
            get_context=get_context,
            order=60,
            follows=follows,
        )
