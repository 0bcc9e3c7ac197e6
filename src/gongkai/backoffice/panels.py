"""Dashboard panels of the domain apps. Each builder takes (user, roles) and returns a list of Panels.

Add a builder per domain here, reading only that domain's selectors.
"""

from __future__ import annotations

BUILDERS: list = []
