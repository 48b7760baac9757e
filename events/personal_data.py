"""What events hold about a person, for "download my data" and "delete my account"
(learningcity.personal_data, which calls these through the registry): their registrations,
made with the account or, as a guest, with one of its addresses."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from events import services
from events.models import Registration
from learningcity.models import AuditEntry
from learningcity.personal_data import former_member, scrub
from planning.models import FORMER_MEMBER_DOMAIN


def _theirs(user, emails):
    matches = Q(user=user)
    for email in emails:
        matches |= Q(email__iexact=email)
    return Registration.objects.filter(matches)


def export(*, user):
    registrations = _theirs(user, [user.email]).select_related("event").order_by("created_at")
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts": registration.event.starts_at.isoformat(),
                "name": registration.name,
                "email": registration.email,
                "status": registration.status,
                "registered": registration.created_at.isoformat(),
                "checked_in": registration.checked_in_at.isoformat()
                if registration.checked_in_at
                else None,
            }
            for registration in registrations
        ]
    }


def delete(*, user, emails, names):
    """Every registration stays for the events' figures (who came), without the person's name
    or address, also where the audit trail named it; places in events to come are then given
    up, so the waiting list moves on."""
    registrations = list(_theirs(user, emails))
    typed = {registration.name for registration in registrations} - set(names)
    scrub(
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Registration),
            target_id__in=[str(registration.pk) for registration in registrations],
        ),
        ["target_repr"],
        sorted(typed),
    )
    for registration in registrations:
        registration.user = None
        registration.name = former_member()
        registration.email = f"registration-{registration.pk}@{FORMER_MEMBER_DOMAIN}"
        registration.save(update_fields=["user", "name", "email"])
        if registration.status != Registration.Status.CANCELLED and not registration.event.is_past:
            services.registration_cancel(registration=registration, by=None)
