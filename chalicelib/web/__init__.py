"""The web layer: what turns HTTP requests, queue batches and schedules into use-case calls, and
their answers and errors into responses. `app.py` holds the routes; this package the plumbing."""
