"""The kinds of notification stakeholders sends (learningcity.notifications.notify)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

ORGANISATION_VERIFIED = "stakeholders.organisation_verified"
ORGANISATION_REJECTED = "stakeholders.organisation_rejected"
INVITED = "stakeholders.invited"


def register():
    registry.register_notification_kind(
        ORGANISATION_VERIFIED,
        title=_("Your organisation is verified"),
        description=_("City staff verified an organisation you administer: it is now public."),
    )
    registry.register_notification_kind(
        ORGANISATION_REJECTED,
        title=_("Your organisation needs corrections"),
        description=_("City staff did not verify an organisation you administer, and say why."),
    )
    registry.register_notification_kind(
        INVITED,
        title=_("Invitations to join an organisation"),
        description=_(
            "An organisation invites you, at the address of your account, to become a member."
        ),
    )
