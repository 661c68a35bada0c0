"""The citizen's pages: server-rendered HTML, readable without JavaScript, every outside text escaped.

No script at all, and the one stylesheet is served by this app (`/static/...`), so the
Content-Security-Policy can forbid everything else. The stylesheet's name carries a hash of its
content: it may be cached for a year, and a changed file gets a new name.
"""
