"""The learning-city forum, a part of stakeholders with its own modules (models, services,
selectors, views, urls...): see stakeholders/forum/models.py."""


def register():
    """Called from StakeholdersConfig.ready(): rules, notification kinds, inbox, sections."""
    from learningcity.registry import registry
    from stakeholders.forum import (
        inbox,
        notifications,
        personal_data,
        rules,  # noqa: F401  (registers the permission rules)
        sections,
    )
    from stakeholders.models import Organisation

    notifications.register()
    inbox.register()
    sections.register()
    from stakeholders.forum.selectors import follow_public_data

    follow_public_data()
    registry.register_hook(
        "forum_discussable",
        lambda user: {Organisation: Organisation.objects.visible_to(user)},
    )
    registry.register_hook("export_personal_data", personal_data.export)
    registry.register_hook("delete_personal_data", personal_data.delete)
