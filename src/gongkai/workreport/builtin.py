"""The parts of the work report whose records the platform already holds (二、三、五、六、七 of the seed).

Each figure is a queryset of records, counted for the figure and listed for its drill-down, so the two cannot
disagree. Catalog items and publications are read through the annual report's drill-down
(`reports.selectors.records_for`, the same predicates as the statutory report); interpretations, press
conferences and the gazette through `interpretation.selectors`; suggestions and proposals, messages and
tickets through the tables of their apps, with the definitions of their statistics pages
(`proposals.statistics`, `interaction.selectors.answered_q`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.db.models.functions import Coalesce

from gongkai.catalog.models import Channel, FocusArea, Item, Topic
from gongkai.interaction import selectors as interaction_selectors
from gongkai.interaction.models import VALID, Message
from gongkai.interaction.models import Channel as MessageChannel
from gongkai.interpretation import selectors as interpretation_selectors
from gongkai.interpretation.models import ConcernResponse, GazetteEntry, Kind, MediaPost, ResponseKind
from gongkai.proposals.models import Body, Contact, Proposal, Reply, Status
from gongkai.reports.scopes import aware_range, lower_label
from gongkai.reports.selectors import records_for
from gongkai.workreport.sections import Built, Context, Figure


def _items(ctx: Context, ref: str) -> Callable[[], QuerySet[Any]]:
    return lambda: records_for(ctx.region, ref, ctx.start, ctx.end)[1]


def _n(values: dict[str, int], ref: str) -> int:
    return values.get(ref, 0)


# --- 二、主动公开政府信息情况 ------------------------------------------------------------------------------

CHANNEL_WORDS = {
    Channel.WEBSITE: "通过政府网站公开政府信息{n}条",
    Channel.GAZETTE: "通过编发政府公报公开政府信息{n}条",
    Channel.WEIBO: "通过政务微博公开政府信息{n}条",
    Channel.WECHAT: "通过政务微信公开政府信息{n}条",
    Channel.PRESS_CONFERENCE: "通过新闻发布会公开政府信息{n}条",
    Channel.NEWS_MEDIA: "通过新闻媒体发布政府信息{n}条",
    Channel.BULLETIN_BOARD: "通过公示栏（公开栏）公开政府信息{n}条",
    Channel.OTHER: "通过其他渠道公开政府信息{n}条",
}


def proactive(ctx: Context) -> Built:
    rs = ctx.region
    figures = [
        Figure("proactive.items", "主动公开政府信息（条）", "item", _items(ctx, "items.total")),
        Figure("proactive.items.normative", "其中：规范性文件（件）", "item", _items(ctx, "items.normative")),
        Figure("proactive.items.other", "其中：其他信息（条）", "item", _items(ctx, "items.other")),
        Figure("proactive.own", "本级政府及其部门主动公开（条）", "item", _items(ctx, "items.segment.own")),
        Figure(
            "proactive.own.normative",
            "本级政府及其部门：规范性文件（件）",
            "item",
            _items(ctx, "items.segment.own:normative"),
        ),
    ]
    has_lower = any(s.is_lower for s in rs.segments)
    if has_lower:
        figures += [
            Figure("proactive.lower", "下级政府及其部门主动公开（条）", "item", _items(ctx, "items.lower")),
            Figure(
                "proactive.lower.normative",
                "下级政府及其部门：规范性文件（件）",
                "item",
                _items(ctx, "items.lower:normative"),
            ),
        ]
    base = records_for(rs, "items.total", ctx.start, ctx.end)[1]
    top_codes = set(
        base.order_by().values_list(Coalesce("topic__parent__code", "topic__code"), flat=True).distinct()
    )
    topics = [
        t
        for t in Topic.objects.filter(parent__isnull=True).order_by("sort_order", "code")
        if t.code in top_codes
    ]
    for topic in topics:
        figures.append(
            Figure(
                f"proactive.topic.{topic.code}",
                f"类别：{topic.name}（条）",
                "item",
                _items(ctx, f"items.topic.{topic.code}"),
            )
        )
    for value, label in Channel.choices:
        figures.append(
            Figure(
                f"proactive.channel.{value}",
                f"载体：{label}（条）",
                "publication",
                _items(ctx, f"channel.{value}"),
                sum_of="count",
            )
        )
    start, end, ids = ctx.start, ctx.end, ctx.org_ids
    figures += [
        Figure(
            "proactive.gazette",
            "政府公报刊登信息（条）",
            "gazette_entry",
            lambda: (
                GazetteEntry.objects.filter(
                    issue__in=interpretation_selectors.public_issues().filter(
                        org_id__in=ids, published_on__gte=start, published_on__lte=end
                    )
                )
                .select_related("issue", "item", "issue__org")
                .order_by("issue__published_on", "id")
            ),
        ),
        Figure(
            "proactive.posts",
            "政务新媒体发布信息（条）",
            "media_post",
            lambda: (
                MediaPost.objects.filter(account__org_id__in=ids, posted_on__gte=start, posted_on__lte=end)
                .select_related("account", "account__org")
                .order_by("posted_on", "id")
            ),
        ),
        Figure(
            "proactive.conferences",
            "召开新闻发布会（次）",
            "conference",
            lambda: (
                interpretation_selectors.public_conferences()
                .filter(org_id__in=ids, held_on__gte=start, held_on__lte=end)
                .select_related("org")
                .order_by("held_on", "id")
            ),
        ),
    ]
    lower_name = lower_label(ctx.org)

    def text(v: dict[str, int]) -> str:
        lines = [
            f"{ctx.year}年，{ctx.subject}各级政府及其部门主动公开政府信息{_n(v, 'proactive.items')}条，其中："
            f"规范性文件{_n(v, 'proactive.items.normative')}件，其他信息{_n(v, 'proactive.items.other')}条。"
        ]
        if has_lower:
            own = _n(v, "proactive.own")
            own_norm = _n(v, "proactive.own.normative")
            low = _n(v, "proactive.lower")
            low_norm = _n(v, "proactive.lower.normative")
            lines.append(
                f"{rs.segments[0].label}主动公开政府信息{own}条，其中：规范性文件{own_norm}件，其他信息"
                f"{own - own_norm}条。{lower_name}主动公开政府信息{low}条，其中：规范性文件{low_norm}件，"
                f"其他信息{low - low_norm}条。"
            )
        classes = [topic.name for topic in topics if _n(v, f"proactive.topic.{topic.code}")]
        if classes:
            lines.append(f"政府信息公开主要类别：{'、'.join(classes)}。")
        ways = [
            words.format(n=_n(v, f"proactive.channel.{value}"))
            for value, words in CHANNEL_WORDS.items()
            if _n(v, f"proactive.channel.{value}")
        ]
        if _n(v, "proactive.conferences"):
            ways.append(f"召开新闻发布会{_n(v, 'proactive.conferences')}次")
        if ways:
            lines.append(f"政府信息公开主要载体：{'；'.join(ways)}。")
        if _n(v, "proactive.gazette"):
            lines.append(f"全年编发政府公报刊登政府信息{_n(v, 'proactive.gazette')}条。")
        if _n(v, "proactive.posts"):
            lines.append(f"政务新媒体发布信息{_n(v, 'proactive.posts')}条。")
        return "\n".join(lines)

    return Built(figures, text)


# --- 三、重点领域政府信息公开工作情况 ----------------------------------------------------------------------


def focus(ctx: Context) -> Built:
    base = records_for(ctx.region, "items.total", ctx.start, ctx.end)[1]
    counted = dict(base.order_by().values_list("focus_areas__code").annotate(n=Count("id", distinct=True)))
    areas = [a for a in FocusArea.objects.select_related("parent") if counted.get(a.code)]
    figures = [
        Figure(f"focus.{a.code}", f"重点领域：{a}", "item", _items(ctx, f"items.focus.{a.code}"))
        for a in areas
    ]

    def text(v: dict[str, int]) -> str:
        if not areas:
            return f"{ctx.year}年，{ctx.subject}主动公开的信息中没有标注重点领域的信息。"
        groups: dict[str, list[str]] = defaultdict(list)
        for a in areas:
            parent = a.parent.name if a.parent else a.name
            groups[parent].append(f"公开{a.name}信息{_n(v, f'focus.{a.code}')}条。")
        return "\n".join(
            f"（{'一二三四五六七八九十'[i % 10]}）{parent}。{''.join(sentences)}"
            for i, (parent, sentences) in enumerate(groups.items())
        )

    return Built(figures, text)


# --- 五、建议提案办理结果公开情况 -------------------------------------------------------------------------


def proposals(ctx: Context) -> Built:
    ids, year = ctx.org_ids, ctx.year

    def of_year() -> QuerySet[Proposal]:
        return (
            Proposal.objects.filter(session__org_id__in=ids, session__year=year)
            .select_related("session", "session__org")
            .order_by("session__body", "number", "id")
        )

    def handled() -> QuerySet[Proposal]:
        return of_year().exclude(status=Status.MERGED).filter(assigned_on__isnull=False)

    def answered() -> QuerySet[Proposal]:
        return handled().filter(answered_on__isnull=False)

    figures = [
        Figure("proposals.received", "建议提案总数（件）", "proposal", of_year),
        Figure(
            "proposals.npc",
            "人大代表建议（件）",
            "proposal",
            lambda: of_year().filter(session__body=Body.NPC),
        ),
        Figure(
            "proposals.cppcc",
            "政协提案（件）",
            "proposal",
            lambda: of_year().filter(session__body=Body.CPPCC),
        ),
        Figure("proposals.handled", "办理（件）", "proposal", handled),
        Figure(
            "proposals.on_time",
            "按期答复（件）",
            "proposal",
            lambda: answered().filter(due_on__isnull=False, answered_on__lte=F("due_on")),
        ),
        Figure("proposals.answered", "已答复（件）", "proposal", answered),
        Figure(
            "proposals.contacted",
            "已答复且联系或走访代表委员（件）",
            "proposal",
            lambda: answered().filter(Exists(Contact.objects.filter(proposal=OuterRef("pk")))),
        ),
        Figure(
            "proposals.published",
            "办理复文已公开（件）",
            "proposal",
            lambda: of_year().filter(
                Exists(Reply.objects.filter(assignment__proposal=OuterRef("pk"), published_on__isnull=False))
            ),
        ),
    ]

    def text(v: dict[str, int]) -> str:
        total, handled_n = _n(v, "proposals.received"), _n(v, "proposals.handled")
        answered_n = _n(v, "proposals.answered")
        if not total:
            return f"{year}年{ctx.subject}没有交由政府系统办理的人大代表建议和政协提案。"
        sentences = [
            f"{year}年{ctx.subject}建议提案共{total}件，其中：人大代表建议{_n(v, 'proposals.npc')}件，"
            f"政协提案{_n(v, 'proposals.cppcc')}件。"
        ]
        if handled_n:
            sentences.append(
                f"交办{handled_n}件，按期答复{_n(v, 'proposals.on_time')}件，办结率{_pct(_n(v, 'proposals.on_time'), handled_n)}。"
            )
        if answered_n:
            sentences.append(
                f"已答复{answered_n}件，联系或走访代表委员{_n(v, 'proposals.contacted')}件，走访率"
                f"{_pct(_n(v, 'proposals.contacted'), answered_n)}。"
            )
        if _n(v, "proposals.published"):
            sentences.append(f"公开建议提案办理复文{_n(v, 'proposals.published')}件。")
        return "".join(sentences)

    return Built(figures, text)


def _pct(part: int, whole: int) -> str:
    value = part * 100 / whole
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


# --- 六、开展政策解读情况 -------------------------------------------------------------------------------


def interpretation(ctx: Context) -> Built:
    ids = ctx.org_ids
    since, until = aware_range(ctx.start, ctx.end)
    start, end = ctx.start, ctx.end

    def published() -> QuerySet[Any]:
        return interpretation_selectors.published().filter(
            org_id__in=ids, item__published_at__gte=since, item__published_at__lt=until
        )

    def conferences() -> QuerySet[Any]:
        return (
            interpretation_selectors.public_conferences()
            .filter(org_id__in=ids, held_on__gte=start, held_on__lte=end)
            .select_related("org")
            .order_by("held_on", "id")
        )

    figures = [
        Figure("interpretation.total", "发布解读（篇）", "interpretation", published),
        Figure(
            "interpretation.on_time",
            "文件公开后3个工作日内发布的解读（篇）",
            "interpretation",
            lambda: published().filter(due_on__isnull=False, is_late=False),
        ),
    ]
    for value, label in Kind.choices:
        figures.append(
            Figure(
                f"interpretation.kind.{value}",
                f"解读形式：{label}（篇）",
                "interpretation",
                functools.partial(_of_kind, published, value),
            )
        )
    figures += [
        Figure("interpretation.conferences", "召开新闻发布会（场）", "conference", conferences),
        Figure(
            "interpretation.conference_documents",
            "新闻发布会解读的政策文件（件）",
            "item",
            lambda: (
                Item.objects.filter(press_conferences__in=conferences())
                .distinct()
                .select_related("org")
                .order_by("-published_at", "-id")
            ),
        ),
    ]

    def text(v: dict[str, int]) -> str:
        sentences = [
            f"{ctx.year}年，{ctx.subject}发布政策解读{_n(v, 'interpretation.total')}篇，其中文件公开后3个工作日内"
            f"在政府网站发布解读{_n(v, 'interpretation.on_time')}篇。"
        ]
        if _n(v, "interpretation.conferences"):
            sentences.append(
                f"召开新闻发布会{_n(v, 'interpretation.conferences')}场，现场解读政策文件"
                f"{_n(v, 'interpretation.conference_documents')}件。"
            )
        kinds = [
            f"{label}{_n(v, f'interpretation.kind.{value}')}篇"
            for value, label in Kind.choices
            if _n(v, f"interpretation.kind.{value}")
        ]
        if kinds:
            sentences.append(f"按解读形式：{'，'.join(kinds)}。")
        return "".join(sentences)

    return Built(figures, text)


def _of_kind(published: Callable[[], QuerySet[Any]], kind: str) -> QuerySet[Any]:
    return published().filter(kind=kind)


# --- 七、政务舆情处置回应情况 -----------------------------------------------------------------------------


def concern(ctx: Context) -> Built:
    ids, start, end = ctx.org_ids, ctx.start, ctx.end

    def responses() -> QuerySet[Any]:
        return (
            ConcernResponse.objects.filter(org_id__in=ids, responded_on__gte=start, responded_on__lte=end)
            .select_related("org")
            .order_by("responded_on", "id")
        )

    figures = [
        Figure("concern.responses", "回应社会关切（次）", "response", responses),
        Figure(
            "concern.clarifications",
            "其中：澄清不实信息（次）",
            "response",
            lambda: responses().filter(kind=ResponseKind.CLARIFICATION),
        ),
    ]
    channels = list(MessageChannel.objects.filter(owner_id__in=ids).order_by("owner__path", "code"))

    def received(channel: MessageChannel) -> QuerySet[Any]:
        return (
            Message.objects.filter(
                channel=channel, status__in=VALID, received_on__gte=start, received_on__lte=end
            )
            .select_related("channel")
            .order_by("received_on", "id")
        )

    def answered(channel: MessageChannel) -> QuerySet[Any]:
        return received(channel).filter(interaction_selectors.answered_q())

    for channel in channels:
        figures += [
            Figure(
                f"concern.channel.{channel.code}",
                f"{channel.name}：受理（件）",
                "message",
                functools.partial(received, channel),
            ),
            Figure(
                f"concern.channel.{channel.code}.answered",
                f"{channel.name}：已答复（件）",
                "message",
                functools.partial(answered, channel),
            ),
        ]

    def text(v: dict[str, int]) -> str:
        parts = []
        for channel in channels:
            n = _n(v, f"concern.channel.{channel.code}")
            if n:
                parts.append(
                    f"{channel.name}受理{n}件，答复{_n(v, f'concern.channel.{channel.code}.answered')}件，回复率"
                    f"{_pct(_n(v, f'concern.channel.{channel.code}.answered'), n)}"
                )
        sentences = []
        if parts:
            sentences.append(f"对网民咨询、投诉和建议及时作出回应：{'；'.join(parts)}。")
        if _n(v, "concern.responses"):
            sentences.append(
                f"围绕社会关注的热点问题回应关切{_n(v, 'concern.responses')}次，其中澄清不实信息"
                f"{_n(v, 'concern.clarifications')}次。"
            )
        if not sentences:
            sentences.append(f"{ctx.year}年，{ctx.subject}政民互动渠道未受理网民留言，未发布回应关切信息。")
        return "".join(sentences)

    return Built(figures, text)


BUILDERS = {
    "proactive": proactive,
    "focus": focus,
    "proposals": proposals,
    "interpretation": interpretation,
    "concern": concern,
}
