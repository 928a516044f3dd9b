"""Turn raw pasted text into the exceptions it reports, with their frames.

Users paste anything: a whole traceback with chained exceptions, a DataLoader worker's
re-raise, a DDP log with `[rank0]:` prefixes, IPython's coloured cells, C++ frames and
CUDA boilerplate. This module strips the noise and keeps what carries meaning: each
exception's type and message, the frames (file, line, function, code), and CUDA kernel
assertion lines, which name the real cause of a device-side assert.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from torchwhy.translator.prose import lift_quoted_errors, quoted_messages

MAX_INPUT_CHARS = 200_000  # keep the tail: the exception line is at the end of a traceback

# An OSC sequence ends at BEL within a line: bounded, so a run of unterminated ones is linear.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]{0,512}\x07")
# tqdm redraws its bar after `\r`, with no newline after the last one: what the program prints
# next (a warning, a traceback, a `[rank3]:` line) is glued to the bar's end.
_PROGRESS_BAR_THEN_OUTPUT = re.compile(
    r"(\d{1,3}%\|[^|\n]{0,200}\|\s{0,5}[\d.]{1,12}[kMGT]?/(?:[\d.]{1,12}[kMGT]?|\?)"
    r" \[[^\]\n]{0,300}\])(?=[^\s\]])"
)
# A traceback's header starts a line of its own: glued to other output (`> Loading Model`,
# an inline backtick), it would hide where the traceback begins. Not after a space: that is
# `Original Traceback` (torch's ExceptionWrapper) or IPython's `KeyError    Traceback`.
_GLUED_TRACEBACK = re.compile(r"(?<=\S)(?=Traceback \(most recent call last\):)")
_RANK_PREFIX = re.compile(r"^\[(?:rank|default)\d+\]:\s?", re.MULTILINE)
# A reply quoting an earlier comment (GitHub, mailing lists) prefixes each line with `> `;
# `>>>` is a Python prompt, not a quote.
_QUOTE_PREFIX = re.compile(r"^>(?!>>) ?", re.MULTILINE)
# glog-style prefixes of torch's C++ and logging output, with an optional timestamp before:
# `[01:17:10.938]: W1024 01:17:10.936000 140404233111360 torch/_dynamo/convert_frame.py:1009] `
_LOG_PREFIX = re.compile(
    r"^(?:\[[\d:.\- ]+\]:?\s*)?[IWEF]\d{4} [\d:.]+\s+\d+\s+\S+:\d+\]\s?", re.MULTILINE
)
_CPP_SECTION_START = re.compile(
    r"^(?:Exception raised from .*|C\+\+ CapturedTraceback:)\s*$", re.MULTILINE
)
_CPP_FRAME = re.compile(r"^\s*(?:frame #\d+:|#\d+ .*(?:0x[0-9a-f]+|\.so|\.cpp|\.h)).*$")
# The warnings module prints `path/loss.py:610: UserWarning: ...` (torch 1.x's C++ warnings
# `.../LegacyDefinitions.cpp:19: UserWarning: ...`): the warning is read as the exception
# line it would be without its location.
_WARNING_LOCATION = re.compile(
    r"^(?:[A-Za-z]:)?[^\s:]{0,500}\.(?:py|cpp|cu|h):\d+: (?=[\w.]*Warning: )", re.M
)
# A Markdown code fence around a pasted traceback (```, ```python, ~~~), or the stray backtick
# closing an inline quote opened above it: never part of an error.
_FENCE_LINE = re.compile(r"^\s*(?:(?:`{3,}|~{3,})[\w+-]*|`{1,2})\s*$")
_TRAILING_FENCE = re.compile(r"(?<=\S)`{3,}\s*$")
# `(?<!\s)` before a leading `\s*`: tried at every position of a run of spaces, a bare
# `\s*` rescans the rest of the run each time (quadratic); this starts only at its first.
_CUDA_BOILERPLATE = (
    re.compile(r"CUDA kernel errors might be asynchronously reported at some other API call.*"),
    re.compile(r"For debugging consider passing CUDA_LAUNCH_BLOCKING=1\.?"),
    re.compile(r"Compile with `TORCH_USE_CUDA_DSA` to enable device-side assertions\.?"),
    re.compile(r"Set TORCH(?:DYNAMO)?_(?:VERBOSE|LOGS)=.*"),
    re.compile(r"You can suppress this exception and fall back to eager by setting:.*"),
    re.compile(r"(?<!\s)\s*import torch\._dynamo\s*$"),
    re.compile(r"(?<!\s)\s*torch\._dynamo\.config\.suppress_errors = True\s*$"),
)
# Retyped messages from CJK keyboards: `RuntimeError：` is still an exception line.
_FULL_WIDTH = str.maketrans({"：": ": ", "。": ". ", "，": ", ", "（": "(", "）": ")", "；": "; "})
# libtorch appends where in C++ it raised: `(operator() at ../aten/src/.../X.cpp:448)`.
_CPP_LOCATION = re.compile(r"(?<!\s)\s*\([\w:~<>]+(?:\(\))? at [^()\n]*\.(?:cpp|cu|h|hpp):\d+\)")
_KERNEL_ASSERT = re.compile(r"Assertion `?(?P<condition>[^`\n]{1,200}?)`? failed\.?")
_CHAIN_SEPARATORS = (
    "The above exception was the direct cause of the following exception:",
    "During handling of the above exception, another exception occurred:",
)
# An exception line at column 0: `RuntimeError: ...`, `torch.OutOfMemoryError: ...`,
# `torch.multiprocessing.spawn.ProcessRaisedException:`.
_EXCEPTION_LINE = re.compile(
    r"^(?P<type>(?:[A-Za-z_]\w*\.)*(?:[A-Za-z_]\w*)?(?:Error|Exception|Exit|Interrupt|Warning|Failure"
    r"|Unsupported|Failed))(?::\s?(?P<message>.*))?$"
)
# A traceback pasted as one line (an issue title, a chat message) has each frame's code glued
# after its function's name; a function's name never holds a space.
_FRAME_LINE = re.compile(
    r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)'
    r"(?:, in (?P<function>\S+)(?:\s+(?P<code>\S.*))?)?"
)
# IPython: `Cell In[3], line 5` / `<ipython-input-3-abc> in <module>` / `File ~/x.py:12, in f(a)`
# IPython 7: `/site-packages/torch/nn/modules/sparse.py in forward(self, input)`.
# A method shows as `Conv2d.forward`: the class is context too.
_IPYTHON_FRAME = re.compile(
    r"^(?:Cell In\[\d*\], line (?P<line>\d+)"
    r"|File (?P<file>\S+?):(?P<line2>\d+)(?:, in (?P<function>[\w.<>]+))?"
    r"|(?P<ifile><ipython-input-[^>]+>) in (?P<ifunc>[\w.<>]+)"
    r"|(?P<pfile>\S+\.py) in (?P<pfunc>[\w.<>]+)\()"
)
_IPYTHON_CODE = re.compile(r"^\s*(?:-+>\s*)?(?P<number>\d+)\s(?P<code>.*)$")
_IPYTHON_ARROW = re.compile(r"^\s*-+>")
# A user's label above a pasted traceback (`Error:` on its own line): Python never prints a
# colon with nothing after it, so it is not an exception line.
_BARE_LABEL = re.compile(r"^(?:Error|Exception)s?:\s*$")
_IPYTHON_HEADER = re.compile(r"^(?P<type>[\w.]+)\s+Traceback \(most recent call last\)")
# torch's ExceptionWrapper re-raises another thread's or process's error as `Caught <type>
# <where>.` + `Original <its traceback>`: where is a DataLoader worker, the pin memory thread,
# a DataParallel replica (`in replica 0 on device 0`).
_WRAPPER_HEADER = r"Caught (?P<type>\w+) in [^\n]{1,300}?\."
_EXCEPTION_WRAPPER = re.compile(
    _WRAPPER_HEADER + r"\s*Original Traceback \(most recent call last\):"
)
# torch.compile re-raises its backend's error as `backend='inductor' raised:` + that error
# (torch 2.0: `inductor raised RuntimeError: ...`): the backend's error is the cause.
_BACKEND_HEADER = r"(?:backend=)?'?[\w.<>-]+'? raised:?"
_BACKEND_RAISED = re.compile(
    "^" + _BACKEND_HEADER + r"\s+(?=(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception):)"
)
_WRAPPER_ALONE = re.compile(rf"^(?:{_WRAPPER_HEADER}\s*(?:Original)?|{_BACKEND_HEADER})\s*$")
_NESTED_TRACEBACK = re.compile(r"Traceback \(most recent call last\):")
# Tracebacks nested in messages read at most this deep; deeper text stays in the message.
MAX_NESTING = 1000
MAX_LINE_DIGITS = 9
# Exceptions kept from one input, first and last halves: a log of thousands costs no more.
MAX_EXCEPTIONS = 32
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Frame:
    file: str
    line: int | None
    function: str | None = None
    code: str | None = None


@dataclass
class ParsedException:
    type: str | None  # last dotted part: `RuntimeError`; None when the text had no type
    message: str
    frames: list[Frame] = field(default_factory=list)
    qualified_type: str | None = None  # as written: `torch.OutOfMemoryError`
    # The traceback stopped before its exception line (a paste cut short): its frames say where
    # it was going, its message is whatever text came with it.
    cut: bool = False
    # A span quoted in prose (`it says "..."`), not an exception line: it may be any words the
    # user put in quotes, so only a torch wording read exactly (a rule) may read it.
    quoted: bool = False


@dataclass
class ParsedError:
    """Everything read from one input, root cause first."""

    exceptions: list[ParsedException]
    kernel_asserts: list[str] = field(default_factory=list)
    cuda_async: bool = False  # the text carried the asynchronous-CUDA caveat

    @property
    def frames(self) -> list[Frame]:
        return [frame for exc in self.exceptions for frame in exc.frames]


def clean(text: str) -> str:
    """Strip ANSI colour, distributed prefixes, C++ frames and line-ending noise."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_FULL_WIDTH)
    text = _ANSI.sub("", text)
    text = _PROGRESS_BAR_THEN_OUTPUT.sub("\\1\n", text)
    text = _GLUED_TRACEBACK.sub("\n", text)
    text = _unquoted(text)
    text = _RANK_PREFIX.sub("", text)
    text = _LOG_PREFIX.sub("", text)
    text = _WARNING_LOCATION.sub("", text)
    kept: list[str] = []
    in_cpp = False
    for line in text.split("\n"):
        if _CPP_SECTION_START.match(line):
            in_cpp = True
            continue
        if in_cpp:
            if not line.strip() or _CPP_FRAME.match(line) or line.startswith((" ", "\t", "#")):
                continue
            in_cpp = False
        if _CPP_FRAME.match(line) or _FENCE_LINE.match(line):
            continue
        kept.append(_TRAILING_FENCE.sub("", line))
    return "\n".join(kept)


def _unquoted(text: str) -> str:
    """The text of a quoted reply without its `> ` markers, when most of its lines are quoted."""
    lines = [line for line in text.split("\n") if line.strip()]
    quoted = sum(1 for line in lines if _QUOTE_PREFIX.match(line))
    return _QUOTE_PREFIX.sub("", text) if lines and quoted * 2 >= len(lines) else text


def _strip_boilerplate(message: str) -> str:
    message = _CPP_LOCATION.sub("", message)
    for pattern in _CUDA_BOILERPLATE:
        message = pattern.sub("", message)
    lines = [line.rstrip() for line in message.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines).strip()


def _split_chain(text: str) -> list[str]:
    pattern = "|".join(re.escape(s) for s in _CHAIN_SEPARATORS)
    return [part for part in re.split(pattern, text) if part.strip()]


def _line_number(digits: str | None) -> int | None:
    """A frame's line number, None for an absurd one (int() refuses over 4,300 digits)."""
    return int(digits) if digits and len(digits) <= MAX_LINE_DIGITS else None


def _parse_frames(lines: list[str]) -> list[Frame]:
    frames: list[Frame] = []
    pending: dict[str, object] | None = None
    for line in lines:
        match = _FRAME_LINE.match(line)
        if match:
            if pending:
                frames.append(Frame(**pending))  # type: ignore[arg-type]
            pending = {
                "file": match["file"],
                "line": _line_number(match["line"]),
                "function": match["function"] or None,
                "code": match["code"].strip() if match["code"] else None,
            }
            continue
        ipy = _IPYTHON_FRAME.match(line.strip())
        if ipy:
            if pending:
                frames.append(Frame(**pending))  # type: ignore[arg-type]
            line_no = ipy["line"] or ipy["line2"]
            pending = {
                "file": ipy["file"] or ipy["ifile"] or ipy["pfile"] or "<ipython-cell>",
                "line": _line_number(line_no),
                "function": ipy["function"] or ipy["ifunc"] or ipy["pfunc"],
                "code": None,
            }
            continue
        if pending is not None:
            stripped = line.strip()
            arrow = _IPYTHON_CODE.match(line)
            if _IPYTHON_ARROW.match(line):  # IPython marks the executing line: `-->`, `---->`
                pending["code"] = arrow["code"].strip() if arrow else stripped.lstrip("-> ")
                if pending["line"] is None and arrow:
                    pending["line"] = _line_number(arrow["number"])
            elif (
                pending["code"] is None
                and stripped
                and line.startswith("    ")
                and not arrow
                and not set(stripped) <= set("^~ ")  # the caret line under the code
            ):
                pending["code"] = stripped
    if pending:
        frames.append(Frame(**pending))  # type: ignore[arg-type]
    return frames


def _find_exception_line(lines: list[str]) -> int | None:
    """Index of the exception line that ends the first traceback in `lines`.

    The first column-0 exception line after the `Traceback` header: later ones belong to
    tracebacks nested in the message (a DataLoader worker's, a spawned process's).
    """
    start = next(
        (i for i, line in enumerate(lines) if line.startswith("Traceback (most recent")), 0
    )
    for index in range(start, len(lines)):
        line = lines[index]
        if (
            line
            and not line[0].isspace()
            and _EXCEPTION_LINE.match(line)
            and not line.startswith(("Traceback", "File "))
            and not _BARE_LABEL.match(line)
        ):
            return index
    return None


def _parse_block(block: str) -> list[ParsedException]:
    """One link of a chain; returns the nested causes first, then this exception.

    A message may carry a whole traceback (a DataLoader worker's, a spawned process's) whose
    message carries another: read level by level in a loop, not by recursion, so that a log
    of hundreds of `logging.exception` tracebacks cannot overflow the stack.
    """
    causes: list[ParsedException] = []
    wrappers: list[ParsedException] = []  # outermost first
    text: str | None = block
    while text is not None:
        earlier, parsed, text = _parse_level(text, nested=len(wrappers) < MAX_NESTING)
        causes.extend(earlier)
        wrappers.append(parsed)
    return [*causes, *reversed(wrappers)]


def _parse_level(
    block: str, *, nested: bool = True
) -> tuple[list[ParsedException], ParsedException, str | None]:
    """The exceptions printed above the traceback, this traceback's exception, and the text
    of a traceback nested in its message (None when there is none)."""
    lines = block.strip("\n").split("\n")
    index = _find_exception_line(lines)
    if index is None:
        header = next((m for m in map(_IPYTHON_HEADER.match, lines) if m), None)
        message = _strip_boilerplate(block)
        frames = _parse_frames(lines)
        parsed = ParsedException(
            header["type"] if header else None, message, frames, cut=bool(frames)
        )
        return [], parsed, None
    earlier = _exception_lines_before_traceback(lines)
    match = _EXCEPTION_LINE.match(lines[index])
    assert match is not None
    qualified = match["type"]
    first_line = match["message"] or ""
    message = "\n".join([first_line, *lines[index + 1 :]])
    frames = _parse_frames(lines[:index])
    inner: str | None = None
    wrapped = _EXCEPTION_WRAPPER.search(message) if nested else None
    inner_start = _NESTED_TRACEBACK.search(message) if nested and not wrapped else None
    backend = _BACKEND_RAISED.match(message) if nested and not wrapped else None
    if wrapped:
        inner = message[wrapped.end() :]
        message = message[: wrapped.start()] + wrapped.group(0).split("Original")[0]
    elif backend and not (inner_start and inner_start.start() < backend.end()):
        inner = message[backend.end() :]
        message = message[: backend.end()].rstrip()
    elif inner_start:
        # ProcessRaisedException and friends carry a whole traceback in their message.
        inner = message[inner_start.start() :]
        message = message[: inner_start.start()]
    message, user_code_frames = _split_dynamo_user_code(message)
    frames.extend(user_code_frames)
    parsed = ParsedException(
        qualified.rsplit(".", 1)[-1], _strip_boilerplate(message), frames, qualified
    )
    quoted = _quoted_cause(message, user_code_frames)
    return ([*earlier, quoted] if quoted else earlier), parsed, inner


def is_wrapper_header(message: str) -> bool:
    """Whether the message is only a wrapper's header (ExceptionWrapper's `Caught X in ...`,
    torch.compile's `backend='inductor' raised:`): it names where an error was caught, not
    what it was (the caught error, when pasted, is read as its own exception)."""
    return bool(_WRAPPER_ALONE.match(message))


# torch.compile's fake-tensor run quotes the op's own error as a repr: `...): got
# RuntimeError('Given groups=1, weight of size ...')`. That error is the root cause.
_QUOTED_CAUSE = re.compile(
    r"\bgot (?P<type>[A-Z]\w*(?:Error|Exception))\((?P<repr>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\)"
)


def _quoted_cause(message: str, frames: list[Frame]) -> ParsedException | None:
    """The error a wrapper's message quotes as `got RuntimeError('...')`, as its cause."""
    found = _QUOTED_CAUSE.search(message)
    if not found:
        return None
    try:
        text = ast.literal_eval(found["repr"])
    except (ValueError, SyntaxError):
        return None
    if not isinstance(text, str) or not text.strip():
        return None
    return ParsedException(found["type"], _strip_boilerplate(text), list(frames), found["type"])


def _exception_lines_before_traceback(lines: list[str]) -> list[ParsedException]:
    """Exception lines printed above the traceback: in a launcher's log (accelerate,
    torchrun) the child process's error comes first, then the launcher's own traceback."""
    header = next((i for i, line in enumerate(lines) if line.startswith("Traceback (most")), 0)
    found = []
    for line in lines[:header]:
        match = _EXCEPTION_LINE.match(line)
        if match and match["message"]:
            qualified = match["type"]
            found.append(
                ParsedException(
                    qualified.rsplit(".", 1)[-1], match["message"].strip(), [], qualified
                )
            )
    return found


def _split_dynamo_user_code(message: str) -> tuple[str, list[Frame]]:
    marker = re.search(r"^from user code:\s*$", message, re.MULTILINE)
    if not marker:
        return message, []
    frames = _parse_frames(message[marker.end() :].split("\n"))
    return message[: marker.start()], frames


def parse(text: str) -> ParsedError:
    """Read every exception in `text`, root cause first."""
    if len(text) > MAX_INPUT_CHARS:
        text = text[-MAX_INPUT_CHARS:]
    # Lone surrogates (bytes decoded with surrogateescape) cannot be encoded for a model or
    # a terminal: read them as the replacement character.
    text = lift_quoted_errors(clean(_SURROGATE.sub("\ufffd", text)))
    kernel_asserts = [m.group(0) for m in _KERNEL_ASSERT.finditer(text)]
    cuda_async = "CUDA kernel errors might be asynchronously reported" in text
    # Kernel assert lines are evidence, not part of any message.
    text = "\n".join(line for line in text.split("\n") if not _KERNEL_ASSERT.search(line))
    exceptions: list[ParsedException] = []
    for block in _split_chain(text):
        exceptions.extend(_parse_block(block))
    exceptions = _distinct([exc for exc in exceptions if exc.message or exc.type])
    if exceptions and all(exc.type is None and not exc.frames for exc in exceptions):
        # Prose with no exception line: what it quotes is read first, then the whole text.
        quoted = [ParsedException(None, span, quoted=True) for span in quoted_messages(text)]
        exceptions = _distinct([*quoted, *exceptions])
    return ParsedError(exceptions, list(dict.fromkeys(kernel_asserts)), cuda_async)


def _distinct(exceptions: list[ParsedException]) -> list[ParsedException]:
    """Each exception once (a log repeats the same traceback), at most MAX_EXCEPTIONS: the
    innermost causes and the outermost wrappers, which say the most."""
    seen: set[tuple[object, ...]] = set()
    unique = []
    for exc in exceptions:
        key = (exc.qualified_type or exc.type, exc.message, tuple(exc.frames))
        if key not in seen:
            seen.add(key)
            unique.append(exc)
    if len(unique) > MAX_EXCEPTIONS:
        half = MAX_EXCEPTIONS // 2
        unique = unique[:half] + unique[-half:]
    return unique
