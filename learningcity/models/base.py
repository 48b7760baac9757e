"""Building blocks the core's and the areas' models share."""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The longest texts people may type into a form: generous for what each field holds, small
# enough that a pasted book, or a hostile post, is refused with a message instead of stored.
LONG_TEXT = 10_000
SHORT_TEXT = 2_000


def localised(obj, field):
    """`obj.<field>_en` for English readers, `obj.<field>_es` for everyone else."""
    suffix = "en" if (get_language() or "").startswith("en") else "es"
    return getattr(obj, f"{field}_{suffix}")


class BilingualName(models.Model):
    """A name kept in Spanish and English, shown in the reader's language."""

    name_es = models.CharField(_("name in Spanish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localised(self, "name")


class BilingualNameModel(BilingualName):
    """A reference-list entry (district, sector, target group) with a stable code."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)

    class Meta:
        abstract = True
        ordering = ["name_es"]


LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


def new_token():
    """A secret for links sent by e-mail (invitations, one-click unsubscribe...)."""
    return secrets.token_urlsafe(32)
