"""Built-in rules: one module per rule, each registered as its own strategy_lint entry point."""
