from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change of state someone made (adopted a plan, verified an organisation...): who, when,
    what, to which object, from which screen. Field-by-field history stays with simple-history;
    this is the one list staff read to see what happened. Written by `learningcity.audit.record`.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    when = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=60)
    # The untranslated sentence, translated when shown (see `summary_display`).
    summary = models.CharField(_("what"), max_length=255)
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of object"),
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=255, blank=True)
    source = models.CharField(
        _("from"),
        max_length=255,
        blank=True,
        help_text=_("The page it was done on, or “admin” or “task”."),
    )
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)

    class Meta:
        verbose_name = _("activity entry")
        verbose_name_plural = _("activity")
        ordering = ["-when", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self):
        return f"{self.when:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    @property
    def target_kind(self):
        model = self.target_type.model_class() if self.target_type else None
        return model._meta.verbose_name if model else ""

    @property
    def summary_display(self):
        return gettext(self.summary) if self.summary else self.action
