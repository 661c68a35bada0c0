"""Document content in memory (port: `document_ports.Blobs`), for the unit tests. Its download
URLs name the key and the moment they stop working, as a pre-signed URL does."""

from __future__ import annotations

import threading
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from chalicelib.domain import clock

BASE = "https://blobs.invalid/"


class MemoryBlobs:
    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}  # key -> (body, content type)
        self._lock = threading.Lock()

    def put_blob(self, key: str, body: bytes, content_type: str) -> None:
        with self._lock:
            self.objects[key] = (bytes(body), content_type)

    def delete_blob(self, key: str) -> None:
        with self._lock:
            self.objects.pop(key, None)

    def download_url(self, key: str, filename: str, seconds: int) -> str:
        until = int(clock.now().timestamp()) + seconds
        return BASE + quote(key) + "?" + urlencode({"filename": filename, "seconds": seconds, "expires": until})

    def fetch(self, url: str) -> tuple[bytes, str] | None:
        """What following `url` now gives: the body and content type; None when it is gone or expired."""
        parts = urlsplit(url)
        expires = int(parse_qs(parts.query)["expires"][0])
        if clock.now().timestamp() >= expires:
            return None
        with self._lock:
            return self.objects.get(unquote(parts.path.removeprefix("/")))
