"""Organisations, their staff memberships and their disclosure guides."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from gongkai.core.identifiers import org_code_of
from gongkai.core.models import BaseModel, user_field


class Level(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县（区）级")
    TOWNSHIP = "township", _("乡（镇、街道）级")


LEVEL_RANK = {Level.PROVINCE: 1, Level.CITY: 2, Level.COUNTY: 3, Level.TOWNSHIP: 4}


class Kind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府部门")
    OTHER = "other", _("其他（事业单位等）")


class OrganizationQuerySet(MP_NodeQuerySet):
    def active(self) -> OrganizationQuerySet:
        return self.filter(is_active=True)

    def governments(self) -> OrganizationQuerySet:
        return self.filter(kind=Kind.GOVERNMENT)


class OrganizationManager(MP_NodeManager):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")

    def active(self) -> OrganizationQuerySet:
        return self.get_queryset().active()


class Organization(MP_Node, BaseModel):
    """A unit of government: a people's government, one of its departments, or another public body.

    The tree is a materialised path (treebeard): subtree and ancestor queries are one indexed query each.
    """

    name = models.CharField(_("机构全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    is_competent_department = models.BooleanField(
        _("政务公开主管部门"), default=False, help_text=_("本级政府办公厅（室），监督本地区政务公开工作")
    )
    is_active = models.BooleanField(_("有效"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    objects = OrganizationManager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def org_code(self) -> str:
        return org_code_of(self.credit_code)

    @property
    def index_prefix(self) -> str:
        """The front part of index numbers (索引号前段码), by the GONGKAI_INDEX_PREFIX setting."""
        return self.credit_code if settings.GONGKAI_INDEX_PREFIX == "credit_code" else self.org_code

    def subtree(self) -> OrganizationQuerySet:
        return Organization.objects.filter(path__startswith=self.path)


class Role(models.TextChoices):
    EDITOR = "editor", _("信息编辑")
    REVIEWER = "reviewer", _("审核人")
    OFFICE = "office", _("公开工作机构（依申请办理）")
    SUPERVISOR = "supervisor", _("监督（主管部门）")
    ADMIN = "admin", _("管理员")
    HEAD = "head", _("工作机构负责人")


class ApprovalKind(models.TextChoices):
    """What the head of the working body (工作机构负责人) approves."""

    EXTENSION = "extension", _("延长答复期限（条例第三十三条）")
    ANSWER = "answer", _("依申请公开答复")
    REPORT = "report", _("政府信息公开工作年度报告")


class Membership(BaseModel):
    """A role a user holds in an organisation (see orgs.access for how far each role reaches)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("角色"), max_length=12, choices=Role.choices)

    class Meta:
        ordering = ["org__path", "role"]
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [models.UniqueConstraint(fields=["user", "org", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.org} · {self.get_role_display()}"


class ApprovalPolicy(BaseModel):
    """Whether an organisation's head has delegated approvals to the members of its working body.

    By default (no row, or every flag off) only a member holding the head role approves. An organ whose head
    has delegated in writing records it here, with the document that says so (`basis`); an administrator
    above the organisation sets it (`orgs.services.approval_policy_set`), and every change is audited.
    Delegated approvals still follow the two-person rule (GONGKAI_FOI_TWO_PERSON_APPROVAL).
    """

    org = models.OneToOneField(Organization, on_delete=models.PROTECT, related_name="approval_policy")
    delegate_extensions = models.BooleanField(_("延期答复由工作机构人员批准"), default=False)
    delegate_answers = models.BooleanField(_("依申请公开答复由工作机构人员批准"), default=False)
    delegate_reports = models.BooleanField(_("年度报告由工作机构人员批准"), default=False)
    basis = models.TextField(
        _("授权依据"),
        blank=True,
        help_text=_("负责人书面授权的文件名称、文号和日期，如本机关政府信息公开工作规程"),
    )
    updated_by = user_field()

    FLAGS = {
        ApprovalKind.EXTENSION: "delegate_extensions",
        ApprovalKind.ANSWER: "delegate_answers",
        ApprovalKind.REPORT: "delegate_reports",
    }

    class Meta:
        verbose_name = _("审批授权")
        verbose_name_plural = _("审批授权")

    def __str__(self) -> str:
        return f"{self.org}审批授权"

    def delegates(self, kind: str) -> bool:
        return bool(getattr(self, self.FLAGS[ApprovalKind(kind)]))


class Guide(BaseModel):
    """One version of an organisation's disclosure guide (政府信息公开指南, Art. 12).

    Versions are never changed: an edit publishes a new version; the highest number is current.
    """

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="guides")
    version = models.PositiveIntegerField(_("版本"))
    classification = models.TextField(_("信息分类与编排体系"))
    how_to_obtain = models.TextField(_("获取信息的方式"))
    application_procedure = models.TextField(_("依申请公开办理程序"), blank=True)
    office_name = models.CharField(_("工作机构名称"), max_length=100)
    address = models.CharField(_("办公地址"), max_length=200)
    office_hours = models.CharField(_("办公时间"), max_length=200)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网上联系方式"), blank=True)
    remedies = models.TextField(_("监督和救济"), blank=True)
    created_by = user_field()

    class Meta:
        ordering = ["org", "-version"]
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")
        constraints = [models.UniqueConstraint(fields=["org", "version"], name="guide_version_unique")]

    def __str__(self) -> str:
        return f"{self.org}政府信息公开指南（第{self.version}版）"

    CONTENT_FIELDS = [
        "classification", "how_to_obtain", "application_procedure", "office_name", "address", "office_hours",
        "postcode", "phone", "fax", "email", "website", "remedies",
    ]  # fmt: skip
