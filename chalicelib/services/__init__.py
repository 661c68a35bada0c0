"""The use cases, one module each. They take a `Deps` of ports, raise domain errors and return
typed answers (`chalicelib.domain.answers`); none of them knows HTTP, AWS or a provider."""
