"""What the stand-in answers to any use that would need real tracing."""


def unsupported(what):
    """Raises: tracing needs the real opentelemetry packages."""
    raise RuntimeError(
        f"{what}: tracing needs the real opentelemetry-api and opentelemetry-sdk packages; "
        "this runtime has a no-op stand-in (toolchain/python-compat/opentelemetry)"
    )
