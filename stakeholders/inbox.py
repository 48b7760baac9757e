"""What waits for whom in stakeholders: organisations to verify, invitations to answer."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.models import User
from learningcity.permissions import ORG_ADMIN, can, organisation_roles
from learningcity.registry import InboxEntry, InboxItem, registry
from stakeholders.models import Membership, Organisation, OrganisationInvitation
from stakeholders.selectors import pending_organisations


def _date(value):
    return formats.date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")


def _to_verify(user):
    return pending_organisations() if can(user, "stakeholders.verify_organisation") else None


def _open_invitations():
    return OrganisationInvitation.objects.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    )


def _sent(user):
    """The open invitations of the organisations `user` administers, whoever of their admins
    sent them: until accepted, the admins may have to remind the person or invite again."""
    administered = [pk for pk, role in organisation_roles(user).items() if role == ORG_ADMIN]
    if not administered:
        return None
    return _open_invitations().filter(organisation_id__in=administered)


def _received(user):
    """Open invitations to an address `user` has confirmed, unless accepting would change
    nothing (already an admin, or already a member invited as a member)."""
    if not user.is_authenticated:
        return None
    roles = organisation_roles(user)
    confirmed = EmailAddress.objects.filter(
        user=user, verified=True, email__iexact=OuterRef("email")
    )
    return (
        _open_invitations()
        .filter(Exists(confirmed))
        .exclude(organisation_id__in=[pk for pk, role in roles.items() if role == ORG_ADMIN])
        .exclude(Q(organisation_id__in=list(roles)) & Q(role=Membership.Role.MEMBER))
    )


def _count(select):
    def count(user):
        queryset = select(user)
        return None if queryset is None else queryset.count()

    return count


def to_verify_items(user, limit):
    organisations = _to_verify(user)
    if organisations is None:
        return None
    queue = reverse("stakeholders:verification")
    return InboxEntry(
        count=organisations.count(),
        items=tuple(
            InboxItem(
                title=organisation.name,
                url=f"{queue}#organisation-{organisation.slug}",
                detail=_("%(sector)s · registered on %(date)s")
                % {"sector": organisation.sector, "date": _date(organisation.created_at)},
            )
            for organisation in organisations[:limit]
        ),
        url=queue,
    )


def sent_items(user, limit):
    invitations = _sent(user)
    if invitations is None:
        return None
    return InboxEntry(
        count=invitations.count(),
        items=tuple(
            InboxItem(
                title=invitation.email,
                url=reverse("stakeholders:members", args=[invitation.organisation.slug])
                + "#invitations",
                detail=_("To %(organisation)s as %(role)s · expires on %(date)s")
                % {
                    "organisation": invitation.organisation.name,
                    "role": invitation.get_role_display().lower(),
                    "date": _date(invitation.expires_at),
                },
            )
            for invitation in invitations.select_related("organisation").order_by(
                "expires_at", "pk"
            )[:limit]
        ),
    )


def received_items(user, limit):
    invitations = _received(user)
    if invitations is None:
        return None
    return InboxEntry(
        count=invitations.count(),
        items=tuple(
            InboxItem(
                title=_("Join %(organisation)s") % {"organisation": invitation.organisation.name},
                url=invitation.get_absolute_url(),
                detail=_("As %(role)s · expires on %(date)s")
                % {
                    "role": invitation.get_role_display().lower(),
                    "date": _date(invitation.expires_at),
                },
            )
            for invitation in invitations.select_related("organisation").order_by(
                "expires_at", "pk"
            )[:limit]
        ),
    )


def register():
    registry.register_inbox(
        "invitations_received",
        title=gettext_lazy("Invitations to join an organisation"),
        items=received_items,
        count=_count(_received),
        watches=(OrganisationInvitation, Membership, EmailAddress),
        order=10,
    )
    registry.register_inbox(
        "organisations_to_verify",
        title=gettext_lazy("Organisations to verify"),
        items=to_verify_items,
        count=_count(_to_verify),
        watches=(Organisation, User.groups.through),
        order=20,
    )
    registry.register_inbox(
        "invitations_sent",
        title=gettext_lazy("Invitations of your organisations not yet accepted"),
        items=sent_items,
        count=_count(_sent),
        watches=(OrganisationInvitation, Membership),
        order=60,
    )
