"""Chinese labels of the audit codes the documents app records (collected by `gongkai.core.labels`)."""

AUDIT_ACTIONS = {
    "document.text_extracted": "读取文件文字",
    "document.text_failed": "文件文字读取失败",
}
