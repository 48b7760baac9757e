from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from learningcity.registry import registry

        registry.register_area(
            "monitoring",
            title=_("Monitoring and evaluation"),
            url_name="monitoring:index",
            summary=_(
                "How the city measures its progress against its plan and UNESCO's Key Features "
                "of Learning Cities."
            ),
            order=50,
        )
