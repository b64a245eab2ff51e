"""The public surface is exactly __all__, and every name in it resolves."""

from __future__ import annotations

import newsgraph


def test_public_api_all_names_resolve():
    for name in newsgraph.__all__:
        assert getattr(newsgraph, name) is not None


def test_public_api_unknown_name_is_attribute_error():
    try:
        newsgraph.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
