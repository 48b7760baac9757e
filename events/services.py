"""Writes to the events, each in one transaction, validated before saving and recorded in the
audit trail with who made them. The admin, the site's pages and the demo all come through here."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from events import notifications
from events.calendars import event_calendar
from events.models import (
    Event,
    EventSeries,
    ExhibitorApplication,
    ExhibitorCall,
    MediaContact,
    PressRelease,
    Registration,
    city_zone,
)
from events.selectors import EVENTS_DATA_VERSION_KEY
from learningcity import audit, capacity
from learningcity.content_languages import field_in
from learningcity.data_versions import data_changed
from learningcity.notifications import notify
from learningcity.outbox import email_attachment, email_render_and_queue
from learningcity.permissions import ORG_ADMIN
from stakeholders.models import Membership, Organisation

audit.register(
    {
        "events.event_create": gettext_noop("Added an event"),
        "events.event_update": gettext_noop("Edited an event"),
        "events.series_save": gettext_noop("Saved a series of events"),
        "events.series_schedule": gettext_noop("Added the coming occurrences of a series"),
        "events.registration_create": gettext_noop("Registered for an event"),
        "events.registration_confirm": gettext_noop("Confirmed a registration by e-mail"),
        "events.registration_cancel": gettext_noop("Cancelled a registration for an event"),
        "events.event_propose": gettext_noop("Proposed an event of their organisation"),
        "events.event_review": gettext_noop("Reviewed an event an organisation proposed"),
        "events.press_release": gettext_noop("Sent a press release about an event"),
        "events.exhibitor_call": gettext_noop("Sent a call for exhibitors"),
        "events.exhibitor_apply": gettext_noop("Applied to exhibit at a festival"),
        "events.exhibitor_review": gettext_noop("Reviewed an application to exhibit"),
        "events.registration_check_in": gettext_noop("Checked someone in at an event"),
        "events.registration_promote": gettext_noop(
            "Gave a freed place of an event to the waiting list"
        ),
    }
)

# What an occurrence of a series takes from the series' model event (besides the texts).
COPIED_FIELDS = [
    "kind", "status", "venue_name", "address", "district_id", "latitude", "longitude",
    "online_url", "is_free", "price", "capacity",
]  # fmt: skip


# The calendar's own pages, whose addresses an event's slug must not take (events/urls.py).
RESERVED_SLUGS = {"past", "propose", "proposals", "registrations"}


def unique_slug(model, text, *, exclude_pk=None, max_length=120):
    """`text` as a slug no other row of `model` has: "fiesta", else "fiesta-2", "fiesta-3"..."""
    base = slugify(text)[: max_length - 6].strip("-") or "evento"
    if base in RESERVED_SLUGS:
        base = f"{base}-evento"
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _changed(event):
    if event.pk is None:
        return {}
    before = Event.objects.filter(pk=event.pk).values().first() or {}
    return {
        name: (before.get(name), value)
        for name, value in event.__dict__.items()
        if name in before and before[name] != value and not name.startswith("_")
    }


def places_below_confirmed(*, event, capacity):
    """A sentence when `capacity` is fewer places than `event` has confirmed, else None."""
    if event.pk is None or capacity is None:
        return None
    confirmed = Registration.objects.filter(
        event_id=event.pk, status=Registration.Status.CONFIRMED
    ).count()
    if capacity >= confirmed:
        return None
    return ngettext(
        "%(count)d person holds a confirmed place. Fewer places keep it, but nobody new gets "
        "one until enough cancel; confirm that this is what you want.",
        "%(count)d people hold a confirmed place. Fewer places keep theirs, but nobody new gets "
        "one until enough cancel; confirm that this is what you want.",
        confirmed,
    ) % {"count": confirmed}


def events_data_changed():
    """Called by every write to an event or a series, inside its transaction (data_changed)."""
    data_changed(EVENTS_DATA_VERSION_KEY)


@transaction.atomic
def event_save(*, event, by, below_confirmed=False):
    """Create or change an event. Its organisers and accessibility features (many-to-many) are
    saved by the caller afterwards, as a form's `save_m2m` does. Fewer places than people hold
    confirmed ones only when `below_confirmed` says so."""
    creating = event.pk is None
    if not creating:
        # Registrations wait while the places change, so the count below stays true.
        capacity.lock(event)
        problem = places_below_confirmed(event=event, capacity=event.capacity)
        if problem and not below_confirmed:
            raise ValidationError({"capacity": problem}, code="below_confirmed")
    if not event.slug:
        event.slug = unique_slug(Event, event.title, exclude_pk=event.pk, max_length=140)
    if creating and by is not None and getattr(by, "is_authenticated", False):
        event.created_by = by
    event.updated_at = timezone.now()
    event.full_clean()
    changes = {} if creating else _changed(event)
    changes.pop("updated_at", None)
    event.save()
    events_data_changed()
    audit.record(
        actor=by,
        action="events.event_create" if creating else "events.event_update",
        target=event,
        changes=changes,
    )
    return event


@transaction.atomic
def series_save(*, series, by):
    if not series.slug:
        series.slug = unique_slug(EventSeries, series.title, exclude_pk=series.pk)
    series.full_clean()
    series.save()
    events_data_changed()
    audit.record(actor=by, action="events.series_save", target=series)
    return series


@transaction.atomic
def series_schedule(*, series, model, until, by):
    """Make the events of `series` from the next occurrence (after now) up to `until`, each a
    copy of the `model` event at its own dates; occurrences that have an event already are
    left as they are, so running it again adds only what is new. Returns the events made."""
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    taken = set(series.events.values_list("starts_at", flat=True))
    languages = [code for code, _name in settings.LANGUAGES]
    made = []
    for starts_at in series.occurrences(until=until, after=timezone.now()):
        if starts_at in taken:
            continue
        event = Event(series=series, starts_at=starts_at, ends_at=starts_at + series.duration)
        for name in COPIED_FIELDS:
            setattr(event, name, getattr(model, name))
        for language in languages:
            for name in ("summary", "description"):
                setattr(event, field_in(name, language), getattr(model, field_in(name, language)))
            setattr(
                event, field_in("title", language), getattr(series, field_in("title", language))
            )
        day = timezone.localtime(starts_at, city_zone()).date()
        event.slug = unique_slug(Event, f"{series.slug}-{day:%Y-%m-%d}", max_length=140)
        event.full_clean()
        event.save()
        event.organisers.set(model.organisers.all())
        event.accessibility_features.set(model.accessibility_features.all())
        made.append(event)
    if made:
        events_data_changed()
        audit.record(
            actor=by,
            action="events.series_schedule",
            target=series,
            changes={"events": len(made)},
        )
    return made


def registration_links(registration):
    """The addresses of the person's registration page and of the event's calendar file, in the
    language they read."""
    with translation.override(registration.language):
        page = settings.SITE_URL + registration.get_absolute_url()
    ics = settings.SITE_URL + reverse("event_calendars:event", args=[registration.event.slug])
    return {"url": page, "ics_url": ics}


def registration_email(registration, template):
    email_render_and_queue(
        to=registration.email,
        template=f"events/email/{template}",
        context={
            "registration": registration,
            "event": registration.event,
            # E-mails are written outside requests: the time is the city's, as on its pages.
            "starts_at": timezone.localtime(registration.event.starts_at, city_zone()),
            **registration_links(registration),
        },
        language=registration.language,
    )


def _tell_status(registration):
    registration_email(
        registration,
        "registration_confirmed"
        if registration.status == Registration.Status.CONFIRMED
        else "registration_waitlisted",
    )


@transaction.atomic
def registration_create(*, event, language, user=None, name="", email=""):
    """Register for `event`: with an account, at once (a place, or the waiting list when the
    event is full); as a guest with `name` and `email`, once the address is confirmed through
    the link e-mailed now. One registration per address and event."""
    locked = capacity.lock(event)
    problem = locked.registration_problem()
    if problem:
        raise ValidationError(problem, code="closed")
    if user is not None:
        name, email, language = user.full_name or user.email, user.email, user.preferred_language
    email = (email or "").strip().lower()
    registrations = Registration.objects.filter(event=locked)
    if registrations.exclude(status=Registration.Status.CANCELLED).filter(email=email).exists():
        raise ValidationError(
            _(
                "%(email)s is already registered for this event. The e-mail we sent then has "
                "the link to see or cancel the registration."
            )
            % {"email": email},
            code="duplicate",
        )
    registration = Registration(
        event=locked, user=user, name=name.strip(), email=email, language=language
    )
    if user is None:
        registration.full_clean()
        registration.save()
        registration_email(registration, "registration_confirm_address")
    else:
        capacity.claim(parent=locked, participations=registrations, participation=registration)
        _tell_status(registration)
    audit.record(
        actor=user,
        action="events.registration_create",
        target=registration,
        changes={"status": registration.status},
    )
    return registration


@transaction.atomic
def registration_confirm(*, registration):
    """A guest confirmed their address through the e-mailed link: they take a place, or join
    the waiting list. Confirming again changes nothing."""
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError(_("This registration was cancelled."), code="cancelled")
        return registration
    event = capacity.lock(registration.event)
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        raise ValidationError(event.registration_problem(), code="closed")
    capacity.claim(
        parent=event,
        participations=Registration.objects.filter(event=event),
        participation=registration,
    )
    _tell_status(registration)
    audit.record(
        actor=registration.user,
        action="events.registration_confirm",
        target=registration,
        changes={"status": registration.status},
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration, by=None):
    """Give up a place (or a turn on the waiting list); the first on the waiting list takes a
    freed place and is told. Returns the registrations promoted."""
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return []
    event = capacity.lock(registration.event)
    if event.ends_at <= timezone.now():
        raise ValidationError(_("This event has already taken place."), code="past")
    before = registration.status
    registrations = Registration.objects.filter(event=event)
    if before == Registration.Status.PENDING:
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status"])
        promoted = []
    else:
        promoted = capacity.release(
            parent=event, participations=registrations, participation=registration
        )
    audit.record(
        actor=by,
        action="events.registration_cancel",
        target=registration,
        changes={"status": (before, registration.status)},
    )
    _tell_promoted(promoted, by=by)
    return promoted


def _tell_promoted(promoted, *, by):
    for registration in promoted:
        registration_email(registration, "registration_promoted")
        audit.record(
            actor=by,
            action="events.registration_promote",
            target=registration,
            changes={"status": (Registration.Status.WAITLISTED, Registration.Status.CONFIRMED)},
        )


@transaction.atomic
def registration_fill_places(*, event, by):
    """After staff raised the number of places: the waiting list takes the places now free, in
    the order it asked, and each is told. Returns the registrations promoted."""
    promoted = capacity.promote(
        parent=event, participations=Registration.objects.filter(event=event)
    )
    _tell_promoted(promoted, by=by)
    return promoted


@transaction.atomic
def registration_check_in(*, registration, by):
    """Mark a confirmed place as come, from the event's day on. Returns the registration and
    whether it was checked in now (False when it had been already)."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration.pk)
    )
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _("%(name)s has no confirmed place: %(status)s.")
            % {"name": registration.name, "status": registration.get_status_display()},
            code="not_confirmed",
        )
    zone = city_zone()
    if timezone.localtime(registration.event.starts_at, zone).date() > timezone.localdate(
        timezone=zone
    ):
        raise ValidationError(_("Check-in opens on the day of the event."), code="not_yet")
    if registration.checked_in_at:
        return registration, False
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at"])
    audit.record(actor=by, action="events.registration_check_in", target=registration)
    return registration, True


def registration_check_in_by_code(*, event, code, by):
    """The same, for the code of the confirmation e-mail, as people say or show it."""
    normalised = "".join((code or "").split()).upper()[:40]
    # No code has other characters, and a NUL is one PostgreSQL refuses in a query.
    registration = (
        Registration.objects.filter(event=event, code=normalised).first()
        if normalised.isalnum()
        else None
    )
    if registration is None:
        raise ValidationError(
            _("No registration for this event has the code “%(code)s”.") % {"code": normalised},
            code="unknown_code",
        )
    return registration_check_in(registration=registration, by=by)


@transaction.atomic
def event_propose(*, event, organisation, by):
    """An organisation proposes an event of its own: kept as proposed, visible to its members
    and city staff, until staff publish it."""
    event.status = Event.Status.PROPOSED
    event.proposed_at = timezone.now()
    event_save(event=event, by=by)
    event.organisers.add(organisation)
    audit.record(
        actor=by, action="events.event_propose", target=event, changes={"by": organisation.name}
    )
    return event


@transaction.atomic
def event_revise(*, event, by):
    """An organisation changes its proposal (the caller saves the many-to-many fields after) and
    sends it to staff again: a sent-back proposal waits for review once more."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if not locked.revisable:
        raise ValidationError(
            _("Only a proposal waiting for review or sent back can be changed here."),
            code="not_revisable",
        )
    event.status = Event.Status.PROPOSED
    event.review_message = ""
    event_save(event=event, by=by)
    return event


@transaction.atomic
def event_review(*, event, by, publish, message=""):
    """Staff publish a proposed event, or send it back to the organisation as a draft with a
    message saying why; whoever proposed it is told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.PROPOSED:
        raise ValidationError(_("This event is not waiting for review."), code="not_proposed")
    if not publish and not message.strip():
        raise ValidationError(_("Say why the event is sent back."), code="message")
    before = event.status
    event.status = Event.Status.PUBLISHED if publish else Event.Status.DRAFT
    event.review_message = "" if publish else message.strip()
    event.updated_at = timezone.now()
    event.save(update_fields=["status", "review_message", "updated_at"])
    events_data_changed()
    audit.record(
        actor=by,
        action="events.event_review",
        target=event,
        changes={"status": (before, event.status), "message": message.strip()},
    )
    if event.created_by_id:
        notify(
            recipient=event.created_by,
            kind=notifications.PROPOSAL_REVIEWED,
            template="events/email/proposal_reviewed",
            context={"event": event, "published": publish, "message": message.strip()},
            link=event.get_absolute_url(),
        )
    return event


@transaction.atomic
def exhibitor_apply(*, application, by):
    """An organisation applies to exhibit at a festival, while its call is open; once."""
    event = Event.objects.select_for_update().get(pk=application.event_id)
    problem = event.exhibitor_problem()
    if problem:
        raise ValidationError(problem, code="closed")
    if ExhibitorApplication.objects.filter(
        event=event, organisation=application.organisation
    ).exists():
        raise ValidationError(
            _("%(name)s has already applied to exhibit at this event.")
            % {"name": application.organisation.name},
            code="duplicate",
        )
    application.status = ExhibitorApplication.Status.PENDING
    application.submitted_by = by
    application.full_clean()
    application.save()
    audit.record(actor=by, action="events.exhibitor_apply", target=application)
    return application


@transaction.atomic
def exhibitor_review(*, application, by, accept, message=""):
    """Staff accept or reject an application (a rejection says why); whoever applied is told."""
    application = ExhibitorApplication.objects.select_for_update().get(pk=application.pk)
    if not accept and not message.strip():
        raise ValidationError(
            {"message": _("Say why the application is not accepted.")}, code="message"
        )
    before = application.status
    application.status = (
        ExhibitorApplication.Status.ACCEPTED if accept else ExhibitorApplication.Status.REJECTED
    )
    application.message = message.strip()
    application.reviewed_at = timezone.now()
    application.save(update_fields=["status", "message", "reviewed_at"])
    audit.record(
        actor=by,
        action="events.exhibitor_review",
        target=application,
        changes={"status": (before, application.status)},
    )
    if application.submitted_by_id:
        notify(
            recipient=application.submitted_by,
            kind=notifications.EXHIBITOR_REVIEWED,
            template="events/email/exhibitor_reviewed",
            context={"application": application, "event": application.event},
            link=application.event.get_absolute_url(),
        )
    return application


@transaction.atomic
def exhibitor_call_send(*, event, sectors, by):
    """Call the verified organisations of `sectors` (all when empty) to exhibit at a festival
    whose applications are open; the e-mails go out from a Celery task once this commits."""
    problem = event.exhibitor_problem()
    if problem:
        raise ValidationError(problem, code="closed")
    call = ExhibitorCall.objects.create(event=event, sent_by=by)
    call.sectors.set(sectors)
    audit.record(
        actor=by,
        action="events.exhibitor_call",
        target=event,
        changes={"sectors": ", ".join(sector.name for sector in sectors) or "*"},
    )
    # Imported here: the tasks module imports this one.
    from events.tasks import exhibitor_call_task

    transaction.on_commit(lambda: exhibitor_call_task.delay(call.pk))
    return call


def called_organisations(call):
    organisations = Organisation.objects.filter(verified=True)
    sector_ids = list(call.sectors.values_list("pk", flat=True))
    if sector_ids:
        organisations = organisations.filter(sector__in=sector_ids)
    return organisations


@transaction.atomic
def exhibitor_call_email(*, call_id):
    """E-mail the call's organisations' admins, once: the call's row is locked and marked in the
    same transaction as the e-mails are queued. Returns how many organisations were written to."""
    call = (
        ExhibitorCall.objects.select_for_update(of=("self",))
        .select_related("event")
        .filter(pk=call_id, emailed_at__isnull=True)
        .first()
    )
    if call is None:
        return 0
    event = call.event
    count = 0
    organisations = called_organisations(call).prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(role=ORG_ADMIN).select_related("user"),
            to_attr="admins",
        )
    )
    for organisation in organisations:
        for membership in organisation.admins:
            person = membership.user
            with translation.override(person.preferred_language):
                url = settings.SITE_URL + reverse("events:exhibit", args=[event.slug])
            email_render_and_queue(
                to=person.email,
                template="events/email/exhibitor_call",
                context={
                    "event": event,
                    "organisation": organisation,
                    "url": url,
                    "until": timezone.localtime(event.exhibitors_until, city_zone()),
                    "starts_at": timezone.localtime(event.starts_at, city_zone()),
                },
                language=person.preferred_language,
            )
        count += 1
    call.emailed_at = timezone.now()
    call.organisations = count
    call.save(update_fields=["emailed_at", "organisations"])
    return count


@transaction.atomic
def press_release_send(*, release, by):
    """Save a press release and e-mail it to the active media contacts from a Celery task once
    this commits."""
    release.created_by = by
    release.full_clean()
    release.save()
    audit.record(actor=by, action="events.press_release", target=release.event)
    # Imported here: the tasks module imports this one.
    from events.tasks import press_release_task

    transaction.on_commit(lambda: press_release_task.delay(release.pk))
    return release


@transaction.atomic
def press_release_email(*, release_id):
    """E-mail a press release to every active media contact, once: its row is locked and marked
    in the same transaction as the e-mails are queued. The event's details and the address of
    its calendar file go with the text. Returns how many contacts were written to."""
    release = (
        PressRelease.objects.select_for_update(of=("self",))
        .select_related("event")
        .filter(pk=release_id, sent_at__isnull=True)
        .first()
    )
    if release is None:
        return 0
    event = release.event
    contacts = list(MediaContact.objects.filter(active=True))
    ics = email_attachment(f"{event.slug}.ics", event_calendar(event), "text/calendar")
    for contact in contacts:
        with translation.override(contact.language):
            url = settings.SITE_URL + event.get_absolute_url()
        email_render_and_queue(
            to=contact.email,
            template="events/email/press_release",
            context={
                "release": release,
                "event": event,
                "contact": contact,
                "url": url,
                "ics_url": settings.SITE_URL + reverse("event_calendars:event", args=[event.slug]),
                "starts_at": timezone.localtime(event.starts_at, city_zone()),
            },
            language=contact.language,
            attachments=[ics],
        )
    release.sent_at = timezone.now()
    release.recipients = len(contacts)
    release.save(update_fields=["sent_at", "recipients"])
    return len(contacts)
