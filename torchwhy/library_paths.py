"""Tell library code (torch, installed packages, the standard library, torchwhy) from the
user's own, for live frames and for paths in a traceback pasted from another machine.

The decision is by exact places, not by a folder's name: a user's own `~/code/torch/train.py`
is theirs. Locally, library code lives under the interpreter's standard library and
site-packages folders, under torch's and torchwhy's own package folders (a source build of
torch included); in a pasted path, under a `site-packages`, `dist-packages` or
`lib/pythonX.Y` folder. More folders or modules can be declared library code, as rich's
`suppress=` does: `add_library_paths(my_framework, "/opt/lab/lib")` or the
`TORCHWHY_LIBRARY_PATHS` environment variable (paths joined by os.pathsep).
"""

from __future__ import annotations

import functools
import os
import re
import site
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

LIBRARY_PATHS_ENV = "TORCHWHY_LIBRARY_PATHS"

# Path shapes that mean "not the user's code" wherever the traceback came from.
_LIBRARY_MARKERS = re.compile(
    r"[/\\](?:site-packages|dist-packages)[/\\]|[/\\]lib[/\\]python\d[\d.]*t?[/\\]"
    r"|^[A-Za-z]:[/\\](?:[^/\\]+[/\\])*?Lib[/\\]"  # Windows: C:\Python311\Lib\...
)
# torch's own layout, for a path that does not exist here (pasted from another machine,
# where torch may be a source build): `/opt/pytorch/torch/nn/modules/module.py`.
_TORCH_LAYOUT = re.compile(
    r"[/\\]torch[/\\](?:nn|autograd|_dynamo|_inductor|_functorch|_refs|_prims|_decomp|utils"
    r"|optim|cuda|distributed|fx|jit|amp|backends|export|multiprocessing)[/\\]"
    r"|[/\\]torch[/\\](?:functional|_tensor|serialization|overrides|__init__)\.py$"
)
# Pseudo-filenames that are still the user's code (notebook cells, exec'd strings).
_USER_PSEUDO_FILES = (
    "<ipython-input-",
    "<ipython-cell",
    "<cell",
    "<string>",
    "<stdin>",
    "<console>",
    "<input>",
)
_declared: list[str] = []


def _folder(item: str | os.PathLike[str] | ModuleType) -> str | None:
    if isinstance(item, ModuleType):
        file = getattr(item, "__file__", None)
        if not file:
            return None
        # A package is its folder; a single-file module is the file itself.
        path = os.path.dirname(file) if os.path.basename(file) == "__init__.py" else file
    else:
        path = os.fspath(item)
    return os.path.abspath(os.path.expanduser(path))


def add_library_paths(*items: str | os.PathLike[str] | ModuleType) -> None:
    """Declare folders, files or modules (a framework, a vendored copy) as library code:
    their frames are not blamed, as frames rich's `suppress=` names are hidden."""
    for item in items:
        folder = _folder(item)
        if folder and folder not in _declared:
            _declared.append(folder)
    _prefixes.cache_clear()


def _env_paths(value: str) -> list[str]:
    return [os.path.abspath(os.path.expanduser(p)) for p in value.split(os.pathsep) if p]


def _local_library_prefixes() -> tuple[str, ...]:
    return _prefixes("torch" in sys.modules, os.environ.get(LIBRARY_PATHS_ENV, ""))


@functools.lru_cache(maxsize=4)
def _prefixes(torch_loaded: bool, env_paths: str) -> tuple[str, ...]:
    prefixes: set[str] = set()
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        if paths.get(key):
            prefixes.add(os.path.abspath(paths[key]))
    try:
        prefixes.update(os.path.abspath(p) for p in site.getsitepackages())
        prefixes.add(os.path.abspath(site.getusersitepackages()))
    except AttributeError:  # an embedded interpreter's trimmed `site`
        pass
    prefixes.add(str(Path(__file__).resolve().parent))  # torchwhy itself (this file is at its top)
    torch = sys.modules.get("torch")
    torch_file = getattr(torch, "__file__", None) if torch is not None else None
    if isinstance(torch_file, str):  # torch's own folder: a source build, an editable install
        prefixes.add(os.path.dirname(os.path.abspath(torch_file)))
    prefixes.update(_declared)
    prefixes.update(_env_paths(env_paths))
    return tuple(sorted(prefix.rstrip(os.sep) + os.sep for prefix in prefixes))


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path.startswith(prefix) or path + os.sep == prefix for prefix in prefixes)


def is_library_file(filename: str) -> bool:
    """True for frames a user did not write."""
    if filename.startswith("<"):
        return not filename.startswith(_USER_PSEUDO_FILES)
    if _LIBRARY_MARKERS.search(filename):
        return True
    path = os.path.abspath(filename)
    if _under(path, _local_library_prefixes()):
        return True
    return bool(_TORCH_LAYOUT.search(filename)) and not os.path.exists(path)
