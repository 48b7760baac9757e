from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")

    def ready(self):
        from learningcity.registry import registry
        from planning import demo, notifications, rules  # noqa: F401  (rules: permission rules)

        notifications.register()

        registry.register_area(
            "planning",
            title=_("Planning"),
            url_name="planning:index",
            summary=_(
                "The city's action plan: its themes, objectives and actions, the city charter, "
                "stock-taking and capacity-building workshops."
            ),
            order=10,
        )
        registry.register_hook("seed_demo", demo.seed)
        _schedule_reminders()
        from planning import inbox, sections

        inbox.register()
        sections.register()
        from planning.selectors import follow_public_data

        follow_public_data()
        from planning import personal_data

        registry.register_hook("export_personal_data", personal_data.export)
        from planning import discussion

        discussion.register()
        registry.register_hook("delete_personal_data", personal_data.delete)


def _schedule_reminders():
    """Beat runs planning's reminders every hour; each sends what no earlier run sent
    (planning.reminders)."""
    from learningcity.registry import registry

    for name, task in [
        ("planning-action-reminders", "planning.tasks.action_reminders_task"),
        ("planning-quiet-actions-summary", "planning.tasks.quiet_actions_summary_task"),
    ]:
        registry.register_periodic_task(name, task, every=3600)
