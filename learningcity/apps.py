from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class LearningCityConfig(AppConfig):
    name = "learningcity"
    verbose_name = _("Learning city")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, answering to our roles (see learningcity.admin_site)."""

    default = False
    default_site = "learningcity.admin_site.PortalAdminSite"
