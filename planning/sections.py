"""What the organisation's page (stakeholders) shows of the organisation's part in the plan,
registered with the section registry: stakeholders never imports planning (DESIGN.md §2).
Each section costs one query or two, however many rows it lists."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry
from planning.models import (
    Action,
    ActionPlan,
    ActionRole,
    Charter,
    CharterSignature,
    Objective,
    StocktakeEntry,
)
from planning.selectors import with_status


def organisation_actions(request, organisation):
    """The actions the organisation leads or takes part in, that the viewer may see, grouped by
    plan version: the plan in force, then drafts (staff only). Superseded versions are history,
    kept on their own pages; listing their copies of the same actions would repeat them."""
    own_roles = Prefetch(
        "roles",
        queryset=ActionRole.objects.filter(organisation=organisation),
        to_attr="organisation_roles",
    )
    actions = (
        with_status(
            Action.objects.visible_to(request.user)
            .exclude(objective__plan__status=ActionPlan.Status.SUPERSEDED)
            .filter(
                Q(lead_organisation=organisation)
                | Q(pk__in=ActionRole.objects.filter(organisation=organisation).values("action"))
            )
        )
        .select_related("objective__plan")
        .prefetch_related(own_roles)
        .order_by("start", "pk")
    )
    plans = {}
    for action in actions:
        labels = [_("Lead")] if action.lead_organisation_id == organisation.pk else []
        for role in action.organisation_roles:
            label = role.get_role_display()
            if label not in labels:
                labels.append(label)
        action.organisation_role_labels = labels
        action.organisation_responsibilities = [
            role.responsibilities for role in action.organisation_roles if role.responsibilities
        ]
        plans.setdefault(action.objective.plan, []).append(action)
    if not plans:
        return None
    in_order = sorted(
        plans.items(), key=lambda item: (item[0].status != ActionPlan.Status.ADOPTED, item[0].pk)
    )
    return {"plans": in_order}


def organisation_charter(request, organisation):
    """Its signatures in force of published charters, the latest version first."""
    signatures = list(
        CharterSignature.objects.in_force()
        .filter(organisation=organisation, charter__published_on__isnull=False)
        .select_related("charter")
        .order_by("-charter__version")
    )
    return {"signatures": signatures} if signatures else None


def organisation_stocktake(request, organisation):
    """What it already does, as accepted by city staff in the stock-taking."""
    entries = list(
        StocktakeEntry.objects.filter(
            organisation=organisation, status=StocktakeEntry.Status.ACCEPTED
        )
        .select_related("sector")
        .prefetch_related("kflc_focuses")
        .order_by("title", "pk")
    )
    return {"entries": entries} if entries else None


def register():
    registry.register_section(
        "organisation_detail",
        "plan_actions",
        title=_("Its actions in the plan"),
        template_name="planning/sections/organisation_actions.html",
        get_context=organisation_actions,
        order=30,
        follows=(ActionPlan, Objective, Action, ActionRole),
    )
    registry.register_section(
        "organisation_detail",
        "charter",
        title=_("City charter"),
        template_name="planning/sections/organisation_charter.html",
        get_context=organisation_charter,
        order=40,
        follows=(Charter, CharterSignature),
    )
    registry.register_section(
        "organisation_detail",
        "stocktake",
        title=_("What it already does"),
        template_name="planning/sections/organisation_stocktake.html",
        get_context=organisation_stocktake,
        order=50,
        follows=(StocktakeEntry,),
    )
