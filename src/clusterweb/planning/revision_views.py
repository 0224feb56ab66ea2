"""The plans and revisions the platform keeps: list, upload a revision, make one live."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterplan.io.limits import ReadLimits
from clusterweb.accounts.access import editor_required, has_role, role_required
from clusterweb.accounts.constants import Role
from clusterweb.planning import revisions
from clusterweb.planning.models import PlanRevision


@editor_required
def revision_list(request: HttpRequest) -> HttpResponse:
    """Every kept plan revision; editors upload a new one (kept, not yet live)."""
    form = revisions.RevisionUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        limits = ReadLimits.from_env()
        # At most one byte more than the limit is read: the reader refuses it by its size.
        data = form.cleaned_data["file"].read(limits.max_bytes + 1)
        try:
            revision = revisions.keep_uploaded_revision(data, limits)
        except revisions.RevisionRefused as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Kept the revision of %(plan)s published %(published)s.")
                % {"plan": revision.title, "published": revision.published},
            )
            return redirect("planning:revisions")
    return render(
        request,
        "planning/revisions.html",
        {
            "form": form,
            "problems": problems,
            "rows": revisions.revision_rows(),
            "can_make_live": has_role(request.user, Role.ADMIN),
        },
    )


@role_required(Role.ADMIN)
@require_POST
def revision_make_live(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a kept revision the live plan (admins: the editable rows are replaced)."""
    revision = get_object_or_404(PlanRevision, pk=pk)
    revisions.make_live(revision)
    messages.success(
        request,
        _("%(plan)s (published %(published)s) is now the live plan.")
        % {"plan": revision.title, "published": revision.published},
    )
    return redirect("planning:revisions")
