"""A corpus of hostile strings for every field a person types into, and ``assert_inert`` to check that a
rendered page shows them as text, never as markup that runs.

Use it for every user-text field: put each string in the field through the service or form a user
touches, render the page that shows it, and call ``assert_inert(html)`` on the response body.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HOSTILE_STRINGS: list[str] = [
    # Script and markup injection
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    "<a href='jav&#x09;ascript:alert(1)'>tab</a>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<b>unclosed <i>tags <div>",
    "<!-- <script>alert(1)</script> -->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    # Markdown injection
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![x](x onerror=alert(1))",
    '![x](https://example.org/x.png"onerror="alert(1))',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "```html\n<script>alert(1)</script>\n```",
    "**bold <script>alert(1)</script>**",
    # Templates and SQL
    "{{ request.user.password }}",
    "{% debug %}",
    "{% load static %}{{ 7|add:7 }}",
    "${7*7}",
    "'; DROP TABLE network_thread; --",
    "' OR '1'='1",
    '" OR ""="',
    # Unicode trouble
    "zero\u200bwidth\u200cjoiner\u200dspace\ufeff",
    "\u202egnp.exe",
    "right-to-left \u202b\u05e9\u05dc\u05d5\u05dd\u202c done",
    "nul\x00byte",
    "control\x07\x08\x1bchars",
    "emoji 🎉👩🏽‍🚀🏳️‍🌈",
    "Z\u0351\u0352\u0353\u0354a\u0355\u0356\u0357l\u0358\u0359g\u035a\u035bo",
    "😀" * 50,
    "x" * 5000,
]

_EVENT_ATTRIBUTE = re.compile(r"^on[a-z]+$", re.IGNORECASE)
_DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "srcdoc",
    "background",
    "poster",
}


class _InertChecker(HTMLParser):
    """Walks the page's real elements (text, including escaped markup, is not an element)."""

    def __init__(self, allowed_scripts: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = allowed_scripts
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src") or ""
            # The page's own scripts are static files (the CSP forbids inline ones); anything else came
            # from user text.
            if not any(src.startswith(prefix) for prefix in self.allowed_scripts):
                self.problems.append(f"script element {attrs!r}")
        if tag in {"style", "iframe", "object", "embed"}:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if _EVENT_ATTRIBUTE.match(name):
                self.problems.append(f"event-handler attribute {name}={value!r} on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in _URL_ATTRIBUTES and value and _DANGEROUS_URL.match(value):
                self.problems.append(f"{name}={value!r} on <{tag}>")


def assert_inert(html: str | bytes, *, allowed_script_prefixes: tuple[str, ...] = ("/static/",)) -> None:
    """Fail if ``html`` holds an executable script, an inline style (element or attribute), an iframe,
    object or embed, an ``on…`` event-handler attribute, or a ``javascript:``/``vbscript:``/``data:`` URL.

    The base templates use no inline script or style (the CSP forbids them), so any found came from user
    text. Scripts whose ``src`` starts with one of ``allowed_script_prefixes`` are the page's own.
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    checker = _InertChecker(set(allowed_script_prefixes))
    checker.feed(html)
    checker.close()
    assert not checker.problems, "user text rendered as live markup: " + "; ".join(checker.problems[:10])
