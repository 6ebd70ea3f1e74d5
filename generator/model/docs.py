"""The model's own documentation: every model class, and each field's docstring as its description.

The field docstrings are read from the source of :mod:`.values`, :mod:`.blocks` and
:mod:`.document`; they become the JSON Schema descriptions editors show and the reference in
``docs/``.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from . import blocks, disclosure, document, values
from .values import Node

_MODULES = (values, disclosure, blocks, document)
"""The modules that define model classes, in the order the classes are listed."""


def model_classes() -> list[type[Node]]:
    """Every model class: those of values, blocks and document, in the order each defines them."""
    return [v for module in _MODULES for v in vars(module).values()
            if isinstance(v, type) and issubclass(v, Node) and v.__module__ == module.__name__]


_FIELD_DOCS_ATTACHED = False


def attach_field_docs() -> None:
    """Make each field's docstring its description, for the JSON Schema and the reference docs.

    Done on demand (schema and docs generation), not at import: reading the docstrings costs
    more than validating a plan, and validation does not need them.
    """
    global _FIELD_DOCS_ATTACHED
    if _FIELD_DOCS_ATTACHED:
        return
    docs: dict[str, dict[str, str]] = {}
    for module in _MODULES:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                found = docs.setdefault(node.name, {})
                for a, b in zip(node.body, node.body[1:]):
                    if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name) and \
                            isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant) and \
                            isinstance(b.value.value, str):
                        found[a.target.id] = inspect.cleandoc(b.value.value)
    for cls in model_classes():
        for name, info in cls.__pydantic_fields__.items():
            for base in cls.__mro__:
                doc = docs.get(base.__name__, {}).get(name)
                if doc:
                    info.description = doc
                    break
    for cls in model_classes():
        cls.model_rebuild(force=True)
    _FIELD_DOCS_ATTACHED = True
