"""Nickname keys tolerant of punctuation and full-width forms (kyosei.counter.matching)."""

import unicodedata

from django.db import migrations


def _search_key(text: str) -> str:
    # A frozen copy of kyosei.counter.matching.search_key: migrations do not import app code.
    folded = unicodedata.normalize("NFKC", text).upper()
    kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LNM")
    return (kept or folded.strip())[:60]


def rekey(apps, schema_editor):
    Client = apps.get_model("counter", "Client")
    batch = []
    for client in Client.objects.only("id", "nickname", "nickname_key").iterator(chunk_size=2000):
        key = _search_key(client.nickname)
        if key != client.nickname_key:
            client.nickname_key = key
            batch.append(client)
        if len(batch) >= 2000:
            Client.objects.bulk_update(batch, ["nickname_key"])
            batch = []
    Client.objects.bulk_update(batch, ["nickname_key"])


class Migration(migrations.Migration):
    dependencies = [("counter", "0005_counterbugs_form_tokens")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
