from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisionConfig(AppConfig):
    name = "provision"
    verbose_name = _("Accessibility")

    def ready(self):
        from learningcity.registry import registry
        from provision import (  # noqa: F401
            demo,
            inbox,
            notifications,
            personal_data,
            recognition,
            rules,
            sections,
        )

        inbox.register()
        inbox.register_learning_orgs()
        notifications.register()
        notifications.register_learning_orgs()
        sections.register()
        recognition.register()
        sections.register_learning_orgs()

        registry.register_area(
            "provision",
            title=_("Accessibility"),
            url_name="provision:index",
            summary=_(
                "Where and how to learn in the city: learning opportunities, community learning "
                "spaces and support for every citizen."
            ),
            order=40,
        )
        registry.register_hook("seed_demo", demo.seed)
        registry.register_hook("export_personal_data", personal_data.export)
        registry.register_hook("delete_personal_data", personal_data.delete)
        registry.register_hook("export_personal_data", personal_data.export_barriers)
        registry.register_hook("delete_personal_data", personal_data.delete_barriers)
