from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Celebration")

    def ready(self):
        from events import demo, notifications, rules  # noqa: F401  (rules: permission rules)
        from learningcity.registry import registry

        notifications.register()

        registry.register_area(
            "events",
            title=_("Celebration"),
            url_name="events:index",
            summary=_(
                "Learning festivals, conferences and regular celebrations that keep the whole "
                "city enthusiastic about learning."
            ),
            order=30,
        )
        registry.register_hook("seed_demo", demo.seed)
        from events import inbox, personal_data, sections

        sections.register()
        from events.selectors import follow_public_data

        follow_public_data()
        inbox.register()
        registry.register_hook("export_personal_data", personal_data.export)
        registry.register_hook("delete_personal_data", personal_data.delete)
        _schedule_reminders()


def _schedule_reminders():
    """Beat runs the reminders every hour; each registration is reminded once (events.reminders).
    Added to the Celery app's schedule here, so the core's settings need not know the app."""
    from events.tasks import registration_reminders_task
    from learningcity.celery import app

    app.add_periodic_task(
        3600.0, registration_reminders_task.s(), name="events-registration-reminders"
    )
