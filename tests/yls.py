"""The real yaml-language-server (npm), driven over stdio: what a clerk's
editor shows for a file. Installed by `scripts/setup-system.sh test` into
tools/yls/; tests using it are skipped when node or the server is missing."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / "tools" / "yls" / "node_modules" / ".bin" / "yaml-language-server"


def server() -> str | None:
    found = os.environ.get("YAML_LANGUAGE_SERVER") or (str(LOCAL) if LOCAL.exists() else shutil.which("yaml-language-server"))
    return found if found and shutil.which("node") else None


class Client:
    def __init__(self, exe: str):
        self.proc = subprocess.Popen([exe, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, method: str, params: dict, request: bool = False) -> int | None:
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg.get("id")

    def read(self) -> dict:
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("yaml-language-server stopped")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def wait(self, pred) -> dict:
        while True:
            msg = self.read()
            if msg.get("method") == "workspace/configuration":  # answer the server's settings requests
                self._reply(msg["id"], [{"validate": True, "completion": True, "hover": True}] * len(msg["params"]["items"]))
            elif "id" in msg and "method" in msg:
                self._reply(msg["id"], None)
            elif pred(msg):
                return msg

    def _reply(self, rid, result) -> None:
        body = json.dumps({"jsonrpc": "2.0", "id": rid, "result": result}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def start(self, root: Path) -> None:
        rid = self.send("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {
            "textDocument": {"completion": {"completionItem": {"snippetSupport": True}}}}}, request=True)
        self.wait(lambda m: m.get("id") == rid)
        self.send("initialized", {})
        self.send("workspace/didChangeConfiguration", {"settings": {"yaml": {
            "validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}}})

    def open(self, path: Path, text: str | None = None) -> list[dict]:
        """The diagnostics the editor shows for a file."""
        text = path.read_text(encoding="utf-8") if text is None else text
        self.send("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "yaml",
                                                            "version": 1, "text": text}})
        msg = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                        and m["params"]["uri"] == path.as_uri())
        return msg["params"]["diagnostics"]

    def complete(self, path: Path, line: int, character: int) -> list[dict]:
        rid = self.send("textDocument/completion", {"textDocument": {"uri": path.as_uri()},
                                                    "position": {"line": line, "character": character}}, request=True)
        result = self.wait(lambda m: m.get("id") == rid)["result"]
        return result["items"] if isinstance(result, dict) else (result or [])

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
