"""Tracebacks quoted in a message: a DataLoader worker's, torch.compile's user code.

The main process re-raises a worker's exception with the worker's traceback as text
("Original Traceback (most recent call last): ..."); torch.compile quotes the user frames
it was tracing ("from user code: ..."). These frames are facts written by Python; the
innermost one in the user's code (a Dataset's `__getitem__`, a transform, a `collate_fn`,
a compiled `forward`) is where it failed, though that frame never reached the traceback.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from torchwhy.diagnosis import Location
from torchwhy.provenance.assignments import functions_around
from torchwhy.provenance.origins import attribute_site

_MARKER = "Original Traceback (most recent call last):"
_FRAME = re.compile(
    r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<function>[^\n]+)\n(?P<code>[^\n]*)',
    re.MULTILINE,
)


def worker_failure(message: str, is_user_file: Callable[[str], bool]) -> Location | None:
    """The innermost user frame of the worker traceback in the message, if any."""
    return _quoted_user_frame(message, _MARKER, is_user_file)


# torch.compile (dynamo) traces the user's forward without running its frame: the frames
# it was tracing are quoted under this line of its message instead.
_COMPILED_MARKER = "from user code:"


# torch.export's words for the same quote, after its own graph dump.
_EXPORTED_MARKER = "The following call raised this error:"


def compiled_failure(message: str, is_user_file: Callable[[str], bool]) -> Location | None:
    """The innermost user frame torch.compile (or torch.export) quotes as the code it
    failed to trace; TorchScript's quote of the user's line it refused, else."""
    return (
        _quoted_user_frame(message, _COMPILED_MARKER, is_user_file)
        or _quoted_user_frame(message, _EXPORTED_MARKER, is_user_file)
        or _scripted_user_frame(message, is_user_file)
    )


# TorchScript quotes the source it refused without a function name, and marks the
# expression under it: `File "train.py", line 9` ... `~~~~~~~~ <--- HERE`.
_SCRIPTED_FRAME = re.compile(r'^\(?\s*File "(?P<file>[^"]+)", line (?P<line>\d+)\s*$', re.MULTILINE)
_HERE = re.compile(r"^(?P<lead>[ \t]*)(?P<mark>~+)[ \t]*<--- HERE", re.MULTILINE)


def _scripted_user_frame(message: str, is_user_file: Callable[[str], bool]) -> Location | None:
    found: Location | None = None
    for match in _SCRIPTED_FRAME.finditer(message):
        if not is_user_file(match["file"]):
            continue
        marked = _marked_text(message, match.end())
        found = Location(file=match["file"], line=int(match["line"]), function="", code=marked)
    return found


def _marked_text(message: str, start: int) -> str | None:
    """The text the first `~~~ <--- HERE` row after `start` marks in the line above it."""
    here = _HERE.search(message, start)
    if here is None:
        return None
    above_end = here.start() - 1
    above = message[message.rfind("\n", 0, above_end) + 1 : above_end]
    begin = len(here["lead"])
    end = begin + len(here["mark"])
    if above[end : end + 1] == "(":
        return None  # a callee (`x.mean` of `x.mean(dims)`): the statement says more
    text = above[begin:end].strip()
    return text or None


# Python 3.11+ marks the failing part of a quoted line with a row of `^` (and `~`) under it.
_FRAME_MARKED = re.compile(
    r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in [^\n]+\n'
    r"(?P<code>[^\n]*)\n(?P<marks>[ \t]*[~^][~^ \t]*)$",
    re.MULTILINE,
)


def compiled_marked_text(message: str, is_user_file: Callable[[str], bool]) -> str | None:
    """The part of the innermost quoted user line that torch.compile's quote marks with
    `^^^` (`self.norm(self.fc1(x))` of `return x + self.fc2(...)`), when it marks one."""
    start = message.find(_COMPILED_MARKER)
    if start < 0:
        return None
    marked: str | None = None
    for match in _FRAME_MARKED.finditer(message, start):
        if is_user_file(match["file"]):
            marked = _marked_part(match)
    return marked


def worker_marked_text(message: str, failure: Location) -> str | None:
    """The part of the worker's failing user line its quoted traceback marks with `^^^`
    (`torch.from_numpy(img)` of `return torch.from_numpy(img).unsqueeze(0), label`)."""
    start = message.find(_MARKER)
    if start < 0:
        return None
    marked: str | None = None
    for match in _FRAME_MARKED.finditer(message, start):
        if match["file"] == failure.file and int(match["line"]) == failure.line:
            marked = _marked_part(match)
    return marked


def _marked_part(match: re.Match[str]) -> str | None:
    marks = match["marks"].rstrip()
    begin = len(marks) - len(marks.lstrip())
    return match["code"][begin : len(marks)].strip() or None


def marked_submodule(failure: Location, marked: str) -> tuple[str, Location | None] | None:
    """The submodule a marked call runs (`self.norm` of `self.norm(self.fc1(x))`), with the
    statement of its class's `__init__` that built it, read from the source."""
    node = _leading_expression(marked)
    # Python 3.11 may mark the whole chain (`self.norm(h).sum(dim=-1)`): the method calls on
    # a layer's result come after the layer ran.
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Call)
    ):
        node = node.func.value
    func = node.func if isinstance(node, ast.Call) else None
    if not (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
    ):
        return None
    name = ast.unparse(func)
    try:
        import executing

        source = executing.Source.for_filename(failure.file)
    except Exception:
        return name, None
    around = functions_around(getattr(source, "tree", None), failure.line)
    lines = getattr(source, "lines", None)
    return name, attribute_site(around[0] if around else None, name, failure.file, lines)


def _leading_expression(text: str) -> ast.expr | None:
    """The longest start of `text` that is an expression: a quote's marks may run past the
    call they mark (`self.norm(self.fc1(x)))))` in torch.compile's quote)."""
    for end in range(len(text), 0, -1):
        if text[end - 1] not in ")]":
            continue
        try:
            return ast.parse(text[:end], mode="eval").body
        except SyntaxError:
            continue
    return None


def _quoted_user_frame(
    message: str, marker: str, is_user_file: Callable[[str], bool]
) -> Location | None:
    start = message.find(marker)
    if start < 0:
        return None
    found: Location | None = None
    for match in _FRAME.finditer(message, start):
        if is_user_file(match["file"]):
            code = match["code"].strip()
            found = Location(
                file=match["file"],
                line=int(match["line"]),
                function=match["function"].strip(),
                code=code if code and not set(code) <= set("^~ ") else None,
            )
    return found


_LAST_KEY_ERROR = re.compile(r"^KeyError: (.+)$", re.MULTILINE)


def worker_key(message: str) -> str | None:
    """The key of the KeyError the worker's traceback ends with (`'label'` -> `label`)."""
    found = _LAST_KEY_ERROR.findall(message)
    if not found:
        return None
    text = found[-1].strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def failed_in_default_collate(message: str) -> bool:
    """The worker's innermost frame is torch's default collate: it could not batch the
    samples as they are (no `collate_fn` of the user's ran)."""
    start = message.find(_MARKER)
    if start < 0:
        return False
    frames = list(_FRAME.finditer(message, start))
    return bool(frames) and frames[-1]["file"].replace("\\", "/").endswith(
        "torch/utils/data/_utils/collate.py"
    )


def _statements_of(failure: Location) -> tuple[Any, set[ast.stmt]] | None:
    """The quoted line's file, read by executing, and the statements at that line."""
    try:
        import executing

        source = executing.Source.for_filename(failure.file)
        return source, source.statements_at_line(failure.line)
    except Exception:
        return None


def worker_statement_name(
    failure: Location, exception_type: str | None, key: str | None = None
) -> str | None:
    """What the worker's failing statement names, read from its source: the lookup of the
    missing key of a KeyError (`record["label"]`), the container an IndexError/KeyError
    indexed (`self.frames` in `frame = self.frames[idx]`), else the name the statement
    makes (`tags` in `tags = torch.stack(...)`)."""
    read = _statements_of(failure)
    if read is None:
        return None
    source, statements = read
    for statement in statements:
        if exception_type == "KeyError" and key is not None:
            # `record["label"]` for `KeyError: 'label'`: the lookup that found no such key.
            for node in ast.walk(statement):
                if (
                    isinstance(node, ast.Subscript)
                    and isinstance(node.slice, ast.Constant)
                    and str(node.slice.value) == key
                ):
                    return ast.get_source_segment(source.text, node) or ast.unparse(node)
        if exception_type in ("IndexError", "KeyError"):
            for node in ast.walk(statement):
                if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Constant):
                    return ast.unparse(node.value)
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            return statement.targets[0].id
    return None


def worker_refused_argument(message: str, failure: Location) -> tuple[str, str, Location] | None:
    """The one name given to the call the worker's quoted traceback marks (`img` of
    `torch.from_numpy(img)`): the value that call refused, the call, and where the worker's
    function last assigned the name before the failing line."""
    marked = worker_marked_text(message, failure)
    node = _leading_expression(marked) if marked else None
    if not isinstance(node, ast.Call) or node.keywords or len(node.args) != 1:
        return None
    argument = node.args[0]
    if not isinstance(argument, ast.Name) or argument.id in ("self", "cls"):
        return None
    try:
        import executing

        source = executing.Source.for_filename(failure.file)
    except Exception:
        return None
    call = ast.unparse(node)
    return argument.id, call, _assigned_before(source, failure, argument.id) or failure


def worker_index(failure: Location) -> tuple[str, Location] | None:
    """The index a worker's failing line selects with (`idx` in `return video[idx]`), when it
    is a name its function assigned, with where it last did: a reading about the index (its
    dtype, its range) blames what made it, not the container it indexed."""
    read = _statements_of(failure)
    if read is None:
        return None
    source, statements = read
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Name):
                made = _assigned_before(source, failure, node.slice.id)
                if made is not None:
                    return node.slice.id, made
    return None


def statement_subject(
    failure: Location, message: str = "", *, fallback: bool = False
) -> tuple[str, Location] | None:
    """The value a quoted statement turns on, read from its source, with where its function
    last assigned it: `scale` in `if scale > 1.0:` (made by `scale = x.max().item()`), the
    name an assignment makes otherwise. With `fallback`, in any other statement the call
    the message names (`np.random.default_rng(0)` for "numpy function ... default_rng"),
    else the first value it reads."""
    read = _statements_of(failure)
    if read is None:
        return None
    source, statements = read
    for statement in statements:
        name = None
        if isinstance(statement, (ast.If, ast.While, ast.Assert)):
            # The first name read, in source order: `scores` in `if scores.max() <
            # self.threshold:` (`self` is the object the line runs in, not a value of it).
            loaded = [
                node
                for node in ast.walk(statement.test)
                if isinstance(node, ast.Name)
                and isinstance(node.ctx, ast.Load)
                and node.id not in ("self", "cls")
            ]
            first = min(loaded, key=lambda node: (node.lineno, node.col_offset), default=None)
            name = first.id if first else None
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            name = statement.targets[0].id
        if name is None and not fallback:
            continue
        if name is None:
            call = _call_named_in(statement, message)
            if call is not None:
                return call, failure
            name = _first_value_read(statement, source)
        if name is None:
            continue
        return name, _assigned_before(source, failure, name) or failure
    return None


def marked_subject(failure: Location) -> tuple[str, Location] | None:
    """What TorchScript's `<--- HERE` marks on the quoted line, when it is a value written
    in the source (`self.cfg`, `**extra` -> `extra`), with where its function assigned it."""
    text = (failure.code or "").lstrip("*")
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
    while isinstance(node, ast.Subscript):
        node = node.value  # `self.cfg["residual"]` marks `self.cfg`
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return None
    name = ast.unparse(node)
    if name in ("self", "cls"):
        return None
    try:
        import executing

        source = executing.Source.for_filename(failure.file)
    except Exception:
        return None
    if isinstance(node, ast.Name):
        made = _assigned_before(source, failure, name)
    else:  # `self.cfg`: the statement of its class that set it
        around = functions_around(getattr(source, "tree", None), failure.line)
        lines = getattr(source, "lines", None)
        made = attribute_site(around[0] if around else None, name, failure.file, lines)
    return name, made or replace(failure, code=_line_of(source, failure.line))


def _line_of(source: object, line: int | None) -> str | None:
    lines = getattr(source, "lines", None)
    if not lines or line is None or not 0 < line <= len(lines):
        return None
    return lines[line - 1].strip()


def _call_named_in(statement: ast.stmt, message: str) -> str | None:
    """The call of the statement whose function the message names (`default_rng`)."""
    for marker in (_COMPILED_MARKER, _EXPORTED_MARKER):
        message = message.split(marker, 1)[0]  # not the quoted source's own words
    words = set(re.findall(r"[A-Za-z_]\w{2,}", message))
    named = []
    for node in ast.walk(statement):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name and name in words and not hasattr(builtins, name):
            named.append(ast.unparse(node))
    return min(named, key=len, default=None)  # the innermost: what the message is about


def _first_value_read(statement: ast.stmt, source: object) -> str | None:
    """The first name a statement reads, in source order, that is a value of its own code:
    not `self`, not a module it imported (`torch`, `np`), not a builtin."""
    tree = getattr(source, "tree", None)
    imported = (
        {
            (alias.asname or alias.name).split(".", 1)[0]
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        }
        if tree is not None
        else set()
    )
    loaded = [
        node
        for node in ast.walk(statement)
        if isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Load)
        and node.id not in ("self", "cls")
        and node.id not in imported
        and not hasattr(builtins, node.id)
    ]
    first = min(loaded, key=lambda node: (node.lineno, node.col_offset), default=None)
    return first.id if first else None


def _assigned_before(source: object, failure: Location, name: str) -> Location | None:
    """The last `name = ...` above the failing line in the same function."""
    if failure.line is None:
        return None
    found: ast.stmt | None = None
    for node in functions_around(getattr(source, "tree", None), failure.line):
        for statement in ast.walk(node):
            if (
                isinstance(statement, ast.Assign)
                and statement.lineno < failure.line
                and any(
                    isinstance(target, ast.Name) and target.id == name
                    for target in statement.targets
                )
                and (found is None or statement.lineno > found.lineno)
            ):
                found = statement
    if found is None:
        return None
    return Location(
        file=failure.file,
        line=found.lineno,
        function=failure.function,
        code=_line_of(source, found.lineno),
    )
