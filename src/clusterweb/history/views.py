"""Browse the history and revert a change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterweb.accounts.access import editor_required, reader_required
from clusterweb.history import services
from clusterweb.history.access import get_change_rw_for_user
from clusterweb.history.models import Change

PAGE_SIZE = 50


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """Every change, newest first, filterable by user and object."""
    changes = Change.objects.select_related("content_type").prefetch_related("reverted_by")
    user_filter = request.GET.get("user", "").strip()
    object_filter = request.GET.get("object", "").strip()
    if user_filter:
        changes = changes.filter(username__icontains=user_filter)
    if object_filter:
        changes = changes.filter(object_repr__icontains=object_filter)
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "history/index.html",
        {"page": page, "user_filter": user_filter, "object_filter": object_filter},
    )


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
