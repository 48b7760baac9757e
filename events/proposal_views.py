"""Organisations propose events of their own; city staff publish them or send them back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import services
from events.forms import EventProposalForm
from events.models import Event
from events.rules import proposing_organisations
from learningcity.permissions import rule_required
from stakeholders.models import Organisation


@rule_required("events.propose")
def propose(request):
    organisations = Organisation.objects.filter(pk__in=proposing_organisations(request.user))
    form = EventProposalForm(request.POST or None, organisations=organisations)
    if request.method == "POST":
        if form.is_valid():
            event = form.save(commit=False)
            try:
                services.event_propose(
                    event=event, organisation=form.cleaned_data["organisation"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                form.save_m2m()
                messages.success(
                    request, _("Thank you: city staff will review the event before it is public.")
                )
                return redirect(event)
        messages.error(request, _("Please correct the errors below."))
    return render(request, "events/propose.html", {"form": form})


def _event(request, slug):
    return get_object_or_404(Event, slug=slug)


@rule_required("events.revise_proposal", get_object=_event)
def revise(request, slug):
    """The organisation changes its proposal, sent back by staff or still waiting, and sends it
    to review again."""
    event = _event(request, slug)
    form = EventProposalForm(request.POST or None, instance=event, organisations=None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.event_revise(event=form.save(commit=False), by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                form.save_m2m()
                messages.success(request, _("Thank you: city staff will review the event again."))
                return redirect(event)
        messages.error(request, _("Please correct the errors below."))
    return render(request, "events/propose.html", {"form": form, "event": event})


@rule_required("events.review_proposals")
def proposals(request):
    waiting = (
        Event.objects.filter(status=Event.Status.PROPOSED)
        .prefetch_related("organisers")
        .order_by("created_at", "pk")
    )
    return render(request, "events/proposals.html", {"events": waiting})


@require_POST
@rule_required("events.review_proposals")
def review(request, slug):
    event = get_object_or_404(Event, slug=slug)
    publish = request.POST.get("decision") == "publish"
    try:
        services.event_review(
            event=event, by=request.user, publish=publish, message=request.POST.get("message", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            (_("“%(title)s” is published.") if publish else _("“%(title)s” was sent back."))
            % {"title": event.title},
        )
    return redirect("events:proposals")
