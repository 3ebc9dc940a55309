"""A no-op stand-in for the parts of opentelemetry-api/-sdk that the Pulumi Python SDK 3.248.0 imports.

Copied into the runtime by scripts/python-runtime.js only when the interpreter has no real opentelemetry
(Debian packages none, and PyPI is unreachable here). pulumi/runtime/_instrumentation.py imports context,
propagate, trace and sdk.trace at load and uses context.get_current/attach/detach around every RPC; it sets
tracing up only when TRACEPARENT is set, which the stand-in language host never passes on. Tracing is
therefore off, and asking for it fails loudly instead of tracing nothing.
"""
