"""The reload script's tag, added to the HTML the preview server sends.

Only responses are changed, never a file: the built site stays exactly what
`make html` writes. The script is a file of the server's own (`/__preview__/`)
so the pages' Content-Security-Policy (`script-src 'self'`, no inline
script) lets it run.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

PREFIX = "/__preview__/"
SCRIPT_URL = PREFIX + "reload.js"
EVENTS_URL = PREFIX + "events"
STATUS_URL = PREFIX + "status"
SCRIPT_FILE = Path(__file__).with_name("reload.js")

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def script_tag(build_id: str) -> bytes:
    """The tag; `data-preview-build` is the build the page was read from."""
    return (f'<script src="{SCRIPT_URL}" data-preview-build="{html.escape(build_id)}" '
            f'defer></script>').encode()


def inject(page: bytes, build_id: str) -> bytes:
    """`page` with the reload script before its last `</body>` (at the end without one)."""
    tag = script_tag(build_id)
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tag
    at = ends[-1].start()
    return page[:at] + tag + page[at:]
