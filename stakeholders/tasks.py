"""The stakeholders' Celery tasks. Celery's autodiscovery reads each app's `tasks` module only:
the forum's tasks, in their own module, are registered with the worker by being imported here."""

from stakeholders.forum.tasks import notify_followers_task

__all__ = ["notify_followers_task"]
