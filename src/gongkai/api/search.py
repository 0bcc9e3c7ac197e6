"""/api/v1/search: the same search as the portal's /search/ page, as JSON."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.search import params as search_params
from gongkai.search import selectors

router = Router(tags=["检索"])


class TermOut(Schema):
    text: str
    normalized: str


class QueryOut(Schema):
    raw: str
    terms: list[TermOut]
    excluded: list[TermOut]
    truncated: bool


class HitOut(Schema):
    title: str
    title_html: str = Field(description="名称，检索词以 <mark> 标出（已转义）")
    snippet_html: str = Field(
        description="正文摘录，检索词以 <mark> 标出（已转义）；匹配在附件中时为附件文字的摘录"
    )
    attachment: str = Field("", description="匹配内容所在附件的文件名（匹配不在附件中时为空）")
    attachment_url: str = Field("", description="该附件的下载网址")
    url: str
    published_on: date
    org: str
    org_code: str
    topic: str
    genre: str
    doc_no: str
    index_no: str
    validity: str
    is_normative: bool


class FacetOut(Schema):
    value: str
    label: str
    count: int


class FacetsOut(Schema):
    org: list[FacetOut] = []
    topic: list[FacetOut] = []
    year: list[FacetOut] = []


class SearchOut(Schema):
    count: int
    count_is_estimate: bool = Field(description="结果很多时为估计值")
    page: int
    page_size: int
    pages: int
    sort: str
    query: QueryOut
    items: list[HitOut]
    facets: FacetsOut
    suggestions: list[str] = Field(description="没有结果时建议的检索词")


def _terms(terms) -> list[dict]:
    return [{"text": t.text, "normalized": t.norm} for t in terms]


@router.get("", response=SearchOut, summary="全文检索政府信息")
def search(
    request: HttpRequest,
    q: str = "",
    sort: str = "relevance",
    page: str = "1",
    page_size: str = "20",
    org: str = "",
    sub: str = "1",
    topic: str = "",
    genre: str = "",
    year: str = "",
    validity: str = "",
    normative: str = "",
    statutory_class: str = Query("", alias="class"),
    date_from: str = Query("", alias="from"),
    date_to: str = Query("", alias="to"),
):
    """参数与网站搜索页相同：q 检索词（空格分隔的词须全部出现；"短语"；-排除），sort=relevance|date，
    org 机构统一社会信用代码（sub=0 不含下级），topic 主题代码，class 法定公开类别，genre 体裁代码，
    from/to 发布日期，year 年度，validity 有效性，normative=1 仅规范性文件。任何输入都会得到正常回答。"""
    p = search_params.read(
        {
            "q": q, "sort": sort, "page": page, "org": org, "sub": sub, "topic": topic, "class": statutory_class,
            "genre": genre, "from": date_from, "to": date_to, "year": year, "validity": validity,
            "normative": normative,
        }
    )  # fmt: skip
    size = max(
        1,
        min(
            int(page_size) if page_size.isascii() and page_size.isdigit() and len(page_size) < 4 else 20, 100
        ),
    )
    result = selectors.search(
        q=p.q, filters=search_params.filters_for(p), sort=p.sort, page=p.page, page_size=size
    )
    return {
        "count": result.total,
        "count_is_estimate": result.total_is_estimate,
        "page": result.page,
        "page_size": result.page_size,
        "pages": result.num_pages,
        "sort": result.sort,
        "query": {
            "raw": result.query.raw,
            "terms": _terms(result.query.terms),
            "excluded": _terms(result.query.excluded),
            "truncated": result.query.truncated,
        },
        "items": [
            {
                "title": i.title,
                "title_html": str(i.title_html),
                "snippet_html": str(i.snippet_html),
                "attachment": i.attachment_name,
                "attachment_url": i.attachment_url,
                "url": i.url,
                "published_on": i.day,
                "org": i.org_name,
                "org_code": i.org_code,
                "topic": i.topic_name,
                "genre": i.genre_name,
                "doc_no": i.doc_no,
                "index_no": i.index_no,
                "validity": i.validity,
                "is_normative": i.is_normative,
            }
            for i in result.items
        ],
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in result.facets.items()
        },
        "suggestions": result.suggestions,
    }
