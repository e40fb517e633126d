"""The Typer commands: each parses its options, calls the core, hands the result to a renderer."""
