"""Writes to learning provision, each in one transaction, validated before saving and recorded
in the audit trail with who made them. The admin and the demo come through here."""

from itertools import count

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit
from learningcity.data_versions import data_changed
from learningcity.notifications import notify
from learningcity.outbox import email_render_and_queue
from learningcity.permissions import can
from provision import notifications, search
from provision.layers import PROVISION_DATA_VERSION_KEY
from provision.models import (
    LearningNeed,
    LearningSpace,
    OpeningHours,
    Opportunity,
    Published,
    Rating,
)
from stakeholders.models import Membership

audit.register(
    {
        "provision.space_save": gettext_noop("Saved a learning space"),
        "provision.opportunity_create": gettext_noop("Added a learning opportunity"),
        "provision.opportunity_update": gettext_noop("Edited a learning opportunity"),
        "provision.opening_hours_set": gettext_noop("Set the opening hours of a learning space"),
        "provision.guidance_point_save": gettext_noop("Saved a guidance point"),
        "provision.rating_submit": gettext_noop("Rated a learning opportunity"),
        "provision.rating_moderate": gettext_noop("Moderated a rating of a learning opportunity"),
        "provision.rating_respond": gettext_noop("Answered a rating of a learning opportunity"),
        "provision.need_submit": gettext_noop("Told the city of a learning need"),
        "provision.need_respond": gettext_noop("Answered a learning need"),
    }
)

# Where an opportunity in a space happens: copied from the space (see Opportunity's docstring).
PLACE_FIELDS = ("latitude", "longitude", "district_id")


def free_slug(model, text, *, exclude_pk=None):
    """A slug of `text` that no other row of `model` uses: "taller", then "taller-2"..."""
    base = slugify(text)[:120].strip("-") or model._meta.model_name
    others = model.objects.exclude(pk=exclude_pk)
    for number in count(1):
        slug = base if number == 1 else f"{base}-{number}"
        if not others.filter(slug=slug).exists():
            return slug
    return None


def _changes(instance):
    """`{field: (before, after)}` for the fields of a saved row that differ in `instance`."""
    if instance.pk is None:
        return {}
    before = type(instance).objects.filter(pk=instance.pk).values().first() or {}
    return {
        name: (before[name], value)
        for name, value in vars(instance).items()
        if name in before and before[name] != value and name not in {"updated_at", "search_vector"}
    }


@transaction.atomic
def space_save(*, space, by):
    """Create or change a space; the opportunities held there move with it. Its features and
    resources (many-to-many) are saved by the caller afterwards, as a form's `save_m2m` does."""
    if not space.slug:
        space.slug = free_slug(LearningSpace, space.name, exclude_pk=space.pk)
    space.full_clean()
    changes = _changes(space)
    space.save()
    space.opportunities.update(**{name: getattr(space, name) for name in PLACE_FIELDS})
    data_changed(PROVISION_DATA_VERSION_KEY)
    audit.record(actor=by, action="provision.space_save", target=space, changes=changes)
    return space


@transaction.atomic
def opening_hours_set(*, space, hours, by):
    """Replace the opening hours of `space` with `hours`, (day, opens, closes) triples."""
    rows = [
        OpeningHours(space=space, byday=day, opens_at=opens, closes_at=closes)
        for day, opens, closes in hours
    ]
    for row in rows:
        row.full_clean()
    space.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(rows)
    audit.record(
        actor=by,
        action="provision.opening_hours_set",
        target=space,
        changes={"opening_hours": ", ".join(str(row) for row in rows)},
    )
    return rows


@transaction.atomic
def opportunity_save(*, opportunity, by):
    """Create or change an opportunity. Held in a space, it takes the space's point and
    district. Its subjects, languages and target groups (many-to-many) are saved by the caller
    afterwards."""
    creating = opportunity.pk is None
    if opportunity.location_id is not None:
        for name in PLACE_FIELDS:
            setattr(opportunity, name, getattr(opportunity.location, name))
    if not opportunity.slug:
        opportunity.slug = free_slug(Opportunity, opportunity.name, exclude_pk=opportunity.pk)
    if creating and getattr(by, "is_authenticated", False):
        opportunity.created_by = by
    opportunity.updated_at = timezone.now()
    opportunity.full_clean()
    changes = _changes(opportunity)
    opportunity.save()
    search.index(opportunity)
    data_changed(PROVISION_DATA_VERSION_KEY)
    audit.record(
        actor=by,
        action="provision.opportunity_create" if creating else "provision.opportunity_update",
        target=opportunity,
        changes=changes,
    )
    return opportunity


@transaction.atomic
def guidance_point_save(*, point, by):
    """Create or change a guidance point (staff, in the admin)."""
    point.full_clean()
    changes = _changes(point)
    point.save()
    audit.record(actor=by, action="provision.guidance_point_save", target=point, changes=changes)
    return point


def may_rate(opportunity):
    """Whether `opportunity` can be rated today: published, and started."""
    return (
        opportunity.status == Published.PUBLISHED
        and opportunity.starts_on is not None
        and opportunity.starts_on <= timezone.localdate()
    )


@transaction.atomic
def rating_submit(*, opportunity, author, stars, comment, attended):
    """`author` rates `opportunity`, which they say they attended, once it has started; once
    per person and opportunity. The rating waits for a moderator."""
    if not getattr(author, "is_authenticated", False):
        raise PermissionDenied
    if not attended:
        raise ValidationError(
            {"attended": _("Only people who took part may rate it: tick the box if you did.")}
        )
    if not may_rate(opportunity):
        raise ValidationError(_("You can rate a learning opportunity once it has started."))
    rating = Rating(
        opportunity=opportunity,
        author=author,
        stars=stars,
        comment=(comment or "").strip(),
        attended=True,
    )
    rating.full_clean()
    try:
        # A savepoint: a second rating sent at the same moment meets the unique constraint.
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        raise ValidationError(_("You have already rated this learning opportunity.")) from None
    audit.record(
        actor=author, action="provision.rating_submit", target=opportunity, changes={"stars": stars}
    )
    return rating


@transaction.atomic
def rating_moderate(*, rating, approve, by):
    """A moderator or city staff publish a rating or keep it off the page. Once approved, the
    provider's people are told, so they can answer it."""
    if not can(by, "provision.moderate_ratings", rating):
        raise PermissionDenied
    rating = Rating.objects.select_for_update().select_related("opportunity").get(pk=rating.pk)
    before = rating.status
    rating.status = Rating.Status.APPROVED if approve else Rating.Status.REJECTED
    rating.moderated_by = by
    rating.moderated_at = timezone.now()
    rating.save(update_fields=["status", "moderated_by", "moderated_at"])
    audit.record(
        actor=by,
        action="provision.rating_moderate",
        target=rating.opportunity,
        changes={"status": (before, rating.status)},
    )
    if approve and before != Rating.Status.APPROVED:
        providers = Membership.objects.filter(
            organisation_id=rating.opportunity.organization_id
        ).select_related("user")
        for membership in providers:
            notify(
                recipient=membership.user,
                kind=notifications.RATING_PUBLISHED,
                template="provision/email/rating_published",
                context={"rating": rating, "opportunity": rating.opportunity},
                link=rating.opportunity.get_absolute_url(),
            )
    return rating


@transaction.atomic
def rating_respond(*, rating, response, by):
    """Someone of the provider's organisation answers an approved rating, in public."""
    if not can(by, "provision.respond_rating", rating):
        raise PermissionDenied
    response = (response or "").strip()
    if not response:
        raise ValidationError({"response": _("Write your answer.")})
    if rating.status != Rating.Status.APPROVED:
        raise ValidationError(_("Only published ratings can be answered."))
    rating.response = response
    rating.responded_by = by
    rating.responded_at = timezone.now()
    rating.full_clean()
    rating.save(update_fields=["response", "responded_by", "responded_at"])
    audit.record(
        actor=by,
        action="provision.rating_respond",
        target=rating.opportunity,
        changes={"response": response},
    )
    return rating


@transaction.atomic
def need_submit(*, need, target_groups=(), by=None):
    """Someone, signed in (`by`) or not, tells the city what they would like to learn. Nothing is
    kept of who sent it beyond what they typed and, when signed in, their account. The need waits
    in the staff's inbox."""
    signed_in = getattr(by, "is_authenticated", False)
    need.user = by if signed_in else None
    need.status = LearningNeed.Status.NEW
    need.response, need.responded_by, need.responded_at = "", None, None
    need.subject_other = need.subject_other.strip()
    need.name, need.email = need.name.strip(), need.email.strip()
    need.language = need.language or translation.get_language() or settings.LANGUAGE_CODE
    need.full_clean()
    need.save()
    need.target_groups.set(target_groups)
    # The audit trail names no anonymous person: it keeps the need, not who sent it.
    audit.record(actor=need.user, action="provision.need_submit", target=need)
    return need


def _need_links(need, language):
    """The pages of the opportunities that answer `need`, in `language`, as (name, address)."""
    with translation.override(language):
        return [
            (opportunity.name, settings.SITE_URL + opportunity.get_absolute_url())
            for opportunity in need.opportunities.all()
        ]


def _tell_need_answered(need):
    """The person hears of the answer: through their account's notifications when they were
    signed in, else by e-mail to the address they left, in the language they wrote in."""
    template = "provision/email/need_answered"
    if need.user is not None and need.user.is_active:
        notify(
            recipient=need.user,
            kind=notifications.NEED_ANSWERED,
            template=template,
            context={"need": need, "links": _need_links(need, need.user.preferred_language)},
            link=reverse("provision:index"),
        )
    elif need.email:
        email_render_and_queue(
            to=need.email,
            template=template,
            context={"need": need, "links": _need_links(need, need.language)},
            language=need.language,
        )


@transaction.atomic
def need_respond(*, need, status, response, opportunities, by):
    """City staff answer a need: its status, the answer the person reads and the opportunities
    that answer it. The person is told whenever the answer they read is new or changed."""
    if not can(by, "provision.handle_needs", need):
        raise PermissionDenied
    # Only the need's own row is locked: PostgreSQL cannot lock the nullable side of a join.
    need = (
        LearningNeed.objects.select_for_update(of=("self",)).select_related("user").get(pk=need.pk)
    )
    before = {"status": need.status, "response": need.response}
    need.status = status
    need.response = (response or "").strip()
    if need.response != before["response"] or need.status != before["status"]:
        need.responded_by = by
        need.responded_at = timezone.now()
    need.full_clean()
    need.save(update_fields=["status", "response", "responded_by", "responded_at"])
    need.opportunities.set(opportunities)
    audit.record(
        actor=by,
        action="provision.need_respond",
        target=need,
        changes={
            name: (value, getattr(need, name))
            for name, value in before.items()
            if value != getattr(need, name)
        },
    )
    if need.status != LearningNeed.Status.NEW and need.response != before["response"]:
        _tell_need_answered(need)
    return need
