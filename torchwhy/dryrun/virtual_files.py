"""No side effects: checkpoints and files the script writes stay in memory and are listed.

`torch.save` pickles the object for real (an unpicklable lambda or local class fails as it
would) with tensors left out, and keeps it; `torch.load` of that path returns it. Files
opened for writing with `open()` and directories made with `os.makedirs` are virtual too;
reading a virtual file back returns what was written.
"""

from __future__ import annotations

import builtins
import io
import os
import pickle
from typing import Any

import torch
import torch.utils._pytree as pytree
from torch._subclasses.fake_tensor import unset_fake_temporarily

from torchwhy.dryrun import logical_device
from torchwhy.dryrun.data_boundary import to_fake
from torchwhy.dryrun.patches import Patches
from torchwhy.dryrun.session import Session, passthrough

_WRITE_MODES = set("wax+")


class _VirtualFile(io.BytesIO):
    """A file opened for writing; its bytes are kept under its path when closed."""

    def __init__(self, store: dict[str, bytes], path: str, initial: bytes) -> None:
        super().__init__(initial)
        self.seek(0, io.SEEK_END)
        self._store, self._path = store, path

    def close(self) -> None:
        if not self.closed:
            self._store[self._path] = self.getvalue()
        super().close()


class _TensorFreePickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, (torch.Tensor, torch.UntypedStorage, torch.TypedStorage)):
            return ("tensor", id(obj))
        return None


def install(patches: Patches, session: Session) -> None:
    files: dict[str, bytes] = {}
    directories: set[str] = set()
    checkpoints: dict[Any, Any] = {}
    real_open, real_load, real_makedirs = builtins.open, torch.load, os.makedirs

    def key(f: Any) -> Any:
        return os.path.abspath(f) if isinstance(f, (str, os.PathLike)) else id(f)

    def parent_exists(path: str) -> bool:
        parent = os.path.dirname(path)
        return os.path.isdir(parent) or parent in directories

    def save(obj: Any, f: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(f, (str, os.PathLike)) and not parent_exists(key(f)):
            raise RuntimeError(f"Parent directory {os.path.dirname(str(f))} does not exist.")
        with passthrough():
            _TensorFreePickler(io.BytesIO(), protocol=2).dump(obj)
            nbytes = sum(
                t.untyped_storage().nbytes()
                for t in pytree.tree_leaves(obj)
                if isinstance(t, torch.Tensor)
            )
        checkpoints[key(f)] = obj
        session.file_writes.append(f"torch.save {f} ({nbytes / 2**20:.1f} MiB, kept in memory)")
        session.progress.reach("checkpoint save")

    def load(f: Any, *args: Any, map_location: Any = None, **kwargs: Any) -> Any:
        session.progress.reach("checkpoint load")
        if key(f) in checkpoints:
            return checkpoints[key(f)]
        with unset_fake_temporarily(), passthrough():
            obj = real_load(f, *args, map_location="cpu", **kwargs)
        device = logical_device.CPU
        if isinstance(map_location, (str, torch.device)):
            device = logical_device.normalize(map_location, session.options.gpus)
        return to_fake(session.mode, obj, device=device, keep_values=False)

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, (str, os.PathLike)):
            return real_open(file, mode, *args, **kwargs)
        path = os.path.abspath(file)
        if _WRITE_MODES & set(mode):
            if not parent_exists(path):
                return real_open(file, mode, *args, **kwargs)  # the real FileNotFoundError
            session.file_writes.append(f"open({str(file)!r}, {mode!r}) (kept in memory)")
            initial = files.get(path, b"") if "a" in mode else b""
            raw = _VirtualFile(files, path, initial)
            if "b" in mode:
                return raw
            return io.TextIOWrapper(
                raw,
                encoding=kwargs.get("encoding") or "utf-8",
                newline=kwargs.get("newline"),
                write_through=True,
            )
        if path in files:
            raw = io.BytesIO(files[path])
            return raw if "b" in mode else io.TextIOWrapper(raw, encoding="utf-8")
        return real_open(file, mode, *args, **kwargs)

    def makedirs(name: Any, mode: int = 0o777, exist_ok: bool = False) -> None:
        path = os.path.abspath(name)
        if os.path.isdir(path):
            real_makedirs(name, mode, exist_ok)  # the real FileExistsError when not exist_ok
            return
        if path not in directories:
            session.file_writes.append(f"os.makedirs({str(name)!r}) (not created)")
        directories.add(path)

    patches.set(torch, "save", save)
    patches.set(torch, "load", load)
    patches.set(builtins, "open", open_)
    patches.set(os, "makedirs", makedirs)
