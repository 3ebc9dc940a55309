"""The part of parver that Pulumi's generated Python SDKs use, over Debian's python3-packaging.

Copied into the runtime by scripts/python-runtime.js only when the interpreter has no parver (Debian 12 does
not package it, and PyPI is unreachable here). A generated SDK's _utilities.py turns its own PEP 440 version
into semver at import: it calls `Version.parse(text)` and reads `release`, `pre_tag`, `pre`, `dev` and `local`,
which this Version gives with parver's meanings (pre_tag is normalised: "a", "b" or "rc").
"""
from packaging.version import Version as _Pep440


class Version:
    """A PEP 440 version, as parver.Version exposes the fields the generated SDKs read."""

    def __init__(self, text):
        parsed = _Pep440(text)
        self.release = parsed.release
        self.pre_tag = parsed.pre[0] if parsed.pre else None
        self.pre = parsed.pre[1] if parsed.pre else None
        self.dev = parsed.dev
        self.local = parsed.local
        self._text = str(parsed)

    @classmethod
    def parse(cls, text, strict=False):
        """Parses `text`; raises packaging's InvalidVersion when it is not PEP 440."""
        return cls(text)

    def __str__(self):
        return self._text
