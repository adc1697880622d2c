"""Code for the rules that need more than a phrase, a pattern or a domain list.

A checker is registered with ``@checker("CODE")`` (``registry.py``): ``check(doc, ctx) -> Iterable[Match]`` with normalized offsets.
"""
