"""Which addresses the data may hold and a page may link to: http or https with a host."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(url: str) -> bool:
    """True for an http or https address with a host and no surrounding blanks."""
    if url != url.strip():
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL at all, e.g. 'http://[x' (an unclosed IPv6 bracket)
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def safe_url(url: str) -> str | None:
    """The address, without surrounding blanks, when a browser may follow it; else None."""
    address = url.strip()
    return address if is_web_url(address) else None
