"""Doors that annotate errors where they happen: excepthooks, warnings, PEP 678 notes,
`torchwhy run`, the IPython/Jupyter extension and the pytest plugin. One idea per module:

- `install`: `torchwhy.install()` / `torchwhy.uninstall()`
- `excepthook`: `sys.excepthook` and `threading.excepthook`
- `warnings_hook`: the warnings that signal silent bugs
- `notes`: `torchwhy.annotate(exc)`, the reading as a PEP 678 note
- `runner`: run a script or module as `__main__` (`torchwhy run`)
- `frames`: hide torchwhy's and runpy's frames from a traceback
- `ipython`: `%load_ext torchwhy`, `%why`
- `pytest_plugin`: `pytest --torchwhy`
- `annotation`, `config`: what a hook prints, and the switches all hooks obey

Importing this package imports the standard library only.
"""

from torchwhy.hooks.install import install, uninstall

__all__ = ["install", "uninstall"]
