"""Recognition of non-formal learning (UNESCO's guidelines, "Accessibility"): identification,
validation and accreditation.

A provider (an organisation) describes a `RecognitionProcedure`: what is assessed, how and by
whom, and the level or credits it gives in the national framework. A signed-in learner sends an
`RecognitionApplication` with evidence of what they learned (identification); one of the
procedure's assessors, a member of the provider, decides with reasons (validation); an accepted
application issues a `Credential` (accreditation) anyone may verify by its code. Applications and
credentials are the learner's personal data (provision.personal_data). Writes go through
provision.recognition.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.media import PRIVATE_PREFIX
from learningcity.uploads import validate_document
from stakeholders.models import Organisation


def new_credential_code():
    """About 128 random bits from the operating system's generator: nobody guesses or counts
    their way to another person's credential."""
    return secrets.token_urlsafe(16)


def evidence_path(application, filename):
    """Stored among the private uploads (never served at a media address, only by the view that
    checks who asks), under a random folder, so even a leaked path says nothing of who sent it
    and leads to no other file."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    folder = f"{PRIVATE_PREFIX}recognition/evidence/{uuid.uuid4().hex}"
    return f"{folder}/evidence.{extension}".rstrip(".")


class RecognitionProcedureQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True, provider__verified=True)


class RecognitionProcedure(models.Model):
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="recognition_procedures",
        verbose_name=_("provider"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    assessed = models.TextField(
        _("what is assessed"),
        max_length=3000,
        help_text=_("The knowledge and skills a learner shows, in plain words."),
    )
    assessment = models.TextField(
        _("how and by whom"),
        max_length=3000,
        help_text=_(
            "How the learning is assessed (interview, portfolio, practical test) and who "
            "assesses it."
        ),
    )
    evidence_guidance = models.TextField(
        _("evidence to send"),
        max_length=2000,
        blank=True,
        help_text=_("What learners should upload or link: certificates, photos of their work..."),
    )
    framework_level = models.CharField(
        _("level in the national framework"), max_length=120, blank=True
    )
    credits = models.DecimalField(
        _("credits"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="recognition_procedures_assessed",
        verbose_name=_("assessors"),
        help_text=_("Members of the provider who decide on the applications."),
    )
    is_open = models.BooleanField(_("open for applications"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = RecognitionProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition procedure")
        verbose_name_plural = _("recognition procedures")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("provision:recognition-procedure", args=[self.slug])

    def clean(self):
        if not self.framework_level.strip() and self.credits is None:
            raise ValidationError(
                {
                    "framework_level": _(
                        "Give the level in the national framework, the credits, or both."
                    )
                }
            )


class RecognitionApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The address of its page: random, never the sequential primary key.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    procedure = models.ForeignKey(
        RecognitionProcedure,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("procedure"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recognition_applications",
        verbose_name=_("applicant"),
    )
    statement = models.TextField(
        _("what you learned"),
        max_length=4000,
        help_text=_("Where and how you learned it, and what you can do now."),
    )
    evidence_url = models.URLField(_("link to evidence"), max_length=500, blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to=evidence_path,
        blank=True,
        validators=[validate_document],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    reasons = models.TextField(_("reasons for the decision"), max_length=3000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("recognition application")
        verbose_name_plural = _("recognition applications")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["procedure", "status"], name="recognition_app_status")]

    def __str__(self):
        return f"{self.procedure} · {self.applicant}"

    def get_absolute_url(self):
        return reverse("provision:recognition-application", args=[self.key])

    def clean(self):
        if not self.evidence_url and not self.evidence_file:
            raise ValidationError(
                {"evidence_file": _("Upload a file or give a link that shows what you learned.")}
            )
        decided = (self.Status.ACCEPTED, self.Status.REJECTED)
        if self.status in decided and not self.reasons.strip():
            raise ValidationError({"reasons": _("Give the reasons for the decision.")})


class Credential(models.Model):
    """What an accepted application issues. What it certifies is copied when it is issued, so
    the certificate never changes when the procedure is edited later."""

    code = models.CharField(
        _("verification code"), max_length=40, unique=True, default=new_credential_code
    )
    application = models.OneToOneField(
        RecognitionApplication,
        on_delete=models.CASCADE,
        related_name="credential",
        verbose_name=_("application"),
    )
    holder_name = models.CharField(_("holder"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    provider_name = models.CharField(_("provider"), max_length=200)
    framework_level = models.CharField(
        _("level in the national framework"), max_length=120, blank=True
    )
    credits = models.DecimalField(
        _("credits"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return f"{self.title} · {self.holder_name}"

    def get_absolute_url(self):
        return reverse("provision:credential", args=[self.code])

    def clean(self):
        if self.withdrawn_at is not None and not self.withdrawal_reason.strip():
            raise ValidationError({"withdrawal_reason": _("Say why the credential is withdrawn.")})

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None
