from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit, permissions
from learningcity.models import User
from learningcity.notifications import notify
from learningcity.outbox import email_render_and_queue, language_for_email
from stakeholders import notifications
from stakeholders.models import Membership, Organisation, OrganisationInvitation

audit.register(
    {
        "stakeholders.organisation_register": gettext_noop("Registered an organisation"),
        "stakeholders.organisation_verify": gettext_noop("Verified an organisation"),
        "stakeholders.organisation_reject": gettext_noop("Rejected an organisation"),
        "stakeholders.organisation_update": gettext_noop("Edited an organisation's profile"),
        "stakeholders.invitation_send": gettext_noop("Invited someone to an organisation"),
        "stakeholders.invitation_accept": gettext_noop("Joined an organisation"),
        "stakeholders.membership_change": gettext_noop("Changed a member's role"),
    }
)


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _unique_slug(name):
    base = slugify(name)[:200] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_registration_rate(user):
    allowed = settings.ORGANISATION_REGISTRATIONS_PER_DAY
    since = timezone.now() - timedelta(days=1)
    if Organisation.objects.filter(created_by=user, created_at__gte=since).count() >= allowed:
        raise ValidationError(
            _(
                "You have registered %(count)d organisations in the last 24 hours, the most an "
                "account may. Try again tomorrow, or ask city staff to add it."
            )
            % {"count": allowed},
            code="rate_limited",
        )


def _save_organisation(organisation):
    """Save in a savepoint: a rival saving the same name first becomes an error on the name."""
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        if Organisation.objects.filter(name_key=organisation.name_key).exists():
            message = _("An organisation with this name was registered a moment ago.")
        else:
            message = _("Another organisation was saved at the same moment. Please save again.")
        raise ValidationError({"name": message}, code="unique_name") from None


def _tell_reviewers(organisation, template, **context):
    for reviewer in User.objects.filter(
        is_active=True, groups__name__in=[permissions.STAFF, permissions.COORDINATOR]
    ).distinct():
        email_render_and_queue(
            to=reviewer.email,
            template=template,
            context={
                "organisation": organisation,
                "url": _absolute(reverse("stakeholders:verification")),
                **context,
            },
            language=reviewer.preferred_language,
        )


@transaction.atomic
def organisation_register(*, user, organisation):
    """Save a new organisation from its form, make `user` its admin and tell city staff.

    Raises ValidationError: on `name` when it clashes (even with one saved a moment ago), and
    with code "rate_limited" when the account registered too many today.
    """
    _check_registration_rate(user)
    organisation.slug = _unique_slug(organisation.name)
    organisation.created_by = user
    organisation.verified = False
    organisation.full_clean()
    _save_organisation(organisation)
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    permissions.forget(user)
    _tell_reviewers(organisation, "stakeholders/email/organisation_registered")
    audit.record(actor=user, action="stakeholders.organisation_register", target=organisation)
    return organisation


def _tell_admins(organisation, kind, template, **context):
    admins = User.objects.filter(
        memberships__organisation=organisation, memberships__role=Membership.Role.ADMIN
    )
    for admin in admins:
        notify(
            recipient=admin,
            kind=kind,
            template=template,
            context={"organisation": organisation, **context},
            link=organisation.get_absolute_url(),
        )


@transaction.atomic
def organisation_verify(*, organisation, by):
    organisation.verified = True
    organisation.verified_at = timezone.now()
    organisation.verified_by = by
    organisation.rejected_at = None
    organisation.rejection_reason = ""
    organisation.save(
        update_fields=["verified", "verified_at", "verified_by", "rejected_at", "rejection_reason"]
    )
    _tell_admins(
        organisation,
        notifications.ORGANISATION_VERIFIED,
        "stakeholders/email/organisation_verified",
    )
    audit.record(actor=by, action="stakeholders.organisation_verify", target=organisation)
    return organisation


@transaction.atomic
def organisation_reject(*, organisation, by, reason):
    if not reason.strip():
        raise ValidationError({"reason": _("Say why, so the organisation can correct it.")})
    organisation.verified = False
    organisation.rejected_at = timezone.now()
    organisation.rejection_reason = reason.strip()
    organisation.save(update_fields=["verified", "rejected_at", "rejection_reason"])
    _tell_admins(
        organisation,
        notifications.ORGANISATION_REJECTED,
        "stakeholders/email/organisation_rejected",
        reason=reason.strip(),
    )
    audit.record(actor=by, action="stakeholders.organisation_reject", target=organisation)
    return organisation


@transaction.atomic
def invitation_send(*, organisation, email, role, by):
    """Invite someone by e-mail; an earlier open invitation to the same address is replaced."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    organisation.invitations.filter(email__iexact=email, accepted_at__isnull=True).delete()
    invitation = OrganisationInvitation(
        organisation=organisation, email=email, role=role, invited_by=by
    )
    invitation.full_clean()
    invitation.save()
    context = {
        "invitation": invitation,
        "organisation": organisation,
        "inviter": by,
        "days": OrganisationInvitation.VALID_DAYS,
    }
    invitee = User.objects.filter(email__iexact=email, is_active=True).first()
    if invitee is not None:
        # A person with an account hears of it as they chose (and finds it on the site); an
        # address without one gets the e-mail whatever, as nobody chose anything for it.
        notify(
            recipient=invitee,
            kind=notifications.INVITED,
            template="stakeholders/email/invitation",
            context=context,
            link=invitation.get_absolute_url(),
        )
    else:
        email_render_and_queue(
            to=email,
            template="stakeholders/email/invitation",
            context={**context, "url": _absolute(invitation.get_absolute_url())},
            language=language_for_email(email),
        )
    audit.record(actor=by, action="stakeholders.invitation_send", target=organisation)
    return invitation


def require_verified_address(*, user, email):
    """An e-mailed invitation is accepted by whoever has confirmed that very address."""
    if not user.emailaddress_set.filter(email__iexact=email, verified=True).exists():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": email}
        )


@transaction.atomic
def invitation_accept(*, invitation, user):
    """Turn an invitation into a membership. Refused when expired, used, or for someone else."""
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired. Ask for a new one."))
    require_verified_address(user=user, email=invitation.email)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    permissions.forget(user)
    audit.record(actor=user, action="stakeholders.invitation_accept", target=membership)
    return membership


def organisation_keeps_an_admin(*, admins):
    """The rule every change of members obeys, on the site and in the administration."""
    if admins < 1:
        raise ValidationError(
            _("An organisation needs at least one administrator."), code="last_admin"
        )


@transaction.atomic
def membership_change(*, membership, role=None, remove=False, by=None):
    """Change a member's role or remove them; an organisation always keeps one admin."""
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    other_admins = organisation.memberships.filter(role=Membership.Role.ADMIN).exclude(
        pk=membership.pk
    )
    losing_admin = membership.role == Membership.Role.ADMIN and (
        remove or role != Membership.Role.ADMIN
    )
    if losing_admin:
        organisation_keeps_an_admin(admins=other_admins.count())
    change = {"role": (membership.role, None if remove else role)}
    audit.record(
        actor=by, action="stakeholders.membership_change", target=membership, changes=change
    )
    if remove:
        membership.delete()
        return None
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def organisation_update(*, organisation, by):
    """Save an edited profile. A rejected organisation goes back to the verification queue, and
    so does a verified one that changed its name: staff verified the old name, not the new one."""
    previous_name = (
        Organisation.objects.filter(pk=organisation.pk).values_list("name", flat=True).first()
    )
    renamed = organisation.verified and previous_name != organisation.name
    if organisation.rejected_at is not None:
        organisation.rejected_at = None
    if renamed:
        organisation.verified = False
        organisation.verified_at = None
        organisation.verified_by = None
    organisation.full_clean()
    _save_organisation(organisation)
    if renamed:
        _tell_reviewers(
            organisation, "stakeholders/email/organisation_renamed", previous_name=previous_name
        )
    audit.record(actor=by, action="stakeholders.organisation_update", target=organisation)
    return organisation
