"""The forum's part of other pages: the discussion about an organisation on its page. Apps to
the right (planning...) register the same section for their objects with `discussion_section`."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry
from stakeholders.forum.models import Category, Post, Topic
from stakeholders.forum.selectors import discussion


def discussion_section(slot, *, order=90):
    registry.register_section(
        slot,
        "discussion",
        title=_("Discussion in the forum"),
        template_name="forum/_discussion.html",
        get_context=lambda request, obj: discussion(obj, request.user),
        order=order,
        follows=(Category, Topic, Post),
    )


def register():
    discussion_section("organisation_detail")
