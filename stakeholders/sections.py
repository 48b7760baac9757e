"""What the organisation's page shows of its place and its committee seat, through the same
registry as the sections other apps add (learningcity.registry), so that their order is one list."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry
from stakeholders.models import CommitteeSeat, CommitteeTerm, District, Organisation, Sector


def location(request, organisation):
    if not organisation.address and not organisation.has_location:
        return None
    return {"organisation": organisation}


def committee_seats(request, organisation):
    """The seats the organisation holds on the committee now, in one query."""
    terms = list(
        CommitteeTerm.objects.current()
        .filter(organisation=organisation)
        .select_related("seat__sector", "person")
        .order_by("seat__order", "seat__pk")
    )
    return {"terms": terms} if terms else None


def register():
    registry.register_section(
        "organisation_detail",
        "location",
        title=_("Where to find it"),
        template_name="stakeholders/sections/organisation_location.html",
        get_context=location,
        order=10,
        follows=(Organisation, District),
    )
    registry.register_section(
        "organisation_detail",
        "committee",
        title=_("On the learning-city committee"),
        template_name="stakeholders/sections/organisation_committee.html",
        get_context=committee_seats,
        order=20,
        follows=(CommitteeTerm, CommitteeSeat, Sector),
    )
