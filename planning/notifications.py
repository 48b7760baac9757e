"""The kinds of notification planning sends (learningcity.notifications.notify)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

STOCKTAKE_REVIEWED = "planning.stocktake_reviewed"
CONSULTATION_INVITED = "planning.consultation_invited"
WORKSHOP_PLACE = "planning.workshop_place"
CONTACT_CHOSEN = "planning.contact_chosen"
UPDATE_REVIEWED = "planning.update_reviewed"
MILESTONE_REMINDER = "planning.milestone_reminder"
ACTION_QUIET = "planning.action_quiet"
QUIET_SUMMARY = "planning.quiet_summary"
COMMENT_ANSWERED = "planning.comment_answered"


def register():
    registry.register_notification_kind(
        STOCKTAKE_REVIEWED,
        title=_("Your stock-taking entries are reviewed"),
        description=_(
            "City staff accepted, merged or rejected an activity you submitted to the inventory."
        ),
    )
    registry.register_notification_kind(
        CONSULTATION_INVITED,
        title=_("Invitations to a consultation"),
        description=_(
            "City staff invite you, at the address of your account, to name the city's "
            "challenges in a consultation."
        ),
    )
    registry.register_notification_kind(
        WORKSHOP_PLACE,
        title=_("A place in a workshop for your organisation"),
        description=_(
            "Your organisation was on a workshop's waiting list and a place freed up for it."
        ),
    )
    registry.register_notification_kind(
        CONTACT_CHOSEN,
        title=_("You are a contact person of an action"),
        description=_(
            "City staff or your organisation's admin chose you to keep an action of the plan up "
            "to date."
        ),
    )
    registry.register_notification_kind(
        UPDATE_REVIEWED,
        title=_("Your progress updates are reviewed"),
        description=_("City staff published a progress update you wrote, or returned it to you."),
    )
    registry.register_notification_kind(
        MILESTONE_REMINDER,
        title=_("Milestones of your actions due soon or overdue"),
        description=_(
            "For the actions you are a contact person of: a milestone due within a week, and a "
            "milestone past its date and not marked done."
        ),
    )
    registry.register_notification_kind(
        ACTION_QUIET,
        title=_("Actions of yours without a progress update"),
        description=_(
            "An action you are a contact person of has had no progress update for the number of "
            "days the plan sets."
        ),
    )
    registry.register_notification_kind(
        QUIET_SUMMARY,
        title=_("Weekly summary of quiet actions (city staff)"),
        description=_("Every Monday, the actions of the plan that have gone quiet."),
    )
    registry.register_notification_kind(
        COMMENT_ANSWERED,
        title=_("Answers to your comments on a draft plan"),
        description=_(
            "City staff answered a comment you made on a draft of the plan: taken up, considered "
            "or not taken, with the reason."
        ),
    )
