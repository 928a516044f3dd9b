"""Errors quoted inside prose: "I got RuntimeError: cuda runtime error (710) during training."

Users often paste no traceback at all, only a sentence around the error, a question after it,
or backticks and quotes around it, sometimes in another language. When a paste has no
exception line of its own, the error quoted in its prose is lifted onto a line of its own,
without the words around it, so the normaliser reads it like any exception line.
"""

from __future__ import annotations

import re

# An exception type quoted in running text: after the start, a space, punctuation, Markdown
# emphasis (`**RuntimeError: ...**`) or a letter of another script (`出现IndexError: ...`: no
# space between the two languages), never in the middle of a word or a dotted path
# (`foo.RuntimeError` is kept whole by the type group).
_EMBEDDED = re.compile(
    r"(?:^|(?<=[\s,;:(\[`'\"*\u0250-\U0010ffff]))"
    r"(?P<type>(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Failure|Warning))\s*:\s+(?P<message>\S.*)$"
)
# A type retyped without its colon where an exception line would start (the line's start, or
# right after an opening quote): `RuntimeError LayerNormKernelImpl not implemented for half`,
# `problem:"TypeError iteration over a 0-d tensor"`. Not a type named as a word of a sentence
# (`RuntimeError when I run it`): the word after it must not be one of prose's.
_UNPUNCTUATED = re.compile(
    r"(?:^[\s>*]*|(?<=[`'\"“‘「]))"
    r"(?P<type>(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception))\s+"
    r"(?!(?i:when|while|with|in|on|at|after|before|during|occur\w*|happen\w*|appear\w*|is|was"
    r"|were|are|be|been|raised|raises|thrown|pops|popped|comes|came|shows?|showed|says|saying|and"
    r"|or|but|that|which|because|due|by|errors?|exceptions?|for|from|as|if|about|keeps|still|again"
    r"|too|here|there|like|message|problem|issue|the|an?|i|it|this|then|so|not|to|of|even"
    r"|traceback)\b)"  # IPython's header: `KeyError      Traceback (most recent call last)`
    r"(?P<message>[\w(\['].*)$"
)
_CLOSING = {"`": "`", "'": "'", '"': '"', "“": "”", "‘": "’", "「": "」", "*": "*"}
# Quotes a message cannot hold ends at their first closing: Markdown's inline code ends at the
# next backtick (`` `KeyError: 'x'` when running `train.py` ``). A message often holds plain
# quotes of its own (`No module named 'x'`), so those end at their last.
_ENDS_AT_FIRST_CLOSING = frozenset({"`", "”", "」"})
# The user's words resume in another script: the first letter beyond Latin (`越界`, `这个错误`).
_ANOTHER_SCRIPT = re.compile(r"[^\W\d_\x00-\u024f]")
# Where the quoted message stops: the start of the user's own words after it ("..., how to
# solve it", "... Any help?", "... Thanks"); the closing quote, when an opening one came before.
# `(?<!\s)`: a run of spaces is tried once, from its start, not from each of its spaces.
_MESSAGE_END = re.compile(
    r"(?:[,.;!?]\s*|(?<!\s)\s+)(?:how (?:to|can|do)|what (?:is|does|should)|why\b|please\b|any (?:help|idea|suggestion)"
    r"|can (?:you|anyone|someone)|could (?:you|anyone|someone)|thanks?\b|thank you|help\b)",
    re.IGNORECASE,
)
_LINE_START_EXCEPTION = re.compile(
    r"^(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt|Warning|Failure"
    r"|Unsupported|Failed)(?::|$)",
    re.MULTILINE,
)


def lift_quoted_errors(text: str) -> str:
    """The text, with errors quoted in prose also written on lines of their own."""
    if _LINE_START_EXCEPTION.search(text):
        return text  # the paste has exception lines: the normaliser reads those
    lifted = []
    for line in text.split("\n"):
        found = _EMBEDDED.search(line) or _UNPUNCTUATED.search(line)
        if found and found["type"].endswith("Warning") and not _in_quotes(line, found):
            # A warning is lifted only from quotes in a sentence: a warning line of its own
            # (indented, wrapped mid-message) is read where it stands.
            found = None
        message = _quoted_message(line, found) if found else ""
        if message:
            lifted.append(f"{found['type']}: {message}")
    if not lifted:
        return text
    return text + "\n" + "\n".join(lifted)


def _in_quotes(line: str, found: re.Match[str]) -> bool:
    return bool(found.start("type")) and line[found.start("type") - 1] in _CLOSING


def _quoted_message(line: str, found: re.Match[str]) -> str:
    """The quoted error's message, without the quotes around it and the words after it."""
    message = found["message"]
    before = line[found.start("type") - 1] if found.start("type") else ""
    closing = _CLOSING.get(before)
    if closing in _ENDS_AT_FIRST_CLOSING and closing in message:
        message = message[: message.index(closing)]
    elif closing and closing in message:
        message = message[: message.rindex(closing)].rstrip(closing)
    for end in (_MESSAGE_END.search(message), _ANOTHER_SCRIPT.search(message)):
        if end and end.start() > 0:
            message = message[: end.start()]
    return message.strip().rstrip(",;:")


# A message quoted in prose without its type (`it gives: "Expected more than 1 value per channel
# when training".`): double quotes, typographic quotes or inline code around a span long enough
# to be a message, on one line.
_QUOTED_SPAN = re.compile(
    r'(?<![\w"])"(?P<plain>[^"\n]{20,400})"(?![\w"])'
    r"|“(?P<curly>[^”\n]{20,400})”|(?<!`)`(?P<code>[^`\n]{20,400})`(?!`)"
)


def quoted_messages(text: str) -> list[str]:
    """The spans a paste with no exception line quotes in its prose, in order."""
    found = []
    for match in _QUOTED_SPAN.finditer(text):
        span = (match["plain"] or match["curly"] or match["code"]).strip().rstrip(".,;:")
        if len(span.split()) >= 4 and span not in found:
            found.append(span)
    return found
