"""Small helpers building counter objects through the services, as the application does."""

from typing import Any

from kyosei.counter import services
from kyosei.counter.models import Client, Consultation
from kyosei.orgs.models import Organisation

CANARY = "KYOSEI-PLAINTEXT-CANARY"


def make_client(organisation: Organisation, *, actor: Any = None, **fields: Any) -> Client:
    defaults: dict[str, Any] = {
        "nickname": "M.S.",
        "nationality": "BR",
        "preferred_language": "pt-BR",
        "status_of_residence": "long_term_resident",
    }
    defaults.update(fields)
    return services.create_client(actor=actor, organisation=organisation, **defaults)


def make_consultation(
    organisation: Organisation, client: Client, *, actor: Any = None, **fields: Any
) -> Consultation:
    defaults: dict[str, Any] = {
        "channel": "phone",
        "topics": ["tax", "social_insurance"],
        "language": "pt-BR",
        "narrative": f"Asked about resident tax. {CANARY}",
    }
    defaults.update(fields)
    return services.create_consultation(
        actor=actor, organisation=organisation, client=client, **defaults
    )


def consent(client: Client, *fields: str, actor: Any = None) -> None:
    text = services.consent_text_for(client)
    assert text is not None, f"no consent text in a language {client.reference} reads"
    services.record_consent(
        actor=actor,
        client=client,
        consent_text=text,
        agrees_to_recording=True,
        shareable_fields=fields,
    )
