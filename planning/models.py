from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.models import BilingualName


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
