"""The kinds of notification planning sends (learningcity.notifications.notify)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

STOCKTAKE_REVIEWED = "planning.stocktake_reviewed"
CONSULTATION_INVITED = "planning.consultation_invited"
WORKSHOP_PLACE = "planning.workshop_place"
CONTACT_CHOSEN = "planning.contact_chosen"
UPDATE_REVIEWED = "planning.update_reviewed"


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
