from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Sustainable funding")

    def ready(self):
        from funding import demo, rules  # noqa: F401  (permission rules)
        from learningcity.registry import registry

        registry.register_area(
            "funding",
            title=_("Sustainable funding"),
            url_name="funding:index",
            summary=_(
                "How the programme is funded: budget, cost-sharing partners, shared resources "
                "and the benefits of learning."
            ),
            order=60,
        )
        registry.register_hook("seed_demo", demo.seed)
        from funding import inbox, notifications, personal_data

        inbox.register()
        from funding.selectors import follow_public_data

        follow_public_data()
        notifications.register()
        registry.register_hook("export_personal_data", personal_data.export)
        registry.register_hook("delete_personal_data", personal_data.delete)
