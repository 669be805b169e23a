"""Sign each published release's manifest with minisign (Ed25519).

The secret key never lives in the repository: the file is named by the
PRESS_ROOM_SIGNING_KEY environment variable (a password-less key, made with
`minisign -G -W`, suits a scheduled publish; a protected key's password comes
from PRESS_ROOM_SIGNING_PASSWORD). Without a key the publish still builds,
unsigned, and says so in one warning line.

The signature is minisign's own file format (`manifest.sha256.minisig` beside
the manifest), so Debian's stock `minisign -Vm manifest.sha256 -P <key>`
verifies it. It is deterministic: Ed25519 signatures are, and the trusted
comment (signed too, shown by `minisign -V`) says which release of which site
the manifest is for, never a timestamp.
"""

from __future__ import annotations

import logging
import os

import minisign

from ..languages import languages
from . import manifest

logger = logging.getLogger(__name__)

KEY_FILE_VARIABLE = "PRESS_ROOM_SIGNING_KEY"
PASSWORD_VARIABLE = "PRESS_ROOM_SIGNING_PASSWORD"
UNTRUSTED_COMMENT = "signature of a press release manifest (verify with the site's public key)"
# Filled in at the end of reading (published releases) for the finalized step.
RELEASES_SETTING = "PRESS_ROOM_SIGNED_RELEASES"


class SigningError(SystemExit):
    """A key that cannot be used: the build stops with this one line."""


def load_secret_key(environ=os.environ) -> minisign.SecretKey | None:
    """The signing key named by the environment, opened; None when none is set."""
    path = environ.get(KEY_FILE_VARIABLE, "").strip()
    if not path:
        return None
    where = f"{KEY_FILE_VARIABLE}={path}"
    if not os.path.isfile(path):
        raise SigningError(f"{where}: no such file — name the minisign secret key file "
                           "(made with `minisign -G -W`), or unset it to publish unsigned")
    try:
        key = minisign.SecretKey.from_file(path)
    except (minisign.Error, ValueError, UnicodeDecodeError):
        raise SigningError(f"{where}: not a minisign secret key — give the file "
                           "`minisign -G` wrote (minisign.key), not the public key") from None
    if key.is_encrypted():
        password = environ.get(PASSWORD_VARIABLE)
        if not password:
            raise SigningError(f"{where}: the key is protected by a password — set "
                               f"{PASSWORD_VARIABLE}, or make a key without one for "
                               "automation (`minisign -G -W`)")
        try:
            key.decrypt(password)
        except minisign.Error:
            raise SigningError(f"{where}: {PASSWORD_VARIABLE} does not open this key — "
                               "check the password") from None
    return key


def public_key_of(key: minisign.SecretKey) -> str:
    """The public key as minisign's `-P` takes it (base64, "RW…")."""
    return key.get_public_key().to_base64().decode("ascii")


def signature_for(data: bytes, key: minisign.SecretKey, trusted_comment: str) -> bytes:
    signature = key.sign(data, prehash=True, untrusted_comment=UNTRUSTED_COMMENT,
                         trusted_comment=trusted_comment)
    return bytes(signature) + b"\n"


def trusted_comment(folder: str, site_url: str, files: int) -> str:
    return (f"press release {folder} of {site_url or 'this site'}: "
            f"{files} file{'' if files == 1 else 's'}")


def prepare(pelican):
    """Pelican's `initialized`: in a publish build, open the key now (a bad key
    stops the build before any work) and show its public key on the site."""
    settings = pelican.settings
    if not settings.get("PRESS_ROOM_PUBLISH"):
        return
    key = load_secret_key()
    if key is None:
        return
    mine = public_key_of(key)
    configured = settings.get("PRESS_ROOM_PUBLIC_KEY", "")
    if configured and configured != mine:
        raise SigningError(f"{KEY_FILE_VARIABLE}: this secret key's public key ({mine}) is "
                           f"not PRESS_ROOM_PUBLIC_KEY ({configured}) — sign with the site's "
                           "key, or publish the new public key in pelicanconf.py")
    settings["PRESS_ROOM_PUBLIC_KEY"] = mine


def record_releases(generator):
    """Pelican's `article_generator_finalized`: the folders of each published
    release (withdrawn ones included: their pages stay), default language first."""
    order = {code: n for n, code in enumerate(languages(generator.settings))}
    bundles: dict[str, list] = {}
    for name in ("articles", "translations", "hidden_articles", "hidden_translations"):
        for article in getattr(generator, name, []):
            bundles.setdefault(article.bundle, []).append(article)
    releases = []
    for bundle in sorted(bundles):
        versions = sorted(bundles[bundle], key=lambda a: order.get(a.lang, len(order)))
        releases.append([os.path.dirname(a.save_as) + "/" for a in versions])
    generator.settings[RELEASES_SETTING] = releases


def sign_releases(pelican):
    """Pelican's `finalized`, after every page is written and before the leak
    audit: a manifest in each published release's first folder, and its
    signature when a key is set."""
    settings = pelican.settings
    if not settings.get("PRESS_ROOM_PUBLISH"):
        return
    key = load_secret_key()
    if key is None:
        logger.warning("Releases are NOT signed: %s is not set — set it to the minisign secret "
                       "key file to sign each release's manifest", KEY_FILE_VARIABLE)
    output = pelican.output_path
    site_url = settings.get("SITEURL", "")
    for folders in settings.get(RELEASES_SETTING, []):
        entries = manifest.build(output, folders)
        data = manifest.render(entries)
        target = os.path.join(output, folders[0], manifest.MANIFEST_NAME)
        with open(target, "wb") as handle:
            handle.write(data)
        if key is not None:
            comment = trusted_comment(folders[0], site_url, len(entries))
            with open(target + ".minisig", "wb") as handle:
                handle.write(signature_for(data, key, comment))
