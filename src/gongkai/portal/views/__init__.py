"""Portal views, one module per subject: site (home, organisations, guides), catalog, search, foi, reports."""

from gongkai.portal.views.site import bad_request, page_not_found, permission_denied, server_error

__all__ = ["bad_request", "page_not_found", "permission_denied", "server_error"]
