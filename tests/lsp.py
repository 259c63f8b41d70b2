"""yaml-language-server (the server of VS Code's YAML extension) driven over stdio.

The Language Server Protocol over standard input and output: each message is
JSON with a ``Content-Length`` header.  Standard library only; no port is
opened.  `.ci/run` installs the server with npm into ``$LOFTE_YAMLLS_DIR``.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

YAMLLS_VERSION = "1.19.2"
YAMLLS_DIR = Path(os.environ.get("LOFTE_YAMLLS_DIR", Path.home() / ".cache" / "lofte-yamlls"))


def server_command() -> list[str] | None:
    """How to start the server: the npm install in $LOFTE_YAMLLS_DIR, else one on PATH."""
    node = shutil.which("node")
    script = YAMLLS_DIR / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if node and script.is_file():
        return [node, str(script), "--stdio"]
    found = shutil.which("yaml-language-server")
    return [found, "--stdio"] if found else None


class YamlServer:
    """One yaml-language-server process with a workspace folder."""

    def __init__(
        self, command: list[str], root: Path, settings: dict[str, Any] | None = None
    ) -> None:
        #: The client's ``yaml`` settings, as VS Code's settings.json would give them.
        self.settings: dict[str, Any] = {
            "validate": True,
            "completion": True,
            "hover": True,
            **(settings or {}),
        }
        self._proc = subprocess.Popen(
            command,
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._next = 0
        self._writing = threading.Lock()
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": True}},
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": True},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.settings}})

    def _read(self) -> None:
        stream = self._proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            method = message.get("method")
            if method is not None and "id" in message:
                # A request from the server (configuration, capability registration):
                # answered at once, whatever the test is waiting for.
                result: Any = None
                if method == "workspace/configuration":
                    items = message["params"]["items"]
                    result = [
                        self.settings if item.get("section") == "yaml" else {} for item in items
                    ]
                self._send({"id": message["id"], "result": result})
            else:
                self._messages.put(message)

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self._proc.stdin
        assert stdin is not None
        with self._writing:  # the reader thread answers the server's requests
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification (no answer)."""
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        """Send a request and wait for its answer, handling what the server asks meanwhile."""
        self._next += 1
        ident = self._next
        self._send({"id": ident, "method": method, "params": params})
        while True:
            message = self._wait(timeout)
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")

    def _wait(self, timeout: float) -> dict[str, Any]:
        message = self._messages.get(timeout=timeout)
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            params = message["params"]
            self.diagnostics[params["uri"]] = params["diagnostics"]
        elif method is not None and "id" in message:
            # A request from the server (configuration, capability registration).
            result: Any = None
            if method == "workspace/configuration":
                items = message["params"]["items"]
                result = [{"validate": True, "completion": True, "hover": True} for _ in items]
            self._send({"id": message["id"], "result": result})
        return message

    def open(self, path: Path) -> str:
        """Open ``path`` in the server; returns its URI."""
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": path.read_text(encoding="utf-8"),
                }
            },
        )
        return uri

    def wait_diagnostics(self, uri: str, timeout: float = 30) -> list[dict[str, Any]]:
        """The diagnostics the server publishes for ``uri``."""
        while uri not in self.diagnostics:
            self._wait(timeout)
        return self.diagnostics[uri]

    def settled_diagnostics(self, uri: str, want: int, timeout: float = 30) -> list[dict[str, Any]]:
        """The diagnostics for ``uri`` once there are ``want`` of them, or the last ones.

        Settings arrive asynchronously (the server pulls them), and the server
        validates again once it has them: the first diagnostics may predate them.
        """
        import time

        end = time.monotonic() + timeout
        while len(self.diagnostics.get(uri, [])) < want and time.monotonic() < end:
            try:
                self._wait(max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
        return self.diagnostics.get(uri, [])

    def schemas_of(self, uri: str) -> list[str]:
        """The schemas the server applies to ``uri`` (its ``yaml/get/jsonSchema`` request)."""
        return [schema["uri"] for schema in self.request("yaml/get/jsonSchema", uri) or []]

    def complete(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        """Completion items at a 0-based position."""
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if isinstance(result, dict):
            return list(result.get("items", []))
        return list(result or [])

    def close(self) -> None:
        """Shut the server down."""
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self._proc.wait(timeout=10)
        except (OSError, RuntimeError, queue.Empty, subprocess.TimeoutExpired):
            self._proc.kill()
            self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout):
            if stream is not None:
                stream.close()
