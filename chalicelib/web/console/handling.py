"""The console's errors as pages: every console route is wrapped in `console_handled`.

No session → 303 to the sign-in page; refused → 403 page; not found → 404 page; too many → 429
page with Retry-After; a form that could not be read → 400 page. Anything else is a bug of ours:
a 500 page that echoes nothing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.domain.errors import DomainError, Forbidden, NotFound, TooManyRequests, Unauthorized
from chalicelib.web.console.layout import message_page, redirect
from chalicelib.web.console.session import SignInRequired
from chalicelib.web.problems import Problem

log = logging.getLogger(__name__)


def console_handled(view: Callable[..., Response]) -> Callable[..., Response]:
    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return view(*args, **kwargs)
        except (SignInRequired, Unauthorized):
            return redirect("/console")
        except Forbidden:
            return message_page("Niet toegestaan", "Dit mag u niet doen, of het formulier is verlopen.", 403)
        except NotFound:
            return message_page("Niet gevonden", "Hier is niets te vinden.", 404)
        except TooManyRequests as error:
            page = message_page("Te veel pogingen", "Probeer het over een minuut opnieuw.", 429)
            page.headers["Retry-After"] = str(error.retry_after)
            return page
        except Problem as problem:
            return message_page("Dat lukte niet", "Het verzoek kon niet worden gelezen.", problem.status)
        except DomainError:
            return message_page("Dat lukte niet", "Het verzoek kon niet worden verwerkt.", 400)
        except Exception as exc:
            log.error("unhandled %s in %s", type(exc).__name__, view.__name__)
            return message_page("Er ging iets mis", "Er ging bij ons iets mis. Probeer het later opnieuw.", 500)

    return wrapper
