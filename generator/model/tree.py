"""Walking a plan's model tree: every node in document order, and the data path of each."""

from __future__ import annotations

from .values import Node


def walk(node) -> list[Node]:
    """Every model node below (and including) node, in document order."""
    out: list[Node] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Node):
            out.append(item)
            d = item.__dict__
            children = [d[name] for name in type(item).__pydantic_fields__]
            stack.extend(c for c in reversed(children) if isinstance(c, (Node, list, dict)))
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
    return out


_FIELDS_REVERSED: dict[type, tuple[str, ...]] = {}


def index(node, path: tuple = ()) -> tuple[list[Node], dict[int, tuple]]:
    """Every model node below node in document order, and the data path of each (by id)."""
    nodes: list[Node] = []
    paths: dict[int, tuple] = {}
    stack = [(node, path)]
    branch = (Node, list, dict)
    while stack:
        item, where = stack.pop()
        if isinstance(item, Node):
            nodes.append(item)
            paths[id(item)] = where
            cls = type(item)
            names = _FIELDS_REVERSED.get(cls)
            if names is None:
                names = _FIELDS_REVERSED[cls] = tuple(reversed(cls.__pydantic_fields__))
            d = item.__dict__
            for n in names:  # pushed last to first, so they pop in document order
                v = d[n]
                if v is not None and isinstance(v, branch) and v != []:
                    stack.append((v, where + (n,)))
        elif isinstance(item, list):
            for i in range(len(item) - 1, -1, -1):
                if isinstance(item[i], branch):
                    stack.append((item[i], where + (i,)))
        elif isinstance(item, dict):
            for k, v in reversed(item.items()):
                if isinstance(v, branch):
                    stack.append((v, where + (k,)))
    return nodes, paths
