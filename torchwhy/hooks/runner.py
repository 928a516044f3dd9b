"""Run a script or module as `__main__`, the way `python script.py` / `python -m mod` would,
under the installed hooks, and return the exit status Python would give."""

from __future__ import annotations

import os
import runpy
import stat
import sys
import types

from torchwhy.hooks.frames import only_ours, strip_leading_frames

# What Python's exit status is for an uncaught KeyboardInterrupt, as a shell reports it.
EXIT_INTERRUPTED = 130


def _prepare_script(target: str, args: list[str]) -> str:
    path = os.path.abspath(target)
    # `python script.py`: __file__ and the code's filename are absolute (3.9+), sys.path[0]
    # is the script's directory. runpy sets argv[0] to the path it is given.
    sys.argv = [path, *args]
    if os.path.isfile(path):
        sys.path[0:1] = [os.path.dirname(os.path.realpath(path))]
    elif _is_stream(path):  # `/dev/stdin`: its directory, as `python /dev/stdin` has it
        sys.path[0:1] = [os.path.dirname(path)]
    else:  # a directory or zip with __main__.py: run_path puts it on sys.path itself
        sys.path[0:1] = []
    return path


def run(target: str, args: list[str], *, module: bool = False) -> tuple[int, BaseException | None]:
    """Run `target` with `args` as its argv; return (exit status, the uncaught exception).

    A SystemExit from the script propagates unchanged, so `sys.exit(3)` exits 3 and
    `sys.exit("message")` prints the message, as with plain Python. Any other uncaught
    exception goes to `sys.excepthook` with our frames stripped, and the status is 1
    (130 for KeyboardInterrupt).
    """
    if module:
        sys.argv = [target, *args]  # run_module puts the module's file in argv[0]
        sys.path[0:1] = [os.getcwd()]
    else:
        target = _prepare_script(target, args)
    try:
        if module:
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        elif _is_stream(target):
            _run_stream(target)
        else:
            runpy.run_path(target, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:
        if module and isinstance(exc, ImportError) and only_ours(exc.__traceback__):
            # No such module: Python prints one line, `python: No module named x`.
            sys.stderr.write(f"{sys.executable}: {exc}\n")
            return 1, None
        if isinstance(exc, SyntaxError) and only_ours(exc.__traceback__):
            tb = None  # the script does not compile: Python shows the SyntaxError alone
        else:
            tb = strip_leading_frames(exc.__traceback__)
        exc.__traceback__ = tb
        sys.excepthook(type(exc), exc, tb)
        return (EXIT_INTERRUPTED if isinstance(exc, KeyboardInterrupt) else 1), exc
    return 0, None


def _is_stream(path: str) -> bool:
    """A pipe or a character device (`/dev/stdin`, `<(...)`): read once, never probed as a
    zip archive the way `runpy.run_path` does, which would consume it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _run_stream(path: str) -> None:
    """Run the source read from `path` as `__main__`, as `python /dev/stdin` does."""
    with open(path, "rb") as stream:
        source = stream.read()
    code = compile(source, path, "exec")
    main = types.ModuleType("__main__")
    main.__dict__.update(__file__=path, __cached__=None, __loader__=None, __package__=None)
    previous = sys.modules.get("__main__")
    sys.modules["__main__"] = main
    try:
        exec(code, main.__dict__)
    finally:
        if previous is not None:
            sys.modules["__main__"] = previous
