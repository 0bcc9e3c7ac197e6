"""Recall of search over attachment text against a substring oracle (the test suite and bench/documents.py).

A corpus of generated files (text PDFs, DOCX and scanned PDFs rendered from text) is read by the project's
extractor and indexed as attachments of search documents; queries are substrings of the texts the files were
made from. The oracle says which documents hold each query in their source text; recall is the share of
(query, document) pairs of the oracle that the search finds. Text files must reach 1.0 (the text layer is
exact); scanned pages lose what OCR misreads.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.documents import samples
from gongkai.documents.extract import Limits, extract_bytes
from gongkai.search.text import normalize

#: Used when ../shared/data/ is absent: passages the suite carries itself.
BUILTIN_TEXTS = [
    "为进一步加强大气污染防治工作，改善环境空气质量，保障人民群众身体健康，结合本市实际，制定本方案。",
    "各县区人民政府要落实属地管理责任，建立健全安全生产责任体系，严厉打击非法违法生产经营行为。",
    "城乡居民最低生活保障对象认定应当坚持公开、公平、公正的原则，实行动态管理，做到应保尽保。",
    "棚户区改造项目征收补偿应当依法进行，保障被征收人的合法权益，补偿款项按期足额发放到位。",
    "优化营商环境，深化放管服改革，推行政务服务事项网上办理，压缩企业开办时间至一个工作日以内。",
    "本年度共受理政府信息公开申请一百二十件，其中予以公开八十件，部分公开十五件，不予公开五件。",
    "农村宅基地审批管理应当严格执行一户一宅规定，禁止城镇居民在农村购置宅基地建设住宅。",
    "食品安全监督抽检结果显示，全市共抽检食品样品三千批次，合格率达到百分之九十八点五。",
    "森林防火期内，禁止在林区野外用火，确需用火的应当经县级人民政府批准并采取防火措施。",
    "财政预算执行情况良好，一般公共预算收入完成年度预算的百分之一百零三，同比增长百分之六。",
    "学校应当建立学生体质健康监测制度，保证学生每天校园体育活动时间不少于一小时。",
    "河道管理范围内禁止建设妨碍行洪的建筑物、构筑物，禁止倾倒垃圾、渣土等废弃物。",
]


@dataclass
class CorpusFile:
    name: str
    kind: str  # pdf, docx
    scanned: bool
    source: str  # the text the file was made from
    data: bytes


def build_corpus(
    *, files: int, scanned: int, seed: int = 7, chars: int = 300, shared: bool = True
) -> list[CorpusFile]:
    """`files` text files (PDF and DOCX alternately) and `scanned` image-only PDFs, from the shared
    documents when present (and `shared`), else from BUILTIN_TEXTS."""
    texts = (samples.corpus_texts(files + scanned, chars=chars) if shared else []) or []
    rng = random.Random(seed)
    while len(texts) < files + scanned:
        texts.append("".join(rng.sample(BUILTIN_TEXTS, 2)))
    out: list[CorpusFile] = []
    for n, text in enumerate(texts[:files]):
        if n % 2 == 0:
            out.append(CorpusFile(f"附件{n}.pdf", "pdf", False, text, samples.text_pdf([text])))
        else:
            out.append(CorpusFile(f"附件{n}.docx", "docx", False, text, samples.docx(text.split("\n"))))
    for n, text in enumerate(texts[files : files + scanned]):
        short = text[:120]  # a page of large print: OCR of a whole page costs seconds
        out.append(CorpusFile(f"扫描件{n}.pdf", "pdf", True, short, samples.scanned_pdf([short])))
    return out


def queries(corpus: list[CorpusFile], *, per_file: int = 3, seed: int = 11) -> list[str]:
    """Substrings of the source texts (2 to 4 letters or digits), `per_file` from each file."""
    rng = random.Random(seed)
    out: list[str] = []
    for f in corpus:
        norm = normalize(f.source)
        for _ in range(per_file):
            size = rng.choice((2, 2, 3, 4))
            if len(norm) > size:
                start = rng.randrange(0, len(norm) - size)
                out.append(norm[start : start + size])
    return list(dict.fromkeys(out))


def read(corpus: list[CorpusFile], limits: Limits | None = None) -> list[str]:
    return [extract_bytes(f.data, f.kind, limits=limits).text for f in corpus]


def index_documents(corpus: list[CorpusFile], texts: list[str], *, org) -> None:
    """One search document per file, the file's extracted text as its attachment (the catalog's hand-over)."""
    from gongkai.search.backends import get_backend
    from gongkai.search.documents import AttachedText, Doc

    backend = get_backend()
    day = date(2026, 3, 2)
    docs = [
        Doc(
            item_id=900_000 + n,
            url=f"/catalog/x{n}/",
            title=f"附件检索测试{n}",
            day=day - timedelta(days=n),
            org_id=org.pk,
            org_path=org.path,
            org_name=org.name,
            attachments=(AttachedText(f.name, f"/catalog/x{n}/attachments/{n}/", text),),
        )
        for n, (f, text) in enumerate(zip(corpus, texts, strict=True))
    ]
    backend.upsert_many(docs)
    from gongkai.search import selectors

    selectors.index_changed()


@dataclass
class Recall:
    text: float
    scanned: float
    pairs_text: int
    pairs_scanned: int
    missed: list[tuple[str, str]]


def measure(corpus: list[CorpusFile], qs: list[str]) -> Recall:
    """Search each query and compare with the oracle (which files' source text holds it)."""
    from gongkai.search.selectors import search

    hits = {"text": [0, 0], "scanned": [0, 0]}
    missed: list[tuple[str, str]] = []
    for q in qs:
        found = {i.item_id for i in search(q=q, page_size=100, facets=False).items}
        for n, f in enumerate(corpus):
            if q in normalize(f.source):
                group = hits["scanned" if f.scanned else "text"]
                group[1] += 1
                if 900_000 + n in found:
                    group[0] += 1
                else:
                    missed.append((q, f.name))

    def share(group):
        return group[0] / group[1] if group[1] else 1.0

    return Recall(share(hits["text"]), share(hits["scanned"]), hits["text"][1], hits["scanned"][1], missed)
