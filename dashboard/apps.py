from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Progress dashboard")

    def ready(self):
        from dashboard import demo, open_data, rules  # noqa: F401  (rules: permission rules)
        from dashboard.figures import follow_public_data
        from learningcity.registry import registry

        # Every app's `datasets` module registers its open data (dashboard.open_data).
        open_data.discover()
        follow_public_data()

        registry.register_hook("seed_demo", demo.seed)

        registry.register_area(
            "dashboard",
            title=_("Progress dashboard"),
            url_name="dashboard:index",
            summary=_(
                "The progress of the whole programme at a glance, and the progress reports for "
                "the city and the GNLC."
            ),
            order=70,
        )
