"""A third channel, added the way any channel is: this one module describes it and carries its
provider's sender; the test registers it. Nothing else in the code base changes for it.

WhatsApp: to the subscriber's mobile number, held in the quiet hours like SMS, falls back to
e-mail, and the message is the status text with the tracking link under it."""

from __future__ import annotations

from chalicelib.domain.channels import ChannelSpec, Draft, OutgoingMessage
from chalicelib.domain.contacts import PHONE


def compose(draft: Draft) -> OutgoingMessage:
    return OutgoingMessage(
        to=draft.to,
        body=f"*{draft.case_type.public_name_in(draft.language)}*\n{draft.text}\n{draft.tracking_url}",
        sender=draft.organisation.name,
        reference=draft.notification_id,  # the party's own notification, as SMS and e-mail do
    )


WHATSAPP = ChannelSpec(
    name="whatsapp",
    contact=PHONE,
    compose=compose,
    quiet_hours=True,
    fallback="email",
    labels={"nl": "Via WhatsApp", "en": "By WhatsApp"},
    now={
        "nl": "U krijgt nu berichten via WhatsApp op {contact}.",
        "en": "You now receive messages by WhatsApp on {contact}.",
    },
)


class WhatsAppSender:
    """The provider: records what it hands over, or fails as told."""

    def __init__(self) -> None:
        self.sent: list[OutgoingMessage] = []
        self.errors: list[Exception] = []

    def send(self, message: OutgoingMessage) -> str:
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(message)
        return f"wamid.{len(self.sent)}"
