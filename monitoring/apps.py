from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from learningcity.registry import registry
        from monitoring import demo, inbox, notifications, rules, sections  # noqa: F401  (rules)

        registry.register_hook("seed_demo", demo.seed)
        registry.register_hook("seed_demo", demo.seed_assessments_and_feedback)
        from monitoring import survey_demo

        registry.register_hook("seed_demo", survey_demo.seed)
        from monitoring import bulletin_demo

        registry.register_hook("seed_demo", bulletin_demo.seed)
        from monitoring import personal_data

        registry.register_hook("export_personal_data", personal_data.export)
        registry.register_hook("delete_personal_data", personal_data.delete)
        inbox.register()
        notifications.register()
        sections.register()
        from monitoring.selectors import follow_public_data

        follow_public_data()
        registry.register_periodic_task(
            "monitoring-due-reminders", "monitoring.tasks.due_reminders_task", every=3600
        )
        registry.register_periodic_task(
            "monitoring-computed-values", "monitoring.tasks.computed_values_task", every=3600
        )
        registry.register_periodic_task(
            "monitoring-report-reminders", "monitoring.tasks.report_reminders_task", every=3600
        )
        registry.register_periodic_task(
            "monitoring-bulletin-draft", "monitoring.tasks.bulletin_monthly_draft_task", every=3600
        )
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
