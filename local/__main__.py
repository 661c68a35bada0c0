"""`python -m local` (or `make run`): the whole service on loopback.

moto as AWS (DynamoDB, SQS, SES), the Twilio stand-in as the SMS provider, worker threads as
the SQS triggers' Lambda invocations, the Chalice app as the API on http://127.0.0.1:$ZAAKSTATUS_PORT (8000), and
demo organisations seeded through the API. Ctrl-C or SIGTERM stops it all.

Environment (all optional): ZAAKSTATUS_PORT, ZAAKSTATUS_TWILIO_PORT, ZAAKSTATUS_ADMIN_TOKEN,
ZAAKSTATUS_PUBLIC_URL, ZAAKSTATUS_LOCAL_SENDER_DOMAINS (extra SES sender domains, comma-separated),
ZAAKSTATUS_LOCAL_WORKERS and ZAAKSTATUS_LOCAL_ZGW_WORKERS (the notification queue's and the ZGW inbox's
worker threads, standing for Lambda's concurrent invocations; default 8 per core each, see
`local/queue_poller.py`), ZAAKSTATUS_LOCAL_STATE (a file to
write the API URL, operator token and demo client credentials to, as JSON), ZAAKSTATUS_LOCAL_AWS_URL (a
moto server already running, instead of the embedded one), ZAAKSTATUS_LOCAL_DEMO (`off`: no parties demo,
see `local/demo.py`), ZAAKSTATUS_OIDC_PORT (the OIDC provider stand-in's, `local/oidc_standin.py`).
"""

# ruff: noqa: E402 - the signal handlers below come before the slower imports on purpose

from __future__ import annotations

import os
import signal

# Until main() installs its Stopper a signal finds nothing to clean up: end at once, exit code 0
# (a default SIGTERM during the imports below would end the run with -15).
for _signal in (signal.SIGINT, signal.SIGTERM):
    signal.signal(_signal, lambda *_: os._exit(0))

import json
import logging
import shlex
import sys
from pathlib import Path

from local import aws, console_demo, demo, digid_demo, my_cases_demo, oidc_standin, report_demo, seed, test_mode_demo
from local.queue_poller import worker_threads
from local.stopping import Stopper, Stopping, exit_now

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
log = logging.getLogger("local")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("botocore", "twilio"):  # twilio logs every request at INFO
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # The app's clients keep 10 connections, all a Lambda (one thread) needs; the local run's
    # workers share them from more threads, and urllib3 warns of each extra connection it drops.
    logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)
    api_port = int(os.environ.get("ZAAKSTATUS_PORT") or 8000)
    twilio_port = int(os.environ.get("ZAAKSTATUS_TWILIO_PORT") or aws.free_port(HOST))
    try:
        workers = worker_threads("ZAAKSTATUS_LOCAL_WORKERS")
        zgw_workers = worker_threads("ZAAKSTATUS_LOCAL_ZGW_WORKERS")
    except ValueError as exc:
        log.error("%s", exc)
        return 1
    stopper = Stopper()
    stopper.install()
    started: list = []  # things to stop, in reverse order
    try:
        # `make bench` runs moto as a process of its own, to count the service's CPU apart from it.
        moto_url = os.environ.get("ZAAKSTATUS_LOCAL_AWS_URL", "")
        if not moto_url:
            moto = aws.Moto(HOST).start()
            started.append(moto)
            moto_url = moto.url
        aws.set_environment(moto_url)
        twilio_url = f"http://{HOST}:{twilio_port}"
        os.environ.update(
            ZAAKSTATUS_STAGE="local",
            ZAAKSTATUS_TWILIO_BASE_URL=twilio_url,
            ZAAKSTATUS_TWILIO_STANDIN_URL=twilio_url,
        )
        os.environ.setdefault("ZAAKSTATUS_PUBLIC_URL", f"http://{HOST}:{api_port}")
        # A developer trying the service at night should see the SMS at once, not at 08:00;
        # set ZAAKSTATUS_QUIET_HOURS=22:00-08:00 to try quiet hours locally.
        os.environ.setdefault("ZAAKSTATUS_QUIET_HOURS", "off")

        started.append(oidc_standin.configure(HOST))  # "Inloggen met DigiD" against a loopback provider
        # Only now may chalicelib read its settings.
        from chalicelib import bootstrap, config
        from local.resources import create_bucket, create_queue, create_table, create_zgw_queue, verify_senders

        config.reset()
        s = config.settings()
        create_table(aws.client("dynamodb"), s.table_name)
        sqs = aws.client("sqs")
        os.environ["ZAAKSTATUS_QUEUE_URL"] = queue_url = create_queue(sqs, s.queue_name)
        os.environ["ZAAKSTATUS_ZGW_QUEUE_URL"] = zgw_queue_url = create_zgw_queue(sqs, s.zgw_queue_name)
        verify_senders(aws.client("sesv2"), aws.sender_domains(s.email_from, seed.sender_addresses()))
        create_bucket(aws.client("s3"), s.documents_bucket)
        config.reset()
        bootstrap.reset()
        s = config.settings()

        from local.twilio_standin import TwilioStandIn

        started.append(TwilioStandIn(s.twilio_account_sid, s.twilio_auth_token, HOST, twilio_port).start())
        from local.webhook_receiver import WebhookReceiver
        from local.webhook_receiver import banner as webhook_banner

        receiver = WebhookReceiver(HOST, int(os.environ.get("ZAAKSTATUS_WEBHOOK_RECEIVER_PORT") or 0)).start()
        started.append(receiver)  # organisations' webhooks in the local run point here (loopback only)

        import app as app_module  # after the environment is complete

        app = app_module.app
        from local.api import ApiServer
        from local.queue_poller import QueuePoller

        try:
            api = ApiServer(app, HOST, api_port)
        except OSError as exc:
            log.error("cannot listen on %s:%d (%s); set ZAAKSTATUS_PORT", HOST, api_port, exc.strerror)
            return 1
        started.append(api.start())
        notifications = aws.client("sqs", connections=workers)
        started.append(QueuePoller(notifications, queue_url, app_module.send_notifications, s.region, workers).start())
        zgw = aws.client("sqs", connections=zgw_workers)
        started.append(
            QueuePoller(zgw, zgw_queue_url, app_module.resolve_zgw_notifications, s.region, zgw_workers).start()
        )
        from local.queue_poller import Ticker

        started.append(Ticker(app_module.release_quiet_hours).start())  # held SMS, reminders of actions

        try:
            seed.wait_until_healthy(api.url)
            clients = seed.seed(api.url, s.admin_token)
        except seed.SeedError as exc:
            log.error("seeding failed: %s (the API keeps running)", exc)
            clients = {}
        demo_links = demo.post_all(api.url, clients)
        console_demo.seed_staff(api.url, s.admin_token)
        reported = report_demo.post(api.url, clients)  # four weeks of complaints for the reports
        digid_cases = digid_demo.post(api.url, clients)  # the test citizen's cases, for DigiD
        write_state(api.url, s.admin_token, clients, demo_links)
        print(banner(api.url, s.admin_token, s.admin_token == config.LOCAL_ADMIN_TOKEN, clients), flush=True)
        print(demo.banner(api.url, python_command(), clients, demo_links), flush=True)
        print(webhook_banner(api.url, python_command(), clients.get("hvc"), receiver.url), flush=True)
        print(test_mode_demo.banner(api.url, python_command(), s.admin_token), flush=True)
        print(console_demo.banner(api.url), flush=True)
        print(report_demo.banner(api.url, reported), flush=True)
        print(digid_demo.banner(api.url, digid_cases), flush=True)
        print(my_cases_demo.banner(api.url), flush=True)
        print(f"AWS (moto): {moto_url}   Twilio stand-in: {twilio_url}\n", flush=True)
        stopper.wait_forever()
    except Stopping:
        return 0
    finally:
        stopper.stopping()
        print("Stopping…", flush=True)
        for thing in reversed(started):
            try:
                thing.stop()
            except Exception as exc:  # noqa: BLE001 - stop the rest anyway
                log.warning("stopping %s failed: %s", type(thing).__name__, type(exc).__name__)


def write_state(
    api: str, admin_token: str, clients: dict[str, dict[str, str]], demo_links: demo.Links | None = None
) -> None:
    path = os.environ.get("ZAAKSTATUS_LOCAL_STATE")
    if not path:
        return
    hvc = clients.get("hvc", {})
    state = {
        "api_url": api,
        "admin_token": admin_token,
        "hvc_client_id": hvc.get("client_id"),
        "hvc_client_secret": hvc.get("client_secret"),
        "clients": clients,
        "demo": demo_links or {},
    }
    tmp = Path(path).with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2))
    os.chmod(tmp, 0o600)
    tmp.replace(path)  # atomic: a reader sees no file or the whole file


def python_command() -> str:
    python = ROOT / ".venv" / "bin" / "python"
    return str(python) if python.exists() else sys.executable


# The preview the banner offers to try: a status whose text uses the sample's explanation.
PREVIEW = {
    "status": "opgeschort",
    "language": "nl",
    "channel": "sms",
    "sample": {"status": {"explanation": "wij wachten op de gemeente"}},
}


def banner(api: str, admin_token: str, default_token: bool, clients: dict[str, dict[str, str]]) -> str:
    python_cmd = python_command()
    lines = [
        "",
        f"zaakstatus runs at {api}   (Ctrl-C stops it)",
        f"  operator token : {admin_token}"
        + ("   (local default; set ZAAKSTATUS_ADMIN_TOKEN)" if default_token else ""),
        f"  outbox         : {api}/dev/outbox",
    ]
    for org_id, c in clients.items():
        lines.append(f"  {org_id:<12} client : {c['client_id']}  secret: {c['client_secret']}")
    hvc = clients.get("hvc")
    if hvc:
        claims = f'{{"client_id": {json.dumps(hvc["client_id"])}, "iat": int(time.time())}}'
        make_jwt = (
            f'import jwt, time; print(jwt.encode({claims}, {json.dumps(hvc["client_secret"])}, algorithm="HS256"))'
        )
        event = {
            "event_id": "HVC-DEMO-1-in_behandeling",
            "case": {"id": "HVC-DEMO-1", "case_type": "klacht", "description": "container niet geleegd"},
            "status": "in_behandeling",
            "occurred_at": "2026-11-28T10:00:00+01:00",
            "subscriber": {"channel": "sms", "phone": "06 12345678", "language": "nl"},
        }
        lines += [
            "",
            "Try it (paste into a shell):",
            "",
            f"TOKEN=$({shlex.quote(python_cmd)} -c {shlex.quote(make_jwt)})",
            f'curl -sS -X POST {api}/v1/events -H "Authorization: Bearer $TOKEN" '
            f"-H 'Content-Type: application/json' -d {shlex.quote(json.dumps(event))}; echo",
            f"sleep 2; curl -sS {api}/dev/outbox; echo",
            "",
            "An organisation's settings, and its e-mail sender's state with the DNS records to publish",
            "(a new organisation's sender is verified at once here; see README, Onboarding an organisation):",
            f'curl -sS {api}/v1/organisation -H "Authorization: Bearer $TOKEN"; echo',
            f'curl -sS {api}/v1/organisation/sender -H "Authorization: Bearer $TOKEN"; echo',
            "",
            "Management information (README, Reports): the last 30 days per case type, and the overdue cases:",
            f'curl -sS {api}/v1/reports -H "Authorization: Bearer $TOKEN"; echo',
            f'curl -sS {api}/v1/reports/overdue -H "Authorization: Bearer $TOKEN"; echo',
            "",
            "A status's message before any citizen gets it, with its SMS encoding and fragments (in the console:",
            "Zaaktypen, a case type, Voorbeeld; signed in as beheer@hvc.example, see below):",
            f'curl -sS -X POST {api}/v1/case-types/klacht/preview -H "Authorization: Bearer $TOKEN" '
            f"-H 'Content-Type: application/json' -d {shlex.quote(json.dumps(PREVIEW))}; echo",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    try:
        code = main()
    except Stopping:  # the signal came in the instant between the run and its cleanup
        code = 0
    exit_now(code)
