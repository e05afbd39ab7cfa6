"""The version pitchlint reports (`--version`, SARIF, batch workers) and packages under."""

__version__ = "0.1.0"
