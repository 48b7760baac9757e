"""Feedback: the public page of what we have heard and what we did, where anyone leaves
feedback, and city staff's pages to moderate and answer it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import rule_required
from monitoring import feedback_services as services
from monitoring.feedback_forms import AnswerForm, FeedbackForm, HideForm
from monitoring.models import Feedback

PER_PAGE = 20
LINKED = ("action", "objective__plan", "indicator")


def feedback(request):
    """What we have heard and what we did: published feedback with its answers, and the form."""
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thanks = _("Thank you: city staff will read your feedback before it is published.")
        if form.is_spam:
            messages.success(request, thanks)
            return redirect("monitoring:feedback")
        try:
            services.feedback_submit(
                text=form.cleaned_data["text"],
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
                author=request.user,
                language=get_language(),
            )
            messages.success(request, thanks)
            return redirect("monitoring:feedback")
        except ValidationError as error:
            form.add_error(None, error)
    published = Feedback.objects.published().select_related(*LINKED)
    page = Paginator(published, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "monitoring/feedback.html", {"form": form, "page": page})


@rule_required("monitoring.moderate_feedback")
def feedback_review(request):
    """Staff's list: feedback waiting first, then the rest, newest first."""
    status = request.GET.get("status") or Feedback.Status.WAITING
    if status not in Feedback.Status.values:
        status = Feedback.Status.WAITING
    items = Feedback.objects.filter(status=status).select_related(*LINKED)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/feedback_review.html",
        {"page": page, "status": status, "statuses": Feedback.Status.choices},
    )


def _feedback(pk):
    return get_object_or_404(Feedback.objects.select_related(*LINKED, "author"), pk=pk)


@rule_required("monitoring.moderate_feedback")
def feedback_moderate(request, pk):
    """One piece of feedback: publish it or hide it with a reason, and answer it."""
    item = _feedback(pk)
    hide_form = HideForm(prefix="hide")
    answer_form = AnswerForm(
        prefix="answer",
        initial={
            "answer": item.answer,
            "action": item.action_id,
            "objective": item.objective_id,
            "indicator": item.indicator_id,
        },
    )
    if request.method == "POST":
        try:
            if "publish" in request.POST:
                services.feedback_publish(feedback=item, by=request.user)
                messages.success(request, _("The feedback is published."))
                return redirect("monitoring:feedback-moderate", item.pk)
            if "hide" in request.POST:
                hide_form = HideForm(request.POST, prefix="hide")
                if hide_form.is_valid():
                    services.feedback_hide(
                        feedback=item, reason=hide_form.cleaned_data["reason"], by=request.user
                    )
                    messages.success(request, _("The feedback is hidden; it is kept."))
                    return redirect("monitoring:feedback-moderate", item.pk)
            if "answer" in request.POST:
                answer_form = AnswerForm(request.POST, prefix="answer")
                if answer_form.is_valid():
                    services.feedback_answer(
                        feedback=item, by=request.user, **answer_form.cleaned_data
                    )
                    messages.success(request, _("The answer is saved."))
                    return redirect("monitoring:feedback-moderate", item.pk)
            messages.error(request, _("Please correct the form below."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "monitoring/feedback_moderate.html",
        {"item": item, "hide_form": hide_form, "answer_form": answer_form},
    )


@require_POST
@rule_required("monitoring.moderate_feedback")
def feedback_publish(request, pk):
    """Publish from the list, in one step."""
    item = _feedback(pk)
    services.feedback_publish(feedback=item, by=request.user)
    messages.success(request, _("The feedback is published."))
    return redirect("monitoring:feedback-review")
