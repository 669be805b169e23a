"""The sRGB profile the photos embed: compact, sRGB, the same bytes every time."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import ImageCms

from press_room.srgb_profile import srgb_icc

ICC_BUDGET = 1_000  # bytes: the profile rides in every rendition, phones included


def test_the_profile_is_compact_srgb_and_the_same_every_time():
    profile = srgb_icc()
    assert len(profile) <= ICC_BUDGET, f"the sRGB profile is {len(profile)} bytes"
    assert srgb_icc.__wrapped__() == profile, "two calls made different profile bytes"
    parsed = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    assert "sRGB" in ImageCms.getProfileDescription(parsed), ImageCms.getProfileDescription(parsed)
    assert parsed.profile.xcolor_space.strip() == "RGB", parsed.profile.xcolor_space
    # LittleCMS stamps the time of creation; a fixed stamp keeps builds identical.
    assert parsed.profile.creation_date == datetime(2021, 1, 1), parsed.profile.creation_date
