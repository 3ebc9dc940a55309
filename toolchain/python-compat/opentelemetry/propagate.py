"""Stand-in: extracting a trace context means tracing, which this runtime cannot do."""
from ._unsupported import unsupported


def extract(carrier, context=None):
    """Raises: see opentelemetry/__init__.py."""
    unsupported("opentelemetry.propagate.extract")
