import logging
import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from learningcity.models.base import (
    LATITUDE,
    LONG_TEXT,
    LONGITUDE,
    BilingualNameModel,
    localised,
)
from learningcity.uploads import validate_image

logger = logging.getLogger(__name__)


class CityProfileManager(models.Manager):
    CACHE_KEY = "learningcity:city-profile"

    def current(self):
        """The one city profile, cached; made with neutral defaults if it does not exist yet.

        A cache that is down must not take every page with it, so its errors only cost a query.
        """
        try:
            profile = cache.get(self.CACHE_KEY)
        except Exception:
            logger.warning("Cache unavailable while reading the city profile", exc_info=True)
            profile = None
        if profile is None:
            profile, _created = self.get_or_create(pk=1)
            try:
                cache.set(self.CACHE_KEY, profile, 3600)
            except Exception:
                logger.warning("Cache unavailable while storing the city profile", exc_info=True)
        return profile


# The licences a city may publish its open data under: SPDX identifier -> (name, URL).
DATA_LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": ("Creative Commons Zero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": (
        "Open Data Commons Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
}


class CityProfile(models.Model):
    """The city that runs the programme. One row; coordinators edit it in the admin."""

    name = models.CharField(_("city name"), max_length=150, default="")
    programme_name_es = models.CharField(
        _("programme name in Spanish"), max_length=150, default="Ciudad del aprendizaje"
    )
    programme_name_en = models.CharField(
        _("programme name in English"), max_length=150, default="Learning city"
    )
    introduction_es = models.TextField(
        _("introduction in Spanish"), blank=True, max_length=LONG_TEXT
    )
    introduction_en = models.TextField(
        _("introduction in English"), blank=True, max_length=LONG_TEXT
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two capital letters of ISO 3166."))],
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use the three capital letters of ISO 4217."))],
    )
    default_language = models.CharField(
        _("default language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of new accounts and of e-mails to people without an account."),
    )
    map_center_lat = models.DecimalField(
        _("map centre latitude"), max_digits=9, decimal_places=6, default=0, validators=LATITUDE
    )
    map_center_lon = models.DecimalField(
        _("map centre longitude"), max_digits=9, decimal_places=6, default=0, validators=LONGITUDE
    )
    map_zoom = models.PositiveSmallIntegerField(
        _("map zoom"), default=12, validators=[MinValueValidator(1), MaxValueValidator(19)]
    )
    bbox_south = models.DecimalField(
        _("southern limit"), max_digits=9, decimal_places=6, default=-90, validators=LATITUDE
    )
    bbox_west = models.DecimalField(
        _("western limit"), max_digits=9, decimal_places=6, default=-180, validators=LONGITUDE
    )
    bbox_north = models.DecimalField(
        _("northern limit"), max_digits=9, decimal_places=6, default=90, validators=LATITUDE
    )
    bbox_east = models.DecimalField(
        _("eastern limit"), max_digits=9, decimal_places=6, default=180, validators=LONGITUDE
    )
    logo = models.ImageField(_("logo"), upload_to="city/", blank=True, validators=[validate_image])
    logo_alt_text = models.CharField(
        _("logo description"),
        max_length=150,
        blank=True,
        help_text=_("Read aloud by screen readers in place of the logo."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    data_licence = models.CharField(
        _("open data licence"),
        max_length=20,
        choices=[(key, name) for key, (name, _url) in DATA_LICENCES.items()],
        default="CC-BY-4.0",
        help_text=_("The licence of every dataset at /open-data/."),
    )
    history = HistoricalRecords()

    objects = CityProfileManager()

    class Meta:
        verbose_name = _("city profile")
        verbose_name_plural = _("city profile")

    def __str__(self):
        return self.name or str(_("City profile"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(CityProfileManager.CACHE_KEY)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The city profile cannot be deleted."))

    def clean(self):
        errors = {}
        if self.time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = _("“%(zone)s” is not a known time zone, e.g. Europe/Madrid.") % {
                "zone": self.time_zone
            }
        if None not in (self.bbox_south, self.bbox_north) and self.bbox_south >= self.bbox_north:
            errors["bbox_north"] = _("The northern limit must be north of the southern limit.")
        if None not in (self.bbox_west, self.bbox_east) and self.bbox_west >= self.bbox_east:
            errors["bbox_east"] = _("The eastern limit must be east of the western limit.")
        if not errors and not self.contains(self.map_center_lat, self.map_center_lon):
            errors["map_center_lat"] = _("The map centre must lie inside the limits.")
        if errors:
            raise ValidationError(errors)

    @property
    def programme_name(self):
        return localised(self, "programme_name")

    @property
    def data_licence_url(self):
        return DATA_LICENCES[self.data_licence][1]

    @property
    def introduction(self):
        return localised(self, "introduction")

    def contains(self, lat, lon):
        """Whether a point lies inside the city's bounding box."""
        if lat is None or lon is None:
            return False
        return self.bbox_south <= lat <= self.bbox_north and self.bbox_west <= lon <= self.bbox_east


class District(BilingualNameModel):
    """A part of the city; its population and boundary feed the dashboard's equity map."""

    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("year of the population figure"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    # A GeoJSON geometry (Polygon or MultiPolygon, longitude before latitude), checked against the
    # city's bounding box by `clean`; kept as JSON so SQLite and PostgreSQL need no GIS extension.
    boundary = models.JSONField(_("boundary"), null=True, blank=True)

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def clean(self):
        from learningcity.geo import validate_boundary

        if self.boundary is not None:
            validate_boundary(self.boundary, CityProfile.objects.current())


class Sector(BilingualNameModel):
    """A sector of society represented in the programme (education, business, culture...)."""

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class TargetGroup(BilingualNameModel):
    """A group the programme gives special attention to (migrants, unemployed, older adults...)."""

    marginalised = models.BooleanField(
        _("marginalised group"),
        default=False,
        help_text=_("Counted in the measures for marginalised groups the guidelines ask for."),
    )

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class AccessibilityFeature(BilingualNameModel):
    """Something that makes a place or an event usable by more people (step-free access, hearing
    loop, sign language...): one list shared by the events and the learning spaces."""

    description_es = models.CharField(_("description in Spanish"), max_length=300, blank=True)
    description_en = models.CharField(_("description in English"), max_length=300, blank=True)

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")

    @property
    def description(self):
        return localised(self, "description")
