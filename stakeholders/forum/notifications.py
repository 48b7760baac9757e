"""The kinds of notification the forum sends (learningcity.notifications.notify)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

REPLY = "forum.reply"
NEW_TOPIC = "forum.new_topic"


def register():
    registry.register_notification_kind(
        REPLY,
        title=_("Replies in forum topics you follow"),
        description=_(
            "Someone posts in a topic you started, replied to or follow, or in a category "
            "you follow."
        ),
    )
    registry.register_notification_kind(
        NEW_TOPIC,
        title=_("New topics in forum categories you follow"),
        description=_("Someone starts a topic in a forum category you follow."),
        default="daily",
    )
