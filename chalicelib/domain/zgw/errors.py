"""What can go wrong talking to an organisation's ZGW APIs, as the services need to tell it apart."""


class ZgwError(Exception):
    """The ZGW API could not be reached or refused us: worth retrying later."""


class ZgwNotFound(ZgwError):
    """The resource is gone (404/410): retrying will not bring it back."""


class ForeignUrl(ValueError):
    """A URL outside the connection's API roots."""


class Unresolvable(Exception):
    """The status cannot become an event (no matching case type status): retrying will not help."""
