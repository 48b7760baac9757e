from datetime import timedelta

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dashboard.charts import bar_chart
from dashboard.figures import (
    PROVISION_DATA,
    equity_figures,
    funding_figures,
    judged_plan_progress,
    monitoring_figures,
    provision_figures,
)
from dashboard.report_content import (
    equity_section,
    funding_section,
    monitoring_section,
    provision_section,
)
from events.models import Kind
from events.selectors import events_data_version, events_summary
from funding.selectors import FUNDING_DATA
from learningcity.data_versions import cached
from learningcity.kept import versions_of, versions_today
from monitoring.selectors import monitoring_data_version
from planning.selectors import adopted_plan, kflc_areas, plan_data_version
from stakeholders.forum.selectors import forum_activity
from stakeholders.selectors import committee_coverage, organisations_per_sector, people_count

# A day is long enough: the key names the plan data's version, so a change makes a new key at
# once, and today's date, on which an action's status depends; old keys simply expire.
PLAN_PROGRESS_TIMEOUT = 24 * 60 * 60


def _render_plan_progress():
    plan = adopted_plan()
    if plan is None:
        return ""
    progress = judged_plan_progress(plan)
    status_chart = bar_chart(
        "actions-by-status",
        title=_("Actions by status"),
        column=_("Status"),
        rows=[(label, count, key) for label, key, count in progress["by_status"]],
    )
    return render_to_string(
        "dashboard/_plan_progress.html", {"progress": progress, "status_chart": status_chart}
    )


def _plan_progress_html():
    """The adopted plan's progress section, rendered once per plan data version, day and
    language: counting every action by status and phase is most of the dashboard's work. The
    objectives are judged by their indicators too: a new approved value changes them."""
    return mark_safe(
        _cached(
            "plan-progress",
            _render_plan_progress,
            plan_data_version(),
            monitoring_data_version(),
            timezone.localdate().isoformat(),
            translation.get_language(),
            timeout=PLAN_PROGRESS_TIMEOUT,
        )
    )


def _celebration():
    """The public events of the last twelve months: how many of each kind, places taken and
    attendance. Kept for each version of the events and five minutes at most, so places taken
    meanwhile show within minutes (a city's 200,000 registrations take 0.2 s to count)."""
    now = timezone.now()
    summary = events_summary(start=now - timedelta(days=365), end=now)
    summary["chart"] = bar_chart(
        "events-by-kind",
        title=_("Events of the last twelve months by kind"),
        column=_("Kind"),
        rows=[(label, summary["by_kind"].get(key, 0)) for key, label in Kind.choices],
    )
    return summary


# The areas' sections (counts over a whole city: the forum's month of posts, every opportunity,
# every indicator's values) are read and rendered at most this often per language; the
# indicators', the learning on offer and the money also as soon as one of their rows changes,
# since their keys name the versions of their data (the offer's the day too: offers end).
FIGURES_TIMEOUT = 5 * 60


def _cached(name, compute, *versions, timeout=FIGURES_TIMEOUT):
    return cached(f"dashboard:{name}", compute, *versions, timeout=timeout)


def _section(name, template, build, *versions):
    """An area's section rendered from `build()`'s context, or "" when it returns None (the
    area has nothing yet), kept per language."""
    language = translation.get_language()

    def render_section():
        context = build()
        if context is None:
            return ""
        return render_to_string(template, {name: context, "links": True})

    # Rendered from our own templates; the cache may hand it back as a plain string.
    return mark_safe(_cached(f"{name}:{language}", render_section, *versions))


def index(request):
    language = translation.get_language()
    sectors = list(organisations_per_sector())
    context = {
        "sectors": sectors,
        "sector_chart": bar_chart(
            "organisations-by-sector",
            title=_("Verified organisations by sector"),
            column=_("Sector"),
            rows=[(sector.name, sector.organisation_count) for sector in sectors],
        ),
        "committee": committee_coverage(),
        "forum": _cached("forum", forum_activity),
        "celebration": _cached(f"celebration:{language}", _celebration, events_data_version()),
        "organisation_total": sum(sector.organisation_count for sector in sectors),
        "sectors_represented": sum(1 for sector in sectors if sector.organisation_count),
        "people_total": people_count(),
        "kflc_area_total": kflc_areas().count(),
        "plan_progress": _plan_progress_html(),
        "provision": _section(
            "provision",
            "dashboard/_provision.html",
            lambda: provision_section(provision_figures(), language, "dashboard"),
            *versions_today(PROVISION_DATA),
        ),
        "monitoring": _section(
            "monitoring",
            "dashboard/_monitoring.html",
            lambda: monitoring_section(monitoring_figures(), language, "dashboard"),
            monitoring_data_version(),
        ),
        "funding": _section(
            "funding",
            "dashboard/_funding.html",
            lambda: funding_section(funding_figures(), "dashboard"),
            *versions_of(FUNDING_DATA),
        ),
        "equity": _section(
            "equity",
            "dashboard/_equity.html",
            lambda: equity_section(equity_figures(), language, "dashboard"),
        ),
    }
    return render(request, "dashboard/index.html", context)
