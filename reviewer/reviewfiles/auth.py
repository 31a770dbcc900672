"""Authenticating a return file: HMAC-SHA256 with the secret of the pack it comes from.

At pack time a random secret of 256 bits (``secrets.token_bytes(32)``) is stored in the
coordinator's pack record (:class:`reviewer.store.models.ReviewPack`) and in that rater's review
file. The return carries ``HMAC-SHA256(secret, DOMAIN || canonical(manifest without "mac") ||
0x00 || canonical(payload))``; canonical JSON (sorted keys, no spaces, UTF-8) makes the code a
function of the content, so a re-serialised copy verifies and counts as the same return, while
any changed value does not. The merge compares codes with :func:`hmac.compare_digest`.

Why HMAC and not per-pack Ed25519 keys: the coordinator both issues the secret and checks the
return, so no third party needs to verify without being able to sign, which is the one thing a
signature adds. The rater's signing key would sit in the review file exactly where the HMAC secret
sits, so it protects nothing more against the rater or against someone who steals the file, and
the coordinator's database would hold a key either way. HMAC is in the standard library (no new
dependency for a rater's install) and cannot be misused by verifying with the wrong public key.

What this does not do: it does not hide a return's content (not encrypted), and anybody holding
a rater's review file (the rater, or a thief) can write returns for that one pack.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from reviewer.reviewfiles.common import canonical_json

SECRET_BYTES = 32  # 256 bits
MAC_FIELD = "mac"  # in a return's manifest
SECRET_FIELD = "return_secret"  # in a review file's manifest (hex)
DOMAIN = b"reviewer-return-hmac-sha256-v1\x00"


def new_secret() -> str:
    """A fresh pack secret, hex."""
    return secrets.token_bytes(SECRET_BYTES).hex()


def return_mac(secret_hex: str, manifest: dict[str, Any], payload: Any) -> str:
    """The code of a return (see the module doc); ``manifest`` may hold the code already."""
    body = {k: v for k, v in manifest.items() if k != MAC_FIELD}
    message = DOMAIN + canonical_json(body) + b"\x00" + canonical_json(payload)
    return hmac.new(bytes.fromhex(secret_hex), message, hashlib.sha256).hexdigest()


def mac_verifies(secret_hex: str, manifest: dict[str, Any], payload: Any) -> bool:
    """Whether the manifest's code is that of this manifest and payload under *secret_hex*."""
    given = manifest.get(MAC_FIELD)
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("ascii", "replace"),
                               return_mac(secret_hex, manifest, payload).encode("ascii"))
