"""What the ``hypothesis`` entry point runs when Hypothesis is imported: ``st.from_type(Org)``
then draws `orgdesign.strategies.orgs`.

The hook lives apart from `orgdesign.strategies` because that module imports Hypothesis
itself: when a user's first import is ``orgdesign.strategies``, Hypothesis runs its hooks
while that module is still half made, so a hook inside it cannot even be found. This module
imports nothing that imports Hypothesis, and it asks for the strategies only when a test
first resolves ``st.from_type(Org)``, by which time every import has finished.
"""

from __future__ import annotations

from typing import Any


def setup() -> None:
    """Register `orgs()` as Hypothesis's strategy for `Org`."""
    from hypothesis import strategies as st

    from orgdesign.model import Org

    st.register_type_strategy(Org, _orgs_for)


def _orgs_for(_type: type) -> Any:
    from orgdesign.strategies import orgs

    return orgs()
