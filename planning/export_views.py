"""The plan to take away: its actions as CSV, and the whole plan as one printable page."""

from types import SimpleNamespace

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from planning.exports import csv_filename, write_plan_csv
from planning.models import ActionPlan
from planning.selectors import adopted_plan, plan_actions, plan_structure


def _adopted_or_404():
    plan = adopted_plan()
    if plan is None:
        raise Http404
    return plan


def _visible_or_404(request, pk):
    return get_object_or_404(ActionPlan.objects.visible_to(request.user), pk=pk)


def _csv_response(plan):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_filename(plan)}"'
    write_plan_csv(plan, response)
    return response


def _print_response(request, plan):
    themes, unthemed = plan_structure(plan, plan_actions(plan))
    sections = list(themes)
    if unthemed:
        sections.append(
            SimpleNamespace(pk=None, title=_("Other objectives"), plan_objectives=unthemed)
        )
    return render(request, "planning/print.html", {"plan": plan, "sections": sections})


def plan_csv(request):
    return _csv_response(_adopted_or_404())


def plan_version_csv(request, pk):
    return _csv_response(_visible_or_404(request, pk))


def plan_print(request):
    return _print_response(request, _adopted_or_404())


def plan_version_print(request, pk):
    return _print_response(request, _visible_or_404(request, pk))
