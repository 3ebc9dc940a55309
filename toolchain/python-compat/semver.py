"""semver 2.x with the name semver 3 added: `Version`, which the Pulumi Python SDK 3.248.0 imports.

Copied into the runtime by scripts/python-runtime.js only when the interpreter's semver lacks `Version`
(Debian 12 ships python3-semver 2.10, and PyPI is unreachable here). It loads the interpreter's own semver
module from the rest of sys.path, puts it in its place, and aliases `Version` to `VersionInfo`: the SDK only
calls `Version.parse`, which both have.
"""
import importlib.machinery
import importlib.util
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))


def _real_semver_spec():
    for entry in sys.path:
        if os.path.abspath(entry or ".") == _HERE:
            continue
        spec = importlib.machinery.PathFinder.find_spec("semver", [entry or "."])
        if spec is not None:
            return spec
    raise ImportError("semver: no semver package besides the compat module (apt-get install python3-semver)")


_spec = _real_semver_spec()
_real = importlib.util.module_from_spec(_spec)
sys.modules[__name__] = _real
_spec.loader.exec_module(_real)
if not hasattr(_real, "Version"):
    _real.Version = _real.VersionInfo
