from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class LearningCityConfig(AppConfig):
    name = "learningcity"
    verbose_name = _("Learning city")

    def ready(self):
        from learningcity import notifications
        from learningcity.personal_data_views import account_section_context
        from learningcity.registry import registry

        registry.register_hook("export_personal_data", notifications.personal_data_export)
        registry.register_hook("delete_personal_data", notifications.personal_data_delete)

        registry.register_section(
            "account",
            "personal_data",
            title=_("Your data"),
            template_name="account/sections/personal_data.html",
            get_context=account_section_context,
            order=1000,
        )


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, answering to our roles (see learningcity.admin_site)."""

    default = False
    default_site = "learningcity.admin_site.PortalAdminSite"
