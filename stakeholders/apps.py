from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "stakeholders"
    verbose_name = _("Participation")

    def ready(self):
        from learningcity.registry import registry
        from stakeholders import notifications, rules  # noqa: F401  (rules: permission rules)
        from stakeholders.selectors import belongings_of, follow_public_data

        notifications.register()
        follow_public_data()

        registry.register_area(
            "stakeholders",
            title=_("Participation"),
            url_name="stakeholders:index",
            summary=_(
                "Organisations and citizens who build the learning city together: the directory, "
                "the committee, partner cities and networks."
            ),
            order=20,
        )
        registry.register_section(
            "account",
            "memberships",
            title=_("Your organisations"),
            template_name="stakeholders/sections/account_memberships.html",
            get_context=lambda request, user: belongings_of(user),
            order=10,
        )
        from stakeholders import inbox, sections

        inbox.register()
        sections.register()
        from stakeholders import personal_data

        registry.register_hook("export_personal_data", personal_data.export)
        registry.register_hook("personal_data_deletion_blockers", personal_data.deletion_blockers)
        registry.register_hook("delete_personal_data", personal_data.delete)
        from stakeholders import forum

        forum.register()
