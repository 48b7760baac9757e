from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _localised(obj, field):
    suffix = "en" if (get_language() or "").startswith("en") else "es"
    return getattr(obj, f"{field}_{suffix}")


class KflcArea(models.Model):
    """One of the three areas of UNESCO's Key Features of Learning Cities."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name_es = models.CharField(_("name in Spanish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)

    class Meta:
        verbose_name = _("KFLC area")
        verbose_name_plural = _("KFLC areas")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}. {self.name}"

    @property
    def name(self):
        return _localised(self, "name")


class KflcFocus(models.Model):
    """An area of focus within a KFLC area (1.1 ... 3.3)."""

    area = models.ForeignKey(
        KflcArea, on_delete=models.CASCADE, related_name="focuses", verbose_name=_("area")
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    name_es = models.CharField(_("name in Spanish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)

    class Meta:
        verbose_name = _("KFLC area of focus")
        verbose_name_plural = _("KFLC areas of focus")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self):
        return _localised(self, "name")
