"""Abstract building blocks shared by the apps; no action area keeps its tables here."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNameModel(models.Model):
    """A reference-list entry named in Spanish and English, shown in the reader's language."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name_es = models.CharField(_("name in Spanish"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150)

    class Meta:
        abstract = True
        ordering = ["name_es"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "").startswith("en") else self.name_es
