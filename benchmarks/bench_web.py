"""Load benchmark of the web platform: 20 concurrent clients on the dashboard and on a
scenario recompute, against a server this benchmark starts on 127.0.0.1 and stops again.

Reports p50/p95 of the server time (``Server-Timing``, the time spent in Django) and of the
client latency (which adds queueing for one of the server's threads), each as a ratio to a
peer measured in the same run under the same load: a plain Django view (``/_bench/ping``,
same middleware) and a static file served by WhiteNoise. Targets (issue 6): dashboard
p95 < 150 ms, recompute of a 10,000-sample ensemble p95 < 300 ms.

Every loop is bounded: ``CLIENTS`` threads x a fixed number of requests each, with a timeout.

The import case (issue 15): an organisation file of ``IMPORT_ROWS`` rows is committed by the
import service from a separate process (as a background worker would) into the served
SQLite database, while ``IMPORT_READERS`` clients keep reading normal pages; the same is
done with the row-by-row baseline (one ``save()`` per row, as before) on ``BASELINE_ROWS``
rows of the same kind. Targets: the import commits in < 30 s, readers' p95 < 500 ms.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

CLIENTS = 20
THREADS = int(os.environ.get("BENCH_WEB_THREADS", "0"))
"""waitress worker threads: 0 = as ``clusterplan serve`` (one per core); ``BENCH_WEB_THREADS`` changes it."""
REQUEST_TIMEOUT_S = 60.0
STARTUP_TIMEOUT_S = 300.0
TARGETS_MS = {"dashboard": 150.0, "recompute": 300.0}
IMPORT_ROWS = 100_000
BASELINE_ROWS = 3_000
"""Row by row takes ~100 times longer per row: a few thousand rows give its rate."""
IMPORT_READERS = 10
IMPORT_TARGET_S = 30.0
READER_TARGET_MS = 500.0
READER_PAGES = ("/dashboard/", "/finance/")
READER_PAUSE_S = 0.5
"""A reader's pause between two pages: ten people reading, two pages a second each. Without
it ten clients saturate the server's two threads on their own (closed loop), and the
import's effect on readers is lost in queueing; the idle phase shows that reference."""
IDLE_S = 10.0
IMPORT_DEADLINE_S = 300.0
"""A safety bound on one import run (the target is 30 s; minutes when other work
shares the two cores)."""
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Sample:
    """Timings of one kind of request, in milliseconds."""

    server_ms: list[float] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Request:
    """One kind of request: method, path, form body and whether it needs the login cookie."""

    name: str
    method: str
    path: str
    body: dict[str, str] | None = None
    login: bool = True
    htmx: bool = False
    vary: str | None = None
    """A numeric field given a different value on every request, so that no response cache
    answers it: every recompute is computed."""

    def resolve(self, counter: int) -> tuple[str, dict[str, str] | None]:
        """The path and body of the ``counter``-th request of this kind."""
        body = dict(self.body) if self.body is not None else None
        if body is not None and self.vary and self.vary in body:
            original = body[self.vary]
            comma = "," in original
            base = float(original.replace(",", ".") or "1")
            value = f"{base * (0.8 + 0.4 * ((counter * 7919) % 10007) / 10007):.5f}"
            body[self.vary] = value.replace(".", ",") if comma else value
        if self.method == "GET" and body is not None:
            return f"{self.path}?{urllib.parse.urlencode(body)}", None
        return self.path, body


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100.0 * (len(ordered) - 1))))
    return ordered[index]


def start_server(port: int, var_dir: str) -> tuple[subprocess.Popen[str], str]:
    """Start ``benchmarks.web_server``; return the process and the session cookie value."""
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(REPO / "src"))
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.web_server", str(port), var_dir, str(THREADS)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"benchmark server exited with {process.wait()}")
        if line.startswith("READY "):
            session = line.split()[1]
            break
    else:
        process.kill()
        raise RuntimeError("benchmark server did not start in time")
    for _ in range(100):  # wait until it accepts connections
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return process, session
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("benchmark server does not accept connections")


class Client:
    """A keep-alive HTTP client with the session cookie and the CSRF token of the page."""

    def __init__(self, port: int, session: str) -> None:
        self.port = port
        self.session = session
        self.csrf = ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)

    def fetch_csrf(self, path: str) -> None:
        status, headers, body = self.send("GET", path, None, login=True)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
        if match and cookie:
            self.csrf = match.group(1).decode()
            self.csrf_cookie = cookie.group(1)

    def send(
        self,
        method: str,
        path: str,
        body: dict[str, str] | None,
        *,
        login: bool,
        htmx: bool = False,
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        cookies = []
        if login:
            cookies.append(f"sessionid={self.session}")
        if self.csrf:
            cookies.append(f"csrftoken={self.csrf_cookie}")
            headers["X-CSRFToken"] = self.csrf
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        if htmx:
            headers["HX-Request"] = "true"
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_S
            )
            raise
        payload = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, payload

    def close(self) -> None:
        self.conn.close()


def server_ms(headers: dict[str, str]) -> float | None:
    match = re.search(r"dur=([0-9.]+)", headers.get("server-timing", ""))
    return float(match.group(1)) if match else None


def load(
    port: int,
    session: str,
    requests: list[Request],
    per_client: int,
    csrf_path: str,
    clients: int = CLIENTS,
) -> dict[str, Sample]:
    """``clients`` threads, each sending ``per_client`` rounds of every request, interleaved."""
    samples = {request.name: Sample() for request in requests}
    lock = threading.Lock()
    counter = [0]
    start = threading.Barrier(clients)

    def worker() -> None:
        client = Client(port, session)
        try:
            client.fetch_csrf(csrf_path)
            start.wait(timeout=REQUEST_TIMEOUT_S)
            for _ in range(per_client):
                for request in requests:
                    with lock:
                        counter[0] += 1
                        path, body = request.resolve(counter[0])
                    began = time.perf_counter()
                    try:
                        status, headers, _ = client.send(
                            request.method,
                            path,
                            body,
                            login=request.login,
                            htmx=request.htmx,
                        )
                    except (http.client.HTTPException, OSError) as error:
                        with lock:
                            samples[request.name].failures.append(repr(error))
                        continue
                    latency = (time.perf_counter() - began) * 1000.0
                    with lock:
                        sample = samples[request.name]
                        if status != 200:
                            sample.failures.append(f"HTTP {status}")
                            continue
                        sample.client_ms.append(latency)
                        measured = server_ms(headers)
                        if measured is not None:
                            sample.server_ms.append(measured)
        finally:
            client.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT_S * per_client * len(requests) + 60)
    return samples


def recompute_request(port: int, session: str) -> Request | None:
    """The scenario recompute: the htmx request of the assumptions form, if the site has one."""
    client = Client(port, session)
    try:
        status, _, body = client.send("GET", "/scenarios/", None, login=True)
    finally:
        client.close()
    if status != 200:
        return None
    form = re.search(rb"<form([^>]*hx-(get|post)=\"([^\"]+)\"[^>]*)>(.*?)</form>", body, re.S)
    if not form:
        return None
    method = form.group(2).decode().upper()
    path = form.group(3).decode().replace("&amp;", "&")
    inner = form.group(4)
    fields: dict[str, str] = {}
    for tag in re.findall(rb"<input[^>]*>", inner):
        name = re.search(rb'name="([^"]+)"', tag)
        value = re.search(rb'value="([^"]*)"', tag)
        kind = re.search(rb'type="([^"]+)"', tag)
        if not name or name.group(1) == b"csrfmiddlewaretoken":
            continue
        if kind and kind.group(1) in (b"checkbox", b"radio") and b"checked" not in tag:
            continue
        fields[name.group(1).decode()] = value.group(1).decode() if value else ""
    for name, options in re.findall(
        rb'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', inner, re.S
    ):
        chosen = re.search(rb'<option value="([^"]*)"[^>]*selected', options) or re.search(
            rb'<option value="([^"]*)"', options
        )
        fields[name.decode()] = chosen.group(1).decode() if chosen else ""
    vary = "market_growth_factor" if "market_growth_factor" in fields else None
    return Request("recompute", method, path, fields, htmx=True, vary=vary)


def report(samples: dict[str, Sample], peers: tuple[str, ...]) -> None:
    print(
        f"{'request':<12} {'n':>5} {'fail':>4}  {'server p50':>10} {'server p95':>10}"
        f"  {'client p50':>10} {'client p95':>10}  (ms)"
    )
    for name, sample in samples.items():
        print(
            f"{name:<12} {len(sample.client_ms):>5} {len(sample.failures):>4}  "
            f"{percentile(sample.server_ms, 50):>10.1f} {percentile(sample.server_ms, 95):>10.1f}  "
            f"{percentile(sample.client_ms, 50):>10.1f} {percentile(sample.client_ms, 95):>10.1f}"
        )
        if sample.failures:
            print(f"{'':<12} first failure: {sample.failures[0]}")
    for name, target in TARGETS_MS.items():
        if name not in samples or not samples[name].server_ms:
            print(f"{name}: not measured (no such page or every request failed)")
            continue
        p95 = percentile(samples[name].server_ms, 95)
        verdict = "meets" if p95 < target else "MISSES"
        ratios = ", ".join(
            f"{p95 / percentile(samples[peer].server_ms, 95):.0f}x {peer} p95"
            for peer in peers
            if samples.get(peer) and samples[peer].server_ms
        )
        print(f"{name}: server p95 {p95:.1f} ms {verdict} the target < {target:.0f} ms ({ratios})")


def organisation_csv(path: Path, rows: int, prefix: str) -> None:
    """A file of ``rows`` new organisations (distinct names, a kind, jobs and a place)."""
    with path.open("w", encoding="utf-8") as out:
        out.write("name,kind,jobs,place\n")
        for i in range(rows):
            out.write(f"{prefix} {i:06d} Components,supplier,{i % 500},Nijmegen\n")


def read_while_importing(
    port: int, session: str, var_dir: str, path: Path, mode: str
) -> tuple[float | None, int, Sample, str]:
    """Run ``benchmarks.web_import`` on ``path`` while ``IMPORT_READERS`` clients read
    ``READER_PAGES`` until it ends (bounded by ``IMPORT_DEADLINE_S``)."""
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(REPO / "src"))
    process = (
        subprocess.Popen(
            [sys.executable, "-m", "benchmarks.web_import", var_dir, str(path), mode],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        if mode != "idle"
        else None
    )
    idle_until = time.monotonic() + IDLE_S

    def finished() -> bool:
        if process is None:
            return time.monotonic() > idle_until
        return process.poll() is not None

    sample = Sample()
    lock = threading.Lock()
    deadline = time.monotonic() + IMPORT_DEADLINE_S

    def reader(offset: int) -> None:
        client = Client(port, session)
        try:
            n = offset
            while not finished() and time.monotonic() < deadline:
                if n > offset:
                    time.sleep(READER_PAUSE_S)
                page = READER_PAGES[n % len(READER_PAGES)]
                n += 1
                began = time.perf_counter()
                try:
                    status, headers, _ = client.send("GET", page, None, login=True)
                except (http.client.HTTPException, OSError) as error:
                    with lock:
                        sample.failures.append(repr(error))
                    continue
                latency = (time.perf_counter() - began) * 1000.0
                with lock:
                    if status != 200:
                        sample.failures.append(f"HTTP {status} {page}")
                        continue
                    sample.client_ms.append(latency)
                    measured = server_ms(headers)
                    if measured is not None:
                        sample.server_ms.append(measured)
        finally:
            client.close()

    threads = [
        threading.Thread(target=reader, args=(i,), daemon=True) for i in range(IMPORT_READERS)
    ]
    for thread in threads:
        thread.start()
    if process is None:
        for thread in threads:
            thread.join(timeout=IDLE_S + REQUEST_TIMEOUT_S)
        return IDLE_S, 0, sample, ""
    try:
        out, err = process.communicate(timeout=IMPORT_DEADLINE_S + 30)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        err = f"did not finish within {IMPORT_DEADLINE_S + 30:.0f} s\n"
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT_S)
    match = re.search(r"ELAPSED ([0-9.]+) ([0-9]+) ([0-9.]+)", out)
    if match is None:
        return None, 0, sample, (err or out).strip().splitlines()[-1:][0] if (err or out) else ""
    writing[mode] = float(match.group(3))
    return float(match.group(1)), int(match.group(2)), sample, ""


writing: dict[str, float] = {}
"""Seconds each mode spent writing (its transaction), from ``benchmarks.web_import``."""


def import_case(port: int, session: str, var_dir: str, quick: bool) -> None:
    """The import benchmark: row by row (baseline) and the bulk service, readers alongside."""
    rows = IMPORT_ROWS // 10 if quick else IMPORT_ROWS
    baseline_rows = BASELINE_ROWS // 3 if quick else BASELINE_ROWS
    folder = Path(var_dir)
    baseline_file, bulk_file = folder / "rowwise.csv", folder / "bulk.csv"
    organisation_csv(baseline_file, baseline_rows, "Rowwise Org")
    organisation_csv(bulk_file, rows, "Bulk Org")
    print(
        f"import case: {IMPORT_READERS} readers of {', '.join(READER_PAGES)} (a pause of "
        f"{READER_PAUSE_S} s between pages) while a separate process commits new "
        "organisations into the served SQLite database"
    )
    _, _, idle, _ = read_while_importing(port, session, var_dir, bulk_file, "idle")
    print(
        f"{'no import':<8} {'':>7} {IDLE_S:>12.1f} s {'':>18}; readers: {len(idle.client_ms)} "
        f"requests, client p50/p95 {percentile(idle.client_ms, 50):.0f}/"
        f"{percentile(idle.client_ms, 95):.0f} ms, server p50/p95 "
        f"{percentile(idle.server_ms, 50):.0f}/{percentile(idle.server_ms, 95):.0f} ms"
    )
    results = {}
    for mode, path, n in (("rowwise", baseline_file, baseline_rows), ("bulk", bulk_file, rows)):
        elapsed, written, sample, error = read_while_importing(port, session, var_dir, path, mode)
        if elapsed is None or written != n:
            print(f"{mode}: failed ({error or f'{written} of {n} rows written'})")
            return
        results[mode] = (elapsed, written, sample)
        failures = (
            f", {len(sample.failures)} failed ({sample.failures[0]})" if sample.failures else ""
        )
        print(
            f"{mode:<8} {written:>7,} rows in {elapsed:7.1f} s ({written / elapsed:8,.0f} rows/s); "
            f"readers: {len(sample.client_ms)} requests{failures}, client p50/p95 "
            f"{percentile(sample.client_ms, 50):.0f}/{percentile(sample.client_ms, 95):.0f} ms, "
            f"server p50/p95 {percentile(sample.server_ms, 50):.0f}/"
            f"{percentile(sample.server_ms, 95):.0f} ms"
        )
    (base_s, base_n, _), (bulk_s, bulk_n, readers) = results["rowwise"], results["bulk"]
    base_rate, bulk_rate = base_n / base_s, bulk_n / bulk_s
    print(
        f"row by row at its rate: {rows:,} rows ~{rows / base_rate:,.0f} s (extrapolated); "
        f"bulk {bulk_s:.1f} s: {bulk_rate / base_rate:.1f}x the row-by-row rate"
    )
    base_w, bulk_w = writing.get("rowwise", 0.0), writing.get("bulk", 0.0)
    if base_w > 0 and bulk_w > 0:
        print(
            f"writing alone (the transaction): row by row {base_n / base_w:,.0f} rows/s "
            f"(~{rows * base_w / base_n:,.0f} s for {rows:,}), bulk {bulk_n / bulk_w:,.0f} rows/s "
            f"({bulk_w:.1f} s): {(bulk_n / bulk_w) / (base_n / base_w):.1f}x; the rest is the "
            "check (reading, matching, validating), the same work in both"
        )
    p95 = percentile(readers.client_ms, 95)
    load = os.getloadavg()[0]
    print(
        f"machine load (1 min) {load:.1f} on {os.cpu_count()} cores"
        + (": other work shares the cores, times are inflated" if load > 3 else "")
    )
    print(
        f"import of {rows:,} rows: {bulk_s:.1f} s "
        f"{'meets' if bulk_s < IMPORT_TARGET_S else 'MISSES'} the target < {IMPORT_TARGET_S:.0f} s; "
        f"readers' p95 {p95:.0f} ms "
        f"{'meets' if p95 < READER_TARGET_MS and not readers.failures else 'MISSES'} "
        f"the target < {READER_TARGET_MS:.0f} ms"
    )


def main(quick: bool) -> None:
    """Run the benchmark; ``quick`` sends fewer requests per client (a smoke run)."""
    per_client = 2 if quick else 10
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="clusterweb-bench-") as var_dir:
        print(
            f"starting the server on 127.0.0.1:{port} ({THREADS or 'one per core'} threads, fresh SQLite) ..."
        )
        process, session = start_server(port, var_dir)
        try:
            requests = [
                Request("ping", "GET", "/_bench/ping"),
                Request("static", "GET", "/static/clusterweb/css/tokens.css", login=False),
                Request("dashboard", "GET", "/dashboard/"),
            ]
            recompute = recompute_request(port, session)
            if recompute is not None:
                requests.append(recompute)
                print(
                    f"recompute: {recompute.method} {recompute.path} ({len(recompute.body or {})}"
                    f" fields; {recompute.vary or 'nothing'} varied per request)"
                )
            else:
                print("recompute: the scenario page has no htmx form yet; not measured")
            # Warm up (first renders, imports, caches), then one client alone: the
            # uncontended server time, for reference; then the concurrent load.
            load(port, session, requests, 1, "/scenarios/")
            alone = load(port, session, requests, 3 if quick else 5, "/scenarios/", clients=1)
            print("one client alone:")
            report(alone, ("ping", "static"))
            print(f"{CLIENTS} concurrent clients:")
            began = time.perf_counter()
            samples = load(port, session, requests, per_client, "/scenarios/")
            wall = time.perf_counter() - began
            total = sum(len(s.client_ms) + len(s.failures) for s in samples.values())
            print(
                f"{CLIENTS} clients x {per_client} rounds x {len(requests)} requests: "
                f"{total} requests in {wall:.1f} s"
            )
            report(samples, ("ping", "static"))
            import_case(port, session, var_dir, quick)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
