"""What stakeholders holds about a person, for "download my data" and "delete my account"
(learningcity.personal_data, which calls these through the registry)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from learningcity.personal_data import scrub, text_fields
from stakeholders.models import (
    CommitteeTerm,
    Membership,
    Organisation,
    OrganisationInvitation,
)


def _date(value):
    return value.isoformat() if value else None


def export(*, user):
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    received = OrganisationInvitation.objects.filter(email__iexact=user.email).select_related(
        "organisation"
    )
    sent = OrganisationInvitation.objects.filter(invited_by=user).select_related("organisation")
    terms = CommitteeTerm.objects.filter(person=user).select_related("seat", "organisation")
    return {
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "since": _date(membership.created_at),
            }
            for membership in memberships
        ],
        "invitations_received": [
            {
                "organisation": invitation.organisation.name,
                "role": invitation.role,
                "sent": _date(invitation.created_at),
                "accepted": _date(invitation.accepted_at),
            }
            for invitation in received
        ],
        # Whom they invited is the invited person's address, not theirs: left out.
        "invitations_sent": [
            {
                "organisation": invitation.organisation.name,
                "role": invitation.role,
                "sent": _date(invitation.created_at),
                "accepted": _date(invitation.accepted_at),
            }
            for invitation in sent
        ],
        "organisations_registered": [
            {"organisation": organisation.name, "registered": _date(organisation.created_at)}
            for organisation in Organisation.objects.filter(created_by=user)
        ],
        "committee_terms": [
            {
                "seat": str(term.seat),
                "organisation": term.organisation.name if term.organisation else None,
                "start": _date(term.start),
                "end": _date(term.end),
            }
            for term in terms
        ],
    }


def deletion_blockers(*, user):
    """An organisation keeps an administrator: its last one hands it over before leaving."""
    administered = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values(
        "organisation"
    )
    alone = Organisation.objects.filter(pk__in=administered).annotate(
        admins=Count("memberships", filter=Q(memberships__role=Membership.Role.ADMIN))
    )
    return [
        _(
            "%(name)s would be left without an administrator. On its members page, make another "
            "member administrator first (invite one if nobody else belongs to it), or ask city "
            "staff to take it over."
        )
        % {"name": organisation.name}
        for organisation in alone.filter(admins__lte=1)
    ]


def delete(*, user, emails, names):
    Membership.objects.filter(user=user).delete()
    received = Q()
    for email in emails:
        received |= Q(email__iexact=email)
    OrganisationInvitation.objects.filter(received).delete()
    # An organisation may have given the person's address or name as its contact.
    for rows in (Organisation.objects.all(), Organisation.history.all()):
        scrub(rows, ["email"], emails)
        scrub(rows, ["contact_name"], emails + names, replacement="")
        scrub(rows, text_fields(rows.model, "description", "rejection_reason"), emails + names)
