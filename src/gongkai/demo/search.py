"""Demo step: make sure the search index holds every published demo item (rebuilds it when it does not)."""

from __future__ import annotations

from gongkai.search import services
from gongkai.search.models import SearchDocument


def load(city) -> str:
    published = services.published_count()
    if SearchDocument.objects.count() != published:
        services.reindex()
        return f"检索索引已重建：{published} 条"
    return f"检索索引：{published} 条（已是最新）"
