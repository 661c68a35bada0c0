"""Logging that cannot leak contact data: every log record's message is masked as it is made.

Masking at record creation (not in one handler) covers every logger and every handler,
the libraries' own (botocore, twilio) included.
"""

from __future__ import annotations

import logging
import re

PATTERNS = [
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "<email>"),
    # 9 or more digits, optionally spaced or dashed, optionally with + or 00: phone numbers and
    # BSNs; dates (8 digits) and our hex ids stay readable.
    (re.compile(r"(?<![\w-])(?!\d{4}-\d\d-\d\d)(?:\+|00)?\d(?:[ ()-]{0,2}\d){8,14}(?![\w-])"), "<number>"),
]


def mask(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


_base_factory = logging.getLogRecordFactory()


def _masking_factory(*args, **kwargs) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: keep the template only
        message = str(record.msg)
    record.msg, record.args = mask(message), ()
    return record


def configure_logging(level: int = logging.INFO) -> None:
    if logging.getLogRecordFactory() is not _masking_factory:
        logging.setLogRecordFactory(_masking_factory)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(levelname)s %(name)s %(message)s")
    logging.getLogger("zaakstatus").setLevel(level)
    logging.getLogger("chalicelib").setLevel(level)
