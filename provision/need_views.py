"""Learning needs (anyone tells the city what they would like to learn; city staff read them
in figures and one by one, and answer), and the pages for each target group with its gaps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from learningcity.models import TargetGroup
from learningcity.permissions import rule_required
from provision import selectors, services
from provision.filters import NeedFilter
from provision.forms import NeedForm, NeedResponseForm
from provision.views import filtered_page, paginated


def need_new(request):
    """Anyone, signed in or not, tells what they would like to learn and what stops them."""
    form = NeedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            if not form.is_robot:
                need = form.save(commit=False)
                services.need_submit(
                    need=need, target_groups=form.cleaned_data["target_groups"], by=request.user
                )
            messages.success(
                request,
                _(
                    "Thank you. City staff read every learning need; they count in where new "
                    "courses are planned."
                ),
            )
            return redirect("provision:need-new")
        messages.error(request, _("Please correct the errors below."))
    return render(request, "provision/needs/new.html", {"form": form})


@rule_required("provision.handle_needs")
def needs(request):
    """The needs in figures (by subject, district, barrier and target group), filtered as staff
    choose, then one by one, newest first."""
    found, page = filtered_page(request, NeedFilter, selectors.needs_for_staff())
    context = {"filter": found, "page": page, "summary": selectors.needs_summary(found.qs)}
    return render(request, "provision/needs/list.html", context)


@rule_required("provision.handle_needs")
def need(request, pk):
    """One need as it was sent, and the staff's answer to it."""
    found = selectors.need_for_staff(pk)
    if found is None:
        raise Http404
    form = NeedResponseForm(request.POST if request.method == "POST" else None, instance=found)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.need_respond(
                    need=found,
                    status=form.cleaned_data["status"],
                    response=form.cleaned_data["response"],
                    opportunities=form.cleaned_data["opportunities"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The answer is saved."))
                return redirect("provision:needs")
        messages.error(request, _("Please correct the errors below."))
    return render(request, "provision/needs/detail.html", {"need": found, "form": form})


def groups(request):
    """The target groups, each with how much is especially for it and the needs still open."""
    offered = selectors.opportunities_by_target_group()
    needs = selectors.needs_by_target_group()
    rows = [(group, count, needs.get(group.pk, {}).get("open", 0)) for group, count in offered]
    rows.sort(key=lambda row: str(row[0]))
    return render(request, "provision/groups/index.html", {"rows": rows})


def group(request, slug):
    """What is published especially for one group, where, and the gaps: districts where people
    of the group wait for an answer and nothing is especially for them."""
    target_group = get_object_or_404(TargetGroup, slug=slug)
    opportunities, spaces = selectors.for_group(target_group)
    context = {
        "group": target_group,
        "page": paginated(request, opportunities),
        "spaces": spaces,
        "gaps": selectors.target_group_gaps(target_group),
    }
    return render(request, "provision/groups/detail.html", context)
