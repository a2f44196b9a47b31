"""The preview's HTTP server: the standard library's ThreadingHTTPServer on
127.0.0.1 only (one user, one document, no dependency to keep up).

Exactly three kinds of address are served:
    /                      the preview page
    /events                its event stream (text/event-stream: the version number)
    /download/<名>.<后缀>   this document in a registered writer format
Everything else is 404; a request naming another host (DNS rebinding) is 403."""
from __future__ import annotations

import mimetypes
import re
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import page
from .state import Preview

HOST = "127.0.0.1"
KEEPALIVE_S = 15.0


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a PORT in use is reported, not shared

    def __init__(self, preview: Preview, source: str, port: int = 0):
        self.preview, self.source = preview, source
        self.stopping = False
        super().__init__((HOST, port), Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def formats(self) -> list[tuple[str, str]]:
        from ..writers import REGISTRY
        return [(name, w.suffix) for name, w in REGISTRY.items()]


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "budget-preview"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet: the terminal is for the clerk
        pass

    def do_HEAD(self):
        self.send_error(405)

    def do_GET(self):
        if not self._host_ok():
            return self._text(403, "只接受本机地址的访问。")
        path = urllib.parse.urlsplit(self.path).path
        if path == "/":
            return self._page()
        if path == "/events":
            return self._events()
        m = re.fullmatch(r"/download/([0-9A-Za-z_-]+)\.([a-z0-9]+)", path)
        if m:
            return self._download(m.group(1), m.group(2))
        return self._text(404, "没有这个页面：预览只提供文档页面、它的更新通知和文档下载。")

    def _host_ok(self) -> bool:
        host = self.headers.get("Host", "")
        return host in {f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"}

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _text(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _page(self) -> None:
        html = page.render(self.server.preview.snapshot, self.server.source, self.server.formats())
        self._send(200, html.encode("utf-8"), "text/html; charset=utf-8",
                   {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                               "script-src 'unsafe-inline'; connect-src 'self'; img-src data:"})

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        preview, seen = self.server.preview, None
        try:
            while not self.server.stopping:
                snap = preview.snapshot if seen is None else preview.wait_newer(seen, KEEPALIVE_S)
                if snap.version != seen:
                    seen = snap.version
                    self.wfile.write(f"retry: 1000\ndata: {seen}\n\n".encode())
                else:
                    self.wfile.write(b": keepalive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the page was closed

    def _download(self, stem: str, suffix: str) -> None:
        fmt = next((name for name, s in self.server.formats() if s == suffix), None)
        snap = self.server.preview.snapshot
        if fmt is None or stem != snap.stem:
            return self._text(404, "没有这个文件：只能下载本文档已注册的格式。")
        from ..writers import RenderError
        try:
            name, data = self.server.preview.download(fmt)
        except LookupError:
            return self._text(409, "文件有错误，修正后才能下载。")
        except RenderError as exc:
            return self._text(503, str(exc))
        quoted = urllib.parse.quote(name)
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        self._send(200, data, ctype,
                   {"Content-Disposition": f"attachment; filename=\"{quoted}\"; filename*=UTF-8''{quoted}"})
