"""The forum's pages: read by anyone, written by people signed in. Views parse, call a service or
a selector, render; permissions are asked of the rules (stakeholders/forum/rules.py) here and
again by the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.kept import kept_section, page_shown, versions_of
from learningcity.permissions import can, deny
from learningcity.shortcuts import plain_number
from stakeholders.forum import selectors, services
from stakeholders.forum.forms import FlagForm, PostEditForm, ReplyForm, TopicForm
from stakeholders.forum.models import Category, Post, Topic


def _kept(request, name, template, context, *, page=None):
    """The forum's `template` rendered with `context()`, kept for the public per forum data
    (learningcity.kept). `page`: the context's key of a page asked for with `?page=`, kept only
    when it is the page shown."""

    def render_body():
        found = context()
        html = render_to_string(template, found, request)
        return html, page is None or page_shown(request, True, found[page])

    return kept_section(
        request,
        name,
        render_body,
        versions=versions_of(selectors.FORUM_DATA),
        parameters={"page"} if page else set(),
    )


def index(request):
    body = _kept(
        request,
        "forum:index",
        "forum/_index_body.html",
        lambda: selectors.forum_index(request.user),
    )
    return render(request, "forum/index.html", {"body": body})


def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    user = request.user
    body = _kept(
        request,
        f"forum:category:{category.pk}",
        "forum/_category_body.html",
        lambda: {"page": selectors.category_topics(category, user, request.GET.get("page"))},
        page="page",
    )
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "body": body,
            "held_topics": selectors.held_topics(user, category=category),
            "following": selectors.follows(user, category=category),
        },
    )


def _topic(request, pk):
    return get_object_or_404(
        Topic.objects.visible_to(request.user).select_related("category"), pk=pk
    )


def topic_detail(request, pk, slug=None):
    topic = _topic(request, pk)
    if slug != topic.slug:
        return redirect(topic, permanent=True)
    form = ReplyForm(user=request.user) if can(request.user, "forum.reply", topic) else None
    return _topic_page(request, topic, request.GET.get("page"), form)


def _topic_page(request, topic, page_number, form, status=200):
    """The topic's page: one page of its posts, the reply form, and the moderators' tools."""
    user = request.user
    context = {"topic": topic, "form": form}
    if can(user, "forum.moderate"):
        context["categories"] = list(Category.objects.order_by("order", "pk"))

    def body_context():
        return {**context, "page": selectors.topic_posts(topic, user, page_number)}

    # Kept for the public's GET (a reply that failed is a signed-in person's POST).
    context["body"] = _kept(
        request, f"forum:topic:{topic.pk}", "forum/_topic_body.html", body_context, page="page"
    )
    context["following"] = selectors.follows(user, topic=topic)
    context["about"] = topic.about
    return render(request, "forum/topic.html", context, status=status)


def _failed(request, form, error):
    """Put a service's refusal onto the form; tell the person what to correct."""
    fields = getattr(error, "error_dict", {})
    if any(name not in form.fields for name in fields):
        form.add_error(None, ValidationError([m for e in fields.values() for m in e]))
    else:
        form.add_error(None, error)
    messages.error(request, _("Please correct the errors below."))
    return 429 if getattr(error, "code", None) == "rate_limited" else 400


def _about(request):
    """The object a new topic is about, from `?about=<app>.<model>:<pk>`; None when absent."""
    value = request.GET.get("about") or request.POST.get("about") or ""
    if not value:
        return None
    label, _sep, pk = value.partition(":")
    app_label, _dot, model = label.partition(".")
    pk = plain_number(pk)
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        raise Http404 from None
    rows = services.discussable(request.user).get(content_type.model_class())
    if pk is None or rows is None:
        raise Http404
    return get_object_or_404(rows, pk=pk)


def topics_about_view(request):
    """Every topic about one object of the programme (`?about=<app>.<model>:<pk>`)."""
    about = _about(request)
    if about is None:
        raise Http404
    topics = selectors.topics_about_page(about, request.user, request.GET.get("page"))
    return render(
        request,
        "forum/about.html",
        {"about": about, "page": topics, "about_value": request.GET["about"]},
    )


@login_required
def topic_new(request):
    about = _about(request)
    category = Category.objects.filter(slug=request.GET.get("category") or "").first()
    form = TopicForm(
        request.POST or None,
        user=request.user,
        initial={"category": category} if category else {},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                topic = services.topic_start(
                    category=data["category"],
                    title=data["title"],
                    body=data["body"],
                    language=data["language"],
                    organisation=data.get("organisation"),
                    about=about,
                    by=request.user,
                )
            except ValidationError as error:
                status = _failed(request, form, error)
            else:
                _tell_if_held(request, topic.status == Topic.Status.PENDING)
                return redirect(topic)
        else:
            messages.error(request, _("Please correct the errors below."))
            status = 400
    return render(
        request,
        "forum/topic_form.html",
        {"form": form, "about": about, "about_value": request.GET.get("about", "")},
        status=status,
    )


def _tell_if_held(request, held):
    if held:
        messages.info(
            request,
            _(
                "Thank you. Posts of new accounts wait for a moderator: yours will be public "
                "once approved. Until then only you and the moderators see it."
            ),
        )
    else:
        messages.success(request, _("Your post is published."))


@require_POST
def topic_reply(request, pk):
    topic = _topic(request, pk)
    if not can(request.user, "forum.reply", topic):
        if request.user.is_authenticated and topic.is_locked:
            messages.error(request, _("This topic is locked: nobody can reply to it any more."))
            return redirect(topic)
        return deny(request)
    form = ReplyForm(request.POST, user=request.user)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            post = services.post_reply(
                topic=topic,
                body=data["body"],
                language=data["language"],
                organisation=data.get("organisation"),
                by=request.user,
            )
        except ValidationError as error:
            status = _failed(request, form, error)
        else:
            _tell_if_held(request, post.status == Post.Status.PENDING)
            return redirect(post)
    else:
        messages.error(request, _("Please correct the errors below."))
    # The last page, where the reply would have appeared, with the text kept in the form.
    return _topic_page(request, topic, selectors.LAST_PAGE, form, status=status)


def _follow_toggle(request, target, **kwargs):
    if not can(request.user, "forum.follow"):
        return deny(request)
    if request.POST.get("follow") == "0":
        services.unfollow(user=request.user, **kwargs)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": target})
    else:
        services.follow(user=request.user, **kwargs)
        messages.success(
            request,
            _(
                "You follow %(name)s. Choose how you hear of new posts in your notification "
                "settings."
            )
            % {"name": target},
        )
    return redirect(target)


@require_POST
def topic_follow(request, pk):
    topic = _topic(request, pk)
    return _follow_toggle(request, topic, topic=topic)


@require_POST
def category_follow(request, slug):
    category = get_object_or_404(Category, slug=slug)
    return _follow_toggle(request, category, category=category)


def _post(request, pk):
    """A post `request.user` may read, in a topic they may read; else a 404."""
    readable = Post.objects.readable_by(request.user).filter(
        topic__in=Topic.objects.visible_to(request.user)
    )
    return get_object_or_404(readable.select_related("topic__category", "author"), pk=pk)


def post_link(request, pk):
    """A post's permanent address: its topic's page where it is shown, at its anchor."""
    post = _post(request, pk)
    page = selectors.page_of_post(post, request.user)
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{post.topic.get_absolute_url()}{query}#post-{post.number}")


def post_edit_view(request, pk):
    post = _post(request, pk)
    if not can(request.user, "forum.edit_post", post):
        if request.user.is_authenticated and post.author_id == request.user.pk:
            raise PermissionDenied(_("The time to edit this post is over."))
        return deny(request)
    initial = {"body": post.body, "language": post.language, "title": post.topic.title}
    form = PostEditForm(request.POST or None, post=post, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_edit(
                    post=post,
                    body=form.cleaned_data["body"],
                    language=form.cleaned_data["language"],
                    title=form.cleaned_data.get("title"),
                    by=request.user,
                )
            except ValidationError as error:
                status = _failed(request, form, error)
            else:
                messages.success(request, _("Your post is updated."))
                return redirect(post)
        else:
            messages.error(request, _("Please correct the errors below."))
            status = 400
    return render(request, "forum/post_edit.html", {"post": post, "form": form}, status=status)


@require_POST
def post_hide_own(request, pk):
    post = _post(request, pk)
    if not can(request.user, "forum.hide_own_post", post):
        return deny(request)
    services.post_hide_by_author(post=post, by=request.user)
    messages.success(request, _("Your post is hidden. It shows as “hidden by its author”."))
    return redirect(post)


@login_required
def post_flag_view(request, pk):
    post = _post(request, pk)
    if not can(request.user, "forum.flag", post):
        return deny(request)
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.post_flag(
                post=post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
            messages.success(request, _("Thank you. The moderators will look at this post soon."))
            return redirect(post)
        messages.error(request, _("Please correct the errors below."))
        status = 400
    return render(request, "forum/post_flag.html", {"post": post, "form": form}, status=status)


def post_history(request, pk):
    post = _post(request, pk)
    if post.is_hidden and not can(request.user, "forum.moderate"):
        raise Http404
    return render(
        request,
        "forum/post_history.html",
        {"post": post, "versions": selectors.post_versions(post)},
    )
