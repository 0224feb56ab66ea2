"""The token page: a logged-in user creates and revokes their own API tokens."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterweb.api import services
from clusterweb.api.forms import RevokeForm, TokenForm
from clusterweb.api.models import ApiToken
from clusterweb.errors import error_text
from clusterweb.presentation import MISSING, Table, moment, table


def _tokens_table(tokens: Sequence[ApiToken]) -> Table:
    """The user's tokens: name, id, when created and last used, and whether revoked (an
    active token's cell is its revoke button, api/_tokens_table.html)."""
    rows = [
        [
            token.name,
            token.token_id,
            moment(token.created_at),
            MISSING if token.last_used_at is None else moment(token.last_used_at),
            ""
            if token.revoked_at is None
            else _("Revoked %(at)s") % {"at": moment(token.revoked_at)},
        ]
        for token in tokens
    ]
    return table(
        _("Your tokens"),
        [_("Name"), _("Token id"), _("Created"), _("Last used"), _("Status")],
        rows,
        words=True,
        slug="tokens",
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """Your tokens (active and revoked) and a form for a new one; the new token is shown
    once, on the page that answers the form (never stored, never in a redirect URL)."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_token(request.user, form.cleaned_data["name"])
        except services.TokenLimit as exc:
            form.add_error(None, error_text(exc))
        else:
            secret = new.secret
            form = TokenForm()
    tokens = list(ApiToken.objects.filter(user=request.user))
    return render(
        request,
        "api/tokens.html",
        {
            "title": _("API tokens"),
            "form": form,
            "secret": secret,
            "tokens": tokens,
            "tab": _tokens_table(tokens),
            "docs_url": reverse("api:openapi-view"),
        },
    )


@login_required
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    """Revoke one of your own tokens (another user's token: nothing happens)."""
    form = RevokeForm(request.POST)
    token = (
        services.revoke_token(request.user, form.cleaned_data["token"]) if form.is_valid() else None
    )
    if token is None:
        messages.error(request, _("No such token of yours."))
    else:
        messages.success(request, _("Token revoked: %(name)s") % {"name": token.name})
    return redirect("tokens:index")
