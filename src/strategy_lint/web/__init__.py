"""``strategy-lint serve``: a page on this computer where business support staff check records.

Standard library only (``http.server``): the page is one HTML file, one stylesheet and one
small script, all served from this package, so nothing is fetched from anywhere else.
The server lives in :mod:`strategy_lint.web.server`; importing this package is cheap.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_UPLOAD_MB", "DEFAULT_PORT"]

DEFAULT_PORT = 8765
DEFAULT_MAX_UPLOAD_MB = 20
