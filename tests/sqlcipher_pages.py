"""Read a SQLCipher 4 file page by page with the raw key, free pages included.

The erasure tests must look where ``strings`` would look if the file were not encrypted: every
page of the database file (used, free, overwritten) and of its WAL. SQLCipher's page format
(documented in its design notes): pages of 4096 bytes, each ending with a reserve of 80 bytes —
a 16-byte IV, then the HMAC; the rest of the page is AES-256-CBC under the raw key. The first
16 bytes of page 1 are the salt, in clear, and are not part of the encrypted area. A WAL frame
is a 24-byte header followed by one such page, after the WAL's own 32-byte header.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
IV = 16
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    iv = page[PAGE - RESERVE:PAGE - RESERVE + IV]
    body = page[start:PAGE - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def plain_pages(db_file: Path, key: bytes) -> list[bytes]:
    """Every page of ``db_file`` and of its ``-wal``, decrypted."""
    pages = []
    data = Path(db_file).read_bytes()
    for index in range(len(data) // PAGE):
        page = data[index * PAGE:(index + 1) * PAGE]
        if page.count(0) == PAGE:  # never written
            continue
        pages.append(_decrypt(key, page, first=index == 0))
    wal = Path(str(db_file) + "-wal")
    if wal.exists():
        log = wal.read_bytes()
        offset = WAL_HEADER
        while offset + FRAME_HEADER + PAGE <= len(log):
            page_number = int.from_bytes(log[offset:offset + 4], "big")
            page = log[offset + FRAME_HEADER:offset + FRAME_HEADER + PAGE]
            pages.append(_decrypt(key, page, first=page_number == 1))
            offset += FRAME_HEADER + PAGE
    return pages


def contains(db_file: Path, key: bytes, text: str) -> bool:
    """Whether ``text`` (UTF-8, or its lowercase / accent-free token as FTS stores it) is
    anywhere in the decrypted pages."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                     if not unicodedata.combining(c))
    needles = {text.encode("utf-8"), text.lower().encode("utf-8"), folded.encode("utf-8")}
    return any(needle in page for page in plain_pages(db_file, key) for needle in needles)
