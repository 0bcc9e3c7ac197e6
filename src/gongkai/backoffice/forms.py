"""Back-office forms: they validate and render; services save."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from gongkai.core.forms import text_area
from gongkai.orgs.models import Guide, Kind, Level, Role


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"

    error_messages = {
        "invalid_login": "用户名或密码错误。连续多次错误后账号将被暂时锁定。",
        "inactive": "该账号已停用，请联系管理员。",
    }

    def clean_username(self):
        # AuthenticationForm does not enforce the field's length before authenticating: a name longer than any
        # account's is refused here, before it reaches the backends and the lockout records.
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.fields["username"].max_length:
            raise forms.ValidationError("用户名过长。", code="max_length")
        return username


class OrganizationForm(forms.Form):
    name = forms.CharField(label="机构全称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=50, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, min_length=18,
                                  help_text="18位，系统将核对校验位")  # fmt: skip
    level = forms.ChoiceField(label="层级", choices=Level.choices)
    kind = forms.ChoiceField(label="类型", choices=Kind.choices)
    is_competent_department = forms.BooleanField(
        label="政务公开主管部门（本级政府办公厅/室）", required=False
    )
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=100000, initial=100)


class UserCreateForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=150, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(
        label="初始密码", widget=forms.PasswordInput, help_text="至少10位，不能全为数字或过于常见"
    )
    roles = forms.MultipleChoiceField(label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple)


class MembershipForm(forms.Form):
    org = forms.ChoiceField(label="机构")
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.credit_code, "　" * (o.depth - 1) + o.name) for o in orgs]


class GuideForm(forms.ModelForm):
    website = forms.URLField(label="网上联系方式", required=False, assume_scheme="https")

    class Meta:
        model = Guide
        fields = Guide.CONTENT_FIELDS
        widgets = {
            "classification": forms.Textarea(attrs={"rows": 6}),
            "how_to_obtain": forms.Textarea(attrs={"rows": 6}),
            "application_procedure": forms.Textarea(attrs={"rows": 6}),
            "remedies": forms.Textarea(attrs={"rows": 3}),
        }


class CalendarImportForm(forms.Form):
    file = forms.FileField(
        label="日历文件", help_text="UTF-8 文本，每行：日期,类型[,名称]；格式见 docs/workdays.md"
    )
    source = forms.CharField(label="依据（通知文号）", max_length=200, required=False)

    MAX_BYTES = 64 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("文件过大（最多64KB），日历文件只需列出节假日与调休上班日。")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("文件不是 UTF-8 编码的文本。") from None


class ApprovalPolicyForm(forms.Form):
    delegate_extensions = forms.BooleanField(label="延长答复期限由工作机构人员批准", required=False)
    delegate_answers = forms.BooleanField(label="依申请公开答复由工作机构人员批准", required=False)
    delegate_reports = forms.BooleanField(label="年度报告由工作机构人员批准发布", required=False)
    basis = text_area(
        "授权依据",
        2000,
        rows=3,
        required=False,
        help_text="负责人书面授权的文件名称、文号和日期；授权任何一项时必填",
    )
