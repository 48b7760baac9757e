"""Public comments on a draft of the plan: staff open it for comments between two dates, anybody
signed in comments on it or on one of its parts, staff answer each comment, and once the period
has closed a public page tells what was heard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import can, deny, rule_required
from learningcity.templatetags.texts import translated
from planning import services
from planning.forms import CommentPeriodForm, DraftCommentAnswerForm, DraftCommentForm
from planning.models import ActionPlan, CommentPeriod, DraftComment
from planning.selectors import draft_comments, draft_outline, what_we_heard


def _plan_with_period(pk):
    """A version that has been opened for comments; any other is not found."""
    plan = get_object_or_404(ActionPlan.objects.select_related("comment_period"), pk=pk)
    if not hasattr(plan, "comment_period"):
        raise Http404
    return plan


def plan_comments(request, pk):
    """The comments on a version, public; while open, the form to add one."""
    plan = _plan_with_period(pk)
    period = plan.comment_period
    outline = draft_outline(plan)
    form = DraftCommentForm(request.POST or None, plan=plan, outline=outline)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return deny(request)
        if form.is_valid():
            try:
                comment = services.draft_comment_create(
                    plan=plan, by=request.user, text=form.cleaned_data["text"], **form.target()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you: your comment is published."))
                return redirect(comment)
        messages.error(request, _("Please correct the errors below."))
    may_answer = can(request.user, "planning.answer_comments")
    return render(
        request,
        "planning/draft_comments.html",
        {
            "plan": plan,
            "period": period,
            "comments": draft_comments(plan),
            "form": form,
            "may_comment": plan.status == ActionPlan.Status.DRAFT and period.is_open,
            "may_answer": may_answer,
            "answer_form": DraftCommentAnswerForm() if may_answer else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@rule_required("planning.open_for_comments")
def comment_period(request, pk):
    """Staff open a draft for comments between two dates, or move the dates."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    period = CommentPeriod.objects.filter(plan=plan).first()
    form = CommentPeriodForm(request.POST or None, instance=period)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.comment_period_set(
                    plan=plan,
                    opens_on=form.cleaned_data["opens_on"],
                    closes_on=form.cleaned_data["closes_on"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The dates for comments are saved."))
                return redirect("planning:plan-comments", plan.pk)
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "planning/comment_period.html",
        {"plan": plan, "form": form, "is_draft": plan.status == ActionPlan.Status.DRAFT},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
@rule_required("planning.answer_comments")
def comment_answer(request, pk):
    comment = get_object_or_404(DraftComment, pk=pk)
    form = DraftCommentAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.draft_comment_answer(
                comment=comment,
                by=request.user,
                answer=form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The answer is published."))
    else:
        messages.error(request, _("Choose an answer and give its reason."))
    return redirect(comment)


def heard(request, pk):
    """What we heard: public once the period has closed."""
    plan = _plan_with_period(pk)
    if not plan.comment_period.has_closed:
        raise Http404
    heard_ = what_we_heard(plan)
    unknown = _("Not known")
    tables = [
        (
            "by-theme",
            _("By theme"),
            _("Theme"),
            [
                (translated(theme, "title") if theme else _("The whole draft"), count)
                for theme, count in heard_["by_theme"]
            ],
        ),
        (
            "by-sector",
            _("By sector"),
            _("Sector"),
            [(sector or unknown, count) for sector, count in heard_["by_sector"]],
        ),
        (
            "by-district",
            _("By district"),
            _("District"),
            [(district or unknown, count) for district, count in heard_["by_district"]],
        ),
    ]
    return render(
        request,
        "planning/heard.html",
        {"plan": plan, "period": plan.comment_period, "tables": tables, **heard_},
    )
