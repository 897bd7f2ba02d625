from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyosei.accounts.decorators import staff_required
from kyosei.accounts.models import User
from kyosei.audit.access import actions_of, events_for_organisation
from kyosei.audit.services import record
from kyosei.orgs import services as org_services
from kyosei.orgs.access import (
    AUDIT_VIEWERS,
    MEMBER_MANAGERS,
    members_of,
    organisation_for,
    organisations_of,
    pending_invitations_of,
)
from kyosei.orgs.models import Organisation, Role


@require_GET
@staff_required
def home(request: HttpRequest) -> HttpResponse:
    organisations = list(organisations_of(request.user))
    invitations = list(pending_invitations_of(request.user))
    if len(organisations) == 1 and not invitations:
        return redirect("console:organisation", org=organisations[0].slug)
    return render(
        request,
        "console/home.html",
        {"organisations": organisations, "invitations": invitations},
    )


def _console_context(
    request: HttpRequest, organisation: object, roles: set[str]
) -> dict[str, object]:
    return {
        "organisation": organisation,
        "roles": roles,
        "my_organisations": organisations_of(request.user),
        "can_audit": bool(roles & AUDIT_VIEWERS),
        "can_manage": bool(roles & MEMBER_MANAGERS),
    }


@require_GET
@staff_required
def organisation(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = organisation_for(request.user, org)
    context = _console_context(request, organisation, roles)
    context["areas"] = organisation.areas.all()
    context["can_guide"] = bool(roles & {Role.ORG_ADMIN, Role.EDITOR, Role.TRANSLATOR})
    context["can_counter"] = bool(roles & {Role.COUNTER_STAFF, Role.SUPERVISOR})
    context["role_labels"] = [label for value, label in Role.choices if value in roles]
    return render(request, "console/organisation.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def members(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = organisation_for(request.user, org, roles=MEMBER_MANAGERS)
    if request.method == "POST":
        role = request.POST.get("role", "")
        username = request.POST.get("username", "").strip()
        if role not in Role.values or not username:
            messages.error(request, _("Choose an existing staff account and a role."))
        elif request.POST.get("action") == "revoke":
            _revoke(request, organisation, username, role)
        else:
            _grant_or_invite(request, organisation, username, role)
        return redirect("console:members", org=organisation.slug)
    context = _console_context(request, organisation, roles)
    context.update(members=members_of(organisation), role_choices=Role.choices)
    return render(request, "console/members.html", context)


def _revoke(request: HttpRequest, organisation: Organisation, username: str, role: str) -> None:
    # Only this organisation's members (listed on the page) can lose a role here.
    member = members_of(organisation).filter(user__username=username, role=role).first()
    if member is None:
        messages.error(request, _("Choose an existing staff account and a role."))
    elif member.user == request.user and role == Role.ORG_ADMIN:
        messages.error(request, _("You cannot remove your own admin role."))
    else:
        org_services.revoke_role(
            actor=request.user,
            organisation=organisation,
            user=member.user,
            role=role,
            request=request,
        )
        messages.success(request, _("The role was removed."))


def _grant_or_invite(
    request: HttpRequest, organisation: Organisation, username: str, role: str
) -> None:
    """A member of this organisation gets the role at once. Anyone else (another
    organisation's staff, a new account) is invited and must accept; and the answer is the
    same whether or not the user name exists, so the form cannot list the platform's staff."""
    member = User.objects.filter(username=username, is_active=True).first()
    if member is not None and organisation.memberships.filter(user=member).exists():
        org_services.grant_role(
            actor=request.user, organisation=organisation, user=member, role=role, request=request
        )
        messages.success(request, _("The role was given."))
        return
    if member is not None:
        org_services.invite_role(
            actor=request.user, organisation=organisation, user=member, role=role, request=request
        )
    messages.info(
        request,
        _(
            "If a staff account with this user name exists, it has been invited. "
            "The role starts when they accept."
        ),
    )


@require_POST
@staff_required
def invitation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=True)


@require_POST
@staff_required
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=False)


def _answer(request: HttpRequest, pk: int, *, accept: bool) -> HttpResponse:
    invitation = get_object_or_404(pending_invitations_of(request.user), pk=pk)
    org_services.answer_invitation(
        actor=request.user, invitation=invitation, accept=accept, request=request
    )
    if accept:
        messages.success(request, _("The role was given."))
        return redirect("console:organisation", org=invitation.organisation.slug)
    return redirect("console:home")


@require_http_methods(["GET", "POST"])
@staff_required
def details(request: HttpRequest, org: str) -> HttpResponse:
    """The organisation's public contact details and where its counter is (for "near me")."""
    from kyosei.orgs.forms import OrganisationDetailsForm

    organisation, roles = organisation_for(request.user, org, roles=MEMBER_MANAGERS)
    # Bound to a copy: a refused form must not leave half-applied values on `organisation`.
    form = OrganisationDetailsForm(
        request.POST or None, instance=Organisation.objects.get(pk=organisation.pk)
    )
    if request.method == "POST" and form.is_valid():
        org_services.update_details(
            actor=request.user,
            organisation=organisation,
            changes={name: form.cleaned_data[name] for name in form.fields},
            request=request,
        )
        messages.success(request, _("The details were saved."))
        return redirect("console:details", org=organisation.slug)
    context = _console_context(request, organisation, roles)
    context["form"] = form
    return render(request, "console/details.html", context)


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_GET
@staff_required
def audit_log(request: HttpRequest, org: str) -> HttpResponse:
    organisation, roles = organisation_for(request.user, org, roles=AUDIT_VIEWERS)
    filters = {
        "actor": request.GET.get("actor", "").strip(),
        "action": request.GET.get("action", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "since": _parse_date(request.GET.get("since", "")),
        "until": _parse_date(request.GET.get("until", "")),
    }
    events = events_for_organisation(organisation, **filters)  # type: ignore[arg-type]
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = _console_context(request, organisation, roles)
    context.update(page=page, filters=filters, actions=actions_of(organisation))
    query = request.GET.copy()
    query.pop("page", None)
    context["query_without_page"] = query.urlencode()
    return render(request, "console/audit_log.html", context)


@require_GET
@staff_required
def audit_event(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation, roles = organisation_for(request.user, org, roles=AUDIT_VIEWERS)
    event = get_object_or_404(events_for_organisation(organisation), pk=pk)
    if event.organisation_id != organisation.pk:
        raise Http404
    record(
        actor=request.user,
        action="audit.view_event",
        organisation=organisation,
        request=request,
        data={"event": event.pk},
    )
    context = _console_context(request, organisation, roles)
    context["event"] = event
    return render(request, "console/audit_event.html", context)
