"""Stand-in: installing a tracer provider means tracing, which this runtime cannot do."""
from ._unsupported import unsupported


def set_tracer_provider(provider):
    """Raises: see opentelemetry/__init__.py."""
    unsupported("opentelemetry.trace.set_tracer_provider")
