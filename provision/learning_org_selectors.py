"""Reads for learning organisations and a learner-friendly city: the public list and pages, an
organisation's own page for its admins, and the staff's queues."""

from django.db.models import Prefetch

from provision.learning_org_models import (
    BarrierReport,
    LearningOrganisationPledge,
    SelfAssessment,
    SupportRequest,
    YearlyReport,
)
from provision.models import LearningSpace
from stakeholders.models import Organisation


def public_pledges():
    """The pledges of verified organisations, by name, with their organisation's sector."""
    return LearningOrganisationPledge.objects.public().select_related(
        "organisation__sector", "organisation__district"
    )


def _latest_assessment():
    return SelfAssessment.objects.prefetch_related("answers").order_by("-year")


def public_organisation(slug):
    """The verified organisation at `slug` that pledged, with its pledge, self-assessments and
    yearly reports, or None."""
    return (
        Organisation.objects.filter(verified=True, slug=slug, learning_pledge__isnull=False)
        .select_related("learning_pledge", "sector")
        .prefetch_related(
            Prefetch("learning_assessments", queryset=_latest_assessment(), to_attr="assessments"),
            Prefetch(
                "learning_reports",
                queryset=YearlyReport.objects.order_by("-year"),
                to_attr="reports",
            ),
        )
        .first()
    )


def organisation_for_admin(slug):
    """The organisation at `slug`, verified or not, with what its admins manage here."""
    return (
        Organisation.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch("learning_assessments", queryset=_latest_assessment(), to_attr="assessments"),
            Prefetch(
                "learning_reports",
                queryset=YearlyReport.objects.order_by("-year"),
                to_attr="reports",
            ),
            Prefetch(
                "learning_support_requests",
                queryset=SupportRequest.objects.order_by("-created_at", "-pk"),
                to_attr="support_requests",
            ),
            Prefetch(
                "learning_spaces",
                queryset=LearningSpace.objects.select_related("checklist").order_by("name", "pk"),
                to_attr="spaces",
            ),
        )
        .first()
    )


def pledge_of(organisation):
    return LearningOrganisationPledge.objects.filter(organisation=organisation).first()


def assessment_of(organisation, year):
    return (
        SelfAssessment.objects.filter(organisation=organisation, year=year)
        .prefetch_related("answers")
        .first()
    )


def report_of(organisation, year):
    return YearlyReport.objects.filter(organisation=organisation, year=year).first()


def support_requests_for_staff():
    return SupportRequest.objects.select_related("organisation", "requested_by")


def support_request_for_staff(pk):
    return (
        SupportRequest.objects.select_related("organisation", "requested_by", "handled_by")
        .filter(pk=pk)
        .first()
    )


def barriers_for_staff():
    return BarrierReport.objects.select_related("space", "space__district")


def barrier_for_staff(pk):
    return BarrierReport.objects.select_related("space", "user", "handled_by").filter(pk=pk).first()


def public_barriers(space):
    return space.barrier_reports.public().order_by("-created_at", "-pk")


def space_for_barrier(slug):
    return LearningSpace.objects.public().filter(slug=slug).first()


def space_for_checklist(slug):
    return (
        LearningSpace.objects.filter(slug=slug).select_related("organization", "checklist").first()
    )
