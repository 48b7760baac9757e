from django.db import migrations

from stakeholders.reference import ensure_reference_lists, ensure_roles


def forwards(apps, schema_editor):
    ensure_roles(apps.get_model("auth", "Group"))
    ensure_reference_lists(
        apps.get_model("stakeholders", "Sector"), apps.get_model("stakeholders", "TargetGroup")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
