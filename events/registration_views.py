"""Registering for an event, confirming a guest's address, cancelling, and the organisers'
attendee list."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import selectors, services
from events.forms import GuestRegistrationForm
from events.models import Event, Registration
from events.views import render_event
from learningcity import csv_export
from learningcity.permissions import can, deny


def _event_or_404(request, slug):
    event = selectors.event_page(request.user, slug)
    if event is None:
        raise Http404
    return event


@require_POST
def register(request, slug):
    event = _event_or_404(request, slug)
    form = None
    try:
        if request.user.is_authenticated:
            registration = services.registration_create(
                event=event, user=request.user, language=get_language()
            )
        else:
            form = GuestRegistrationForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Please correct the errors below."))
                return render_event(request, event, form=form)
            registration = services.registration_create(
                event=event, language=get_language(), **form.cleaned_data
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render_event(request, event, form=form)
    if registration.status == Registration.Status.PENDING:
        messages.success(
            request,
            _("We sent a link to %(email)s: open it to confirm your registration.")
            % {"email": registration.email},
        )
    elif registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You have a place. We sent you the details by e-mail."))
    else:
        messages.success(
            request,
            _(
                "The event is full: you are on the waiting list. We will write if a place "
                "comes free."
            ),
        )
    return redirect(event)


def registration(request, token):
    """The page the e-mailed links open: confirm a guest's address, see the registration or
    cancel it. Whoever holds the link may act on it, as with any e-mailed link."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                registration = services.registration_confirm(registration=registration)
                messages.success(request, registration.get_status_display())
            elif action == "cancel":
                services.registration_cancel(registration=registration, by=request.user)
                messages.success(request, _("Your registration was cancelled."))
            else:
                messages.error(request, _("Choose what to do."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(registration)
    position = None
    if registration.status == Registration.Status.WAITLISTED:
        position = Registration.objects.filter(
            event=registration.event,
            status=Registration.Status.WAITLISTED,
            requested_at__lte=registration.requested_at,
        ).count()
    return render(
        request,
        "events/registration.html",
        {"registration": registration, "event": registration.event, "position": position},
    )


def attendees_csv(request, slug):
    """The event's registrations, for its organisers: staff, or an admin of an organising
    organisation."""
    event = get_object_or_404(Event, slug=slug)
    if not can(request.user, "events.organise", event):
        return deny(request)
    response = csv_export.csv_response(f"{event.slug}-attendees.csv")
    writer = csv_export.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("E-mail address"),
            _("Status"),
            _("Registered"),
            _("Account"),
            _("Check-in code"),
            _("Checked in"),
        ]
    )
    for row in selectors.attendees(event):
        writer.writerow(
            [
                row.name,
                row.email,
                row.get_status_display(),
                row.requested_at.isoformat(),
                _("yes") if row.user_id else _("no"),
                row.code,
                row.checked_in_at.isoformat() if row.checked_in_at else "",
            ]
        )
    return response


def check_in(request, slug):
    """At the door, on a phone: find a person and tap to check them in, or type the code from
    their confirmation e-mail. For the event's organisers. With htmx a check-in answers with the
    desk alone (the counts, the forms and the list), so the page neither reloads nor scrolls;
    without it the form posts and the page comes back with a message."""
    event = get_object_or_404(Event, slug=slug)
    if not can(request.user, "events.organise", event):
        return deny(request)
    query = request.GET.get("q", "")[:100]
    target = reverse("events:check-in", args=[event.slug])
    if query:
        target = f"{target}?{urlencode({'q': query})}"
    news = None
    if request.method == "POST":
        by_code = request.POST.get("code") is not None
        news = _check_in(request, event, by_code=by_code)
        if request.headers.get("HX-Request") != "true":
            getattr(messages, news["level"])(request, news["text"])
            return redirect(target)
        # The next person: the code box again after a code, the search after a tap.
        news["focus"] = "code" if by_code else "search"
    places, found = selectors.check_in_list(event, query)
    come, confirmed = selectors.check_in_counts(event)
    context = {
        "event": event,
        "places": places,
        "found": found,
        "query": query,
        "come": come,
        "confirmed": confirmed,
        "shown_max": selectors.CHECK_IN_SHOWN,
        "target": target,
        "news": news,
    }
    template = "events/_check_in_desk.html" if news else "events/check_in.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _check_in(request, event, *, by_code):
    """Check in the person the form names; what to tell the organiser, as {level, text}."""
    try:
        if by_code:
            registration, now = services.registration_check_in_by_code(
                event=event, code=request.POST["code"], by=request.user
            )
        else:
            registration = get_object_or_404(
                Registration, event=event, pk=_plain_id(request.POST.get("registration"))
            )
            registration, now = services.registration_check_in(
                registration=registration, by=request.user
            )
    except ValidationError as error:
        return {"level": "error", "text": " ".join(error.messages)}
    if now:
        return {
            "level": "success",
            "text": _("%(name)s is checked in.") % {"name": registration.name},
        }
    return {
        "level": "info",
        "text": _("%(name)s was already checked in.") % {"name": registration.name},
    }


def _plain_id(value):
    """A registration's id from a form, or a 404 for anything no key can be."""
    if not (value or "").isdigit() or len(value) > 18:
        raise Http404
    return int(value)
