from django.db import migrations


def load_languages(apps, schema_editor):
    from kyosei.core.languages import sync_languages_from_file

    sync_languages_from_file(apps.get_model("core", "Language"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_languages, migrations.RunPython.noop)]
