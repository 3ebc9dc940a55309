"""No-op context: the Pulumi SDK carries it across threads; with tracing off there is nothing in it."""


class Context(dict):
    """An empty context, like opentelemetry's (a mapping)."""


_EMPTY = Context()


def get_current():
    """The current context: always empty."""
    return _EMPTY


def attach(context):
    """Makes `context` current: nothing to do; returns a token for detach."""
    return None


def detach(token):
    """Restores the context before attach: nothing to do."""
    return None
