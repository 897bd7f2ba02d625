"""Permission-filtered reads: outsiders get 404, never a hint that the object exists."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from kyosei.orgs.models import Invitation, Membership, MunicipalityCode, Organisation, Role


def roles_in(user: Any, organisation: Organisation) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return set()
    return set(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )


def organisation_for(
    user: Any, slug: str, *, roles: Iterable[str] | None = None
) -> tuple[Organisation, set[str]]:
    """The organisation if `user` is a member (with one of `roles`, when given), else 404."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    held = roles_in(user, organisation)
    if not held or (roles is not None and not held.intersection(roles)):
        raise Http404
    return organisation, held


def organisations_of(user: Any) -> QuerySet[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct().order_by("name")


def pending_invitations_of(user: Any) -> QuerySet[Invitation]:
    """Only the invited person sees (and answers) their invitations."""
    if not getattr(user, "is_authenticated", False):
        return Invitation.objects.none()
    return Invitation.objects.filter(user=user, status=Invitation.Status.PENDING).select_related(
        "organisation"
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__username", "role")
    )


def public_directory() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_public=True).prefetch_related(
        Prefetch("areas", queryset=MunicipalityCode.objects.order_by("code"))
    )


AUDIT_VIEWERS = {Role.AUDITOR, Role.ORG_ADMIN}
MEMBER_MANAGERS = {Role.ORG_ADMIN}
