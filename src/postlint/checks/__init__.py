"""Code for the rules that need more than a phrase, a pattern or a domain list.

Each public function is a checker: ``check(doc, ctx) -> Iterable[Match]`` with normalized offsets.
"""
