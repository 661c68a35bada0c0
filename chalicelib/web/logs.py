"""Logging that cannot leak contact data: every log record's message is masked as it is made.

Masking at record creation (not in one handler) covers every logger and every handler,
the libraries' own (botocore, twilio) included.
"""

from __future__ import annotations

import logging
from typing import Any

from chalicelib.domain.masking import mask_text

_base_factory = logging.getLogRecordFactory()


def _masking_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: keep the template only
        message = str(record.msg)
    record.msg, record.args = mask_text(message), ()
    return record


def configure_logging(level: int = logging.INFO) -> None:
    if logging.getLogRecordFactory() is not _masking_factory:
        logging.setLogRecordFactory(_masking_factory)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(levelname)s %(name)s %(message)s")
    logging.getLogger("zaakstatus").setLevel(level)
    logging.getLogger("chalicelib").setLevel(level)
