"""IPython and Jupyter: `%load_ext torchwhy` annotates every cell error; `%why` explains.

IPython has one slot for a custom exception handler (`set_custom_exc`). Ours calls
`shell.showtraceback(...)` itself, so the traceback is IPython's own (an `error` output in
Jupyter), then shows the reading as a separate output: `display()` of text/html and
text/plain in a kernel, coloured text in terminal IPython. Whatever handler was in the slot
is kept (errors it claimed still go to it) and restored by `%unload_ext torchwhy`.
`_showtraceback` is never replaced (Colab's and VS Code's error UIs rely on it).

The handler never raises: IPython silently unregisters a handler that does. Only the last
Diagnosis is kept, never the exception or its traceback.
"""

from __future__ import annotations

import contextlib
import sys
from types import TracebackType
from typing import Any

from IPython.core.magic import Magics, line_cell_magic, magics_class

from torchwhy.diagnosis import Diagnosis
from torchwhy.hooks import config


class _State:
    def __init__(self) -> None:
        self.shell: Any = None
        self.previous_handler: Any = None
        self.previous_exceptions: tuple[type[BaseException], ...] = ()
        self.installed_handler: Any = None
        self.last: Diagnosis | None = None
        self.last_key: tuple[int, str, str] | None = None


STATE = _State()


def _key(exc: BaseException) -> tuple[int, str, str]:
    try:
        message = str(exc)
    except Exception:
        message = ""
    return id(exc), type(exc).__qualname__, message


def _is_terminal(shell: Any) -> bool:
    module = sys.modules.get("IPython.terminal.interactiveshell")
    terminal_class = getattr(module, "TerminalInteractiveShell", None)
    return terminal_class is not None and isinstance(shell, terminal_class)


def show(shell: Any, diagnosis: Diagnosis, *, full: bool) -> None:
    """The reading as its own output: HTML and plain text in a kernel, text in a terminal."""
    from torchwhy.render import render_html

    if _is_terminal(shell):
        from torchwhy.render import render_text
        from torchwhy.render.text import text_width, wants_color

        text = render_text(
            diagnosis, color=wants_color(sys.stdout), full=full, width=text_width(sys.stdout)
        )
        print()  # a blank line between IPython's traceback and the reading
        print(text.rstrip("\n"))
        return
    from IPython.display import display

    display(
        {"text/html": render_html(diagnosis), "text/plain": _plain_text(diagnosis, full=full)},
        raw=True,
    )


def _plain_text(diagnosis: Diagnosis, *, full: bool) -> str:
    """render_text's plain form: laid out without rich, so it is text in a kernel too."""
    from torchwhy.render import render_text

    return render_text(diagnosis, full=full)


def _at_parse_time(tb: TracebackType | None) -> bool:
    """A SyntaxError from compiling the cell itself (IPython's `ast_parse`), not from code
    the cell ran."""
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "ast_parse":
            return True
        tb = tb.tb_next
    return False


def _show_traceback(
    shell: Any,
    etype: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    tb_offset: int | None,
) -> None:
    """What IPython would have shown without a custom handler, or the previous handler's."""
    previous, claimed = STATE.previous_handler, STATE.previous_exceptions
    if previous is not None and claimed and issubclass(etype, claimed):
        previous(etype, value, tb, tb_offset)
    elif issubclass(etype, SyntaxError) and _at_parse_time(tb):
        if issubclass(etype, IndentationError):
            shell.showindentationerror()
        else:
            shell.showsyntaxerror()
    else:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)


def _annotate(shell: Any, value: BaseException) -> None:
    try:
        if config.disabled() or isinstance(value, SyntaxError):
            return
        from torchwhy.hooks.annotation import diagnose, journal
        from torchwhy.hooks.notes import has_note

        if has_note(value):  # `annotate()` attached the reading: the traceback shows it
            return

        from torchwhy.hooks.budget import within_budget

        use_embedding = config.embedding_allowed()
        diagnosis = within_budget(lambda: diagnose(value, use_embedding=use_embedding))
        STATE.last, STATE.last_key = diagnosis, _key(value)
        if diagnosis.is_known:
            show(shell, diagnosis, full=False)
            journal(diagnosis, None)
    except KeyboardInterrupt:
        return
    except BaseException as error:  # a SystemExit would make IPython drop the handler
        with contextlib.suppress(Exception):
            print(config.failure_line(error), end="", file=sys.stderr)


def torchwhy_custom_exc(
    shell: Any,
    etype: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    tb_offset: int | None = None,
) -> None:
    """The `set_custom_exc` handler: IPython's traceback, then the reading."""
    try:
        _show_traceback(shell, etype, value, tb, tb_offset)
    except BaseException:
        # Never let IPython unregister us over a display problem: fall back to plain text.
        import traceback

        traceback.print_exception(etype, value, tb)
    _annotate(shell, value)
    return None


def _last_exception() -> BaseException | None:
    last = getattr(sys, "last_exc", None)
    if last is None:
        last = getattr(sys, "last_value", None)
    return last if isinstance(last, BaseException) else None


@magics_class
class WhyMagics(Magics):
    @line_cell_magic
    def why(self, line: str, cell: str | None = None) -> None:
        """Explain an error.

        %why               the last exception of this session
        %why <text>        a pasted error message
        %why --json ...    print the Diagnosis as JSON
        %%why              (cell) a pasted multi-line traceback
        """
        from torchwhy.hooks.annotation import diagnose
        from torchwhy.render import render_json

        words = line.split()
        as_json = "--json" in words
        text = " ".join(word for word in words if word != "--json")
        if cell is not None:
            text = "\n".join(part for part in (text, cell) if part.strip())
        if text.strip():
            diagnosis = diagnose(text, use_embedding=config.embedding_allowed())
        else:
            exc = _last_exception()
            if exc is None:
                print("torchwhy: no error to explain yet; paste one: %why <message>")
                return
            if STATE.last is not None and STATE.last_key == _key(exc):
                diagnosis = STATE.last
            else:
                diagnosis = diagnose(exc, use_embedding=config.embedding_allowed())
                STATE.last, STATE.last_key = diagnosis, _key(exc)
        if as_json:
            print(render_json(diagnosis, indent=2))
        else:
            show(self.shell, diagnosis, full=True)


def load_ipython_extension(shell: Any) -> None:
    if config.disabled():
        return
    if STATE.shell is shell and STATE.installed_handler is not None:
        return  # loaded already
    STATE.shell = shell
    STATE.previous_handler = getattr(shell, "CustomTB", None)
    STATE.previous_exceptions = tuple(getattr(shell, "custom_exceptions", ()) or ())
    shell.set_custom_exc((Exception,), torchwhy_custom_exc)
    STATE.installed_handler = shell.CustomTB
    shell.register_magics(WhyMagics)
    shell.register_magics(DryRunMagics)
    _prepare_reading()


def _prepare_reading() -> None:
    """Import the reader and open the knowledge base now, while the user is loading the
    extension, so that the first error of the session is not also the moment they load
    (~100 ms, most of the first annotation's cost). Never fails the load."""
    try:
        import torchwhy.fixes
        import torchwhy.provenance
        import torchwhy.translator.engine  # noqa: F401
        from torchwhy.knowledge_base import load

        load()
    except Exception:  # the reading will try again, and report, at the first error
        return


def unload_ipython_extension(shell: Any) -> None:
    if STATE.shell is not shell:
        return
    current = getattr(shell, "CustomTB", None)
    # Restore unless someone else has taken the slot since (IPython empties it when a
    # handler fails, which counts as ours).
    if current is STATE.installed_handler or not getattr(shell, "custom_exceptions", ()):
        shell.CustomTB = STATE.previous_handler
        shell.custom_exceptions = STATE.previous_exceptions
    manager = getattr(shell, "magics_manager", None)
    if manager is not None:
        for kind in ("line", "cell"):
            manager.magics.get(kind, {}).pop("why", None)
            manager.magics.get(kind, {}).pop("dryrun", None)
        manager.registry.pop("WhyMagics", None)
        manager.registry.pop("DryRunMagics", None)
    STATE.shell = None
    STATE.installed_handler = None
    STATE.previous_handler = None
    STATE.previous_exceptions = ()
    STATE.last = None
    STATE.last_key = None


@magics_class
class DryRunMagics(Magics):
    @line_cell_magic
    def dryrun(self, line: str, cell: str | None = None) -> None:
        """Dry-run training code on a logical GPU (see `torchwhy dryrun --help`).

        %dryrun [--table] script.py [args]   a script, with its argv
        %%dryrun [--table]                   (cell) the cell as a script of its own: it sees
                                             none of the notebook's variables, so it cannot
                                             change the notebook's models
        """
        import os
        import shlex
        import tempfile

        from torchwhy.dryrun.engine import dry_run_script
        from torchwhy.dryrun.report import render_report

        words = shlex.split(line)
        table = "--table" in words
        words = [word for word in words if word != "--table"]
        use_embedding = config.embedding_allowed()
        if cell is None:
            if not words:
                print("torchwhy: %dryrun script.py [args], or %%dryrun over a cell")
                return
            report = dry_run_script(words[0], words[1:], use_embedding=use_embedding)
        else:
            with tempfile.NamedTemporaryFile("w", suffix="_dryrun_cell.py", delete=False) as f:
                f.write(cell)
            try:
                report = dry_run_script(f.name, words, use_embedding=use_embedding)
            finally:
                os.unlink(f.name)
        print(render_report(report, table=table), end="")
