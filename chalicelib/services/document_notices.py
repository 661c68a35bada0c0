"""A document that became downloadable, announced once (the sender queue's `document` job):
`case.document_added` to the webhooks that want it, and, where the case type has
`notify_documents`, a short message to each person and business party that wants messages.

The messages are kept on the document's item (`ns.<party>`), like a status's notifications on
its event: created at the announcement, claimed with a conditional update before the provider
is called (of two copies of the job, one sends), counted against the recipient's daily cap,
held through the quiet hours, retried with the sender's backoff while the provider says "later".
Simpler than a status message on purpose: no fallback to the other channel and no provider
receipts (the message carries no receipt reference, so no receipt can touch a status's
notification); a permanent failure stays a failure, visible in the document's answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from chalicelib.domain import clock, links, privacy, retry
from chalicelib.domain.channels import (
    CHANNELS,
    ChannelSpec,
    Draft,
    OutgoingMessage,
    PermanentError,
    RetryableError,
    UnconfirmedError,
)
from chalicelib.domain.confidentiality import unpublished
from chalicelib.domain.dates import AMSTERDAM, dutch_day
from chalicelib.domain.documents import DocRef, Document, DocumentJob, DocumentNotice, listed, notice_text, told
from chalicelib.domain.models import Case, CaseType, Organisation, State
from chalicelib.domain.parties import Party
from chalicelib.domain.quiet_hours import morning_after, window
from chalicelib.services import document_webhooks, test_mode
from chalicelib.services.delivery import DeliveryDeferred
from chalicelib.services.deps import Deps
from chalicelib.services.documents import find

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Told:
    outcome: str
    wait: int = 0  # seconds until this party's message may be tried again (0: settled)


@dataclass(frozen=True)
class Facts:
    """What every party's message reads: the case as the job found it."""

    ref: DocRef
    case: Case
    case_type: CaseType
    org: Organisation | None
    document: Document


def announce(deps: Deps, job: DocumentJob) -> str:
    """Run the document's announcement: its webhooks, then each party's message not yet settled."""
    facts = _facts(deps, job.ref)
    if facts is None:
        return "document-gone"
    hooks = document_webhooks.fan_out(deps, facts.case, facts.case_type, facts.document)
    told_now = [_tell(deps, facts, pid) for pid in sorted(facts.document.notices)]
    waits = [t.wait for t in told_now if t.wait]
    if waits:
        raise DeliveryDeferred("document-messages", min(waits))
    sent = sum(t.outcome == State.SENT for t in told_now)
    return f"document-webhooks-{hooks}-sent-{sent}"


def _facts(deps: Deps, ref: DocRef) -> Facts | None:
    """The case and the announced document; None when there is nothing (left) to announce."""
    for _ in range(2):  # a second read when another run announced it first
        case = deps.cases.load_case(ref.org_id, ref.case_id)
        document = find(case, ref.doc_id)
        case_type = deps.case_types.get_case_type(ref.org_id, case.case_type or "") if case.exists else None
        if document is None or case_type is None or not document.downloadable:
            return None
        org = deps.organisations.get_organisation(ref.org_id)
        if document.announced:
            return Facts(ref, case, case_type, org, document)
        notices = _notices(case, case_type, document)
        if deps.documents.announce(ref, notices):
            return Facts(ref, case, case_type, org, document.model_copy(update={"announced": True, "notices": notices}))
    return None


def _notices(case: Case, case_type: CaseType, document: Document) -> dict[str, DocumentNotice]:
    """A message for each party that may read the document and wants messages."""
    limits = case_type.confidentiality
    if not case_type.notify_documents or unpublished(case.confidentiality, limits) or not listed(document, limits):
        return {}
    now = clock.now()
    return {
        pid: DocumentNotice(state=State.CREATED, updated_at=now)
        for pid, party in case.parties.items()
        if told(party) and CHANNELS.get(party.subscriber.channel) is not None
    }


def _tell(deps: Deps, facts: Facts, party_id: str) -> Told:
    notice = facts.document.notices[party_id]
    if notice.state == State.SENDING:
        return _lease(deps, facts.ref, party_id, notice)
    if notice.state not in State.CLAIMABLE:
        return Told("already-" + notice.state)
    party = facts.case.party(party_id)
    aim = _aim(deps, party)
    if facts.org is None:
        return _settle(deps, facts.ref, party_id, notice, State.TECHNICAL_FAILURE, "configuration-missing")
    if party is None or not told(party) or aim is None:
        return _settle(deps, facts.ref, party_id, notice, State.SUPPRESSED, "no-channel")
    spec, address = aim
    recipient = privacy.address_hash(deps.settings.token_key, address)
    if deps.ledger.address_suppressed(facts.org.id, recipient):
        return _settle(deps, facts.ref, party_id, notice, State.PERMANENT_FAILURE, "address-unusable")
    wait = _quiet_seconds(deps, spec, facts.org, clock.now())
    if wait:
        return Told("held", wait)
    claimed = notice.model_copy(
        update={
            "state": State.SENDING,
            "channel": spec.name,
            "attempts": notice.attempts + 1,
            "updated_at": clock.now(),
        }
    )
    if not deps.documents.move_notice(facts.ref, party_id, State.CLAIMABLE, claimed):
        return Told("claimed-elsewhere")
    day, cap = dutch_day(clock.now()), deps.settings.daily_cap
    if notice.state == State.CREATED and not deps.ledger.count_recipient_message(facts.org.id, recipient, day, cap):
        return _record(deps, facts.ref, party_id, claimed, State.SUPPRESSED, "daily-cap")
    return _send(deps, facts, party, spec, address, claimed)


def _aim(deps: Deps, party: Party | None) -> tuple[ChannelSpec, str] | None:
    """The party's channel and its address there, when a provider is wired for it."""
    spec = CHANNELS.get(party.subscriber.channel) if party else None
    address = party.subscriber.contact(spec.contact.name) if party and spec else None
    if spec is None or address is None or spec.name not in deps.senders.names():
        return None
    return spec, address


def _quiet_seconds(deps: Deps, spec: ChannelSpec, org: Organisation, now: dt.datetime) -> int:
    """Seconds until the quiet hours end, for a channel they hold; 0 outside them."""
    hours = window(deps.settings.quiet_hours)
    morning = morning_after(hours, now) if spec.quiet_hours and org.quiet_hours else None
    if hours is None or morning is None:
        return 0
    end = dt.datetime.combine(dt.date.fromisoformat(morning), hours[1], tzinfo=AMSTERDAM)
    return max(1, int((end - now).total_seconds()) + 1)


def _send(deps: Deps, facts: Facts, party: Party, spec: ChannelSpec, address: str, claimed: DocumentNotice) -> Told:
    ref, pid = facts.ref, party.party_id
    try:
        sender = test_mode.sender(deps, ref.org_id, spec.name, facts.case.id, None, claimed.attempts)
        sender.send(_message(deps, facts, party, spec, address))
    except RetryableError as exc:
        if retry.gives_up(claimed.attempts):
            return _record(deps, ref, pid, claimed, State.TECHNICAL_FAILURE, exc.kind)
        _record(deps, ref, pid, claimed, State.TEMPORARY_FAILURE, exc.kind)
        return Told(State.TEMPORARY_FAILURE, retry.delay(claimed.attempts))
    except PermanentError as exc:
        return _record(deps, ref, pid, claimed, State.PERMANENT_FAILURE, exc.kind)
    except UnconfirmedError as exc:  # the provider may have it: never sent twice
        return _record(deps, ref, pid, claimed, State.TECHNICAL_FAILURE, exc.kind)
    except Exception as exc:  # noqa: BLE001 - unclassified: a visible failure, never a blind resend
        log.error("document message %s: unexpected %s", ref.doc_id, type(exc).__name__)
        return _record(deps, ref, pid, claimed, State.TECHNICAL_FAILURE, type(exc).__name__)
    return _record(deps, ref, pid, claimed, State.SENT, None)


def _message(deps: Deps, facts: Facts, party: Party, spec: ChannelSpec, address: str) -> OutgoingMessage:
    s, case, org = deps.settings, facts.case, facts.org
    assert org is not None and case.current is not None  # a case type was found: the case has events
    language = party.subscriber.language
    url = links.tracking_url(s.public_url, s.token_key, org.id, case.id, party.generation, party.party_id)
    draft = Draft(
        organisation=org,
        case_type=facts.case_type,
        event=case.current,
        case_id=case.id,
        to=address,
        text=notice_text(party.kind, language),
        language=language,
        tracking_url=url,
        public_url=s.public_url,
        party_id=party.party_id,
    )
    # No reference and no receipt: a provider's receipt finds status notifications only.
    return dataclasses.replace(spec.compose(draft), reference=None, receipt=None)


def _lease(deps: Deps, ref: DocRef, party_id: str, notice: DocumentNotice) -> Told:
    """Claimed by a run that has not recorded an outcome: wait out its lease, then a failure."""
    age = (clock.now() - notice.updated_at).total_seconds()
    if age < retry.LEASE_SECONDS:
        return Told("claimed", int(retry.LEASE_SECONDS - age) + 1)
    return _record(deps, ref, party_id, notice, State.TECHNICAL_FAILURE, "unconfirmed")


def _settle(deps: Deps, ref: DocRef, party_id: str, notice: DocumentNotice, state: str, error: str) -> Told:
    """A message that will not be sent, settled from a claimable state."""
    settled = notice.model_copy(update={"state": state, "error": error, "updated_at": clock.now()})
    deps.documents.move_notice(ref, party_id, State.CLAIMABLE, settled)
    return Told(state)


def _record(deps: Deps, ref: DocRef, party_id: str, claimed: DocumentNotice, state: str, error: str | None) -> Told:
    """The outcome of a claimed message (only a notice still `sending` moves)."""
    outcome = claimed.model_copy(update={"state": state, "error": error, "updated_at": clock.now()})
    deps.documents.move_notice(ref, party_id, (State.SENDING,), outcome)
    return Told(state)
