"""The Typer commands: each parses its options, calls the core, hands the result to a renderer.

These modules do not use `from __future__ import annotations`: Typer reads every command's
signature on every run, and string annotations make it compile and evaluate each one again
(~8 ms a command line, for all the commands, whichever one runs).
"""
