"""Settings for the public site (`make publish`): the preview's, plus these."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address, with or without a sub-path (https://example.org/pressroom).
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
# Embargoed and draft releases leave no trace; the build audits itself.
PRESS_ROOM_PUBLISH = True
DELETE_OUTPUT_DIRECTORY = True
