"""Public comments on a draft: staff open a draft version of the plan, or an unpublished version
of the charter, for comments between two dates; anybody signed in comments on it (on the plan,
or on one of its parts); staff answer each comment, and once the period has closed a public page
tells what was heard.

Each view serves both kinds of version: the URL passes `kind` ("plan" or "charter")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import can, deny, rule_required
from learningcity.templatetags.texts import translated
from planning import services
from planning.forms import CommentPeriodForm, DraftCommentAnswerForm, DraftCommentForm
from planning.models import ActionPlan, Charter, CommentPeriod, DraftComment
from planning.selectors import draft_comments, draft_outline, what_we_heard

MODELS = {"plan": ActionPlan, "charter": Charter}


def _subject(kind, pk):
    return get_object_or_404(MODELS[kind].objects.select_related("comment_period"), pk=pk)


def _subject_with_period(kind, pk):
    """A version that has been opened for comments; any other is not found."""
    subject = _subject(kind, pk)
    if not hasattr(subject, "comment_period"):
        raise Http404
    return subject


# The URL names of each kind's pages: its comments, the dates for them, what was heard.
URL_NAMES = {
    "plan": ("planning:plan-comments", "planning:comment-period", "planning:heard"),
    "charter": (
        "planning:charter-comments",
        "planning:charter-comment-period",
        "planning:charter-heard",
    ),
}


def _pages(kind, subject):
    """The names and addresses a comments page shows for the version."""
    name = subject.display_title
    if kind == "plan":
        title = _("Comments on the draft “%(title)s”") % {"title": name}
        heard_title = _("What we heard on the draft “%(title)s”") % {"title": name}
    else:
        title = _("Comments on the draft charter “%(title)s”") % {"title": name}
        heard_title = _("What we heard on the draft charter “%(title)s”") % {"title": name}
    comments, period, heard_ = (reverse(name, args=[subject.pk]) for name in URL_NAMES[kind])
    return {
        "kind": kind,
        "title": title,
        "heard_title": heard_title,
        "comments_url": comments,
        "period_url": period,
        "heard_url": heard_,
    }


def plan_comments(request, pk, kind="plan"):
    """The comments on a version, public; while open, the form to add one."""
    subject = _subject_with_period(kind, pk)
    period = subject.comment_period
    outline = draft_outline(subject) if kind == "plan" else []
    form = DraftCommentForm(request.POST or None, outline=outline)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return deny(request)
        if form.is_valid():
            try:
                comment = services.draft_comment_create(
                    **{kind: subject},
                    by=request.user,
                    text=form.cleaned_data["text"],
                    **form.target(),
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
            **_pages(kind, subject),
            "subject": subject,
            "period": period,
            "comments": draft_comments(subject),
            "form": form,
            "may_comment": subject.is_draft and period.is_open,
            "may_answer": may_answer,
            "answer_form": DraftCommentAnswerForm() if may_answer else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@rule_required("planning.open_for_comments")
def comment_period(request, pk, kind="plan"):
    """Staff open a draft for comments between two dates, or move the dates."""
    subject = _subject(kind, pk)
    period = CommentPeriod.objects.filter(**{kind: subject}).first()
    form = CommentPeriodForm(request.POST or None, instance=period)
    pages = _pages(kind, subject)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.comment_period_set(
                    **{kind: subject},
                    opens_on=form.cleaned_data["opens_on"],
                    closes_on=form.cleaned_data["closes_on"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The dates for comments are saved."))
                return redirect(pages["comments_url"])
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "planning/comment_period.html",
        {**pages, "subject": subject, "form": form, "is_draft": subject.is_draft},
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


def heard(request, pk, kind="plan"):
    """What we heard: public once the period has closed."""
    subject = _subject_with_period(kind, pk)
    if not subject.comment_period.has_closed:
        raise Http404
    heard_ = what_we_heard(subject)
    unknown = _("Not known")
    tables = [
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
    if kind == "plan":
        by_theme = [
            (translated(theme, "title") if theme else _("The whole draft"), count)
            for theme, count in heard_["by_theme"]
        ]
        tables.insert(0, ("by-theme", _("By theme"), _("Theme"), by_theme))
    return render(
        request,
        "planning/heard.html",
        {
            **_pages(kind, subject),
            "subject": subject,
            "period": subject.comment_period,
            "tables": tables,
            **heard_,
        },
    )
