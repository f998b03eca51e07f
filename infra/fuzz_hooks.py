"""Schemathesis hooks of infra/fuzz.sh (loaded through SCHEMATHESIS_HOOKS).

NUL characters: PostgreSQL refuses them in text, and a string holding one once reached SQL from
search parameters and JSON bodies (500s). Hypothesis draws a NUL only now and then, so in about
one generated case in four, one string of the query or the body (a parameter, a field, a nested
field, an item of a list) gets one added; the API must answer 4xx, never 5xx.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import strategies as st


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """The path of every string in `value` (dict keys and list indices)."""
    if isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _paths(item, path + (key,))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _paths(item, path + (index,))]
    return []


def _with_nul(value: Any, path: tuple) -> Any:
    if not path:
        return value[: len(value) // 2] + "\x00" + value[len(value) // 2 :]
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _with_nul(value[head], rest)}
    copy = list(value)
    copy[head] = _with_nul(copy[head], rest)
    return copy


def _sometimes_with_nul(value: Any) -> st.SearchStrategy:
    paths = _paths(value)
    if not paths:
        return st.just(value)
    with_nul = st.sampled_from(paths).map(lambda path: _with_nul(value, path))
    return st.integers(0, 3).flatmap(lambda draw: with_nul if draw == 0 else st.just(value))


@schemathesis.hook
def flatmap_query(ctx, query):
    return _sometimes_with_nul(query)


@schemathesis.hook
def flatmap_body(ctx, body):
    return _sometimes_with_nul(body)


@schemathesis.hook
def flatmap_path_parameters(ctx, path_parameters):
    return _sometimes_with_nul(path_parameters)
