from django.shortcuts import render

from planning.selectors import adopted_plan, kflc_areas, plan_progress_summary
from stakeholders.selectors import organisations_per_sector, people_count


def index(request):
    sectors = list(organisations_per_sector())
    context = {
        "sectors": sectors,
        "organisation_total": sum(sector.organisation_count for sector in sectors),
        "sectors_represented": sum(1 for sector in sectors if sector.organisation_count),
        "people_total": people_count(),
        "kflc_areas": kflc_areas(),
    }
    plan = adopted_plan()
    if plan is not None:
        context["progress"] = plan_progress_summary(plan)
    return render(request, "dashboard/index.html", context)
