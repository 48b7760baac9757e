"""The kinds of notification monitoring sends (learningcity.notifications.notify)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

VALUES_RETURNED = "monitoring.values_returned"
NEW_VALUE = "monitoring.new_value"
DUE_REMINDER = "monitoring.due_reminder"
REPORT_REQUESTED = "monitoring.report_requested"
REPORT_REMINDER = "monitoring.report_reminder"
BULLETIN = "monitoring.bulletin"


def register():
    registry.register_notification_kind(
        VALUES_RETURNED,
        title=_("Indicator values sent back to you"),
        description=_("City staff returned values you entered, saying what to correct."),
    )
    registry.register_notification_kind(
        NEW_VALUE,
        title=_("New values of the indicators you follow"),
        description=_("City staff approved a new value of an indicator you follow."),
    )
    registry.register_notification_kind(
        DUE_REMINDER,
        title=_("Indicator values due"),
        description=_(
            "Before and after the date the values of your organisation's indicators are due."
        ),
    )
    registry.register_notification_kind(
        REPORT_REQUESTED,
        title=_("Reports asked of your organisation"),
        description=_(
            "City staff ask your organisation what it did, learned and suggests in a period."
        ),
    )
    registry.register_notification_kind(
        REPORT_REMINDER,
        title=_("Reports of your organisation due soon"),
        description=_("A few days before a report your organisation has not written is due."),
    )
    registry.register_notification_kind(
        BULLETIN,
        title=_("The learning city's bulletin"),
        description=_(
            "About once a month, to members of verified organisations: what the programme did "
            "and the events of the coming weeks."
        ),
    )
