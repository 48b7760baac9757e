"""The moderators' side of the forum (DESIGN.md §4): the queue of flagged and held posts, what
they do to a post or a topic, and the log of what was done. Every change goes through
stakeholders/forum/services.py, which records it, with the reason, in the audit trail."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learningcity.permissions import rule_required
from learningcity.shortcuts import plain_number
from stakeholders.forum import services
from stakeholders.forum.models import Category, Post, Topic
from stakeholders.forum.moderation_forms import POST_FORMS, TopicModerationForm, post_forms
from stakeholders.forum.moderation_selectors import (
    flag_summary,
    moderation_log,
    moderation_queue,
    posts_for_moderation,
    target_model,
)

QUEUE_PAGE_SIZE = 20
LOG_PAGE_SIZE = 50


def _next(request, default):
    """Where to go back to: the page the form was on, when it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _with_flags(post):
    post.flag_reasons = flag_summary(post.open_flags)
    return post


def _failed(request):
    messages.error(request, _("Please correct the errors below."))


@rule_required("forum.moderate")
def queue(request):
    page = Paginator(moderation_queue(), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    for post in page.object_list:
        _with_flags(post)
        post.moderation_forms = post_forms(post, flagged=bool(post.open_flags))
    return render(request, "forum/moderation/queue.html", {"page": page})


def _hide(post, by, reason):
    services.post_hide(post=post, by=by, reason=reason)
    return _("The post is hidden; the flags on it are closed.")


def _unhide(post, by, reason):
    services.post_unhide(post=post, by=by, reason=reason)
    return _("The post is shown again.")


def _keep(post, by, reason):
    closed = services.flags_dismiss(post=post, by=by, reason=reason)
    if not closed:
        return _("The post had no open flags; nothing changed.")
    return ngettext(
        "The post is kept as it is; its flag is closed.",
        "The post is kept as it is; its %(count)d flags are closed.",
        closed,
    ) % {"count": closed}


def _approve(post, by, reason):
    if post.status != Post.Status.PENDING:
        # Another moderator got there first.
        return _("The post was no longer waiting for review; nothing changed.")
    services.post_approve(post=post, by=by)
    return _("The post is approved: everyone can read it now.")


POST_ACTIONS = {"hide": _hide, "unhide": _unhide, "keep": _keep, "approve": _approve}


@rule_required("forum.moderate")
def post_moderate(request, pk):
    """GET: a post with its flags and what can be done to it. POST: do it (`action`), then go
    back; a refused form is shown again here, with what was typed."""
    post = _with_flags(get_object_or_404(posts_for_moderation(), pk=pk))
    back = _next(request, reverse("forum:moderation"))
    bound = None
    status = 200
    if request.method == "POST":
        status = 400
        form_class = POST_FORMS.get(request.POST.get("action"))
        if form_class is None:
            messages.error(request, _("Choose what to do with the post."))
        else:
            bound = form_class(request.POST, post=post)
            if bound.is_valid():
                try:
                    message = POST_ACTIONS[bound.action](
                        post, request.user, bound.cleaned_data.get("reason", "")
                    )
                except ValidationError as error:
                    bound.add_error(None, error)
                else:
                    messages.success(request, message)
                    return redirect(back)
            _failed(request)
    forms = post_forms(post, flagged=bool(post.open_flags), bound=bound)
    return render(
        request,
        "forum/moderation/post.html",
        {"post": post, "forms": forms, "next": back},
        status=status,
    )


def _topic_message(action, topic, category):
    if action == "move":
        return _("The topic is now in “%(category)s”.") % {"category": category}
    return {
        "lock": _("The topic is locked: nobody can reply to it any more."),
        "unlock": _("The topic is open for replies again."),
        "pin": _("The topic is pinned to the top of its category."),
        "unpin": _("The topic is no longer pinned."),
    }[action]


@rule_required("forum.moderate")
def topic_moderate(request, pk):
    """Lock, unlock, pin, unpin or move a topic. The tools sit on the topic page
    (forum/_moderation_tools.html); a refused form is shown again here."""
    topic = get_object_or_404(Topic.objects.select_related("category"), pk=pk)
    back = _next(request, topic.get_absolute_url())
    form = TopicModerationForm(request.POST or None, topic=topic)
    if request.method == "POST":
        if form.is_valid():
            action = form.cleaned_data["action"]
            category = form.cleaned_data["category"]
            reason = form.cleaned_data["reason"]
            if action == "move":
                services.topic_move(topic=topic, category=category, by=request.user, reason=reason)
            else:
                services.topic_moderate(topic=topic, by=request.user, action=action, reason=reason)
            messages.success(request, _topic_message(action, topic, category))
            return redirect(back)
        _failed(request)
    return render(
        request,
        "forum/moderation/topic.html",
        {"topic": topic, "form": form, "next": back, "categories": Category.objects.all()},
        status=400 if request.method == "POST" else 200,
    )


LOG_LINKS = {Post: "forum:post", Topic: "forum:topic-short"}


def _log_entry(entry):
    url_name = LOG_LINKS.get(target_model(entry))
    pk = plain_number(entry.target_id)
    entry.target_url = reverse(url_name, args=[pk]) if url_name and pk is not None else ""
    changes = entry.changes or {}
    entry.reason = (changes.get("reason") or [None, ""])[-1]
    entry.moved = changes.get("category") if entry.action == "forum.topic_move" else None
    return entry


@rule_required("forum.moderate")
def log(request):
    page = Paginator(moderation_log(), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        _log_entry(entry)
    return render(request, "forum/moderation/log.html", {"page": page})
