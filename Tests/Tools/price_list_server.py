#!/usr/bin/env python3
"""A stand-in for the AWS Price List bulk API on 127.0.0.1, for the `catalog update` tests.

    price_list_server.py serve --fixtures DIR --root DIR --port-file FILE [--log FILE]
                               [--mode MODE] [--target OFFER/REGION] [--big-mb N]
                               [--lifetime SECONDS] [--max-requests N]
    price_list_server.py rss -- COMMAND ARGS...

`serve` lays out --root exactly as AWS's URL layout, built from the genuine excerpts in
--fixtures (their leading `#` provenance lines removed): the service index
/offers/v1.0/aws/index.json, each offer's /offers/v1.0/aws/<Offer>/current/region_index.json
(regions keyed by code, `currentVersionUrl`), each region's
/offers/v1.0/aws/<Offer>/<Version>/<region>/index.csv, and for AmazonRDS a Savings Plans index
/savingsPlan/v1.0/aws/AWSDatabaseSavingsPlans/current/region_index.json (`regions` an array of
`{regionCode, versionUrl}`, as AWS documents it). It binds port 0 on 127.0.0.1, writes the port
to --port-file, and exits by itself after --lifetime seconds or --max-requests requests.

Modes change what is served for the --target offer/region (default AmazonRDS/eu-west-2):
  normal        everything as laid out
  drop          Content-Length of the whole CSV, then the connection closes half way through
                (at a line end, so what arrived is a well-formed shorter CSV)
  chunked-drop  chunked encoding, closes half way through without the final chunk
  status500     HTTP 500 for the CSV
  404           HTTP 404 for the CSV
  badjson       the target offer's region_index.json is cut short (malformed JSON)

A request line with an absolute URL (`GET http://host:port/path HTTP/1.1`, as a client sends to
an HTTP proxy) is served from the same tree: the server is then also the proxy. Every request
line is appended to --log.

`rss` runs COMMAND, passes its output through to stderr, and prints its exit status and peak
resident memory as JSON on stdout: {"status": N, "maxrss_kb": N}.
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

OFFERS = {
    "AWSQueueService": {"eu-west-2": "AWSQueueService-eu-west-2.csv"},
    "AmazonECS": {"eu-west-2": "AmazonECS-eu-west-2.csv"},
    "AmazonRDS": {"eu-west-2": "AmazonRDS-eu-west-2.subset.csv"},
    "AmazonS3": {"eu-west-2": "AmazonS3-eu-west-2.csv"},
    "AWSELB": {"eu-west-2": "AWSELB-eu-west-2.csv", "us-east-1": "AWSELB-us-east-1.csv"},
    "AmazonApiGateway": {"eu-west-2": "AmazonApiGateway-eu-west-2.csv"},
    "AmazonElastiCache": {"eu-west-2": "AmazonElastiCache-eu-west-2.csv"},
    "AWSLambda": {"eu-west-2": "AWSLambda-eu-west-2.csv"},
    "AWSDataTransfer": {"eu-west-2": "AWSDataTransfer-eu-west-2.csv"},
}
SAVINGS_PLANS = {"AWSDatabaseSavingsPlans": {"ap-south-2": "AWSDatabaseSavingsPlans-ap-south-2.head.csv"}}
SAVINGS_PLAN_OF = {"AmazonRDS": "AWSDatabaseSavingsPlans"}
DISCLAIMER = (
    "This pricing list is for informational purposes only. All prices are subject to the additional terms "
    "included in the pricing pages on http://aws.amazon.com. All Free Tier prices are also subject to the terms "
    "included at https://aws.amazon.com/free/"
)


def genuine(path):
    """The excerpt without its provenance lines."""
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    while lines and lines[0].startswith(b"#"):
        lines.pop(0)
    return b"\n".join(lines)


def version_of(csv):
    line = csv.split(b"\n")[3].decode()
    key, value = [p.strip('"') for p in line.split(",", 1)]
    assert key == "Version", line
    return value


def big_rds(fixtures, megabytes):
    """The RDS excerpt's rows repeated under fresh SKUs up to about `megabytes` MB."""
    lines = genuine(os.path.join(fixtures, OFFERS["AmazonRDS"]["eu-west-2"])).split(b"\n")
    head = b"\n".join(lines[:6]) + b"\n"
    rows = [r for r in lines[6:] if r]
    block = b"\n".join(rows) + b"\n"
    skus = sorted({r[1:17] for r in rows})
    parts = [head]
    size = len(head)
    n = 0
    while size < megabytes * 1_000_000:
        n += 1
        chunk = block
        for i, sku in enumerate(skus):
            chunk = chunk.replace(sku, b"G%02d%013d" % (i, n))
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def write(root, path, data):
    full = os.path.join(root, path.lstrip("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def build(fixtures, root, mode, target, big_mb):
    target_offer, target_region = target.split("/")
    offers = {}
    for offer, regions in OFFERS.items():
        entry = {
            "offerCode": offer,
            "versionIndexUrl": f"/offers/v1.0/aws/{offer}/index.json",
            "currentVersionUrl": f"/offers/v1.0/aws/{offer}/current/index.json",
            "currentRegionIndexUrl": f"/offers/v1.0/aws/{offer}/current/region_index.json",
        }
        if offer in SAVINGS_PLAN_OF:
            sp = SAVINGS_PLAN_OF[offer]
            entry["savingsPlanVersionIndexUrl"] = f"/savingsPlan/v1.0/aws/{sp}/current/index.json"
            entry["currentSavingsPlanIndexUrl"] = f"/savingsPlan/v1.0/aws/{sp}/current/region_index.json"
        offers[offer] = entry
        region_index = {}
        for region, name in regions.items():
            if big_mb and offer == "AmazonRDS":
                csv = big_rds(fixtures, big_mb)
            else:
                csv = genuine(os.path.join(fixtures, name))
            version = version_of(csv)
            url = f"/offers/v1.0/aws/{offer}/{version}/{region}/index.json"
            write(root, url[:-5] + ".csv", csv)
            region_index[region] = {"regionCode": region, "currentVersionUrl": url}
        text = json.dumps(
            {"formatVersion": "v1.0", "disclaimer": DISCLAIMER, "publicationDate": "2026-09-04T17:27:16Z",
             "regions": region_index}, indent=2)
        if mode == "badjson" and offer == target_offer:
            text = text[: len(text) // 2]
        write(root, f"/offers/v1.0/aws/{offer}/current/region_index.json", text.encode())
    for sp, regions in SAVINGS_PLANS.items():
        listed = []
        for region, name in regions.items():
            csv = genuine(os.path.join(fixtures, name))
            url = f"/savingsPlan/v1.0/aws/{sp}/{version_of(csv)}/{region}/index.json"
            write(root, url[:-5] + ".csv", csv)
            listed.append({"regionCode": region, "versionUrl": url})
        write(root, f"/savingsPlan/v1.0/aws/{sp}/current/region_index.json", json.dumps(
            {"disclaimer": DISCLAIMER, "publicationDate": "2026-04-22T19:42:03Z", "regions": listed}, indent=2).encode())
    write(root, "/offers/v1.0/aws/index.json", json.dumps(
        {"formatVersion": "v1.0", "disclaimer": DISCLAIMER, "publicationDate": "2026-09-04T17:27:16Z",
         "offers": offers}, indent=2).encode())


def serve(args):
    # A parent's thread may have blocked these (children inherit the mask): stay stoppable.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    build(args.fixtures, args.root, args.mode, args.target, args.big_mb)
    target_offer, target_region = args.target.split("/")
    log_lock = threading.Lock()
    count = {"n": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def do_GET(self):
            if args.log:
                with log_lock, open(args.log, "a") as f:
                    f.write(self.requestline + "\n")
            path = urlsplit(self.path).path if self.path.startswith("http") else self.path.split("?")[0]
            parts = path.strip("/").split("/")
            is_target = (path.endswith("/index.csv") and len(parts) >= 6 and parts[3] == target_offer
                         and parts[5] == target_region)
            full = os.path.normpath(os.path.join(args.root, path.lstrip("/")))
            if not full.startswith(os.path.abspath(args.root)) or not os.path.isfile(full):
                return self.fail(404)
            if is_target and args.mode == "status500":
                return self.fail(500)
            if is_target and args.mode == "404":
                return self.fail(404)
            size = os.path.getsize(full)
            cut = None
            if is_target and args.mode in ("drop", "chunked-drop"):
                with open(full, "rb") as f:
                    head = f.read(size // 2)
                cut = head.rfind(b"\n") + 1
            self.send_response(200)
            self.send_header("Content-Type", "text/csv" if full.endswith(".csv") else "application/json")
            if args.mode == "chunked-drop" and is_target:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(size))
            self.end_headers()
            with open(full, "rb") as f:
                if cut is not None:
                    data = f.read(cut)
                    if args.mode == "chunked-drop":
                        self.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")
                    else:
                        self.wfile.write(data)
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                while True:
                    block = f.read(1 << 20)
                    if not block:
                        break
                    self.wfile.write(block)

        def fail(self, status):
            body = b"<Error>%d</Error>" % status
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def process_request(self, request, client_address):
            count["n"] += 1
            super().process_request(request, client_address)
            if args.max_requests and count["n"] >= args.max_requests:
                threading.Thread(target=self.shutdown, daemon=True).start()

    server = Server(("127.0.0.1", 0), Handler)
    timer = threading.Timer(args.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


def rss(command):
    child = subprocess.Popen(command, stdout=sys.stderr)
    _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({"status": code, "maxrss_kb": usage.ru_maxrss}))


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "rss" and sys.argv[2] == "--":
        return rss(sys.argv[3:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--fixtures", required=True)
    s.add_argument("--root", required=True)
    s.add_argument("--port-file", required=True)
    s.add_argument("--log")
    s.add_argument("--mode", default="normal",
                   choices=["normal", "drop", "chunked-drop", "status500", "404", "badjson"])
    s.add_argument("--target", default="AmazonRDS/eu-west-2")
    s.add_argument("--big-mb", type=int, default=0)
    s.add_argument("--lifetime", type=float, default=60)
    s.add_argument("--max-requests", type=int, default=0)
    args = parser.parse_args()
    serve(args)


if __name__ == "__main__":
    main()
