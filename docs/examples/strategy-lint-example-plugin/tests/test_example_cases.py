"""Every case in cases.toml, one parametrised test (the whole test file for most rules)."""

import pytest

from strategy_lint.testing import load_cases


@pytest.mark.parametrize("case", load_cases("cases.toml"), ids=str)
def test_case(case, tmp_path):
    case.check(tmp_path)
