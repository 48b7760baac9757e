import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.kept import kept_section, versions_of, versions_today
from learningcity.permissions import STAFF, can, deny, has_role, rule_required
from planning import services
from planning.filters import ActionFilter
from planning.forms import ActionForm, AdoptionForm, CompareForm, MilestoneFormSet
from planning.models import Action, ActionPlan, Objective
from planning.selectors import (
    ACTION_PAGE_DATA,
    KFLC_DATA,
    PLAN_DATA_VERSION_KEY,
    action_detail,
    action_history,
    action_updates,
    adopted_plan,
    adoption_preview,
    comment_periods,
    kflc_coverage,
    objective_actions,
    plan_actions,
    plan_compare,
    plan_data_version,
    plan_structure,
)


def locked(request, plan, error, *, back=None):
    """The page that says why this version cannot change (409: the request conflicts with the
    version's state, not with who asks)."""
    return render(
        request,
        "planning/edit_form.html",
        {
            "plan": plan,
            "heading": _("This version cannot change"),
            "locked": " ".join(error.messages),
            "back": back or plan.get_absolute_url(),
        },
        status=409,
    )


# A bound on how stale the cached body may be after a change made outside planning.services
# (an organisation renamed in the directory shows as an action's lead).
PLAN_BODY_TIMEOUT = 10 * 60
# What a filter value may look like for its page to be cached: anything else (a typo, a probe,
# words searched) is rendered every time rather than filling the cache with one entry per value.
CACHEABLE_FILTER_VALUE = {
    **{name: re.compile(r"\d{1,9}") for name in ["theme", "objective", "kflc", "organisation"]},
    "phase": re.compile("|".join(Action.Phase.values)),
    "status": re.compile("|".join(Action.Status.values)),
}


def _plan_filters(request):
    """The filters the request sets, in a fixed order, without empty or unknown parameters."""
    return sorted(
        (name, value)
        for name in ActionFilter.base_filters
        for value in request.GET.getlist(name)
        if value
    )


def _plan_body(request, plan, *, filters, may_edit_structure):
    """The filters, themes, objectives and actions: the expensive part of the page (~0.4 s for
    340 actions), cached per plan, language, filters, day (an action turns late with the date)
    and version of the plan data. Not with a staff member's editing controls: their forms carry
    the viewer's CSRF token (and drafts, the only plans they appear on, are seldom read)."""
    cacheable = not may_edit_structure and all(
        name in CACHEABLE_FILTER_VALUE and CACHEABLE_FILTER_VALUE[name].fullmatch(value)
        for name, value in filters
    )
    if cacheable:
        parts = [
            plan.pk,
            get_language(),
            timezone.localdate().isoformat(),
            plan_data_version(),
            settings.PLAN_ACTIONS_SHOWN_MAX,
            hashlib.sha256(urlencode(filters).encode()).hexdigest(),
        ]
        key = "planning:plan-body:" + ":".join(map(str, parts))
        body = cache.get(key)
        if body is not None:
            # Safe: it is the template's output below, stored as a string.
            return mark_safe(body)
    # Only the filters the page knows, so the cached and the rendered page agree.
    action_filter = ActionFilter(
        QueryDict(urlencode(filters)), queryset=plan_actions(plan), plan=plan
    )
    themes, unthemed = plan_structure(plan, action_filter.qs)
    # A large plan unfiltered shows its objectives collapsed: readers open the ones they want.
    objectives = [o for theme in themes for o in theme.plan_objectives] + unthemed
    collapsed = not filters and (
        sum(len(o.actions.all()) for o in objectives) > settings.PLAN_ACTIONS_SHOWN_MAX
    )
    body = render_to_string(
        "planning/_plan_body.html",
        {
            "plan": plan,
            "filter": action_filter,
            "filtering": bool(filters),
            "themes": themes,
            "unthemed": unthemed,
            "collapsed": collapsed,
            "may_edit_structure": may_edit_structure,
        },
        request,
    )
    if cacheable:
        cache.set(key, str(body), PLAN_BODY_TIMEOUT)
    return body


def _render_plan(request, plan):
    # The structure changes in a draft only (planning.services); the links follow.
    may_edit_structure = plan.structure_editable and can(request.user, "planning.edit_plan")
    filters = _plan_filters(request)
    own_period, open_draft = comment_periods(plan)
    return render(
        request,
        "planning/plan.html",
        {
            "plan": plan,
            "own_period": own_period,
            "open_draft": open_draft,
            "plan_body": _plan_body(
                request, plan, filters=filters, may_edit_structure=may_edit_structure
            ),
            "may_edit_structure": may_edit_structure,
        },
    )


def index(request):
    plan = adopted_plan()
    if plan is None:
        return render(request, "planning/index.html", {"open_draft": comment_periods()[1]})
    return _render_plan(request, plan)


def plan_version(request, pk):
    plan = get_object_or_404(ActionPlan.objects.visible_to(request.user), pk=pk)
    return _render_plan(request, plan)


@rule_required("planning.edit_plan")
def versions(request):
    return render(
        request,
        "planning/versions.html",
        {
            "plans": ActionPlan.objects.visible_to(request.user).select_related(
                "adopted_by", "based_on"
            )
        },
    )


def objective_actions_view(request, pk):
    """A collapsed objective's actions, fetched by htmx when the reader opens it on the plan page.
    Without htmx (a link followed, the address typed) the plan page filtered to the objective
    shows the same table."""
    objective = get_object_or_404(
        Objective.objects.filter(
            plan__in=ActionPlan.objects.visible_to(request.user)
        ).select_related("plan"),
        pk=pk,
    )
    if request.headers.get("HX-Request") != "true":
        return redirect(
            f"{objective.plan.get_absolute_url()}?objective={objective.pk}#objective-{objective.pk}"
        )
    response = render(
        request,
        "planning/_objective_actions.html",
        {
            "plan": objective.plan,
            "objective": objective,
            "actions": objective_actions(objective),
            "may_edit": objective.plan.structure_editable
            and can(request.user, "planning.edit_plan"),
            "opened": True,
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def versions_compare(request):
    """Public for adopted and superseded versions (the change log links each adoption to it);
    staff compare drafts too."""
    form = CompareForm(request.GET or None, plans=ActionPlan.objects.visible_to(request.user))
    comparison = None
    if form.is_valid():
        comparison = plan_compare(form.cleaned_data["older"], form.cleaned_data["newer"])
    return render(request, "planning/compare.html", {"form": form, "comparison": comparison})


@require_POST
@rule_required("planning.edit_plan")
def version_create(request, pk):
    plan = get_object_or_404(ActionPlan.objects.visible_to(request.user), pk=pk)
    draft = services.plan_create_version(plan=plan, by=request.user)
    messages.success(request, _("A new draft of the plan was made. Edit it, then adopt it."))
    return redirect(draft)


@rule_required("planning.adopt_plan")
def version_adopt(request, pk):
    plan = get_object_or_404(ActionPlan.objects.visible_to(request.user), pk=pk)
    if plan.status != ActionPlan.Status.DRAFT:
        return locked(request, plan, ValidationError(_("Only a draft can be adopted.")))
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_adopt(
                plan=plan,
                by=request.user,
                decision=form.cleaned_data["decision"],
                drop_acknowledged=form.cleaned_data["drop_acknowledged"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan is adopted and now public."))
            return redirect("planning:index")
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "planning/adopt.html",
        {"plan": plan, "form": form, "preview": adoption_preview(plan)},
    )


def action(request, pk):
    """An action's page. Its body (the action, roles, milestones, updates) is kept rendered for
    the public per plan data and day (learningcity.kept); the sections around it from other
    areas are kept each by its own data."""
    user = request.user
    visible = Action.objects.visible_to(user)
    read = {}

    def render_body():
        try:
            item = read["action"] = action_detail(pk, visible)
        except Action.DoesNotExist:
            raise Http404 from None
        read["context"] = context = _action_context(user, item)
        html = render_to_string("planning/_action_body.html", {"action": item, **context}, request)
        return html, True

    body = kept_section(
        request,
        f"planning:action:{pk}",
        render_body,
        versions=versions_today(ACTION_PAGE_DATA, PLAN_DATA_VERSION_KEY),
        parameters=set(),
    )
    if "action" not in read:
        # Kept: the frame around the body needs only the action's title and its key.
        read["action"] = get_object_or_404(visible, pk=pk)
        read["context"] = {"contacts": None, "history": None}
    return render(
        request,
        "planning/action_detail.html",
        {"action": read["action"], "body": body, **read["context"]},
    )


def _action_context(user, item):
    """What the action's page shows `user` besides the action: its updates, and the tools and
    contacts of staff and of its contact persons."""
    may_edit = can(user, "planning.edit_plan")
    may_update = can(user, "planning.update_action", item)
    may_choose = can(user, "planning.choose_contacts", item)
    contacts = (
        list(item.contacts.select_related("person", "organisation"))
        if may_update or may_choose
        else None
    )
    # Staff see every organisation's updates waiting for review; contact persons their own's.
    if may_edit:
        organisations = item.updates.values("organisation")
    else:
        organisations = [c.organisation_id for c in contacts or () if c.person_id == user.pk]
    return {
        "history": action_history(item) if may_edit else None,
        "updates": action_updates(item, organisations=organisations),
        "contacts": contacts,
        "may_update": may_update and item.objective.plan.tracking_editable,
        "may_post_update": may_update and item.objective.plan.status == ActionPlan.Status.ADOPTED,
        "may_choose": may_choose and item.objective.plan.tracking_editable,
        "status_set_by_staff": item.status_override_by is not None
        and has_role(item.status_override_by, STAFF),
    }


def action_edit(request, pk):
    """Staff edit an action; its contact persons update its implementation tracking only."""
    item = get_object_or_404(Action.objects.select_related("objective__plan"), pk=pk)
    if not can(request.user, "planning.update_action", item):
        return deny(request)
    plan = item.objective.plan
    try:
        services.plan_check_editable(plan=plan, structure=False)
    except services.PlanLocked as error:
        return locked(request, plan, error, back=item.get_absolute_url())
    tracking_only = not plan.structure_editable or not can(request.user, "planning.edit_plan")
    # The form writes the input onto its own copy while validating; the page shows the saved one.
    editable = Action.objects.get(pk=pk)
    form = ActionForm(request.POST or None, instance=editable, tracking_only=tracking_only)
    milestones = MilestoneFormSet(request.POST or None, instance=editable, prefix="milestones")
    if request.method == "POST":
        if form.is_valid() and milestones.is_valid():
            try:
                with transaction.atomic():
                    services.action_update(
                        action=form.save(commit=False),
                        version=form.cleaned_data["version"],
                        by=request.user,
                        milestones=milestones,
                        save_m2m=form.save_m2m,
                    )
            except services.PlanLocked as error:
                return locked(request, plan, error, back=item.get_absolute_url())
            except services.ActionChangedMeanwhile:
                messages.error(
                    request,
                    _(
                        "Someone saved this action while you were editing it. Your changes are "
                        "below and were not saved: compare them with the current version, then "
                        "save again."
                    ),
                )
                # Show their input again, now based on the current version, so saving again
                # is a deliberate choice made after seeing what changed.
                current = action_detail(pk)
                data = request.POST.copy()
                data["version"] = current.version
                # A second copy: validating a model form writes the input onto its instance.
                editable = Action.objects.get(pk=pk)
                form = ActionForm(data, instance=editable, tracking_only=tracking_only)
                milestones = MilestoneFormSet(data, instance=editable, prefix="milestones")
                form.is_valid()
                return render(
                    request,
                    "planning/action_form.html",
                    {"action": current, "form": form, "milestones": milestones, "current": current},
                    status=409,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The action was saved."))
                return redirect(item)
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "planning/action_form.html",
        {"action": item, "form": form, "milestones": milestones},
    )


def kflc(request):
    """The KFLC's areas of focus and the plan's objectives covering them, kept rendered for the
    public until the plan or the city's features change (learningcity.kept)."""

    def render_body():
        plan = adopted_plan()
        context = {"kflc_areas": kflc_coverage(plan), "plan": plan}
        return render_to_string("planning/_kflc_body.html", context, request), True

    body = kept_section(
        request,
        "planning:kflc",
        render_body,
        versions=versions_of(KFLC_DATA, PLAN_DATA_VERSION_KEY),
        parameters=set(),
    )
    return render(request, "planning/kflc.html", {"body": body})
