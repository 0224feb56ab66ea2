"""Browse the history and revert a change."""

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterweb.accounts.access import editor_required, reader_required
from clusterweb.history import services
from clusterweb.history.access import VisibleChange, get_change_rw_for_user, visible_changes
from clusterweb.history.forms import HistoryFilterForm
from clusterweb.history.models import Change
from clusterweb.presentation import Table, download_from, table, with_query

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> tuple[QuerySet[Change], str, str]:
    changes = Change.objects.select_related("content_type")
    user_filter = request.GET.get("user", "").strip()
    object_filter = request.GET.get("object", "").strip()
    if user_filter:
        changes = changes.filter(username__icontains=user_filter)
    if object_filter:
        changes = changes.filter(object_repr__icontains=object_filter)
    return changes, user_filter, object_filter


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _action_text(change: VisibleChange) -> str:
    """What the page's Action column says of a change (without its revert button)."""
    words = []
    if change.reverts_id is not None:
        words.append(_("reverts #%(id)s") % {"id": change.reverts_id})
    if change.is_reverted:
        words.append(_("reverted"))
    return " ".join(words)


def _table(changes: Sequence[VisibleChange], query: str) -> Table:
    """The changes as the download writes them (time to the second, values as JSON); the
    page writes its own rows (history/_changes_table.html: local time, revert buttons)."""
    rows = [
        [
            localtime(c.at).strftime("%Y-%m-%d %H:%M:%S"),
            c.username,
            c.object_repr,
            c.field_label or c.field or c.action_label,
            str(c.old_value) if c.hidden else _json(c.old_value),
            str(c.new_value) if c.hidden else _json(c.new_value),
            _action_text(c),
        ]
        for c in changes
    ]
    tab = table(
        _("Changes, newest first"),
        [
            _("When"),
            _("Who"),
            _("Object"),
            _("Field"),
            _("Old value"),
            _("New value"),
            _("Action"),
        ],
        rows,
        words=True,
        slug="history",
        download_view="history:download",
    )
    with_query([tab], query)
    return {**tab, "row_header": False}


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """Every change, newest first, filterable by user and object."""
    changes, user_filter, object_filter = _filtered(request)
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = visible_changes(request.user, page.object_list)
    query = urlencode({"user": user_filter, "object": object_filter})
    return render(
        request,
        "history/index.html",
        {
            "title": _("History"),
            "page": page,
            "user_filter": user_filter,
            "object_filter": object_filter,
            "filter_form": HistoryFilterForm(request.GET or None),
            "tab": _table(page.object_list, query),
        },
    )


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The (filtered) history as CSV or XLSX, with the fields the user may see."""
    changes, _user, _object = _filtered(request)
    return download_from({"history": _table(visible_changes(request.user, changes), "")}, slug, fmt)


@editor_required
@require_POST
def revert(request: HttpRequest, change_id: int) -> HttpResponse:
    """Revert one change (editors); refused with the reason when the plan would break."""
    change = get_change_rw_for_user(request.user, change_id)
    try:
        services.revert(change, request.user)
    except ValidationError as exc:
        messages.error(request, _("Not reverted: %(reason)s") % {"reason": " ".join(exc.messages)})
    else:
        messages.success(request, _("Reverted: %(change)s") % {"change": change.object_repr})
    return redirect("history:index")
