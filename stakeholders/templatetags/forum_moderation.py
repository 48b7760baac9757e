"""`{% post_moderation_forms post as forms %}`: the moderation forms that fit a post, for the
per-post tools on the topic page (forum/_post_moderation.html). Asks no query: whether the post
is flagged is left to the queue, which has its flags at hand."""

from django import template

from learningcity.permissions import can
from stakeholders.forum.moderation_forms import post_forms

register = template.Library()


@register.simple_tag(takes_context=True)
def post_moderation_forms(context, post):
    if not can(context["request"].user, "forum.moderate"):
        return []
    return post_forms(post, flagged=False)
