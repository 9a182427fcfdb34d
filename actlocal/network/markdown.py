"""Markdown to safe HTML for threads and replies.

markdown-it-py parses with raw HTML off (``<b>`` typed by a leader stays text), then nh3 keeps only an
allow-list of tags and attributes and only http, https and mailto links, and marks every link
``rel="nofollow ugc noopener"``. The sanitiser runs last, so nothing the parser or the mention rule
emits can bypass it.
"""

from __future__ import annotations

import re
import unicodedata

import nh3
from django.utils.html import escape
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}

# @maria.lopez: a handle is a leader's name in lower case with dots for spaces (see mentions.handle_for).
MENTION = re.compile(r"(?<![\w@./])@(\w(?:[\w.-]{0,58}\w)?)")

# Characters that reorder or hide text. Bidi overrides can make "gnp.exe" read as "exe.png", zero-width
# spaces hide words from search and from moderators; none belongs in a post. Zero-width joiners stay:
# emoji sequences and several scripts need them.
_INVISIBLE = dict.fromkeys(
    [
        0x200B,
        0x200E,
        0x200F,
        0x202A,
        0x202B,
        0x202C,
        0x202D,
        0x202E,
        0x2060,
        0x2066,
        0x2067,
        0x2068,
        0x2069,
        0xFEFF,
    ]
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Composed Unicode without control characters, bidi overrides or zero-width spaces."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text.translate(_INVISIBLE))


def clean_line(text: str) -> str:
    """``clean_text`` for one-line fields (titles, names, tags): whitespace runs become one space."""
    return " ".join(clean_text(text).split())


def _mention_rule(linked: set[str]):
    def rule(state, silent: bool) -> bool:
        if state.src[state.pos] != "@":
            return False
        if state.pos > 0 and (state.src[state.pos - 1].isalnum() or state.src[state.pos - 1] in "@./_"):
            return False
        match = MENTION.match(state.src, state.pos)
        if match is None or match.group(1).lower() not in linked:
            return False
        if not silent:
            token = state.push("mention", "", 0)
            token.content = match.group(1).lower()
        state.pos = match.end()
        return True

    return rule


def _render_mention(self, tokens, idx, options, env) -> str:
    # The handle matched MENTION (letters, digits, dots, dashes) and nh3 runs afterwards; escaped anyway.
    return f'<strong class="mention">@{escape(tokens[idx].content)}</strong>'


def render_markdown(text: str, *, mentions: set[str] | frozenset[str] = frozenset()) -> str:
    """Sanitised HTML for ``text``. Only handles in ``mentions`` (people who may see the post) are
    highlighted; any other ``@name`` stays plain text."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )
    if mentions:
        md.inline.ruler.before("emphasis", "mention", _mention_rule({m.lower() for m in mentions}))
        md.add_render_rule("mention", _render_mention)
    html = md.render(clean_text(text))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes={"strong": {"mention"}},
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


def mentioned_handles(text: str) -> list[str]:
    """The distinct ``@handles`` in ``text``, in order, lower-cased."""
    return list(dict.fromkeys(m.group(1).lower() for m in MENTION.finditer(clean_text(text))))


def plain_excerpt(text: str, length: int = 200) -> str:
    """A one-line excerpt of Markdown source for notifications (never HTML)."""
    line = clean_line(re.sub(r"[#*_`>\[\]()!~|]", " ", text))
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"
