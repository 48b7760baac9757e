"""Organisations apply to exhibit at a learning festival; staff review in the administration."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from events import selectors, services
from events.forms import ExhibitorApplicationForm, ExhibitorCallForm
from events.models import Event
from events.rules import exhibiting_organisations
from learningcity.permissions import rule_required
from stakeholders.models import Organisation


@rule_required("events.apply_to_exhibit")
def apply(request, slug):
    event = selectors.event_page(request.user, slug)
    if event is None:
        raise Http404
    problem = event.exhibitor_problem()
    organisations = Organisation.objects.filter(pk__in=exhibiting_organisations(request.user))
    form = ExhibitorApplicationForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and not problem:
        if form.is_valid():
            application = form.save(commit=False)
            application.event = event
            try:
                services.exhibitor_apply(application=application, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Thank you: city staff will answer the application by e-mail.")
                )
                return redirect(event)
        messages.error(request, _("Please correct the errors below."))
    return render(
        request, "events/exhibit.html", {"event": event, "form": form, "problem": problem}
    )


@rule_required("events.edit_events")
def call(request, slug):
    """Staff call the verified organisations, by sector if they choose, to exhibit."""
    event = get_object_or_404(Event, slug=slug)
    form = ExhibitorCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exhibitor_call_send(
                event=event, sectors=form.cleaned_data["sectors"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The call for exhibitors is being e-mailed."))
            return redirect(event)
    calls = event.exhibitor_calls.prefetch_related("sectors")
    return render(
        request,
        "events/exhibitor_call.html",
        {"event": event, "form": form, "calls": calls, "problem": event.exhibitor_problem()},
    )
