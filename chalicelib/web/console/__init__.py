"""The staff console: server-rendered pages for an organisation's staff, behind an e-mail sign-in."""
