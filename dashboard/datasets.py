"""The datasets of the areas built before the open-data page (planning and participation) and
the dashboard's own published reports, for /open-data/ (dashboard.open_data)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dashboard.models import ProgressReport
from learningcity.audit import last_change
from learningcity.registry import Dataset, Distribution, registry
from planning.exports import export_actions, whole_percent
from planning.models import Action, ActionPlan, Milestone, Objective
from planning.selectors import adopted_plan
from stakeholders.models import Organisation

CSV = Distribution("csv", "text/csv")
JSON = Distribution("json", "application/json")

ORGANISATION_COLUMNS = (
    "slug", "name", "kind", "sector", "sector_es", "sector_en", "district", "district_es",
    "district_en", "website", "address", "latitude", "longitude", "verified_on", "url",
)  # fmt: skip


def _coordinate(value):
    return None if value is None else float(value)


def organisation_rows():
    """Verified organisations only, without their contact person, e-mail or telephone."""
    verified = Organisation.objects.filter(verified=True)
    organisations = verified.select_related("sector", "district").order_by("pk")
    for organisation in organisations.iterator(chunk_size=1000):
        sector, district = organisation.sector, organisation.district
        yield {
            "slug": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "sector": sector.slug if sector else "",
            "sector_es": sector.name_es if sector else "",
            "sector_en": sector.name_en if sector else "",
            "district": district.slug if district else "",
            "district_es": district.name_es if district else "",
            "district_en": district.name_en if district else "",
            "website": organisation.website,
            "address": organisation.address,
            "latitude": _coordinate(organisation.latitude),
            "longitude": _coordinate(organisation.longitude),
            "verified_on": organisation.verified_at.date().isoformat()
            if organisation.verified_at
            else None,
            "url": organisation.get_absolute_url(),
        }


PLAN_COLUMNS = (
    "plan", "theme", "objective", "objective_en", "term", "kflc_focuses", "action", "action_en",
    "lead_organisation", "start", "end", "phase", "status", "progress_percent",
    "milestones_done", "milestones_total", "url",
)  # fmt: skip


def plan_rows():
    """The actions of the plan in force, as its page shows them (drafts are not published)."""
    plan = adopted_plan()
    if plan is None:
        return
    for action in export_actions(plan):
        objective = action.objective
        milestones = action.milestones.all()
        yield {
            "plan": plan.title_es,
            "theme": objective.theme.title_es if objective.theme else "",
            "objective": objective.title_es,
            "objective_en": objective.title_en,
            "term": objective.term,
            "kflc_focuses": " ".join(focus.code for focus in objective.kflc_focuses.all()),
            "action": action.title_es,
            "action_en": action.title_en,
            "lead_organisation": action.lead_organisation.name if action.lead_organisation else "",
            "start": action.start.isoformat(),
            "end": action.end.isoformat(),
            "phase": action.phase,
            "status": action.current_status,
            "progress_percent": whole_percent(action.progress),
            "milestones_done": sum(1 for milestone in milestones if milestone.completed_on),
            "milestones_total": len(milestones),
            "url": action.get_absolute_url(),
        }


def _plan_modified():
    plan = adopted_plan()
    if plan is None:
        return None
    return last_change(
        ActionPlan.objects.filter(pk=plan.pk),
        "created_at",
        audited=(ActionPlan, Objective, Action, Milestone),
    )


def _report(report):
    return Dataset(
        key=f"report-{report.pk}",
        title=report.title,
        description=_(
            "A progress report of the programme, published on %(date)s: the document, and the "
            "figures it was made from."
        )
        % {"date": report.published_at.date().isoformat()},
        area="dashboard",
        distributions=(
            Distribution("pdf", "application/pdf", reverse("reports:pdf", args=[report.pk])),
            Distribution("csv", "text/csv", reverse("reports:figures-csv", args=[report.pk])),
            Distribution(
                "json", "application/json", reverse("reports:figures-json", args=[report.pk])
            ),
        ),
        modified=lambda: report.published_at,
        keywords=(report.scope,),
    )


def participation_and_plan():
    return [
        Dataset(
            key="organisations",
            title=_("Organisations of the learning city"),
            description=_(
                "The organisations verified by city staff: name, kind, sector, district, website "
                "and place."
            ),
            area="stakeholders",
            distributions=(CSV, JSON),
            modified=lambda: last_change(
                Organisation.objects.filter(verified=True),
                "created_at",
                "verified_at",
                audited=(Organisation,),
            ),
            columns=ORGANISATION_COLUMNS,
            rows=organisation_rows,
        ),
        Dataset(
            key="plan",
            title=_("The action plan in force"),
            description=_(
                "Every action of the adopted plan with its objective, lead organisation, dates, "
                "phase, status and progress; the feed lists the latest changes."
            ),
            area="planning",
            distributions=(
                CSV,
                JSON,
                Distribution("atom", "application/atom+xml", reverse("planning:changes-feed")),
            ),
            modified=_plan_modified,
            columns=PLAN_COLUMNS,
            rows=plan_rows,
        ),
    ]


def reports():
    published = ProgressReport.objects.filter(
        status=ProgressReport.Status.PUBLISHED, published_at__isnull=False
    ).order_by("-published_at", "-pk")
    return [_report(report) for report in published]


registry.register_datasets("dashboard.participation-and-plan", participation_and_plan)
registry.register_datasets("dashboard.reports", reports)
