"""The public column of supervision (监督保障): circulars the competent department published, with the problems
per unit and class and how many are rectified (no record numbers), and published assessment results."""

from __future__ import annotations

from typing import Any

from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.supervision import selectors


@require_GET
def index(request: Any) -> Any:
    circulars = list(selectors.published_circulars().order_by("-issued_on", "-pk")[:100])
    schemes = list(selectors.published_schemes().order_by("-year", "-pk")[:50])
    return render(request, "portal/supervision/index.html", {"circulars": circulars, "schemes": schemes})


@require_GET
def circular(request: Any, public_id: str) -> Any:
    c = selectors.get_published_circular(public_id)
    return render(
        request, "portal/supervision/circular.html", {"circular": c, "rows": selectors.problem_counts(c)}
    )


@require_GET
def scheme(request: Any, public_id: str) -> Any:
    s = selectors.get_published_scheme(public_id)
    return render(request, "portal/supervision/scheme.html", {"scheme": s, "results": selectors.results(s)})
