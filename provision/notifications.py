"""The kinds of notification provision sends (learningcity.notifications.notify)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

RATING_PUBLISHED = "provision.rating_published"
NEED_ANSWERED = "provision.need_answered"


def register():
    registry.register_notification_kind(
        RATING_PUBLISHED,
        title=_("Ratings of the learning opportunities your organisation offers"),
        description=_("A learner's rating was published, so you can answer it."),
    )
    registry.register_notification_kind(
        NEED_ANSWERED,
        title=_("Answers to the learning needs you told the city"),
        description=_("City staff answered what you would like to learn."),
    )


SUPPORT_REQUEST_CHANGED = "provision.support_request_changed"
BARRIER_ANSWERED = "provision.barrier_answered"


def register_learning_orgs():
    registry.register_notification_kind(
        SUPPORT_REQUEST_CHANGED,
        title=_("Your organisation's requests for support as a learning organisation"),
        description=_("A request was sent, taken up or answered by city staff."),
    )
    registry.register_notification_kind(
        BARRIER_ANSWERED,
        title=_("Answers to the barriers you reported at learning spaces"),
        description=_("City staff answered or resolved a barrier you told them of."),
    )
