import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from learningcity.content_languages import fields_in_languages
from learningcity.html import sanitise
from learningcity.models import (
    LONG_TEXT,
    SHORT_TEXT,
    BilingualName,
    District,
    Sector,
    TargetGroup,
    new_token,
)
from learningcity.permissions import STAFF, has_role
from learningcity.uploads import validate_document
from stakeholders.models import MinistryContact, Organisation


class KflcArea(BilingualName):
    """One of the three areas of UNESCO's Key Features of Learning Cities."""

    code = models.CharField(_("code"), max_length=8, unique=True)

    class Meta:
        verbose_name = _("KFLC area")
        verbose_name_plural = _("KFLC areas")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}. {self.name}"


class KflcFocus(BilingualName):
    """An area of focus within a KFLC area (1.1 ... 3.3)."""

    area = models.ForeignKey(
        KflcArea, on_delete=models.CASCADE, related_name="focuses", verbose_name=_("area")
    )
    code = models.CharField(_("code"), max_length=8, unique=True)

    class Meta:
        verbose_name = _("KFLC area of focus")
        verbose_name_plural = _("KFLC areas of focus")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class KflcFeature(models.Model):
    """A key feature under an area of focus, as the city enters it from UNESCO's current list,
    with the measurements it suggests. Never invented by the portal."""

    focus = models.ForeignKey(
        KflcFocus,
        on_delete=models.CASCADE,
        related_name="features",
        verbose_name=_("area of focus"),
    )
    code = models.CharField(_("code"), max_length=12, blank=True, help_text=_("E.g. 2.2.1"))
    title = models.CharField(_("feature"), max_length=255)
    suggested_measurements = models.TextField(_("suggested measurements"), blank=True)
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("The UNESCO document it comes from.")
    )

    class Meta:
        verbose_name = _("KFLC feature")
        verbose_name_plural = _("KFLC features")
        ordering = ["focus__code", "code", "pk"]

    def __str__(self):
        return f"{self.code} {self.title}".strip()


def new_lineage_key():
    return uuid.uuid4()


class ActionPlanQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(status=ActionPlan.Status.ADOPTED)

    def visible_to(self, user):
        """Adopted and superseded versions are public; a draft is for city staff until the day it
        opens for comments, when anybody may read what they comment on."""
        if has_role(user, STAFF):
            return self
        return self.filter(
            ~models.Q(status=ActionPlan.Status.DRAFT)
            | models.Q(comment_period__opens_on__lte=timezone.localdate())
        )


class ActionPlan(models.Model):
    """A version of the city's action plan: one is adopted at a time, new ones start as drafts."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")

    title = models.CharField(_("title"), max_length=200)
    attractive_title = models.CharField(
        _("attractive title"),
        max_length=200,
        help_text=_("The short, memorable name the public knows the plan by."),
    )
    vision = models.TextField(_("vision"), blank=True, max_length=LONG_TEXT)
    start = models.DateField(_("period starts"))
    end = models.DateField(_("period ends"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    national_alignment = models.TextField(
        _("alignment with the national strategy"),
        max_length=LONG_TEXT,
        blank=True,
        help_text=_("How the plan answers the national lifelong-learning strategy."),
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )
    adopted_at = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    adoption_decision = models.CharField(
        _("adoption decision"),
        max_length=255,
        blank=True,
        help_text=_("The council or committee decision that adopted the plan."),
    )
    # Versions copied from one another share the lineage key and are numbered 1, 2, 3... in it.
    lineage_key = models.UUIDField(default=new_lineage_key, editable=False)
    number = models.PositiveIntegerField(_("version number"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updates_need_review = models.BooleanField(
        _("progress updates wait for staff review"),
        default=True,
        help_text=_(
            "When on, the progress updates organisations post are public only once city staff "
            "approve them; when off, they are public at once."
        ),
    )
    quiet_after_days = models.PositiveSmallIntegerField(
        _("days without a progress update before a reminder"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_(
            "An action under way with no progress update for this many days reminds its contact "
            "persons and shows in staff's weekly summary of quiet actions."
        ),
    )
    history = HistoricalRecords()

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="adopted"),
                name="one_adopted_plan",
            ),
            models.UniqueConstraint(
                fields=["lineage_key", "number"], name="one_number_per_plan_version"
            ),
        ]

    def __str__(self):
        return f"{self.attractive_title} ({self.start.year}–{self.end.year})"

    def get_absolute_url(self):
        if self.status == self.Status.ADOPTED:
            return reverse("planning:index")
        return reverse("planning:plan-version", args=[self.pk])

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The plan's period must end after it starts.")})

    @property
    def version_label(self):
        """What tells versions apart wherever one is listed or picked: "v3 · draft · created
        12 Mar 2026", with the adoption date once adopted."""
        # Translators: the date in a version's label, as a Django date format.
        pattern = pgettext("version label date", "j M Y")
        created = formats.date_format(timezone.localtime(self.created_at), pattern)
        label = _("v%(number)s · %(status)s · created %(date)s") % {
            "number": self.number,
            "status": self.get_status_display().lower(),
            "date": created,
        }
        if self.adopted_at:
            label += " · " + _("adopted %(date)s") % {
                "date": formats.date_format(self.adopted_at, pattern)
            }
        return label

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def display_title(self):
        """The name the public knows the version by, in the active language."""
        return self.attractive_title

    @property
    def structure_editable(self):
        """Themes, objectives, actions and texts change only in a draft."""
        return self.status == self.Status.DRAFT

    @property
    def tracking_editable(self):
        """Implementation tracking (status, phase, progress, milestones) changes in a draft and
        on the adopted plan; a superseded version never changes."""
        return self.status != self.Status.SUPERSEDED


class Theme(models.Model):
    """One of the main themes of the plan, named from the city's own challenges."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("plan")
    )
    lineage_key = models.UUIDField(default=new_lineage_key, editable=False)
    title = models.CharField(_("title"), max_length=200)
    challenge = models.TextField(_("challenge behind it"), blank=True, max_length=LONG_TEXT)
    named_by = models.CharField(
        _("named by"),
        max_length=255,
        blank=True,
        help_text=_("Who proposed it: the leaders, sectors or organisations."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "lineage_key"], name="theme_lineage_per_plan")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.plan.get_absolute_url() + f"#theme-{self.pk}"


class Objective(models.Model):
    """A medium- or long-term objective of the plan, with its means of evaluation."""

    class Term(models.TextChoices):
        MEDIUM = "medium", _("Medium term")
        LONG = "long", _("Long term")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("plan")
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objectives",
        verbose_name=_("theme"),
    )
    lineage_key = models.UUIDField(default=new_lineage_key, editable=False)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    term = models.CharField(_("term"), max_length=8, choices=Term.choices, default=Term.MEDIUM)
    kflc_focuses = models.ManyToManyField(
        KflcFocus, related_name="objectives", verbose_name=_("KFLC areas of focus")
    )
    kflc_features = models.ManyToManyField(
        KflcFeature, blank=True, related_name="objectives", verbose_name=_("KFLC features")
    )
    means_of_evaluation = models.TextField(
        _("means of evaluation"), blank=True, max_length=LONG_TEXT
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords(m2m_fields=[kflc_focuses])

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "lineage_key"], name="objective_lineage_per_plan"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.plan.get_absolute_url() + f"#objective-{self.pk}"

    @cached_property
    def progress(self):
        """Mean progress of its actions, weighted by their weights (equal by default).

        Reads `actions.all()`, which list pages prefetch.
        """
        actions = list(self.actions.all())
        if not actions:
            return None
        total_weight = sum(action.weight for action in actions)
        if not total_weight:
            return sum(action.progress for action in actions) / len(actions)
        return sum(action.weight * action.progress for action in actions) / total_weight


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(objective__plan__in=ActionPlan.objects.visible_to(user))


class Action(models.Model):
    """A concrete action under an objective, with who does it and by when."""

    class Phase(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        PLANNING = "planning", _("Planning")
        IMPLEMENTATION = "implementation", _("Implementation")
        COMPLETED = "completed", _("Completed")

    class Status(models.TextChoices):
        ON_TIME = "on_time", _("On time")
        LATE = "late", _("Late")
        AT_RISK = "at_risk", _("At risk")
        ON_HOLD = "on_hold", _("On hold")
        CANCELLED = "cancelled", _("Cancelled")
        DONE = "done", _("Done")

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="actions", verbose_name=_("objective")
    )
    lineage_key = models.UUIDField(default=new_lineage_key, editable=False)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
        verbose_name=_("lead organisation"),
    )
    contact_people = models.CharField(_("contact people"), max_length=255, blank=True)
    start = models.DateField(_("starts"))
    end = models.DateField(_("ends"))
    phase = models.CharField(
        _("implementation phase"), max_length=16, choices=Phase.choices, default=Phase.NOT_STARTED
    )
    status_override = models.CharField(
        _("status set by hand"), max_length=12, choices=Status.choices, blank=True
    )
    status_override_reason = models.TextField(
        _("why the status was set by hand"), blank=True, max_length=SHORT_TEXT
    )
    status_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status set by"),
    )
    manual_progress = models.PositiveSmallIntegerField(
        _("progress in per cent"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Only for actions without milestones; otherwise counted from them."),
    )
    weight = models.DecimalField(
        _("weight in its objective"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    ministry_contacts = models.ManyToManyField(
        MinistryContact,
        blank=True,
        related_name="actions",
        verbose_name=_("ministry liaison entries"),
    )
    national_strategy = models.CharField(
        _("national strategy or programme it answers to"), max_length=255, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "lineage_key"], name="action_lineage_per_objective"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning:action", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("An action cannot end before it starts.")
        if self.objective_id and self.start and self.end:
            plan = self.objective.plan
            if self.start < plan.start or self.end > plan.end:
                errors["start"] = _(
                    "The action must fall within the plan's period (%(start)s – %(end)s)."
                ) % {"start": plan.start, "end": plan.end}
        if self.status_override and not self.status_override_reason.strip():
            errors["status_override_reason"] = _("Say why the status is set by hand.")
        if errors:
            raise ValidationError(errors)

    # Progress and status are computed from milestones and dates; `milestones.all()` is prefetched
    # on list pages, so none of this queries.
    @cached_property
    def progress(self):
        """Per cent done: completed milestones over all, or the manual figure without any."""
        milestones = list(self.milestones.all())
        if milestones:
            done = sum(1 for milestone in milestones if milestone.completed_on)
            return Decimal(100 * done) / len(milestones)
        if self.phase == self.Phase.COMPLETED:
            return Decimal(100)
        return Decimal(self.manual_progress or 0)

    def computed_status(self, today=None):
        today = today or timezone.localdate()
        if self.phase == self.Phase.COMPLETED:
            return self.Status.DONE
        overdue = any(
            milestone.due < today and not milestone.completed_on
            for milestone in self.milestones.all()
        )
        if overdue or self.end < today:
            return self.Status.LATE
        return self.Status.ON_TIME

    @cached_property
    def status(self):
        # List pages annotate the same rule in SQL (planning.selectors.with_status) to filter by it.
        annotated = getattr(self, "current_status", None)
        return annotated or self.status_override or self.computed_status()

    def get_status_display(self):
        return self.Status(self.status).label


class ActionRole(models.Model):
    """What an organisation does in an action: the roles and responsibilities of stakeholders."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        ADVISER = "adviser", _("Adviser")
        PARTICIPANT = "participant", _("Participant")

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="roles", verbose_name=_("action")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="action_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    responsibilities = models.TextField(_("responsibilities"), blank=True, max_length=SHORT_TEXT)

    class Meta:
        verbose_name = _("role in an action")
        verbose_name_plural = _("roles in actions")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation", "role"], name="one_role_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_role_display()}"


class Milestone(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("action")
    )
    title = models.CharField(_("milestone"), max_length=255)
    due = models.DateField(_("due"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due", "pk"]

    def __str__(self):
        return self.title


class PlanChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(plan__in=ActionPlan.objects.visible_to(user))


class PlanChange(models.Model):
    """A line of the public change log: what changed in the adopted plan and when, naming the
    organisation that changed it (or city staff), never a person."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status changed")
        PHASE = "phase", _("Phase changed")
        MILESTONE = "milestone", _("Milestone reached")
        UPDATE = "update", _("Progress update")
        ADOPTION = "adoption", _("New version adopted")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="changes", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("action"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_changes",
        verbose_name=_("organisation"),
        help_text=_("Empty when city staff made the change."),
    )
    before = models.CharField(_("before"), max_length=20, blank=True)
    after = models.CharField(_("after"), max_length=20, blank=True)
    milestone = models.ForeignKey(
        "Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("milestone"),
    )
    update = models.ForeignKey(
        "ProgressUpdate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("progress update"),
    )
    previous_plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version it replaced"),
    )
    happened_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = PlanChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change to the plan")
        verbose_name_plural = _("changes to the plan")
        ordering = ["-happened_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.action or self.plan}"

    def get_absolute_url(self):
        if self.kind == self.Kind.ADOPTION:
            if self.previous_plan_id:
                return (
                    reverse("planning:versions-compare")
                    + f"?older={self.previous_plan_id}&newer={self.plan_id}"
                )
            return self.plan.get_absolute_url()
        if self.update_id:
            return f"{reverse('planning:action', args=[self.action_id])}#update-{self.update_id}"
        return reverse("planning:action", args=[self.action_id])

    @property
    def title(self):
        """One line saying what changed, in the reader's language."""
        if self.kind == self.Kind.ADOPTION:
            return _("Version %(number)s of the plan “%(title)s” adopted") % {
                "number": self.plan.number,
                "title": self.plan.attractive_title,
            }
        text = {
            self.Kind.STATUS: _("%(action)s: status %(before)s → %(after)s"),
            self.Kind.PHASE: _("%(action)s: phase %(before)s → %(after)s"),
            self.Kind.MILESTONE: _("%(action)s: milestone reached, “%(milestone)s”"),
            self.Kind.UPDATE: _("%(action)s: progress update"),
        }[self.kind]
        return text % {
            "action": self.action.title,
            "before": self.label("before"),
            "after": self.label("after"),
            "milestone": self.milestone.title if self.milestone else "—",
        }

    def label(self, field):
        """The status or phase recorded in `field` ("before" or "after"), in the reader's
        language."""
        value = getattr(self, field)
        choices = Action.Status if self.kind == self.Kind.STATUS else Action.Phase
        return choices(value).label if value in choices.values else value


class ReminderSent(models.Model):
    """A reminder already sent (planning.reminders): what makes each one go once, whatever the
    runs of the task."""

    kind = models.CharField(_("kind"), max_length=10)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    # "milestone:12", "action:5", "week": what the reminder was about.
    subject = models.CharField(_("about"), max_length=40)
    about = models.DateField(_("date it was about"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "person", "subject", "about"], name="remind_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} · {self.subject} · {self.about}"


class StaffReview(models.Model):
    """What city staff said of something an organisation submitted, who said it and when."""

    review_message = models.TextField(
        _("message from city staff"), blank=True, max_length=SHORT_TEXT
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        abstract = True


class ActionContact(models.Model):
    """A member of one of the action's organisations (its lead or a partner) who keeps the
    action's implementation up to date, chosen by city staff or by the organisation's admin."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("action")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="action_contacts",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="action_contacts",
        verbose_name=_("for the organisation"),
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chosen by"),
    )
    chosen_at = models.DateTimeField(_("chosen on"), default=timezone.now)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "person"], name="one_contact_per_person")
        ]

    def __str__(self):
        return f"{self.person} · {self.organisation}"

    def clean(self):
        if not (self.action_id and self.organisation_id and self.person_id):
            return
        if not self.organisation.memberships.filter(user_id=self.person_id).exists():
            raise ValidationError(
                {"person": _("A contact person must be a member of the organisation.")}
            )
        if self.organisation_id not in action_organisation_ids(self.action):
            raise ValidationError(
                {
                    "organisation": _(
                        "Contact persons come from the action's lead or partner organisations."
                    )
                }
            )


def action_organisation_ids(action):
    """The organisations whose members may be an action's contact persons: its lead and the
    organisations with the role of lead or partner in it."""
    ids = set(
        ActionRole.objects.filter(
            action=action, role__in=[ActionRole.Role.LEAD, ActionRole.Role.PARTNER]
        ).values_list("organisation_id", flat=True)
    )
    if action.lead_organisation_id:
        ids.add(action.lead_organisation_id)
    return ids


class ProgressUpdateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProgressUpdate.Status.PUBLISHED)


class ProgressUpdate(StaffReview):
    """A dated account of an action's implementation by its contact persons: what was done, what
    comes next, what stands in the way. The public reads it under the organisation's name."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned for changes")

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
        verbose_name=_("organisation"),
        help_text=_("Empty when city staff wrote it."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    reported_on = models.DateField(_("date of the update"), default=timezone.localdate)
    done = models.TextField(_("what was done"), max_length=LONG_TEXT)
    next_steps = models.TextField(_("what comes next"), blank=True, max_length=LONG_TEXT)
    obstacles = models.TextField(_("obstacles"), blank=True, max_length=LONG_TEXT)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reported_on", "-pk"]

    def __str__(self):
        return f"{self.action} · {self.reported_on}"

    def get_absolute_url(self):
        return f"{self.action.get_absolute_url()}#update-{self.pk}"

    def clean(self):
        if self.reported_on and self.reported_on > timezone.localdate():
            raise ValidationError({"reported_on": _("An update cannot be dated in the future.")})


class CharterQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_on__isnull=False)


class Charter(models.Model):
    """A version of the city charter: the actions the city commits to, aligned with the nation's
    lifelong-learning strategy. Organisations sign the published version."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charters",
        verbose_name=_("action plan"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"),
        # A charter runs to a few pages.
        max_length=5 * LONG_TEXT,
        help_text=_("Paragraphs, lists and links are kept."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    national_strategy = models.CharField(_("national strategy"), max_length=255, blank=True)
    national_strategy_url = models.URLField(_("link to the national strategy"), blank=True)
    alignment = models.TextField(
        _("how it aligns with the national strategy"), blank=True, max_length=LONG_TEXT
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="charters", verbose_name=_("actions it commits to")
    )
    ministry_contacts = models.ManyToManyField(
        MinistryContact, blank=True, related_name="charters", verbose_name=_("ministry liaison")
    )
    history = HistoricalRecords()

    objects = CharterQuerySet.as_manager()

    class Meta:
        verbose_name = _("city charter")
        verbose_name_plural = _("city charters")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["version"], name="one_charter_per_version")]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def save(self, *args, **kwargs):
        # Each language's text: assigning `self.text` would write the reader's language only.
        for field in ["text", "alignment"]:
            for name in fields_in_languages(Charter, [field]):
                setattr(self, name, sanitise(getattr(self, name) or ""))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("planning:charter")

    @property
    def is_draft(self):
        """Not published yet: the only kind of version open to comments."""
        return self.published_on is None

    @property
    def display_title(self):
        return self.title

    @property
    def comment_period_or_none(self):
        return getattr(self, "comment_period", None)

    @property
    def version_label(self):
        if self.is_draft:
            return _("Charter v%(number)s · draft") % {"number": self.version}
        return _("Charter v%(number)s · published") % {"number": self.version}


class CharterSignatureQuerySet(models.QuerySet):
    def in_force(self):
        """Signatures not withdrawn: the ones the charter's page lists."""
        return self.filter(withdrawn_at__isnull=True)


class CharterSignature(models.Model):
    """An organisation's signature of a charter. A withdrawn signature is kept, with who withdrew
    it, when and why; the organisation may sign again, as a new signature."""

    charter = models.ForeignKey(
        Charter, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("charter")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="charter_signatures",
        verbose_name=_("organisation"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_on = models.DateField(_("signed on"), default=timezone.localdate)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(
        _("why it was withdrawn"), blank=True, max_length=SHORT_TEXT
    )

    objects = CharterSignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_on", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "organisation"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="sign_once",
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.charter}"


class StocktakeEntry(StaffReview):
    """Something a stakeholder already does that the plan can build on, reviewed by staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged into another entry")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="stocktake_entries",
        verbose_name=_("organisation"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    title = models.CharField(_("activity"), max_length=255)
    description = models.TextField(_("description"), max_length=LONG_TEXT)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("target groups")
    )
    kflc_focuses = models.ManyToManyField(
        KflcFocus,
        blank=True,
        related_name="stocktake_entries",
        verbose_name=_("KFLC areas of focus"),
    )
    reach = models.PositiveIntegerField(_("people reached a year"), null=True, blank=True)
    since = models.PositiveSmallIntegerField(
        _("running since (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    link = models.URLField(_("link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_entries",
        verbose_name=_("merged into"),
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="stocktake_entries", verbose_name=_("linked actions")
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("stock-taking entry")
        verbose_name_plural = _("stock-taking entries")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Workshop(models.Model):
    """A capacity-building workshop on what building a learning city involves."""

    topic = models.CharField(_("topic"), max_length=255)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=255, blank=True)
    audience_sectors = models.ManyToManyField(
        Sector, related_name="+", verbose_name=_("sectors it is for")
    )
    materials = models.TextField(
        _("materials"), blank=True, help_text=_("Links or a list."), max_length=LONG_TEXT
    )
    materials_url = models.URLField(_("link to the materials"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("How many organisations may take part; empty for no limit."),
    )

    class Meta:
        verbose_name = _("capacity-building workshop")
        verbose_name_plural = _("capacity-building workshops")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.topic


class WorkshopParticipation(models.Model):
    """An organisation invited to a workshop: whether it came and what it thought."""

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("workshop"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="workshop_participations",
        verbose_name=_("organisation"),
    )

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    # The order of the waiting list: who asked first is promoted first.
    requested_at = models.DateTimeField(_("asked for a place"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    people = models.PositiveSmallIntegerField(_("people who came"), default=0)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (not useful) to 5 (very useful)."),
    )
    comment = models.TextField(
        _("what was useful, what was missing"), blank=True, max_length=SHORT_TEXT
    )

    class Meta:
        verbose_name = _("workshop participation")
        verbose_name_plural = _("workshop participations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "organisation"], name="one_participation_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.workshop}"


class WorkshopMaterial(models.Model):
    """A document or a link from a workshop, attached afterwards for everyone to read."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="documents", verbose_name=_("workshop")
    )
    title = models.CharField(_("title"), max_length=200)
    document = models.FileField(
        _("document"), upload_to="workshops/", blank=True, validators=[validate_document]
    )
    url = models.URLField(_("link"), blank=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("workshop material")
        verbose_name_plural = _("workshop materials")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if bool(self.document) == bool(self.url):
            raise ValidationError(_("Attach a document or give a link, one of the two."))

    @property
    def href(self):
        return self.document.url if self.document else self.url


class Consultation(models.Model):
    """Before a plan is drafted: city leaders and representatives name the challenges."""

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(
        _("question"),
        max_length=SHORT_TEXT,
        help_text=_("What participants are asked, e.g. the city's main challenges."),
    )
    opens_on = models.DateField(_("opens on"), default=timezone.localdate)
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning:consultation", args=[self.pk])

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("It cannot close before it opens.")})

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on


# The domain of the address a participant keeps once the person deleted their account:
# reserved (RFC 2606), so never anybody's.
FORMER_MEMBER_DOMAIN = "former-member.invalid"


class ConsultationParticipant(models.Model):
    """Someone invited to a consultation, representing a sector."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("consultation"),
    )
    email = models.EmailField(_("e-mail address"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector represented")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consultation_participations",
        verbose_name=_("person"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["sector__name_es", "email"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "email"], name="invite_once"),
        ]

    def __str__(self):
        return f"{self.email} · {self.sector}"

    @property
    def is_former_member(self):
        """The person deleted their account; what they proposed stays with their sector."""
        return self.email.endswith(f"@{FORMER_MEMBER_DOMAIN}")


class Proposal(models.Model):
    """A challenge or priority proposed in a consultation."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("consultation"),
    )
    participant = models.ForeignKey(
        ConsultationParticipant,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("proposed by"),
    )
    title = models.CharField(_("challenge or priority"), max_length=200)
    description = models.TextField(_("why it matters"), blank=True, max_length=SHORT_TEXT)
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="proposals", verbose_name=_("became the themes")
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["created_at"]

    def __str__(self):
        return self.title


class ProposalComment(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="comments", verbose_name=_("proposal")
    )
    participant = models.ForeignKey(
        ConsultationParticipant, on_delete=models.CASCADE, related_name="+", verbose_name=_("by")
    )
    text = models.TextField(_("comment"), max_length=SHORT_TEXT)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class ProposalScore(models.Model):
    """How important a participant finds a proposal, from 1 to 5: the ranking adds these up."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="scores", verbose_name=_("proposal")
    )
    participant = models.ForeignKey(
        ConsultationParticipant,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("by"),
    )
    points = models.PositiveSmallIntegerField(
        _("importance"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "participant"], name="score_once")
        ]

    def __str__(self):
        return f"{self.proposal}: {self.points}"


def comments_url(item):
    """The comments page of what `item` (a comment period or a comment) is on."""
    if item.charter_id:
        return reverse("planning:charter-comments", args=[item.charter_id])
    return reverse("planning:plan-comments", args=[item.plan_id])


def on_version(subject):
    """The keyword that ties a comment period or comment to `subject`, a version of the plan or
    of the charter."""
    return {"plan" if isinstance(subject, ActionPlan) else "charter": subject}


# What a comment period and a comment are on: a version of the plan or one of the charter.
ON_PLAN_OR_CHARTER = models.Q(plan__isnull=False, charter__isnull=True) | models.Q(
    plan__isnull=True, charter__isnull=False
)


class CommentPeriod(models.Model):
    """The dates between which anybody signed in may comment on a draft version of the plan or
    on an unpublished version of the charter."""

    plan = models.OneToOneField(
        ActionPlan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comment_period",
        verbose_name=_("plan version"),
    )
    charter = models.OneToOneField(
        "Charter",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comment_period",
        verbose_name=_("charter version"),
    )
    opens_on = models.DateField(_("comments open on"))
    closes_on = models.DateField(_("comments close on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )

    class Meta:
        verbose_name = _("comment period")
        verbose_name_plural = _("comment periods")
        constraints = [
            models.CheckConstraint(
                condition=ON_PLAN_OR_CHARTER, name="comment_period_on_plan_or_charter"
            )
        ]

    def __str__(self):
        return f"{self.subject} · {self.opens_on} – {self.closes_on}"

    @property
    def subject(self):
        """The version commented on: of the plan or of the charter."""
        return self.plan or self.charter

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on <= self.opens_on:
            raise ValidationError({"closes_on": _("The period must end after it starts.")})

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on

    @property
    def has_started(self):
        return timezone.localdate() >= self.opens_on

    @property
    def has_closed(self):
        return timezone.localdate() > self.closes_on


class DraftComment(models.Model):
    """A public comment on a draft version of the plan, on the whole of it or on one of its
    themes, objectives or actions; it stays with that version. Staff answer each one."""

    class Answer(models.TextChoices):
        TAKEN_UP = "taken_up", _("Taken up")
        CONSIDERED = "considered", _("Considered")
        NOT_TAKEN = "not_taken", _("Not taken")

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="draft_comments",
        verbose_name=_("plan version"),
    )
    charter = models.ForeignKey(
        "Charter",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="draft_comments",
        verbose_name=_("charter version"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft_comments",
        verbose_name=_("theme"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft_comments",
        verbose_name=_("objective"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft_comments",
        verbose_name=_("action"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft_comments",
        verbose_name=_("written by"),
    )
    # Known from the commenter's organisation when they belong to one; kept as it was then.
    sector = models.ForeignKey(
        Sector,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    text = models.TextField(_("comment"), max_length=SHORT_TEXT)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, blank=True)
    answer_reason = models.TextField(_("reason"), blank=True, max_length=SHORT_TEXT)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on a draft")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=ON_PLAN_OR_CHARTER, name="draft_comment_on_plan_or_charter"
            )
        ]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return comments_url(self) + f"#comment-{self.pk}"

    @property
    def subject(self):
        """The version commented on: of the plan or of the charter."""
        return self.plan or self.charter

    def clean(self):
        about = [item for item in (self.theme, self.objective, self.action) if item is not None]
        if self.charter_id and about:
            raise ValidationError(_("A comment on the charter is about the whole of it."))
        if len(about) > 1:
            raise ValidationError(_("A comment is about the whole draft or one part of it."))
        plan_ids = {
            self.theme.plan_id if self.theme else None,
            self.objective.plan_id if self.objective else None,
            self.action.objective.plan_id if self.action else None,
        } - {None}
        if plan_ids and plan_ids != {self.plan_id}:
            raise ValidationError(_("That part is not in this version of the plan."))
        if self.answer and not self.answer_reason.strip():
            raise ValidationError({"answer_reason": _("Give the reason for the answer.")})

    @property
    def about(self):
        return self.action or self.objective or self.theme

    @property
    def about_theme(self):
        """The theme the comment counts under: its own, its objective's or its action's."""
        if self.theme_id:
            return self.theme
        if self.objective_id:
            return self.objective.theme
        if self.action_id:
            return self.action.objective.theme
        return None
