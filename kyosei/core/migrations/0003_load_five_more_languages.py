from django.db import migrations


def load_languages(apps, schema_editor):
    """Databases migrated before uk, tr, si, bn and ur existed get their rows (an operator's
    change to an existing row, e.g. a deactivated language, is kept: sync only adds and
    refreshes what the file defines)."""
    from kyosei.core.languages import sync_languages_from_file

    sync_languages_from_file(apps.get_model("core", "Language"))


class Migration(migrations.Migration):
    dependencies = [("core", "0002_load_languages")]
    operations = [migrations.RunPython(load_languages, migrations.RunPython.noop)]
