"""The bulletin's pages: the public archive of sent bulletins and each one; city staff draft a
bulletin for a period (prefilled), edit it and send it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import can, rule_required
from monitoring import bulletins
from monitoring.bulletin_forms import BulletinForm, BulletinPeriodForm
from monitoring.bulletin_models import Bulletin

SEND = "monitoring.send_bulletins"


def _visible(user):
    return Bulletin.objects.all() if can(user, SEND) else Bulletin.objects.sent()


def bulletin_list(request):
    may_send = can(request.user, SEND)
    start, end = bulletins.last_month(timezone.localdate())
    return render(
        request,
        "monitoring/bulletins/list.html",
        {
            "bulletins": _visible(request.user).only(
                "pk",
                "title",
                "title_es",
                "title_en",
                "period_start",
                "period_end",
                "sent_at",
                "recipients",
            ),
            "may_send": may_send,
            "form": BulletinPeriodForm(initial={"period_start": start, "period_end": end})
            if may_send
            else None,
        },
    )


@require_POST
@rule_required(SEND)
def bulletin_new(request):
    form = BulletinPeriodForm(request.POST)
    if form.is_valid():
        bulletin = bulletins.bulletin_draft(by=request.user, **form.cleaned_data)
        messages.success(request, _("The draft is ready: read it, edit it, then send it."))
        return redirect("monitoring:bulletin-edit", bulletin.pk)
    messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "monitoring/bulletins/list.html",
        {"bulletins": _visible(request.user), "may_send": True, "form": form},
        status=400,
    )


def bulletin_detail(request, pk):
    bulletin = get_object_or_404(_visible(request.user), pk=pk)
    return render(
        request,
        "monitoring/bulletins/detail.html",
        {"bulletin": bulletin, "may_send": can(request.user, SEND)},
    )


@rule_required(SEND)
def bulletin_edit(request, pk):
    bulletin = get_object_or_404(Bulletin, pk=pk)
    if bulletin.is_sent:
        messages.error(request, _("A sent bulletin never changes."))
        return redirect(bulletin)
    form = BulletinForm(request.POST or None, instance=Bulletin.objects.get(pk=pk))
    if request.method == "POST":
        if form.is_valid():
            try:
                bulletins.bulletin_update(bulletin=bulletin, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The bulletin is saved."))
                return redirect(bulletin)
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "monitoring/bulletins/edit.html",
        {"form": form, "bulletin": bulletin, "recipients": bulletins.recipients().count()},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@rule_required(SEND)
def bulletin_send(request, pk):
    bulletin = get_object_or_404(Bulletin, pk=pk)
    try:
        bulletin = bulletins.bulletin_send(bulletin=bulletin, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The bulletin is on its way to %(count)s people.") % {"count": bulletin.recipients},
        )
    return redirect(bulletin)
