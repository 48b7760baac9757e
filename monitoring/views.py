from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from learningcity.data_versions import cached
from learningcity.kept import kept_section, query_digest, versions_today
from learningcity.permissions import can
from monitoring import selectors, services, timeliness
from monitoring.charts import line_chart
from monitoring.forms import IndicatorFilterForm
from monitoring.models import Feedback, Indicator
from planning.selectors import PLAN_DATA_VERSION_KEY, plan_data_version

LIST_TIMEOUT = 5 * 60


def index(request):
    """The indicators, filtered by KFLC area of focus, plan objective and on/off track. The list
    is kept rendered for each version of the indicators' data, filter and language: a city's
    hundred indicators with ten years of values take a quarter of a second to read, judge and
    render (bench/README.md)."""
    form = IndicatorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    focus, objective = filters.get("focus"), filters.get("objective")
    status = filters.get("status") or None

    def render_list():
        rows = selectors.indicator_list(focus=focus, objective=objective, status=status)
        return render_to_string("monitoring/_indicator_list.html", {"rows": rows})

    def render_filters():
        return render_to_string("monitoring/_filters.html", {"form": form})

    # The form's choices are the KFLC and the plan's objectives: kept per plan version and query,
    # when the query is one the form knows and valid (junk is rendered, never kept).
    digest = query_digest(request, form.fields)
    if (not form.is_bound or form.is_valid()) and digest is not None:
        filters = cached(
            "monitoring:filters",
            render_filters,
            plan_data_version(),
            get_language(),
            digest,
            timeout=LIST_TIMEOUT,
        )
    else:
        filters = render_filters()
    indicator_list = cached(
        "monitoring:list",
        render_list,
        selectors.monitoring_data_version(),
        str(focus.pk if focus else ""),
        str(objective.lineage_key if objective else ""),
        status or "",
        get_language(),
        timeout=LIST_TIMEOUT,
    )
    # Rendered from our own template; the cache may hand it back as a plain string.
    context = {"filters": mark_safe(filters), "indicator_list": mark_safe(indicator_list)}
    return render(request, "monitoring/index.html", context)


def last_start(indicator):
    period = indicator.periods.exclude(status="returned").order_by("-start").values("start").first()
    return period and period["start"]


def chart_of(row):
    indicator = row.indicator
    return line_chart(
        f"indicator-{indicator.pk}-chart",
        title=indicator.name,
        baseline=(indicator.baseline_year, indicator.baseline_value),
        goals=[(goal.year, goal.value) for goal in indicator.goals.all()],
        points=[(period.position, total, period.label) for period, total in row.points],
    )


def indicator(request, pk):
    """An indicator's page. Its judgement and body (definition, chart, breakdown, goals, what
    it measures, feedback) are kept rendered for the public per data version and day (the next
    values fall due with the date); following it and the staff's periods are per reader."""
    user = request.user
    read = {}

    def render_parts():
        row = selectors.indicator_page(pk)
        if row is None:
            raise Http404
        read["indicator"] = row.indicator
        latest = row.latest
        context = {
            "row": row,
            "indicator": row.indicator,
            "chart": chart_of(row),
            "breakdowns": selectors.breakdowns(latest[0]) if latest else {},
            "next_due": timeliness.next_due(row.indicator, last_start(row.indicator)),
            "feedback": Feedback.objects.published()
            .filter(indicator=row.indicator)
            .select_related("action", "objective__plan", "indicator"),
        }
        parts = [
            render_to_string(f"monitoring/_indicator_{part}.html", context, request)
            for part in ("status", "body")
        ]
        return tuple(parts), True

    status, body = kept_section(
        request,
        f"monitoring:indicator:{pk}",
        render_parts,
        versions=versions_today(
            selectors.INDICATOR_PAGE_DATA,
            selectors.MONITORING_DATA_VERSION_KEY,
            PLAN_DATA_VERSION_KEY,
        ),
        parameters=set(),
    )
    indicator = read.get("indicator") or get_object_or_404(Indicator, pk=pk)
    following = user.is_authenticated and indicator.follows.filter(user=user).exists()
    all_periods = None
    if can(user, "monitoring.review_values"):
        all_periods = list(indicator.periods.order_by("-start"))
        for period in all_periods:
            period.indicator = indicator
    return render(
        request,
        "monitoring/indicator.html",
        {
            "indicator": indicator,
            "status": status,
            "body": body,
            "following": following,
            "all_periods": all_periods,
        },
    )


@require_POST
@login_required
def follow(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    services.follow_set(
        indicator=indicator, user=request.user, following=bool(request.POST.get("following"))
    )
    return redirect(indicator.get_absolute_url())
