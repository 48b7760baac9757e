from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An e-mail waiting for, or done with, the Celery task that sends it.

    Keeping the rendered message in a row lets the task take a primary key, be retried safely and
    never send twice.
    """

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    # Extra headers, e.g. List-Unsubscribe for notifications (RFC 8058).
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # Text files sent with the message (e.g. an event's .ics): a list of
    # {"filename": ..., "content": ..., "mimetype": ...}.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.to}: {self.subject}"
