"""A headless Chromium driven over the DevTools protocol on a pipe: no network, no ports.

Chromium's ``--remote-debugging-pipe`` reads protocol commands on file
descriptor 3 and writes responses on 4, each a JSON message ended by a NUL
byte (what Puppeteer's pipe transport does).  That needs only the standard
library, opens no socket, and downloads no browser: it drives Debian's
``chromium``.  axe-core is injected from a local ``axe.min.js``.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_VERSION = "4.11.1"
AXE_CACHE = Path(os.environ.get("LOFTE_AXE_DIR", Path.home() / ".cache" / "lofte-axe"))


def chromium_path() -> str | None:
    """Debian's chromium (or $LOFTE_CHROMIUM), if installed."""
    return os.environ.get("LOFTE_CHROMIUM") or shutil.which("chromium")


def axe_path() -> Path:
    """The local axe.min.js; `.ci/run` installs it with npm into $LOFTE_AXE_DIR."""
    return AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"


class Browser:
    """One headless Chromium process with one attached page."""

    def __init__(self, executable: str, width: int = 1024, height: int = 768) -> None:
        self._profile = tempfile.mkdtemp(prefix="lofte-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # Above 10, so that placing them at 3 and 4 in the child cannot clobber either.
        high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD_CLOEXEC, 10)
        high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD_CLOEXEC, 10)
        for fd in (to_child_r, from_child_w):
            os.close(fd)

        def _fds() -> None:  # runs in the child, before close_fds keeps only 3 and 4
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self._proc = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                f"--user-data-dir={self._profile}",
                f"--window-size={width},{height}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_fds,  # no threads here: dup2 must run in the child
            pass_fds=(3, 4),
        )
        os.close(high_r)
        os.close(high_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = next(
            t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page"
        )
        attached = self.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        self._session = attached["sessionId"]
        self.send("Page.enable", session=True)
        self.send("Runtime.enable", session=True)

    # ---------------------------------------------------------- protocol

    def _read_message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events met meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        """Wait for an event (one already seen counts)."""
        while True:
            for event in self.events:
                if event.get("method") == method:
                    self.events.remove(event)
                    return event
            self.events.append(self._read_message())

    # ------------------------------------------------------------ pages

    def open(self, path: Path) -> None:
        """Load a local file and wait for its load event."""
        self.events.clear()
        self.send("Page.navigate", session=True, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        """Evaluate JavaScript in the page and return its value."""
        result = self.send(
            "Runtime.evaluate",
            session=True,
            expression=expression,
            awaitPromise=await_promise,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript error: {result['exceptionDetails']}")
        return result["result"].get("value")

    def axe(self, axe_js: Path, tags: list[str] = WCAG_AA_TAGS) -> dict[str, Any]:
        """Run axe-core on the loaded page with the given rule tags; its full result."""
        self.evaluate(axe_js.read_text(encoding="utf-8"))
        options = json.dumps({"runOnly": {"type": "tag", "values": tags}})
        result: dict[str, Any] = self.evaluate(
            f"axe.run(document, {options}).then(r => JSON.parse(JSON.stringify(r)))",
            await_promise=True,
        )
        return result

    def screenshot(self) -> bytes:
        """A PNG of the whole page, beyond the viewport."""
        shot = self.send(
            "Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True
        )
        return base64.b64decode(shot["data"])

    def pdf(self) -> bytes:
        """The page printed as Chromium prints it, honouring the CSS @page size."""
        printed = self.send("Page.printToPDF", session=True, preferCSSPageSize=True)
        return base64.b64decode(printed["data"])

    def close(self) -> None:
        """End the browser and remove its profile."""
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)
        shutil.rmtree(self._profile, ignore_errors=True)
