"""A real notebook, exported as JupyterLab shows it, in a real browser: the machinery of the
notebook display test and of `docs/make_screenshot.py`.

The notebook runs in a real kernel (nbclient); nbconvert's `lab` template writes its outputs
into a page carrying JupyterLab's own stylesheet; headless Chromium (Debian's package) loads
the page with the network refused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

# What the front ends reported do to code: JupyterLab themes and other notebook front ends
# style <pre> and <code> with the surrounding prose font. Same specificity as JupyterLab's
# own rule, later in the page, so it wins over every stylesheet rule torchwhy could rely on.
CODE_FONT_INHERITED = """
<style>
.jp-RenderedHTMLCommon pre, .jp-RenderedHTMLCommon code, pre, code { font-family: inherit; }
</style>
"""

# Writes, into the page, the computed font and the widths of "iiiiiiiiii" and "MMMMMMMMMM"
# set in every code element of the reading, its prose, and a bare <pre> beside it (the
# control: the CSS above really gives an unstyled <pre> the prose font).
FONT_PROBE = """
<script>
(function () {
  function width(element, text) {
    const span = document.createElement("span");
    span.style.whiteSpace = "pre";
    span.textContent = text;
    element.appendChild(span);
    const measured = span.getBoundingClientRect().width;
    span.remove();
    return measured;
  }
  function probe(element) {
    return {
      tag: element.tagName.toLowerCase(),
      font: getComputedStyle(element).fontFamily,
      narrow: width(element, "iiiiiiiiii"),
      wide: width(element, "MMMMMMMMMM"),
    };
  }
  const reading = document.querySelector(".torchwhy");
  const result = {code: [], prose: [], bare_pre: null};
  if (reading) {
    result.code = Array.from(reading.querySelectorAll("pre, code")).map(probe);
    result.prose = Array.from(reading.querySelectorAll("p")).map(probe);
    const bare = document.createElement("pre");
    reading.parentNode.appendChild(bare);
    result.bare_pre = probe(bare);
    bare.remove();
  }
  const out = document.createElement("pre");
  out.id = "font-probe";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
</script>
"""

_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    # The exported page names CDN scripts (MathJax, require.js): refuse them at once.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_notebook(cells: list[str], workdir: Path, env: dict[str, str] | None = None) -> Any:
    """The notebook of `cells`, executed in a real python3 kernel, errors kept as outputs."""
    import nbclient
    import nbformat

    saved = {name: os.environ.get(name) for name in (env or {})}
    os.environ.update(env or {})
    try:
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
        nbclient.NotebookClient(
            notebook,
            kernel_name="python3",
            allow_errors=True,
            timeout=240,
            startup_timeout=120,
            resources={"metadata": {"path": str(workdir)}},
        ).execute()
        return notebook
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def lab_html(notebook: Any, *, head: str = "", body_end: str = "") -> str:
    """The notebook as JupyterLab shows it (nbconvert's `lab` template: JupyterLab's CSS),
    with `head` added at the end of <head> and `body_end` at the end of <body>."""
    from nbconvert import HTMLExporter

    page, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    page = page.replace("</head>", head + "</head>", 1)
    return re.sub(r"</body>(?![\s\S]*</body>)", body_end + "</body>", page)


def _chromium_run(browser: str, args: list[str], timeout: float = 120) -> str:
    with tempfile.TemporaryDirectory(prefix="torchwhy-chromium-") as profile:
        done = subprocess.run(
            [browser, *_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def dump_dom(browser: str, page: Path) -> str:
    """The page's DOM after its scripts ran."""
    return _chromium_run(browser, ["--dump-dom", page.as_uri()])


def font_probe(browser: str, page: Path) -> dict[str, Any]:
    """What FONT_PROBE wrote into `page` once Chromium laid it out."""
    dom = dump_dom(browser, page)
    found = re.search(r'<pre id="font-probe">(.*?)</pre>', dom, re.S)
    if found is None:
        raise AssertionError("the font probe wrote nothing: " + dom[-2000:])
    from html import unescape

    return json.loads(unescape(found.group(1)))


def screenshot(browser: str, page: Path, png: Path, *, width: int, height: int) -> None:
    _chromium_run(
        browser, [f"--screenshot={png}", f"--window-size={width},{height}", page.as_uri()]
    )
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot at {png}")
