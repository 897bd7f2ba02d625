from typing import Any

from django.db import transaction
from django.http import HttpRequest

from kyosei.audit.services import record
from kyosei.orgs.models import Membership, MunicipalityCode, Organisation


@transaction.atomic
def create_organisation(
    *,
    actor: Any,
    slug: str,
    name: str,
    kind: str,
    prefecture: str = "",
    name_en: str = "",
    jma_codes: dict[str, str] | None = None,
    request: HttpRequest | None = None,
    **details: Any,
) -> Organisation:
    organisation = Organisation(
        slug=slug, name=name, name_en=name_en, kind=kind, prefecture=prefecture, **details
    )
    organisation.full_clean()
    organisation.save()
    for code, area_name in (jma_codes or {}).items():
        area = MunicipalityCode(organisation=organisation, code=code, name=area_name)
        area.full_clean()
        area.save()
    record(
        actor=actor,
        action="organisation.create",
        organisation=organisation,
        target=organisation,
        request=request,
        data={"kind": kind, "jma_codes": sorted(jma_codes or {})},
    )
    return organisation


@transaction.atomic
def grant_role(
    *,
    actor: Any,
    organisation: Organisation,
    user: Any,
    role: str,
    request: HttpRequest | None = None,
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created:
        record(
            actor=actor,
            action="membership.grant",
            organisation=organisation,
            target=membership,
            request=request,
            data={"user": user.get_username(), "role": role},
        )
    return membership


@transaction.atomic
def revoke_role(
    *,
    actor: Any,
    organisation: Organisation,
    user: Any,
    role: str,
    request: HttpRequest | None = None,
) -> bool:
    deleted, _ = Membership.objects.filter(user=user, organisation=organisation, role=role).delete()
    if deleted:
        record(
            actor=actor,
            action="membership.revoke",
            organisation=organisation,
            request=request,
            data={"user": user.get_username(), "role": role},
        )
    return bool(deleted)


DETAIL_FIELDS = ("address", "phone", "website", "latitude", "longitude")


@transaction.atomic
def update_details(
    *,
    actor: Any,
    organisation: Organisation,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> list[str]:
    """Change the public contact details residents see in the directory; returns the fields
    that changed. Only the names of the fields are audited: the values are public anyway."""
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not an organisation detail: {sorted(unknown)}")
    changed = [f for f in DETAIL_FIELDS if f in changes and getattr(organisation, f) != changes[f]]
    if not changed:
        return []
    for name in changed:
        setattr(organisation, name, changes[name])
    organisation.full_clean()
    organisation.save(update_fields=changed)
    record(
        actor=actor,
        action="organisation.update",
        organisation=organisation,
        target=organisation,
        request=request,
        data={"fields": changed},
    )
    return changed
