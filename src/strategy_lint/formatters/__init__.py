"""Output formats: each registered through the strategy_lint_formatters hook."""
