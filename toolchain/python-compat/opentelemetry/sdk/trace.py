"""Stand-in: the SDK's tracer provider, importable (the Pulumi SDK names it at load) but not usable."""
from .._unsupported import unsupported


class TracerProvider:
    """Raises when built: see opentelemetry/__init__.py."""

    def __init__(self, *args, **kwargs):
        unsupported("opentelemetry.sdk.trace.TracerProvider")
