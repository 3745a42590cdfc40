"""A LibreTranslate-compatible HTTP server for tests, with switchable misbehaviour.

It binds to 127.0.0.1 on an ephemeral port, so no request leaves the machine. Besides
LibreTranslate (POST /translate) it speaks just enough MyMemory (GET /get), Google's web
page (GET /m) and DeepL (POST /v2/translate) to test every engine.

Modes, chosen per request: `script` (a list of modes used up one per request) first,
then `text_modes` (a mode for texts containing a key), then `mode`:

- normal: "[<target>] <text>", after `delay` seconds
- hang: never answers (until the stub stops, or `hang_limit` seconds passed, so that
  a client without a timeout fails a test instead of blocking it forever)
- 429: Too Many Requests with `Retry-After: <retry_after>`
- 403, 500: that status
- garbage: status 200 with a body that is not JSON
- cut: status 200 and its headers, then the connection closes in the middle of the body
- close: the connection closes before any answer

Run as a process: `python tests/libre_stub.py --port 0 --mode normal [--delay 0.05]`
prints "listening on <url>" and serves until SIGTERM or SIGINT.
"""
from __future__ import annotations

import argparse
import html
import json
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MODES = ("normal", "hang", "429", "403", "500", "garbage", "cut", "close")


class LibreStub:
    """A translation server in a background thread that counts what it receives."""

    def __init__(self, mode: str = "normal", *, port: int = 0, delay: float = 0.0,
                 retry_after: str = "0", hang_limit: float = 30.0):
        self.mode = mode
        self.hang_limit = hang_limit
        self.delay = delay
        self.retry_after = retry_after
        self.script: list[str] = []
        self.text_modes: dict[str, str] = {}
        self.requests = 0
        self.characters = 0
        self.texts: list[str] = []
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._server.daemon_threads = True
        self._server.stub = self
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, ending in "/"."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> LibreStub:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever,
                                         kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging requests, stop serving and close the socket."""
        self._released.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LibreStub:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def record(self, texts: list[str]) -> str:
        """Count one request with its texts; return the mode to answer it in."""
        with self._lock:
            self.requests += 1
            self.characters += sum(len(text) for text in texts)
            self.texts.extend(texts)
            if self.script:
                return self.script.pop(0)
        for key, mode in self.text_modes.items():
            if any(key in text for text in texts):
                return mode
        return self.mode

    def hang(self) -> None:
        """Block until the stub stops or `hang_limit` passes."""
        self._released.wait(self.hang_limit)


class _Handler(BaseHTTPRequestHandler):
    """Answers one request according to the stub's mode."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:
        """Keep test output quiet."""

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        """Read the texts, pick the mode, answer."""
        parts = urlsplit(self.path)
        params = self._params(parts.query)
        endpoint = parts.path.rstrip("/").rsplit("/", 1)[-1]
        texts = _texts(endpoint, params)
        stub: LibreStub = self.server.stub
        mode = stub.record(texts)
        if mode == "hang":
            stub.hang()
            self.close_connection = True
            return
        if mode in ("cut", "close"):
            self._break_off(mode)
            return
        if mode == "normal":
            time.sleep(stub.delay)
            self._send(200, _success(endpoint, params, texts))
        elif mode == "429":
            self._send(429, '{"error": "Slowdown"}', {"Retry-After": stub.retry_after})
        elif mode in ("403", "500"):
            self._send(int(mode), '{"error": "stub says no"}')
        else:
            self._send(200, '{"translatedText": "half an answ')

    def _break_off(self, mode: str) -> None:
        """Drop the connection: mid-body ("cut") or before the status line ("close")."""
        if mode == "cut":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"translatedText": "ab')
            self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(2)

    def _params(self, query: str) -> dict:
        """Query and body parameters (form or JSON), single values unwrapped."""
        params = {key: values[0] for key, values in parse_qs(query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        if body.startswith("{"):
            params.update(json.loads(body))
        elif body:
            params.update({key: values[0] for key, values in parse_qs(body).items()})
        return params

    def _send(self, status: int, body: str, headers: dict | None = None) -> None:
        """Write a complete answer."""
        data = body.encode("utf-8")
        self.send_response(status)
        is_html = body.startswith("<")
        self.send_header("Content-Type", "text/html" if is_html else "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


def _texts(endpoint: str, params: dict) -> list[str]:
    """The source texts of a request to `endpoint`."""
    if endpoint == "translate" and isinstance(params.get("text"), list):
        return params["text"]  # DeepL: a list of texts
    return [params.get("q", "")]


def _success(endpoint: str, params: dict, texts: list[str]) -> str:
    """The body of a normal answer in the protocol of `endpoint`."""
    if endpoint == "get":  # MyMemory
        target = params.get("langpair", "|en").split("|")[1].split("-")[0]
        return json.dumps({"responseData": {"translatedText": f"[{target}] {texts[0]}"},
                           "matches": []})
    if endpoint == "m":  # Google's web page
        target = params.get("tl", "en")
        return f'<div class="result-container">[{target}] {html.escape(texts[0])}</div>'
    if isinstance(params.get("text"), list):  # DeepL
        target = params.get("target_lang", "EN").split("-")[0].lower()
        return json.dumps({"translations": [
            {"detected_source_language": "DE", "text": f"[{target}] {text}",
             "billed_characters": len(text)} for text in texts]})
    return json.dumps({"translatedText": f"[{params.get('target', 'en')}] {texts[0]}"})


def main() -> None:
    """Serve until SIGTERM or SIGINT; print the URL first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--mode", choices=MODES, default="normal")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds per answer")
    parser.add_argument("--retry-after", default="1", help="Retry-After header for 429")
    args = parser.parse_args()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stub = LibreStub(args.mode, port=args.port, delay=args.delay,
                     retry_after=args.retry_after).start()
    print(f"listening on {stub.url}", flush=True)
    while not stop.wait(0.2):
        pass
    stub.stop()


if __name__ == "__main__":
    main()
