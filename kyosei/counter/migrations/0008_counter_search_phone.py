"""Search by a part of the reference and by phone number (a blind index of the numbers in the
encrypted contact details); fills both for existing clients."""

import hashlib
import hmac
import re
import unicodedata

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Frozen copies of kyosei.counter.matching.phone_numbers and crypto.blind_index as of this
# migration: migrations do not import app code.
_CANDIDATE = re.compile(r"\+?\(?\d[\d\s\-().‐‑–—/]{5,}\d")


def _normalise(text):
    folded = unicodedata.normalize("NFKC", text).strip()
    digits = "".join(ch for ch in folded if ch.isdigit() and ch.isascii())
    international = folded.startswith("+")
    for prefix in ("00", "010"):
        if not international and digits.startswith(prefix) and len(digits) > 11:
            digits, international = digits[len(prefix) :], True
    if international:
        if digits.startswith("81"):
            national = digits[2:]
            digits = national if national.startswith("0") else "0" + national
        else:
            digits = "+" + digits
    return digits if 7 <= len(digits.lstrip("+")) <= 15 else ""


def _digest(organisation_id, number):
    secret = getattr(settings, "COUNTER_SEARCH_KEY", "") or (
        f"kyosei-counter-blind-index:{settings.SECRET_KEY}"
    )
    key = hashlib.sha256(secret.encode()).digest()
    return hmac.new(key, f"{organisation_id}:{number}".encode(), hashlib.sha256).hexdigest()


def fill(apps, schema_editor):
    Client = apps.get_model("counter", "Client")
    ClientPhone = apps.get_model("counter", "ClientPhone")
    batch, phones = [], []
    clients = Client.objects.only("id", "organisation_id", "reference", "contact")
    for client in clients.iterator(chunk_size=2000):
        client.reference_reversed = client.reference[::-1]
        batch.append(client)
        folded = unicodedata.normalize("NFKC", client.contact or "")
        numbers = {_normalise(found) for found in _CANDIDATE.findall(folded)} - {""}
        phones += [
            ClientPhone(
                organisation_id=client.organisation_id,
                client_id=client.pk,
                digest=_digest(client.organisation_id, number),
            )
            for number in sorted(numbers)
        ]
        if len(batch) >= 2000:
            Client.objects.bulk_update(batch, ["reference_reversed"])
            ClientPhone.objects.bulk_create(phones)
            batch, phones = [], []
    Client.objects.bulk_update(batch, ["reference_reversed"])
    ClientPhone.objects.bulk_create(phones)


class Migration(migrations.Migration):
    dependencies = [
        ("counter", "0007_merge_promises_and_bugs"),
        ("orgs", "0003_orgs_invitations_translations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClientPhone",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(max_length=64)),
            ],
        ),
        migrations.AddField(
            model_name="client",
            name="reference_reversed",
            field=models.CharField(blank=True, editable=False, max_length=16),
        ),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(
                fields=["organisation", "reference_reversed"], name="counter_client_ref_end"
            ),
        ),
        migrations.AddField(
            model_name="clientphone",
            name="client",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="phone_index",
                to="counter.client",
            ),
        ),
        migrations.AddField(
            model_name="clientphone",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="orgs.organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="clientphone",
            index=models.Index(fields=["organisation", "digest"], name="counter_phone_lookup"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
