"""nn.Module facts and dotted paths such as `model.encoder.layers.1.attn`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from torchwhy.provenance.safe_access import instance_dict, is_instance
from torchwhy.provenance.tensor_facts import tensor_facts
from torchwhy.provenance.trace import ModuleFacts

# Attributes that say how a layer is configured; read from the instance __dict__ only.
CONFIG_KEYS: tuple[str, ...] = (
    "in_features",
    "out_features",
    "in_channels",
    "out_channels",
    "kernel_size",
    "stride",
    "padding",
    "groups",
    "num_embeddings",
    "embedding_dim",
    "padding_idx",
    "num_features",
    "normalized_shape",
    "input_size",
    "hidden_size",
    "num_layers",
    "batch_first",
    "embed_dim",
    "num_heads",
    "output_size",
    "inplace",
)
_PLAIN_VALUE_TYPES = (int, float, bool, str, type(None))

# Wrappers whose single child is the user's model: the child keeps the wrapper's name.
_WRAPPED_CHILD: dict[str, str] = {
    "DistributedDataParallel": "module",
    "DataParallel": "module",
    "OptimizedModule": "_orig_mod",
    "FullyShardedDataParallel": "_fsdp_wrapped_module",
}

# Bounds on the search for module paths: a crash report must not walk a huge model graph.
MAX_PATH_DEPTH = 16
MAX_MODULES_VISITED = 20_000


def holds_parameter(module: Any, parameter: Any, budget: int = 2_000) -> bool:
    """Whether `parameter` is one of the module's own or its submodules' parameters (read from
    their `_parameters` tables, never through `parameters()`)."""
    pending = [module]
    while pending and budget > 0:
        budget -= 1
        current = pending.pop()
        table = (instance_dict(current) or {}).get("_parameters")
        if type(table) is dict and any(value is parameter for value in dict.values(table)):
            return True
        pending.extend(submodules_of(current).values())
    return False


def submodules_of(module: Any) -> dict[str, Any]:
    own = instance_dict(module) or {}
    children = own.get("_modules")
    if type(children) is not dict:
        return {}
    return {key: value for key, value in dict.items(children) if value is not None}


def module_config(module: Any) -> tuple[tuple[str, str], ...]:
    own = instance_dict(module) or {}
    config: list[tuple[str, str]] = []
    for key in CONFIG_KEYS:
        if key not in own:
            continue
        value = own[key]
        if value is None or (key == "inplace" and value is not True):
            continue
        if type(value) in _PLAIN_VALUE_TYPES or (
            type(value) is tuple and all(type(item) in _PLAIN_VALUE_TYPES for item in value)
        ):
            if type(value) is tuple and len(value) == 1:
                value = value[0]
            config.append((key, str(value)))
    return tuple(config)


def first_parameter(module: Any, torch: Any, budget: int = 64) -> Any:
    """The module's first parameter, else its first descendant's (a container's dtype and
    device are those of its layers)."""
    pending = [module]
    while pending and budget > 0:
        budget -= 1
        current = pending.pop(0)
        own = instance_dict(current) or {}
        table = own.get("_parameters")
        if type(table) is dict:
            for value in dict.values(table):
                if value is not None and is_instance(value, torch.Tensor):
                    return value
        pending.extend(submodules_of(current).values())
    return None


def first_layer(module: Any, budget: int = MAX_PATH_DEPTH) -> str | None:
    """The type name of the first leaf layer it registered (`Conv2d` for a CNN), which
    decides the rank of input the whole model reads."""
    current = module
    for _ in range(budget):
        children = submodules_of(current)
        if not children:
            return type(current).__name__ if current is not module else None
        current = next(iter(children.values()))
    return None


def first_tensor(module: Any, torch: Any) -> Any:
    """Its first parameter; for a module without any (a loss built with class `weight`),
    its first own buffer, which decides its device and dtype the same way."""
    found = first_parameter(module, torch)
    if found is not None:
        return found
    table = (instance_dict(module) or {}).get("_buffers")
    if type(table) is dict:
        for value in dict.values(table):
            if value is not None and is_instance(value, torch.Tensor):
                return value
    return None


class ModuleNamer:
    """Names modules by identity relative to root models found in user frames."""

    def __init__(self, torch: Any) -> None:
        self._torch = torch
        self._paths: dict[int, str] = {}
        self._modules: list[tuple[str, Any]] = []  # alive only while tracing
        self._aliases: dict[int, str] = {}
        self._visited = 0

    def add_roots(self, named_values: Iterable[tuple[str, Any]]) -> None:
        """Index roots in the order given: earlier (better) names win for shared modules."""
        for name, value in named_values:
            if self._visited >= MAX_MODULES_VISITED:
                return
            if is_instance(value, self._torch.nn.Module) and id(value) not in self._paths:
                self._index(name, value)

    def _index(self, root_name: str, root: Any) -> None:
        # (user's path, path through the wrappers, module, depth)
        pending: list[tuple[str, str, Any, int]] = [(root_name, root_name, root, 0)]
        while pending and self._visited < MAX_MODULES_VISITED:
            path, wrapped_path, module, depth = pending.pop()
            if id(module) in self._paths:
                continue
            self._paths[id(module)] = path
            if wrapped_path != path:
                self._aliases[id(module)] = wrapped_path
            self._modules.append((path, module))
            self._visited += 1
            if depth >= MAX_PATH_DEPTH:
                continue
            children = list(submodules_of(module).items())
            wrapper_key = _WRAPPED_CHILD.get(type(module).__name__)
            for key, child in reversed(children):
                if is_instance(child, self._torch.nn.Module):
                    # DDP's `.module`, torch.compile's `._orig_mod`: the user's own model
                    # under the same name; the wrapped form is kept as an alias.
                    own = path if key == wrapper_key else f"{path}.{key}"
                    pending.append((own, f"{wrapped_path}.{key}", child, depth + 1))

    def alias_of(self, module: Any) -> str | None:
        """The path through a DDP/DataParallel/compile wrapper, when it differs."""
        return self._aliases.get(id(module))

    def named_modules(self) -> list[tuple[str, Any]]:
        """Every module indexed so far, with its path, in indexing order."""
        return list(self._modules)

    def path_of(self, module: Any) -> str | None:
        return self._paths.get(id(module))


def module_facts(
    module: Any,
    torch: Any,
    namer: ModuleNamer,
    *,
    input_tensor: Any = None,
    input_expression: str | None = None,
    file: str | None = None,
    line: int | None = None,
    stack_index: int = -1,
) -> ModuleFacts:
    weight = first_tensor(module, torch)
    training = (instance_dict(module) or {}).get("training")
    return ModuleFacts(
        training=training if type(training) is bool else None,
        path=namer.path_of(module),
        alias=namer.alias_of(module),
        type_name=type(module).__name__,
        first_layer=first_layer(module),
        config=module_config(module),
        weight=tensor_facts(weight, torch) if weight is not None else None,
        input=tensor_facts(input_tensor, torch) if input_tensor is not None else None,
        input_expression=input_expression,
        file=file,
        line=line,
        stack_index=stack_index,
    )
