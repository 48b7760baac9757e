"""A person's notifications: the recent ones, how often each kind reaches them by e-mail, and the
one-click unsubscribe their e-mails link to."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from learningcity.models import Frequency, Notification
from learningcity.notifications import (
    BadToken,
    notification_preferences_set,
    notifications_mark_read,
    notifications_unsubscribe,
    preferences_of,
    unsubscribe_read,
)
from learningcity.permissions import rule_required
from learningcity.registry import registry

RECENT = 50


class PreferencesForm(forms.Form):
    """One choice of frequency per registered kind, named after the kind's key."""

    def __init__(self, *args, initial_frequencies, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in registry.notification_kind_list():
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.title,
                help_text=kind.description,
                choices=Frequency.choices,
                initial=initial_frequencies[kind.key],
            )


@rule_required("city.view_profile")
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, initial_frequencies=preferences_of(request.user))
    if request.method == "POST":
        if form.is_valid():
            notification_preferences_set(user=request.user, frequencies=form.cleaned_data)
            messages.success(request, _("Your notification choices were saved."))
            return redirect("account_notifications")
        messages.error(request, _("Please correct the errors below."))
    return render(request, "notifications/preferences.html", {"form": form})


@rule_required("city.view_profile")
@require_http_methods(["GET", "POST"])
def notification_list(request):
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        messages.success(request, _("All your notifications are marked as read."))
        return redirect("notifications")
    recent = list(Notification.objects.filter(recipient=request.user)[:RECENT])
    # All of them, not only the recent ones listed; the header's count reads it from here.
    request._unread_notifications = (
        Notification.objects.filter(recipient=request.user).unread().count()
    )
    return render(
        request,
        "notifications/list.html",
        {"notifications": recent, "unread": request._unread_notifications},
    )


# RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to the link with no cookie and no CSRF
# token; the signed token is what proves the request. GET only shows a button, so link scanners
# that open every link in an e-mail unsubscribe nobody.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user, kinds = unsubscribe_read(token)
    except BadToken:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    done = False
    if request.method == "POST":
        notifications_unsubscribe(user=user, kinds=[kind.key for kind in kinds])
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kinds": kinds, "done": done, "token": token},
    )
