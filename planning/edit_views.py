"""Staff edit the plan's structure: the plan itself, themes, objectives, new actions, order.

Only a draft's structure changes (planning.services says why); on other versions these pages
answer 409 with the reason and the way to go (a draft copy)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import rule_required
from learningcity.shortcuts import posted_object_or_404
from planning import services
from planning.forms import NewActionForm, ObjectiveForm, PlanForm, ThemeForm
from planning.models import Action, ActionPlan, Objective, Theme
from planning.views import locked


def _save(request, form, template, context, save, done):
    """Validate, save through `save(item)` and go to `done(item)`; otherwise show the form again
    with its errors. A version that cannot change answers 409, before and after the form."""
    plan = context["plan"]
    try:
        services.plan_check_editable(plan=plan)
    except services.PlanLocked as error:
        return locked(request, plan, error)
    if request.method == "POST":
        if form.is_valid():
            try:
                item = save(form.save(commit=False))
            except services.PlanLocked as error:
                return locked(request, plan, error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(done(item))
        messages.error(request, _("Please correct the errors below."))
    return render(request, template, {"form": form, **context})


@rule_required("planning.edit_plan")
def plan_edit(request, pk):
    plan = get_object_or_404(ActionPlan, pk=pk)
    form = PlanForm(request.POST or None, instance=plan)
    return _save(
        request,
        form,
        "planning/edit_form.html",
        {"plan": plan, "heading": _("Edit the plan")},
        lambda item: services.plan_update(plan=item, by=request.user),
        lambda item: item.get_absolute_url(),
    )


@rule_required("planning.edit_plan")
def theme_edit(request, pk, theme_pk=None):
    plan = get_object_or_404(ActionPlan, pk=pk)
    theme = get_object_or_404(Theme, pk=theme_pk, plan=plan) if theme_pk else Theme(plan=plan)
    if theme.pk is None:
        theme.order = plan.themes.count()
    form = ThemeForm(request.POST or None, instance=theme)
    heading = _("Edit the theme") if theme.pk else _("Add a theme")
    return _save(
        request,
        form,
        "planning/edit_form.html",
        {"plan": plan, "heading": heading},
        lambda item: services.theme_save(theme=item, by=request.user),
        lambda item: f"{plan.get_absolute_url()}#theme-{item.pk}",
    )


@rule_required("planning.edit_plan")
def objective_edit(request, pk, objective_pk=None):
    plan = get_object_or_404(ActionPlan, pk=pk)
    objective = (
        get_object_or_404(Objective, pk=objective_pk, plan=plan)
        if objective_pk
        else Objective(plan=plan, order=plan.objectives.count())
    )
    form = ObjectiveForm(request.POST or None, instance=objective, plan=plan)
    heading = _("Edit the objective") if objective.pk else _("Add an objective")
    return _save(
        request,
        form,
        "planning/edit_form.html",
        {"plan": plan, "heading": heading},
        lambda item: services.objective_save(
            objective=item, by=request.user, save_m2m=form.save_m2m
        ),
        lambda item: item.get_absolute_url(),
    )


@rule_required("planning.edit_plan")
def action_new(request, pk, objective_pk):
    objective = get_object_or_404(
        Objective.objects.select_related("plan"), pk=objective_pk, plan=pk
    )
    action = Action(objective=objective, order=objective.actions.count())
    form = NewActionForm(request.POST or None, instance=action)
    return _save(
        request,
        form,
        "planning/edit_form.html",
        {
            "plan": objective.plan,
            "heading": _("Add an action to “%(objective)s”") % {"objective": objective.title},
        },
        lambda item: services.action_create(action=item, by=request.user),
        lambda item: item.get_absolute_url(),
    )


@require_POST
@rule_required("planning.edit_plan")
def reorder(request, pk):
    """Move a theme, an objective or an action one place up or down."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    kind, up = request.POST.get("kind"), "up" in request.POST
    try:
        if kind == "theme":
            item = posted_object_or_404(request, Theme, "id", plan=plan)
            siblings = plan.themes.all()
        elif kind == "objective":
            item = posted_object_or_404(request, Objective, "id", plan=plan)
            siblings = plan.objectives.filter(theme=item.theme_id)
        elif kind == "action":
            item = posted_object_or_404(request, Action, "id", objective__plan=plan)
            siblings = Action.objects.filter(objective=item.objective_id)
        else:
            return redirect(plan.get_absolute_url())
        services.move(item=item, siblings=siblings, up=up, by=request.user)
    except services.PlanLocked as error:
        return locked(request, plan, error)
    return redirect(plan.get_absolute_url())
