"""What the organisation page (stakeholders) shows of provision, registered with the section
registry: stakeholders never imports provision (DESIGN.md §2)."""

from django.utils.translation import gettext_lazy as _

from learningcity.permissions import can
from learningcity.registry import registry
from provision.learning_org_selectors import pledge_of
from provision.models import LearningSpace, Opportunity, Rating
from provision.selectors import organisation_offer, organisation_rating


def rating(request, organisation):
    found = organisation_rating(organisation)
    return found if found["count"] else None


def offer(request, organisation):
    opportunities, more, spaces = organisation_offer(request.user, organisation)
    manage = can(request.user, "provision.manage_for", organisation)
    if not (opportunities or spaces or manage):
        return None
    return {"opportunities": opportunities, "more": more, "spaces": spaces, "manage": manage}


def register():
    registry.register_section(
        "organisation_detail",
        "provision_offer",
        title=_("What you can learn with it"),
        template_name="provision/sections/organisation_offer.html",
        get_context=offer,
        order=45,
        follows=(Opportunity, LearningSpace),
    )
    registry.register_section(
        "organisation_detail",
        "provision_rating",
        title=_("What learners say of its courses"),
        template_name="provision/sections/organisation_rating.html",
        get_context=rating,
        order=50,
        follows=(Rating, Opportunity),
    )


def learning_organisation(request, organisation):
    """For the organisation's admins, the way to pledge that it becomes a learning organisation,
    or to its page as one. Only for them: the public page stays within the query budget of the
    organisation's page, and the public find learning organisations from provision's menu."""
    if not can(request.user, "provision.act_for_learning_org", organisation):
        return None
    pledged = organisation.verified and pledge_of(organisation) is not None
    return {"pledged": pledged}


def register_learning_orgs():
    registry.register_section(
        "organisation_detail",
        "provision_learning_organisation",
        title=_("Learning organisation"),
        template_name="provision/sections/organisation_learning.html",
        get_context=learning_organisation,
        order=55,
    )
