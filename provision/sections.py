"""What the organisation page (stakeholders) shows of provision, registered with the section
registry: stakeholders never imports provision (DESIGN.md §2)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry
from provision.selectors import organisation_rating


def rating(request, organisation):
    found = organisation_rating(organisation)
    return found if found["count"] else None


def register():
    registry.register_section(
        "organisation_detail",
        "provision_rating",
        title=_("What learners say of its courses"),
        template_name="provision/sections/organisation_rating.html",
        get_context=rating,
        order=50,
    )
