"""Policy interpretations (政策解读) and the 三同步 rules (docs/interpretation.md).

An interpretation is published as a catalog item of genre 政策解读 (`item`), so it passes the catalog's review,
is searchable and counted; this table adds what the catalog does not hold: the documents interpreted, the kind,
the interpreting organ and person, the sections of the 2016 rules, links, and the 3-working-day deadline.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import StatutoryClass
from gongkai.core.models import BaseModel

#: The genre an interpretation's catalog item has (seeded by migration 0002 when missing).
GENRE_CODE = "policy-interpretation"
GENRE_NAME = "政策解读"


class Kind(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图表图解")
    AUDIOVISUAL = "audiovisual", _("音视频")
    EXPERT = "expert", _("专家解读")
    MEDIA = "media", _("媒体解读")
    LEADER = "leader", _("负责人解读 / 访谈")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会解读")
    OTHER = "other", _("其他")


#: The optional sections (解读要点) of the 2016 rules, in their order: (field, heading).
SECTIONS: list[tuple[str, str]] = [
    ("background", "背景依据"),
    ("objectives", "目标任务"),
    ("main_content", "主要内容"),
    ("scope", "涉及范围"),
    ("implementation", "执行口径"),
    ("cautions", "注意事项"),
    ("key_terms", "关键词诠释"),
    ("benefits", "惠民利民举措"),
    ("changes", "新旧政策差异"),
]


class SyncRule(BaseModel):
    """三同步 for one statutory class: whether a normative document of the class needs an interpretation drafted
    before it is submitted for review, and within how many working days of the document's publication the
    interpretation is due. Data: editable in the Django admin, seeded with the sourced default."""

    statutory_class = models.CharField(
        _("法定公开类别"), max_length=30, choices=StatutoryClass.choices, unique=True
    )
    requires_interpretation = models.BooleanField(
        _("规范性文件须同步起草解读"),
        default=False,
        help_text=_("勾选后，未起草解读的规范性文件不能提交审核"),
    )
    due_workdays = models.PositiveSmallIntegerField(
        _("解读发布期限（工作日）"), default=3, help_text=_("自文件发布之日起的工作日数")
    )
    source = models.TextField(_("依据"), help_text=_("规定出处，如文件名称、文号和条款"))

    class Meta:
        ordering = ["statutory_class"]
        verbose_name = _("三同步规则")
        verbose_name_plural = _("三同步规则")

    def __str__(self) -> str:
        return f"{self.get_statutory_class_display()}：{self.due_workdays}个工作日"


class Interpretation(BaseModel):
    """One interpretation of one or more documents, published as the catalog item `item`."""

    item = models.OneToOneField(
        "catalog.Item", verbose_name=_("解读信息"), on_delete=models.PROTECT, related_name="interpretation"
    )
    documents = models.ManyToManyField(
        "catalog.Item", verbose_name=_("解读的文件"), related_name="interpretations"
    )
    kind = models.CharField(_("解读形式"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("解读机关"),
        on_delete=models.PROTECT,
        related_name="interpretations",
        help_text=_("谁起草谁解读：默认为文件的起草（发布）机关"),
    )
    interpreter = models.CharField(_("解读人"), max_length=100, blank=True)
    background = models.TextField(_("背景依据"), blank=True)
    objectives = models.TextField(_("目标任务"), blank=True)
    main_content = models.TextField(_("主要内容"), blank=True)
    scope = models.TextField(_("涉及范围"), blank=True)
    implementation = models.TextField(_("执行口径"), blank=True)
    cautions = models.TextField(_("注意事项"), blank=True)
    key_terms = models.TextField(_("关键词诠释"), blank=True)
    benefits = models.TextField(_("惠民利民举措"), blank=True)
    changes = models.TextField(_("新旧政策差异"), blank=True)
    links = models.TextField(_("链接"), blank=True, help_text=_("音视频、图解等的网址，每行一个"))
    due_on = models.DateField(_("解读期限"), null=True, blank=True, help_text=_("文件发布之日起3个工作日"))
    is_late = models.BooleanField(_("超期解读"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        indexes = [models.Index(fields=["org", "kind", "is_late"], name="interp_org_kind_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="interp_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.item.title

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the sections filled in, in the order of the rules."""
        return [(heading, getattr(self, f)) for f, heading in SECTIONS if getattr(self, f).strip()]

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]
