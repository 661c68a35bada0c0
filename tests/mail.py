"""Reading back what SES (moto) was handed: the one place that knows moto's internals."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends


def sent_mails(region: str = "eu-west-1") -> list[tuple[str, EmailMessage]]:
    """(SES message id, parsed MIME message) of every raw e-mail sent, oldest first."""
    out = []
    for message in ses_backends[DEFAULT_ACCOUNT_ID][region].sent_messages:
        raw = getattr(message, "raw_data", None)
        if raw is not None:
            out.append((message.id, BytesParser(policy=policy.default).parsebytes(raw.encode())))
    return out


def parts(mail: EmailMessage) -> tuple[str, str | None]:
    """The plain-text part and the HTML part (None when there is none)."""
    plain = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    return plain.get_content(), html.get_content() if html is not None else None
