"""Reads of the text of files."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import QuerySet

from gongkai.documents.models import Extraction, ExtractionStatus


def extraction_for(source: models.Model) -> Extraction | None:
    return Extraction.objects.filter(source_type=source._meta.label_lower, source_id=source.pk).first()


def extractions_for(model_label: str, ids: Iterable[int]) -> dict[int, Extraction]:
    """{source id: Extraction} for files of one model (one query)."""
    ids = list(ids)
    if not ids:
        return {}
    rows = Extraction.objects.filter(source_type=model_label, source_id__in=ids)
    return {e.source_id: e for e in rows}


def texts_for(model_label: str, ids: Iterable[int]) -> dict[int, str]:
    """{source id: text} of the files whose text has been read (one query, text only)."""
    ids = list(ids)
    if not ids:
        return {}
    rows = Extraction.objects.filter(
        source_type=model_label, source_id__in=ids, status=ExtractionStatus.DONE
    ).values_list("source_id", "text")
    return dict(rows)


def extractions_of(
    model_label: str, source_ids: Iterable[int] | QuerySet[models.Model, int], *, status: str = ""
) -> QuerySet[Extraction]:
    """Extractions of the files of one model among `source_ids` (a queryset of ids the caller may see),
    newest change first, optionally of one status."""
    qs = Extraction.objects.filter(source_type=model_label, source_id__in=source_ids)
    if status in ExtractionStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-id").defer("text")
