"""Document content in S3 (port: `document_ports.Blobs`): a private bucket, every object written
with server-side encryption (SSE-S3, AES-256; the bucket's default encryption says the same),
read by the citizen only through a pre-signed GET made when the page's download link is
followed, valid for seconds. Keys hold ids only (`DocRef.object_key`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class S3Blobs:
    def __init__(self, client: Callable[[], Any], bucket: str) -> None:
        self._client = client  # built on first use: `import app` loads no boto3
        self._bucket = bucket

    def put_blob(self, key: str, body: bytes, content_type: str) -> None:
        self._client().put_object(
            Bucket=self._bucket, Key=key, Body=body, ContentType=content_type, ServerSideEncryption="AES256"
        )

    def delete_blob(self, key: str) -> None:
        self._client().delete_object(Bucket=self._bucket, Key=key)  # S3 answers 204 for a missing key too

    def download_url(self, key: str, filename: str, seconds: int) -> str:
        params = {
            "Bucket": self._bucket,
            "Key": key,
            "ResponseContentDisposition": f'attachment; filename="{filename}"',
        }
        url: str = self._client().generate_presigned_url("get_object", Params=params, ExpiresIn=seconds)
        return url
