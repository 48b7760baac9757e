from django.db import migrations

from planning.kflc import load_kflc


def forwards(apps, schema_editor):
    load_kflc(apps.get_model("planning", "KflcArea"), apps.get_model("planning", "KflcFocus"))


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
