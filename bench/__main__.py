"""`make bench`: every performance figure in one run; bench/results.json and docs/performance.md.

Parts: in-process on moto (units, ingest latency vs a bare put, counted requests), import times
in fresh interpreters, end to end through the local run at concurrency 1 and 8, and the cost
model. Takes 15–25 minutes on a shared 2-core machine. Not part of `make test`: it asserts
nothing, it prints.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from bench import cost, e2e, imports, inprocess
from bench.common import machine
from bench.rows import local_run_rows, request_rows

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# The ZGW reference hub, as the issue gives it (Open Notificaties 1.16.1, this kind of machine).
OPEN_NOTIFICATIES = {
    "accepted_per_s_c1": 92,
    "accepted_per_s_c8": 203,
    "delivery_p50_s_fastest": 4.7,
    "delivery_p50_s_default": 22,
    "cpu_s_per_1000": 20,
}
TARGETS = {
    "requests_per_notified_event": 5,
    "write_units_non_notifying": 1,
    "write_units_notifying": 4,
    "ingest_p50_ratio": 2.0,
    "api_import_ratio": 1.3,
    "usd_per_million": 3.0,
    "e2e_p50_s": 5.0,
    "cpu_s_per_1000": 8.0,
    "resets_40_clients": 0,
    "stop_s": 5.0,
}


def _import_figure(figure: dict[str, Any]) -> str:
    return f"{figure['median_ms']:.0f} ms ({figure['ratio_to_boto3']:.2f}×)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=400, help="cases of 5 events for the unit count")
    parser.add_argument("--events", type=int, default=1000, help="events per end-to-end burst")
    parser.add_argument("--quick", action="store_true", help="a small run to try the bench itself")
    parser.add_argument(
        "--render", action="store_true", help="only recompute the cost model and the table from bench/results.json"
    )
    args = parser.parse_args()
    if args.render:
        results = json.loads(RESULTS.read_text())
        results["cost"] = cost.model(results["inprocess"], results["end_to_end"])
        table = render(results)
        print(table)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        write_doc(table)
        return 0
    if args.quick:
        args.cases, args.events = 20, 50
    started = time.monotonic()
    results: dict[str, Any] = {"machine": machine()}
    print("1/4 in-process on moto: units, latency, requests …", flush=True)
    results["inprocess"] = inprocess.run(cases=args.cases, latency_cases=max(20, args.cases // 4))
    print("2/4 import times …", flush=True)
    results["imports"] = imports.run(repeats=3 if args.quick else 9)
    print("3/4 end to end through the local run …", flush=True)
    results["end_to_end"] = e2e.run(events=args.events)
    print("4/4 cost model …", flush=True)
    results["cost"] = cost.model(results["inprocess"], results["end_to_end"])
    results["open_notificaties_1_16_1"] = OPEN_NOTIFICATIES
    results["targets"] = TARGETS
    results["duration_s"] = round(time.monotonic() - started)
    table = render(results)
    print("\n" + table)
    if not args.quick:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        write_doc(table)
        print(f"written: {RESULTS.relative_to(ROOT)}, {DOC.relative_to(ROOT)}")
    return 0


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _report_units(ip: dict[str, Any]) -> str:
    """Management information's write units (absent from results of runs before it existed)."""
    keys = ("report_write_units_per_non_notifying_event", "report_write_units_per_notifying_event_end_to_end")
    if not all(k in ip for k in keys):
        return "not measured"
    return " / ".join(f"{ip[k]:.2f}" for k in keys)


def render(r: dict[str, Any]) -> str:
    m, ip, im, c = r["machine"], r["inprocess"], r["imports"], r["cost"]
    u = ip["units"]
    lat = ip["latency"]
    rows = [*request_rows(ip, TARGETS["requests_per_notified_event"])]
    rows += [
        (
            "DynamoDB write units per non-notifying event",
            f"{ip['write_units_per_non_notifying_event']:.2f}",
            "≤ 1",
            _verdict(ip["write_units_per_non_notifying_event"] <= TARGETS["write_units_non_notifying"]),
        ),
        (
            "  first event of a case / later event",
            f"{u['first']['write_units']:.2f} / {u['later']['write_units']:.2f}",
            "",
            "",
        ),
        (
            "DynamoDB write units per notifying event, end to end",
            f"{ip['write_units_per_notifying_event_end_to_end']:.2f}",
            "≤ 4",
            _verdict(ip["write_units_per_notifying_event_end_to_end"] <= TARGETS["write_units_notifying"]),
        ),
        (
            "  ingest (not final) / ingest (final) / delivery",
            " / ".join(f"{u[k]['write_units']:.2f}" for k in ("notifying", "final", "delivery")),
            "",
            "",
        ),
        (
            "  of which the reports' counters: per non-notifying / notifying event",
            _report_units(ip),
            "",
            "",
        ),
        (
            "DynamoDB read units per event (mix) / per notification",
            f"{ip['read_units_per_event_mix']:.2f} / {u['delivery']['read_units']:.2f}",
            "",
            "",
        ),
        (
            "Ingest handler p50 / p99 (in-process, moto)",
            f"{lat['ingest_handler']['p50_ms']:.1f} / {lat['ingest_handler']['p99_ms']:.1f} ms",
            "",
            "",
        ),
        (
            "Bare put_item of the same item p50 / p99",
            f"{lat['bare_put_item']['p50_ms']:.1f} / {lat['bare_put_item']['p99_ms']:.1f} ms",
            "",
            "",
        ),
        (
            "Ingest p50 ÷ bare put p50",
            f"{lat['p50_ratio']:.2f}×",
            "≤ 2×",
            _verdict(lat["p50_ratio"] <= TARGETS["ingest_p50_ratio"]),
        ),
        ("import boto3 (median)", f"{im['boto3']['median_ms']:.0f} ms", "", ""),
        (
            "API entry: import app",
            f"{im['api_entry']['median_ms']:.0f} ms ({im['api_entry']['ratio_to_boto3']:.2f}×)",
            "≤ 1.3×",
            _verdict(im["api_entry"]["ratio_to_boto3"] <= TARGETS["api_import_ratio"]),
        ),
        (
            "  … and its first request's boto3 client",
            _import_figure(im["api_entry_first_request"]),
            "",
            "",
        ),
        (
            "  API entry imports twilio",
            "yes" if im["api_entry"]["imports_twilio"] else "no",
            "no",
            _verdict(not im["api_entry"]["imports_twilio"]),
        ),
        (
            "Sender entry: import app + twilio",
            f"{im['sender_entry']['median_ms']:.0f} ms ({im['sender_entry']['ratio_to_boto3']:.2f}×)",
            "",
            "",
        ),
        (
            "  … and its first message's boto3 client",
            _import_figure(im["sender_entry_first_message"]),
            "",
            "",
        ),
    ]
    for run in r["end_to_end"]["runs"]:
        k = run["concurrency"]
        on = OPEN_NOTIFICATIES[f"accepted_per_s_c{k}"] if k in (1, 8) else None
        rows += [
            (f"Local run, c={k}: accepted events/s (Open Notificaties: {on})", f"{run['accepted_per_s']:.1f}", "", ""),
            (
                f"  c={k}: events/s end to end (POST → outbox), {run['delivered']}/{run['events']} delivered",
                f"{run['events_per_s_end_to_end']:.1f}",
                "",
                "",
            ),
            (
                f"  c={k}: POST → outbox p50 / p99 (ON: p50 4.7 s fastest, 22 s default)",
                f"{run['latency_p50_s']:.2f} / {run['latency_p99_s']:.2f} s",
                "p50 < 5 s",
                _verdict(run["latency_p50_s"] < TARGETS["e2e_p50_s"]),
            ),
            (
                f"  c={k}: service CPU s per 1,000 events (ON: ~20)",
                f"{run['cpu_s_service_per_1000_events']:.1f}",
                "≤ 8",
                _verdict(run["cpu_s_service_per_1000_events"] <= TARGETS["cpu_s_per_1000"]),
            ),
            (
                f"  c={k}: AWS stand-in (moto) CPU s per 1,000 events, apart",
                f"{run['cpu_s_aws_standin_per_1000_events']:.1f}",
                "",
                "",
            ),
        ]
    rows += local_run_rows(r["end_to_end"], TARGETS["resets_40_clients"], TARGETS["stop_s"])
    lines = c["usd_per_million_events"]
    rows += [
        (
            "Cost per million events: Lambda, DynamoDB, SQS (issue scope)",
            f"${c['usd_per_million_events_issue_scope']:.2f}",
            "≤ $3",
            _verdict(c["usd_per_million_events_issue_scope"] <= TARGETS["usd_per_million"]),
        ),
        ("  Lambda requests / compute", f"${lines['lambda_request']:.2f} / ${lines['lambda_gb_second']:.2f}", "", ""),
        (
            "  DynamoDB writes / reads",
            f"${lines['dynamodb_write_unit']:.2f} / ${lines['dynamodb_read_unit']:.2f}",
            "",
            "",
        ),
        ("  SQS", f"${lines['sqs_request']:.2f}", "", ""),
        (
            "  (at pre-Nov-2024 DynamoDB prices)",
            f"${c['usd_per_million_events_issue_scope_old_dynamodb_prices']:.2f}",
            "",
            "",
        ),
        ("  + KMS decrypts of client secrets", f"${lines['kms_request']:.2f}", "", ""),
        ("  + API Gateway REST requests", f"${lines['api_gateway_rest_request']:.2f}", "", ""),
        ("  all of the above", f"${c['usd_per_million_events_all_listed']:.2f}", "", ""),
        ("  channel fees apart: SES per million e-mails", f"${c['ses_usd_per_million_emails']:.0f}", "", ""),
    ]
    width = max(len(a) for a, *_ in rows)
    vwidth = max(len(b) for _, b, *_ in rows)
    out = [
        f"zaakstatus benchmark, {m['date']}: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, "
        f"Python {m['python']}, load average at start {m['load_average_at_start']}",
        "",
    ]
    out.append(f"| {'figure'.ljust(width)} | {'value'.ljust(vwidth)} | target | verdict |")
    out.append(f"|{'-' * (width + 2)}|{'-' * (vwidth + 2)}|--------|---------|")
    for a, b, t, v in rows:
        out.append(f"| {a.ljust(width)} | {b.ljust(vwidth)} | {t.ljust(6)} | {v.ljust(7)} |")
    out.append("")
    out.append(
        f"Events counted in-process: {ip['events']} ({ip['notifications_delivered']} notifications delivered); "
        f"end to end: {r['end_to_end']['runs'][0]['events']} per burst, "
        f"{r['end_to_end']['workers']} queue worker threads; bench took {r['duration_s']} s."
    )
    return "\n".join(out)


def write_doc(table: str) -> None:
    text = DOC.read_text() if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    block = f"{START}\n<!-- written by `make bench` (bench/__main__.py); edit around it -->\n\n{table}\n\n{END}"
    text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    DOC.write_text(text)


if __name__ == "__main__":
    raise SystemExit(main())
