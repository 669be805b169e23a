"""The sRGB ICC profile embedded in every published JPEG and WebP.

Every published photo is converted to sRGB (photo_pixels.py); the profile says
so to colour-managed software (picture desks, Photoshop), which otherwise
guesses. The profile is LittleCMS's built-in sRGB, made by Pillow's
`ImageCms.createProfile("sRGB")`: 588 bytes (a camera's sRGB profile is about
3 KB), parametric tone curves, no lookup tables. LittleCMS stamps the profile
with the time it was made; that date is fixed here, and the profile ID (an MD5
of the profile, ICC.1:2010 section 7.2.18) recomputed, so every build embeds
the same bytes.
"""

from __future__ import annotations

import hashlib
import struct
from functools import lru_cache

from PIL import ImageCms

# ICC header fields (ICC.1:2010 section 7.2): offsets into the profile.
_DATE = slice(24, 36)  # dateTimeNumber: six big-endian uint16
_FLAGS = slice(44, 48)
_INTENT = slice(64, 68)
_PROFILE_ID = slice(84, 100)
FIXED_DATE = (2021, 1, 1, 0, 0, 0)


@lru_cache(maxsize=1)
def srgb_icc() -> bytes:
    """The profile's bytes, the same at every call and every build."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[_DATE] = struct.pack(">6H", *FIXED_DATE)
    # The ID is the MD5 of the profile with flags, intent and the ID itself zeroed.
    hashed = bytearray(profile)
    for field in (_FLAGS, _INTENT, _PROFILE_ID):
        hashed[field] = bytes(field.stop - field.start)
    profile[_PROFILE_ID] = hashlib.md5(hashed).digest()
    return bytes(profile)
