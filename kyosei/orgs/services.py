from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kyosei.audit.services import record
from kyosei.orgs.models import Invitation, Membership, MunicipalityCode, Organisation


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
# What the Django admin edits (the slug stays: URLs and API keys name it).
ADMIN_FIELDS = (
    "name",
    "name_en",
    "kind",
    "prefecture",
    "address",
    "phone",
    "website",
    "languages_offered",
    "translations",
    "latitude",
    "longitude",
    "is_public",
)


def _update(
    *,
    actor: Any,
    organisation: Organisation,
    changes: dict[str, Any],
    allowed: tuple[str, ...],
    request: HttpRequest | None,
) -> list[str]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"not an editable organisation field: {sorted(unknown)}")
    changed = [f for f in allowed if f in changes and getattr(organisation, f) != changes[f]]
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
    return _update(
        actor=actor,
        organisation=organisation,
        changes=changes,
        allowed=DETAIL_FIELDS,
        request=request,
    )


@transaction.atomic
def update_organisation(
    *,
    actor: Any,
    organisation: Organisation,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> list[str]:
    """The platform admin's edit of an organisation (Django admin); audited like the console."""
    return _update(
        actor=actor,
        organisation=organisation,
        changes=changes,
        allowed=ADMIN_FIELDS,
        request=request,
    )


@transaction.atomic
def set_municipality_code(
    *,
    actor: Any,
    organisation: Organisation,
    code: str,
    name: str = "",
    request: HttpRequest | None = None,
) -> MunicipalityCode:
    """Add a JMA municipality code the organisation covers, or rename it; audited."""
    area = MunicipalityCode.objects.filter(organisation=organisation, code=code).first()
    if area is not None and area.name == name:
        return area
    action = "organisation.area_add" if area is None else "organisation.area_rename"
    area = area or MunicipalityCode(organisation=organisation, code=code)
    area.name = name
    area.full_clean()
    area.save()
    record(
        actor=actor,
        action=action,
        organisation=organisation,
        target=area,
        request=request,
        data={"code": code, "name": name},
    )
    return area


@transaction.atomic
def remove_municipality_code(
    *,
    actor: Any,
    organisation: Organisation,
    code: str,
    request: HttpRequest | None = None,
) -> bool:
    deleted, _ = MunicipalityCode.objects.filter(organisation=organisation, code=code).delete()
    if deleted:
        record(
            actor=actor,
            action="organisation.area_remove",
            organisation=organisation,
            request=request,
            data={"code": code},
        )
    return bool(deleted)


@transaction.atomic
def invite_role(
    *,
    actor: Any,
    organisation: Organisation,
    user: Any,
    role: str,
    request: HttpRequest | None = None,
) -> Invitation | None:
    """Offer `role` to a staff account outside the organisation; nothing changes until they
    accept. Returns None when they already hold the role; one pending offer per role."""
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        return None
    invitation, created = Invitation.objects.get_or_create(
        user=user,
        organisation=organisation,
        role=role,
        status=Invitation.Status.PENDING,
        defaults={"invited_by": actor},
    )
    if created:
        record(
            actor=actor,
            action="membership.invite",
            organisation=organisation,
            target=invitation,
            request=request,
            data={"user": user.get_username(), "role": role},
        )
    return invitation


@transaction.atomic
def answer_invitation(
    *, actor: Any, invitation: Invitation, accept: bool, request: HttpRequest | None = None
) -> Membership | None:
    """Only the invited person answers; an accepted offer grants the role (audited twice:
    the answer, then the grant)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.user_id != getattr(actor, "pk", None):
        raise PermissionError("only the invited person answers an invitation")
    if invitation.status != Invitation.Status.PENDING:
        return None
    invitation.status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    record(
        actor=actor,
        action="membership.invitation_accept" if accept else "membership.invitation_decline",
        organisation=invitation.organisation,
        target=invitation,
        request=request,
        data={"role": invitation.role},
    )
    if not accept:
        return None
    return grant_role(
        actor=actor,
        organisation=invitation.organisation,
        user=invitation.user,
        role=invitation.role,
        request=request,
    )
