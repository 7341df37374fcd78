"""Write atlas_extras/_operations.py: one typed method per contract operation, for each client.

Run by `nox -s generate` after openapi-python-client, and checked by `nox -s check_generated`. It reads
the generated operation modules (their `_get_kwargs` signature, the success type of `_parse_response`
and the docstring) so that the facade follows the contract with no hand-written boilerplate.

Importing the facade loads no generated module: models appear in annotations only (`TYPE_CHECKING`), and
each operation is an accessor (`_op_<name>()`, cached) that imports its generated module, models and
decoder on first use and builds its `Operation(name, build, decoder)` then. `warm_up()` resolves them all,
so that a client can load everything when it is made instead of on its first request.

Usage: python scripts/generate_facade.py GENERATED_PACKAGE_DIR OUTPUT_FILE
"""

from __future__ import annotations

import ast
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

# Which client has which operation (as the reference SDK splits them).
CONTROL_PLANE_TAGS = {
    "agent_classes",
    "agent_definitions",
    "model_providers",
    "system_prompts",
    "tools",
    "deployments",
    "grasp_analyses",
    "system",
}
WORKFLOW_TAGS = {"plans", "tasks", "agent_instances"}
WORKFLOW_READ_ONLY_TAGS = {"agent_definitions", "deployments"}  # Workflow gets their get_/list_ operations
WORKFLOW_EXTRA = {"health"}
ERROR_MODELS = {"HTTPError", "HTTPValidationError", "None"}
# Open-ended responses: atlas_extras.models subclasses them with dict-style access (`.get("status")`).
OPEN_MODELS = {"HealthStatus", "Metrics", "ModelProviderVerification", "ProviderModel", "LogEntry"}


@dataclass
class Param:
    name: str
    annotation: str
    default: str | None  # None: required
    kind: str  # "path", "body", "query"


@dataclass
class Op:
    name: str
    tag: str
    module: str
    params: list[Param]
    result: str  # e.g. "AgentClassRead", "list[ToolRead]", "None"
    summary: str
    description: str
    creates: bool

    @property
    def accessor(self) -> str:
        return f"_op_{self.name}"

    @property
    def paginated(self) -> bool:
        names = {p.name for p in self.params}
        return {"limit", "offset"} <= names

    @property
    def item(self) -> str:
        return self.result.removeprefix("list[").removesuffix("]")

    @property
    def return_type(self) -> str:
        if self.result.startswith("list["):
            return f"Page[{self.item}]" if self.paginated else self.result
        return self.result

    @property
    def models(self) -> list[str]:
        """The model classes the decoder needs (none for a 204)."""
        return [] if self.result == "None" else [self.item]

    @property
    def decoder(self) -> str:
        if self.result == "None":
            return "no_content"
        if self.result.startswith("list["):
            return f"{'page_result' if self.paginated else 'list_result'}({self.item})"
        return f"model_result({self.result})"


def read_operation(path: Path) -> Op:
    tree = ast.parse(path.read_text())
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    build = functions["_get_kwargs"]
    params: list[Param] = []
    for arg in build.args.args:
        params.append(Param(arg.arg, ast.unparse(arg.annotation or ast.Name("Any")), None, "path"))
    for arg, default in zip(build.args.kwonlyargs, build.args.kw_defaults, strict=True):
        if arg.arg == "x_request_id":
            continue
        annotation = ast.unparse(arg.annotation or ast.Name("Any"))
        kind = "body" if arg.arg == "body" else "query"
        params.append(Param(arg.arg, annotation, None if default is None else ast.unparse(default), kind))
    returns = functions["_parse_response"].returns
    members = [m.strip() for m in ast.unparse(returns or ast.Name("None")).split(" | ")]
    results = [m for m in members if m not in ERROR_MODELS]
    result = "None" if results == ["Any"] else results[0]
    doc = ast.get_docstring(functions["asyncio_detailed"]) or path.stem
    summary, _, rest = doc.partition("\n")
    description = rest.split("Args:")[0].split("Raises:")[0].strip()
    return Op(
        name=path.stem,
        tag=path.parent.name,
        module=path.stem,
        params=params,
        result=result,
        summary=summary.strip().rstrip(".") + ".",
        description=" ".join(description.split()),
        creates=any(p.name == "idempotency_key" for p in params),
    )


def facade_param(param: Param) -> str:
    if param.name == "idempotency_key":
        return "idempotency_key: str | None = AUTO"
    if param.default is None:
        return f"{param.name}: {param.annotation}"
    annotation = param.annotation.replace(" | Unset", "").replace("Unset | ", "")
    if param.default == "UNSET":
        return f"{param.name}: {annotation} | None = None"
    return f"{param.name}: {annotation} = {param.default}"


def signature(op: Op, *, extra: tuple[str, ...] = (), drop: tuple[str, ...] = ()) -> str:
    positional = [facade_param(p) for p in op.params if p.kind in ("path", "body") and p.name not in drop]
    keyword = [facade_param(p) for p in op.params if p.kind == "query" and p.name not in drop]
    parts = ["self", *positional]
    if keyword or extra:
        parts += ["*", *keyword, *extra]
    parts.append("**options: Unpack[RequestOptions]")
    return ", ".join(parts)


def arguments(op: Op, *, drop: tuple[str, ...] = ()) -> str:
    return ", ".join(f"{p.name}={p.name}" for p in op.params if p.name not in drop)


def docstring(op: Op, indent: str) -> str:
    text = op.summary
    if op.description:
        wrapped = textwrap.fill(op.description, width=100, initial_indent=indent, subsequent_indent=indent)
        text += f"\n\n{wrapped}"
    if op.creates:
        text += (
            f"\n\n{indent}`idempotency_key`: AUTO (the default) makes one key per call, reused by its retries;"
            f"\n{indent}pass your own to make separate calls idempotent, or None to send none (no retries)."
        )
    return f'{indent}"""{text}\n{indent}"""' if "\n" in text else f'{indent}"""{text}"""'


def method(op: Op, sync: bool) -> str:
    indent = " " * 8
    prefix, call = ("def", "self._request") if sync else ("async def", "await self._request")
    return (
        f"    {prefix} {op.name}({signature(op)}) -> {op.return_type}:\n"
        f"{docstring(op, indent)}\n"
        f"{indent}return {call}({', '.join([f'{op.accessor}()', 'options', *filter(None, [arguments(op)])])})\n"
    )


def raw_method(op: Op, sync: bool) -> str:
    indent = " " * 8
    prefix, call = ("def", "self._client._request_raw") if sync else ("async def", "await self._client._request_raw")
    return (
        f"    {prefix} {op.name}({signature(op)}) -> RawResponse[{op.return_type}]:\n"
        f'{indent}"""`{op.name}`, returning the raw response; `.parse()` gives the result."""\n'
        f"{indent}return {call}({', '.join([f'{op.accessor}()', 'options', *filter(None, [arguments(op)])])})\n"
    )


def iterator(op: Op, sync: bool) -> str:
    indent = " " * 8
    name = "iter_" + op.name.removeprefix("list_").removeprefix("query_")
    returns = f"{'SyncPaginator' if sync else 'AsyncPaginator'}[{op.item}]"
    helper = "paginate_sync" if sync else "paginate"
    extra = ("limit: int = 100", "prefetch: int = 1", "state: PaginationState | None = None")
    fetch_args = arguments(op, drop=("limit", "offset"))
    fetch_args = f"{fetch_args}, limit=limit, offset=offset" if fetch_args else "limit=limit, offset=offset"
    return (
        f"    def {name}({signature(op, extra=extra, drop=('limit', 'offset'))}) -> {returns}:\n"
        f'{indent}"""Every item of `{op.name}`, page by page; see `{helper}`."""\n'
        f"{indent}return {helper}(\n"
        f"{indent}    lambda limit, offset: self.{op.name}({fetch_args}, **options),\n"
        f"{indent}    limit,\n"
        f"{indent}    prefetch=prefetch,\n"
        f"{indent}    state=state,\n"
        f"{indent})\n"
    )


def client_class(name: str, base: str, ops: list[Op], sync: bool, doc: str) -> str:
    body = [f"class {name}({base}):", f'    """{doc}"""', ""]
    for op in ops:
        body.append(method(op, sync))
        if op.paginated:
            body.append(iterator(op, sync))
    return "\n".join(body)


def raw_class(name: str, base: str, ops: list[Op], sync: bool, doc: str) -> str:
    body = [f"class {name}({base}):", f'    """{doc}"""', ""]
    body += [raw_method(op, sync) for op in ops]
    return "\n".join(body)


def model_source(name: str, package: Path) -> str:
    """The module a model is imported from: ours for the open-ended ones (dict-style access), else generated."""
    return ".models" if name in OPEN_MODELS else f"{package.name}.models"


def imports(ops: list[Op], package: Path) -> list[str]:
    """The imports of every name the annotations use (under `TYPE_CHECKING`: nothing generated loads)."""
    used = " ".join(p.annotation for op in ops for p in op.params) + " " + " ".join(op.result for op in ops)
    words = set(used.replace("[", " ").replace("]", " ").split())
    lines = set()
    for model_file in sorted((package / "models").glob("*.py")):
        for node in ast.parse(model_file.read_text()).body:
            if isinstance(node, ast.ClassDef) and node.name in words:
                lines.add(f"    from {model_source(node.name, package)} import {node.name}")
    return sorted(lines)


def accessor(op: Op, package: Path) -> str:
    """The cached function that builds `op`'s `Operation` on first use, importing only what it needs."""
    body = [f"    from {package.name}.api.{op.tag} import {op.module}"]
    body += [f"    from {model_source(name, package)} import {name}" for name in op.models]
    return (
        f"@cache\ndef {op.accessor}() -> Operation[{op.return_type}]:\n"
        + "\n".join(body)
        + f'\n\n    return Operation("{op.name}", {op.module}._get_kwargs, {op.decoder})\n'
    )


def client_of(op: Op) -> str:
    """Which client(s) an operation belongs to: "Shared", "ControlPlane" or "Workflow"."""
    read_only = op.name.startswith(("get_", "list_")) and op.tag in WORKFLOW_READ_ONLY_TAGS
    if read_only or op.name in WORKFLOW_EXTRA:
        return "Shared"
    return "Workflow" if op.tag in WORKFLOW_TAGS else "ControlPlane"


def render(package: Path) -> str:
    paths = sorted(p for p in (package / "api").glob("*/*.py") if p.stem != "__init__")
    ops = sorted((read_operation(p) for p in paths), key=lambda op: (op.tag, op.name))
    unknown = {op.tag for op in ops} - CONTROL_PLANE_TAGS - WORKFLOW_TAGS
    if unknown:
        raise SystemExit(f"tags {sorted(unknown)} belong to no client: update scripts/generate_facade.py")
    out = [
        '"""Typed methods for every contract operation. GENERATED by scripts/generate_facade.py: do not edit.',
        "",
        "`Shared` operations belong to both clients; regenerate with `nox -s generate`.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from functools import cache",
        "from typing import TYPE_CHECKING, Unpack",
        "from uuid import UUID",
        "",
        "from ._base import AsyncClientBase, AsyncRawBase, SyncClientBase, SyncRawBase",
        "from ._call import AUTO, Operation, RequestOptions, list_result, model_result, no_content, page_result",
        "from .pages import Page",
        "from .pagination import AsyncPaginator, PaginationState, SyncPaginator, paginate, paginate_sync",
        "from ._raw import RawResponse",
        "",
        "if TYPE_CHECKING:",
        *imports(ops, package),
        "",
    ]
    out += [accessor(op, package) for op in ops]
    out += [
        f"_OPERATIONS = ({', '.join(op.accessor for op in ops)},)",
        "",
        "",
        "def warm_up() -> None:",
        '    """Resolve every operation now (its generated module, models and decoder), not on its first call."""',
        "    for operation in _OPERATIONS:",
        "        operation()",
        "",
    ]
    for sync in (False, True):
        prefix, base = ("Sync", "SyncClientBase") if sync else ("Async", "AsyncClientBase")
        for client in ("Shared", "ControlPlane", "Workflow"):
            members = [op for op in ops if client_of(op) == client]
            doc = f"{client} operations ({'blocking' if sync else 'async'})."
            out.append(client_class(f"{prefix}{client}Operations", base, members, sync, doc))
            raw_doc = f"{client} operations returning raw responses ({'blocking' if sync else 'async'})."
            out.append(raw_class(f"{prefix}{client}RawOperations", f"{prefix}RawBase", members, sync, raw_doc))
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    package_dir, output = Path(sys.argv[1]), Path(sys.argv[2])
    output.write_text(render(package_dir))
