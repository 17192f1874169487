"""A small stand-in for Stripe's API, on 127.0.0.1 at a random port.

It answers ``POST /v1/checkout/sessions`` (and ``/v1/billing_portal/sessions``) the
way Stripe does (form-encoded request, JSON session back, the same session for a
repeated ``Idempotency-Key``) and records every request so tests can read what the
real SDK sent. ``GET /v1/events``,
``/v1/checkout/sessions`` and ``/v1/invoices`` list what a test put in ``events``,
``sessions`` and ``invoices``, newest first, in pages (``limit``, ``starting_after``),
filtered by ``created[gte]`` and (events) ``types[]``. ``script`` lists how to answer
the next requests: ``"ok"``, ``"error"`` (HTTP 500) or ``"slow"`` (sleep past the
client's timeout, then answer).
"""

import contextlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, parse_qsl, urlsplit


class FakeStripe:
    def __init__(self, slow_seconds=2.0):
        self.requests = []
        self.script = []
        self.slow_seconds = slow_seconds
        self.sessions = {}  # by idempotency key
        self.events = []
        self.invoices = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    @property
    def session_requests(self):
        return [
            r
            for r in self.requests
            if r["path"] == "/v1/checkout/sessions" and r.get("method") != "GET"
        ]

    def _next_action(self):
        with self._lock:
            return self.script.pop(0) if self.script else "ok"

    def _session_for(self, form, key):
        with self._lock:
            if key and key in self.sessions:
                return self.sessions[key]
            session_id = f"cs_test_{secrets.token_hex(12)}"
            session = {
                "id": session_id,
                "object": "checkout.session",
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
                "mode": form.get("mode"),
                "amount_total": int(form["line_items[0][price_data][unit_amount]"]),
                "currency": form["line_items[0][price_data][currency]"],
                "locale": form.get("locale"),
                "client_reference_id": form.get("client_reference_id"),
                "metadata": {"donation_id": form.get("metadata[donation_id]")},
                "success_url": form.get("success_url"),
                "cancel_url": form.get("cancel_url"),
                "status": "open",
                "payment_status": "unpaid",
                "created": int(time.time()),
                "livemode": False,
            }
            if key:
                self.sessions[key] = session
            return session

    @property
    def portal_requests(self):
        return [r for r in self.requests if r["path"] == "/v1/billing_portal/sessions"]

    def _portal_session(self, form):
        session_id = f"bps_test_{secrets.token_hex(12)}"
        return {
            "id": session_id,
            "object": "billing_portal.session",
            "customer": form.get("customer"),
            "return_url": form.get("return_url"),
            "locale": form.get("locale"),
            "url": f"https://billing.stripe.com/p/session/{session_id}",
            "livemode": False,
        }

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _send(self, status, body, headers=None):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", f"req_{secrets.token_hex(6)}")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                # The client may have given up waiting (the "slow" answer).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                query = parse_qs(url.query)
                fake.requests.append(
                    {"path": url.path, "query": query, "method": "GET"}
                )
                lists = {
                    "/v1/events": lambda: fake.events,
                    "/v1/checkout/sessions": lambda: list(fake.sessions.values()),
                    "/v1/invoices": lambda: fake.invoices,
                }
                if url.path not in lists:
                    self._send(404, {"error": {"type": "invalid_request_error"}})
                    return
                items = sorted(
                    lists[url.path](), key=lambda o: -(o.get("created") or 0)
                )
                since = int((query.get("created[gte]") or ["0"])[0])
                items = [o for o in items if (o.get("created") or 0) >= since]
                wanted = {
                    value
                    for key, values in query.items()
                    if key.startswith("types[")
                    for value in values
                }
                if url.path == "/v1/events" and wanted:
                    items = [o for o in items if o["type"] in wanted]
                after = (query.get("starting_after") or [""])[0]
                if after:
                    ids = [o["id"] for o in items]
                    items = items[ids.index(after) + 1 :] if after in ids else []
                limit = int((query.get("limit") or ["10"])[0])
                self._send(
                    200,
                    {
                        "object": "list",
                        "url": url.path,
                        "has_more": len(items) > limit,
                        "data": items[:limit],
                    },
                )

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                form = dict(parse_qsl(raw, keep_blank_values=True))
                key = self.headers.get("Idempotency-Key")
                fake.requests.append(
                    {
                        "path": self.path,
                        "form": form,
                        "idempotency_key": key,
                        "authorization": self.headers.get("Authorization"),
                    }
                )
                if self.path == "/v1/billing_portal/sessions":
                    self._send(200, fake._portal_session(form))
                    return
                if self.path != "/v1/checkout/sessions":
                    self._send(404, {"error": {"type": "invalid_request_error"}})
                    return
                action = fake._next_action()
                if action == "error":
                    self._send(
                        500,
                        {"error": {"type": "api_error", "message": "Server error."}},
                        {"Stripe-Should-Retry": "false"},
                    )
                    return
                if action == "slow":
                    threading.Event().wait(fake.slow_seconds)
                self._send(200, fake._session_for(form, key))

        return Handler
