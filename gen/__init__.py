"""Tern's generator: validates the ABI description (abi/) and the build config
(configs/), and renders the Jinja2 templates (templates/) into per-arch headers."""
