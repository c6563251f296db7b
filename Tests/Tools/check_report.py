#!/usr/bin/env python3
"""Looks at orcha-cost HTML reports as a person would: in headless Chromium, at a phone width and
a desktop width, over the DevTools protocol (websocket-client; no other dependency).

A report fails when:
  - the page logs a console error, throws, or fails to load something;
  - the page fetches anything but itself (reports are self-contained);
  - it shows fewer SVG charts than --min-charts, or a chart is zero-size or has no visible data
    mark (elements of class "mark": bars, bands, points);
  - text overflows its box: an element whose content is wider than the element
    (scrollWidth > clientWidth), an element outside the window, a page that scrolls sideways,
    clipped text, or chart text outside its chart or on top of other chart text. On screen,
    tables may scroll sideways inside their own `.table-scroll` container, and only there; as
    printed (print media, the width of an A4 page's text), nothing may overflow.

Each report is checked at each --widths and as printed, as loaded and again with every
<details> opened. A full-page screenshot per report and width (NAME-420.png, NAME-1280.png,
NAME-print.png) goes to --screenshots.

    check_report.py [--chromium PATH] [--screenshots DIR] [--widths 420,1280] REPORT.html...
    check_report.py --self-test     # proves the checker fails on a broken page

Exit status: 0 all reports pass, 1 a report failed (each problem is printed), 2 Chromium could
not be run.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client

# Runs in the page; returns the problems found (strings) and what was seen.
PAGE_CHECK = r"""
((print) => {
  const problems = [];
  const root = document.documentElement;
  const vw = root.clientWidth;
  const describe = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = typeof el.className === 'string' ? el.className.trim() : '';
    if (cls) s += '.' + cls.split(/\s+/).join('.');
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return s + (text ? ' "' + text.slice(0, 70) + (text.length > 70 ? '…' : '') + '"' : '');
  };
  if (root.scrollWidth > vw + 1) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in a ${vw}px window`);
  }
  let checked = 0;
  // Only the outermost box of a problem is reported (its rows and cells overflow with it).
  const flagged = new Set();
  const flag = (el, problem) => { flagged.add(el); problems.push(problem); };
  const underFlagged = el => { for (let p = el.parentElement; p; p = p.parentElement) if (flagged.has(p)) return true; return false; };
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg')) continue;
    // On screen, tables may scroll inside their container; on paper nothing scrolls.
    const scroller = print ? null : el.closest('.table-scroll');
    if (scroller && scroller !== el) continue;
    const r = el.getBoundingClientRect();
    // Not rendered, or hidden for screen readers only (a 1px clipped caption).
    if (r.width <= 1 || r.height <= 1) continue;
    checked++;
    if (underFlagged(el)) continue;
    const cs = getComputedStyle(el);
    if ((print || !el.classList.contains('table-scroll')) && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      flag(el, `text overflows its box: ${describe(el)} (${el.scrollWidth}px of content in ${el.clientWidth}px)`);
    } else if (['hidden', 'clip'].includes(cs.overflowY) && el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1) {
      flag(el, `text is cut off: ${describe(el)} (${el.scrollHeight}px of content in ${el.clientHeight}px)`);
    } else if (r.right > vw + 1 || r.left < -1) {
      flag(el, `outside the window: ${describe(el)} (from ${Math.round(r.left)}px to ${Math.round(r.right)}px of ${vw}px)`);
    }
  }
  // Charts not rendered at this width (a drawing for another window size) are skipped.
  const charts = [...document.querySelectorAll('svg')].filter(svg => svg.getClientRects().length > 0);
  let marks = 0;
  for (const [i, svg] of charts.entries()) {
    const name = `chart ${i + 1} (${svg.getAttribute('class') || 'svg'})`;
    const r = svg.getBoundingClientRect();
    if (r.width < 100 || r.height < 60) {
      problems.push(`${name} is ${Math.round(r.width)}x${Math.round(r.height)}px`);
      continue;
    }
    const visible = [...svg.querySelectorAll('.mark')].filter(m => {
      const b = m.getBoundingClientRect();
      return b.width > 0.5 && b.height > 0.5;
    });
    if (visible.length === 0) problems.push(`${name} is empty: no visible bar or mark`);
    marks += visible.length;
    const texts = [...svg.querySelectorAll('text')].map(t => ({t, b: t.getBoundingClientRect()}));
    for (const {t, b} of texts) {
      if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1) {
        problems.push(`${name}: text "${t.textContent}" is outside the chart`);
      }
    }
    const flat = texts.filter(({t}) => !t.hasAttribute('transform'));
    for (let a = 0; a < flat.length; a++) {
      for (let c = a + 1; c < flat.length; c++) {
        const p = flat[a].b, q = flat[c].b;
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 1 && h > 1) {
          problems.push(`${name}: text "${flat[a].t.textContent}" overlaps "${flat[c].t.textContent}"`);
        }
      }
    }
  }
  return {problems, charts: charts.length, marks, checked, height: root.scrollHeight};
})"""

# Width of the printable area of an A4 page with the report's 12 mm side margins, in CSS px.
PRINT_WIDTH = round((210 - 24) / 25.4 * 96)


class Browser:
    """One headless Chromium and one page, driven over the DevTools protocol."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="orcha-cost-chromium-")
        args = [
            executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
            "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={self.profile}",
            "about:blank",
        ]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if self.process.poll() is not None:
                raise RuntimeError("chromium exited: " + self.process.stderr.read().decode(errors="replace")[-2000:])
            if time.time() > deadline:
                raise RuntimeError("chromium did not open its DevTools port within 60 s")
            time.sleep(0.1)
        with open(port_file) as f:
            port = f.readline().strip()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            pages = [t for t in json.load(r) if t.get("type") == "page"]
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e["method"] == event:
                    del self.events[i]
                    return e
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            if "method" in message:
                self.events.append(message)
        raise RuntimeError(f"no {event} within {timeout} s")

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def console_problems(events, url):
    problems = []
    for e in events:
        method, p = e["method"], e.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            problems.append(f"console error: {text}")
        elif method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            problems.append(f"uncaught exception: {d.get('exception', {}).get('description', d.get('text', ''))}")
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            problems.append(f"console error: {p['entry'].get('text', '')}")
        elif method == "Network.requestWillBeSent":
            target = p.get("request", {}).get("url", "")
            if target != url and not target.startswith("data:"):
                problems.append(f"the page fetches {target}: a report must be self-contained")
        elif method == "Network.loadingFailed":
            problems.append(f"failed to load: {p.get('errorText', '')}")
    return problems


def check(browser, path, width, screenshots, min_charts, print_media=False):
    """Loads one report at one window width (or as printed); returns (problems, summary)."""
    url = "file://" + os.path.abspath(path)
    browser.call(
        "Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1,
        mobile=width < 700 and not print_media)
    browser.call("Emulation.setEmulatedMedia", media="print" if print_media else "")
    browser.events.clear()
    browser.call("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    time.sleep(0.2)  # let late console messages arrive
    browser.call("Runtime.evaluate", expression="1")
    problems = console_problems(browser.events, url)
    expression = f"{PAGE_CHECK}({'true' if print_media else 'false'})"
    seen = browser.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"]["value"]
    problems += seen["problems"]
    if seen["charts"] < min_charts:
        problems.append(f"{seen['charts']} SVG chart(s), expected at least {min_charts}")
    if screenshots:
        os.makedirs(screenshots, exist_ok=True)
        metrics = browser.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        shot = browser.call(
            "Page.captureScreenshot", format="png", captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": size["height"], "scale": 1})
        name = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(screenshots, f"{name}-{'print' if print_media else width}.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    # Everything folded away, unfolded.
    opened = browser.call(
        "Runtime.evaluate",
        expression="(() => { const d = document.querySelectorAll('details'); d.forEach(x => x.open = true); return d.length; })()",
        returnByValue=True)["result"]["value"]
    if opened:
        unfolded = browser.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"]["value"]
        problems += [p + " (with details open)" for p in unfolded["problems"] if p not in seen["problems"]]
    summary = f"{seen['charts']} charts, {seen['marks']} marks, {seen['checked']} boxes, {seen['height']}px tall"
    return problems, summary


def run(paths, chromium, screenshots, widths, min_charts, print_media=True):
    try:
        browser = Browser(chromium)
    except Exception as e:  # noqa: BLE001 - any start failure is a setup error
        print(f"check-reports: cannot run {chromium}: {e}", file=sys.stderr)
        return 2, []
    failed = []
    try:
        for path in paths:
            for width in widths + ([PRINT_WIDTH] if print_media else []):
                printed = print_media and width == PRINT_WIDTH and width == (widths + [PRINT_WIDTH])[-1]
                problems, summary = check(browser, path, width, screenshots, min_charts, printed)
                where = "printed on A4" if printed else f"at {width}px"
                if problems:
                    failed.append((path, where, problems))
                    print(f"FAIL {path} {where}: {summary}")
                    for p in dict.fromkeys(problems):
                        print(f"  - {p}")
                else:
                    print(f"ok   {path} {where}: {summary}")
    finally:
        browser.close()
    return (1 if failed else 0), failed


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>broken</title></head><body>
<p style="width: 180px; white-space: nowrap">This line is far too long for its one hundred and eighty pixel box.</p>
<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200"></svg>
<script>console.error("deliberate error for the self-test");</script>
</body></html>
"""

GOOD_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>good</title><style>svg { width: 100%; height: auto; display: block; }</style></head><body>
<p>A short paragraph that wraps as it should in any window.</p>
<div class="table-scroll" style="overflow-x: auto"><table><tr><td style="white-space: nowrap">A wide table cell that may scroll inside its own container, which is allowed.</td></tr></table></div>
<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">
<rect class="mark" x="10" y="50" width="40" height="150" fill="#4e79a7"/><text x="12" y="40">$150</text></svg>
</body></html>
"""


def self_test(chromium):
    """The checker must fail the broken page for each of its three faults and pass the good one."""
    with tempfile.TemporaryDirectory(prefix="orcha-cost-selftest-") as d:
        broken = os.path.join(d, "broken.html")
        good = os.path.join(d, "good.html")
        with open(broken, "w") as f:
            f.write(BROKEN_PAGE)
        with open(good, "w") as f:
            f.write(GOOD_PAGE)
        print("self-test: a broken page (overflowing text, an empty chart, a console error) must fail:")
        status, failed = run([broken], chromium, None, [420], 1, print_media=False)
        if status == 2:
            return 2
        found = [p for _, _, ps in failed for p in ps]
        expected = {
            "overflow": any(p.startswith("text overflows its box: p") for p in found),
            "empty chart": any("is empty" in p for p in found),
            "console error": any("deliberate error for the self-test" in p for p in found),
        }
        print("self-test: a good page must pass:")
        good_status, _ = run([good], chromium, None, [420, 1280], 1)
        missed = [k for k, v in expected.items() if not v]
        if status != 1 or missed or good_status != 0:
            print(
                "self-test FAILED: "
                + (f"the checker missed: {', '.join(missed)}" if missed else "")
                + ("; " if missed and good_status else "")
                + ("the good page did not pass" if good_status else ""),
                file=sys.stderr)
            return 1
        print("self-test ok: the broken page failed for all three faults and the good page passed")
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports", nargs="*")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--screenshots", help="folder for the PNG screenshots")
    parser.add_argument("--widths", default="420,1280", help="window widths in CSS pixels (default 420,1280)")
    parser.add_argument("--min-charts", type=int, default=2, help="SVG charts each report must have (default 2)")
    parser.add_argument("--self-test", action="store_true", help="check the checker on a broken and a good page")
    args = parser.parse_args()
    if args.self_test:
        sys.exit(self_test(args.chromium))
    if not args.reports:
        parser.error("give the reports to check")
    widths = [int(w) for w in args.widths.split(",")]
    status, _ = run(args.reports, args.chromium, args.screenshots, widths, args.min_charts)
    sys.exit(status)


if __name__ == "__main__":
    main()
