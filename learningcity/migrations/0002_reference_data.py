from django.db import migrations

from learningcity.reference import ensure_reference_lists, ensure_roles


def forwards(apps, schema_editor):
    ensure_roles(apps.get_model("auth", "Group"))
    ensure_reference_lists(
        apps.get_model("learningcity", "Sector"),
        apps.get_model("learningcity", "TargetGroup"),
        apps.get_model("learningcity", "AccessibilityFeature"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("learningcity", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
