"""The domain: pure rules and models. Nothing here performs I/O or knows a provider or AWS."""
