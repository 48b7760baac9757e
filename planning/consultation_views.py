"""Naming the themes: a consultation where city leaders propose, comment and rank challenges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import can, deny, rule_required
from learningcity.shortcuts import plain_number, posted_object_or_404
from planning import services
from planning.forms import (
    CommentForm,
    ConsultationForm,
    ConsultationInviteForm,
    ProposalForm,
    ThemeFromProposalsForm,
)
from planning.models import Consultation, ConsultationParticipant, Proposal
from planning.selectors import consultation_board


def _consultation(request, pk, **kwargs):
    return get_object_or_404(Consultation, pk=pk)


@rule_required("planning.run_consultation")
def consultations(request):
    form = ConsultationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            consultation = services.consultation_create(
                consultation=form.save(commit=False), by=request.user
            )
            messages.success(request, _("The consultation is open. Now invite the participants."))
            return redirect(consultation)
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "planning/consultations.html",
        {"consultations": Consultation.objects.all(), "form": form},
    )


def consultation(request, pk):
    item = _consultation(request, pk)
    if not can(request.user, "planning.take_part", item):
        return deny(request)
    me = item.participants.filter(user=request.user).first()
    my_scores = {score.proposal_id: score.points for score in me.scores.all()} if me else {}
    context = {
        "consultation": item,
        "me": me,
        "my_scores": my_scores,
        "proposal_form": ProposalForm(),
        "comment_form": CommentForm(),
        "may_run": can(request.user, "planning.run_consultation"),
        **consultation_board(item),
    }
    if context["may_run"]:
        context["participants"] = item.participants.select_related("sector", "user")
        context["invite_form"] = ConsultationInviteForm()
        context["theme_form"] = ThemeFromProposalsForm(consultation=item)
    return render(request, "planning/consultation.html", context)


def _participant(request, item):
    return (
        item.participants.filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )


def _form_messages(form, *, missing):
    """What was wrong with one of the page's small forms, as messages: `missing` for an empty
    required field, otherwise each error after its field's label (e.g. a text too long)."""
    errors = form.errors.as_data()
    if any(error.code == "required" for field in errors.values() for error in field):
        return [missing]
    return [
        f"{form[name].label}: {message}"
        for name, field_errors in form.errors.items()
        for message in field_errors
    ]


@require_POST
def consultation_act(request, pk):
    """Propose, comment or score: the three things a participant does, each a small form."""
    item = _consultation(request, pk)
    me = _participant(request, item)
    if me is None:
        return deny(request)
    action = request.POST.get("do")
    try:
        if action == "propose":
            form = ProposalForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    _form_messages(form, missing=_("Give the challenge a title."))
                )
            services.proposal_create(participant=me, **form.cleaned_data)
            messages.success(request, _("Your proposal was added."))
        elif action == "comment":
            proposal = posted_object_or_404(request, Proposal, "proposal", consultation=item)
            form = CommentForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_form_messages(form, missing=_("Write a comment first.")))
            services.proposal_comment(
                participant=me, proposal=proposal, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Your comment was added."))
        elif action == "score":
            proposal = posted_object_or_404(request, Proposal, "proposal", consultation=item)
            points = plain_number(request.POST.get("points", ""), highest=5)
            if not points:
                raise ValidationError(_("Choose an importance from 1 to 5."))
            services.proposal_score(participant=me, proposal=proposal, points=points)
            messages.success(request, _("Your ranking was saved."))
        else:
            raise ValidationError(_("Unknown request."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(item)


@require_POST
@rule_required("planning.run_consultation")
def consultation_invite(request, pk):
    item = _consultation(request, pk)
    form = ConsultationInviteForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_invite(consultation=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The invitation was sent."))
    else:
        messages.error(request, _("Give a valid e-mail address and a sector."))
    return redirect(item)


@require_POST
@rule_required("planning.run_consultation")
def consultation_theme(request, pk):
    item = _consultation(request, pk)
    form = ThemeFromProposalsForm(request.POST, consultation=item)
    if form.is_valid():
        try:
            theme = services.theme_from_proposals(
                plan=form.cleaned_data["plan"],
                proposals=list(form.cleaned_data["proposals"]),
                title=form.cleaned_data["title"],
                challenge=form.cleaned_data["challenge"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("“%(theme)s” is now a theme of the draft plan.") % {"theme": theme}
            )
            return redirect(theme.plan.get_absolute_url())
    else:
        messages.error(request, _("Choose a draft plan, one or more proposals and a title."))
    return redirect(item)


@login_required
def consultation_join(request, token):
    participant = get_object_or_404(
        ConsultationParticipant.objects.select_related("consultation"), token=token
    )
    if request.method == "POST":
        try:
            services.consultation_join(participant=participant, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Welcome to the consultation."))
            return redirect(participant.consultation)
    return render(request, "planning/consultation_join.html", {"participant": participant})
