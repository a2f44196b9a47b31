"""The preview page: the published HTML (generator.writers.html, unchanged)
with a panel on top (errors, warnings, downloads) and a small inline script
that follows the event stream. Only this page carries the script; the
published HTML never does. Every diagnostic is escaped."""
from __future__ import annotations

import re

from markupsafe import escape

from ..diagnostics import Diagnostic
from .state import Snapshot

LABELS = {"docx": "Word（.docx）", "pdf": "PDF", "xlsx": "Excel（.xlsx）", "html": "网页（.html）"}  # in this order

STYLE = """
#preview-panel { font: 15px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; color: #1a1a1a; background: #f4f6f8;
  border-bottom: 2px solid #c9d1d9; padding: .6em 1em; }
#preview-panel p { margin: .2em 0; text-indent: 0; font-size: inherit; line-height: inherit; }
#preview-panel .pv-downloads a { margin-right: 1em; }
#preview-panel .pv-errors { background: #fff0f0; border: 2px solid #b00020; padding: .4em .8em; margin: .5em 0; }
#preview-panel .pv-errors > p:first-child, #preview-panel .pv-stale { color: #b00020; font-weight: bold; }
#preview-panel ol { margin: .2em 0; padding-left: 1.6em; }
#preview-panel li { margin: .3em 0; }
#preview-panel code { font-family: "Noto Sans Mono CJK SC", monospace; }
#preview-panel pre { margin: .1em 0 0; padding: .2em .5em; background: #fff; border-left: 3px solid #b00020;
  white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.4 "Noto Sans Mono CJK SC", monospace; }
#preview-panel details { margin: .3em 0; }
body.preview-stale main { opacity: .45; }
"""

SCRIPT = """
(function () {
  var root = document.documentElement;
  function version() { return root.getAttribute("data-preview-version"); }
  function patch(into, from) {
    var have = into.children, want = from.children;
    if (have.length !== want.length) { into.innerHTML = from.innerHTML; return; }
    for (var i = 0; i < want.length; i++) {
      if (have[i].outerHTML !== want[i].outerHTML) have[i].replaceWith(document.importNode(want[i], true));
    }
  }
  function apply(text) {
    var next = new DOMParser().parseFromString(text, "text/html");
    var old = document.head.querySelectorAll("style"), styles = next.head.querySelectorAll("style");
    function css(list) { var t = ""; for (var k = 0; k < list.length; k++) t += list[k].textContent; return t; }
    if (css(old) !== css(styles)) {  // templates/document.css changed
      for (var i = 0; i < old.length; i++) old[i].remove();
      for (var j = 0; j < styles.length; j++) document.head.appendChild(document.importNode(styles[j], true));
    }
    document.title = next.title;
    var details = document.querySelector("#preview-panel details");
    var open = details !== null && details.open;
    document.body.className = next.body.className;
    var main = document.querySelector("main"), nextMain = next.querySelector("main");
    var panel = document.getElementById("preview-panel"), nextPanel = next.getElementById("preview-panel");
    if (main && nextMain && panel && nextPanel) {  // replace only what changed: less to lay out
      panel.replaceWith(document.importNode(nextPanel, true));
      patch(main, nextMain);
    } else {
      document.body.innerHTML = next.body.innerHTML;
    }
    details = document.querySelector("#preview-panel details");
    if (details !== null && open) details.open = true;  // the clerk opened the warnings: keep them open
    root.setAttribute("data-preview-version", next.documentElement.getAttribute("data-preview-version"));
  }
  var busy = false, wanted = null;
  function update() {
    if (busy || wanted === null || wanted === version()) return;
    busy = true;
    fetch("/", {cache: "no-store"}).then(function (r) { return r.text(); }).then(apply)
      .catch(function () {}).then(function () { busy = false; update(); });
  }
  function offline(on) {  // the preview was stopped (Ctrl-C): say so instead of looking current
    var note = document.getElementById("preview-offline");
    if (on && note === null) {
      note = document.createElement("p");
      note.id = "preview-offline";
      note.setAttribute("role", "status");
      note.textContent = "预览已停止：本页不再更新。重新运行 make preview 后会自动恢复。";
      note.style.cssText = "position:fixed;top:0;left:0;right:0;margin:0;padding:.4em 1em;background:#b00020;" +
        "color:#fff;font:15px/1.5 sans-serif;text-indent:0;z-index:10";
      document.documentElement.appendChild(note);
    } else if (!on && note !== null) {
      note.remove();
    }
  }
  var events = new EventSource("/events");
  events.onmessage = function (e) { offline(false); wanted = e.data; update(); };
  events.onerror = function () { offline(true); };
})();
"""


def _where(d: Diagnostic) -> str:
    return f"{d.file}:{d.line}:{d.col}" if d.line else d.file


def _item(d: Diagnostic) -> str:
    path = f"（{escape(d.path)}）" if d.path else ""
    line = f"<pre>第 {d.line} 行：{escape(d.source_line.rstrip())}</pre>" if d.source_line else ""
    return f"<li><code>{escape(_where(d))}</code> {escape(d.message)}{path}{line}</li>"


def _in_order(items) -> list[Diagnostic]:
    return sorted(items, key=lambda d: (d.file, d.line, d.col))


def _downloads(snap: Snapshot, formats: list[tuple[str, str]]) -> str:
    if snap.document is None or snap.stale or snap.errors:
        return "<p class=\"pv-downloads\">修正错误后可下载 Word、PDF 等文件。</p>"
    first = {name: n for n, name in enumerate(LABELS)}
    links = "".join(f'<a href="/download/{escape(snap.stem)}.{escape(suffix)}" download>{escape(LABELS.get(fmt, fmt))}</a>'
                    for fmt, suffix in sorted(formats, key=lambda f: first.get(f[0], len(first))))
    return f"<p class=\"pv-downloads\">下载（点击时生成）：{links}</p>"


def panel(snap: Snapshot, source: str, formats: list[tuple[str, str]]) -> str:
    parts = [f"<style>{STYLE}</style>",
             f"<p>预览 <code>{escape(source)}</code>：保存文件后本页自动更新（第 {snap.version} 次检查，"
             f"用时 {snap.seconds:.2f} 秒）。</p>"]
    if snap.errors:
        items = "".join(_item(d) for d in _in_order(snap.errors))
        parts.append(f"<div class=\"pv-errors\" role=\"alert\"><p>{len(snap.errors)} 个错误：</p><ol>{items}</ol></div>")
        if snap.stale:
            parts.append("<p class=\"pv-stale\">下面是上次没有错误时的文档，已过时：修正上面的错误后更新。</p>")
        elif snap.html is None:
            parts.append("<p class=\"pv-stale\">还没有可显示的文档：修正上面的错误后显示。</p>")
    if snap.warnings:
        items = "".join(_item(d) for d in _in_order(snap.warnings))
        parts.append(f"<details class=\"pv-warnings\"><summary>{len(snap.warnings)} 个警告（点击展开）</summary>"
                     f"<ol>{items}</ol></details>")
    parts.append(_downloads(snap, formats))
    return f"<div id=\"preview-panel\">{''.join(parts)}</div>"


EMPTY = ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>预览</title>\n</head>\n"
         "<body>\n<main></main>\n</body>\n</html>\n")


def render(snap: Snapshot, source: str, formats: list[tuple[str, str]]) -> str:
    html = snap.html or EMPTY
    html = html.replace("<html", f"<html data-preview-version=\"{snap.version}\"", 1)
    body_class = ' class="preview-stale"' if snap.stale else ""
    html = re.sub(r"<body>", lambda m: f"<body{body_class}>\n{panel(snap, source, formats)}", html, count=1)
    at = html.rfind("</body>")
    return html[:at] + f"<script>{SCRIPT}</script>\n" + html[at:]
