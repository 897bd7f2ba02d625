import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from kyosei.counter import crypto, services
from kyosei.counter.models import Consultation
from kyosei.counter.tests.factories import CANARY, make_client, make_consultation
from kyosei.orgs.models import Organisation


def raw_narrative(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM counter_consultation WHERE id = %s", [pk])
        value: str = cursor.fetchone()[0]
    return value


def test_round_trip_and_empty_values_stay_empty() -> None:
    token = crypto.encrypt_text("相談内容 " + CANARY)
    assert CANARY not in token
    assert crypto.decrypt_text(token) == "相談内容 " + CANARY
    assert crypto.EncryptedTextField().get_prep_value("") == ""


@override_settings(DEBUG=False, TESTING=False, FIELD_ENCRYPTION_KEYS=[])
def test_production_without_keys_refuses_to_encrypt() -> None:
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt_text("x")


@override_settings(FIELD_ENCRYPTION_KEYS=["not-a-key"])
def test_a_malformed_key_is_a_configuration_error() -> None:
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt_text("x")


@pytest.mark.django_db
def test_rotate_keys_re_encrypts_with_the_new_first_key(org_a: Organisation) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]):
        client = make_client(org_a, full_name="Maria Silva")
        consultation = make_consultation(org_a, client)
        attachment = services.add_attachment(
            actor=None, consultation=consultation, upload=SimpleUploadedFile("a.txt", b"scan")
        )
    before = raw_narrative(consultation.pk)
    assert Fernet(old.encode()).decrypt(before.encode()).decode().endswith(CANARY)
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        call_command("counter", "rotate-keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
        after = raw_narrative(consultation.pk)
        assert after != before
        assert Fernet(new.encode()).decrypt(after.encode()).decode().endswith(CANARY)
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):
        assert Consultation.objects.get(pk=consultation.pk).client.full_name == "Maria Silva"
        assert services.read_attachment(actor=None, attachment=attachment) == b"scan"
    # The old key alone can no longer read it: the old key may now be retired.
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]), pytest.raises(crypto.DecryptionError):
        Consultation.objects.get(pk=consultation.pk)
