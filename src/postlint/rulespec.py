"""The schema of one rule file: common metadata plus a matcher, discriminated on ``kind``."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .guideline import STANDARDS
from .model import CATEGORIES

Category = Literal[
    "link", "personal-data", "political", "approval", "confidentiality", "expression", "platform", "accessibility",
    "engine",
]
assert set(Category.__args__) == set(CATEGORIES)
SeverityName = Literal["error", "warning", "info"]
Form = Literal["surface", "normalized", "dictionary", "reading"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """A draft and the raw spans the rule must report in it (none: a passing example)."""

    text: str
    spans: list[tuple[int, int]] = []
    severities: list[SeverityName] | None = None  # expected severity of each span, in order
    config: dict[str, Any] | None = None  # config overrides (same keys as postlint.toml)
    note: str = ""

    @model_validator(mode="after")
    def _check(self):
        for s, e in self.spans:
            # empty only at the start: a finding about the draft as a whole (empty-draft) has no text to span
            if not (0 <= s < e <= len(self.text) or s == e == 0):
                raise ValueError(f"span [{s}, {e}] is outside the example text (length {len(self.text)})")
        if self.severities is not None and len(self.severities) != len(self.spans):
            raise ValueError("severities must list one severity per span")
        return self


class PhraseMatch(_Strict):
    """Phrases matched on Sudachi forms at token boundaries."""

    phrases: list[str] = []
    dictionaries: list[str] = []  # files under dictionaries/: one phrase a line, optional TAB label
    forms: list[Form] = ["normalized", "dictionary", "surface"]
    # the dictionary label replaces the matched phrase (``postlint --fix``): safe when the label is one
    # term, unsafe when it lists several (``不公平・一方的``)
    replace_with_label: bool = False

    @model_validator(mode="after")
    def _some(self):
        if not self.phrases and not self.dictionaries:
            raise ValueError("a phrase matcher needs phrases or dictionaries")
        return self


class RegexMatch(_Strict):
    pattern: str
    target: Literal["prose", "normalized"] = "prose"
    ignore_case: bool = False
    token_boundaries: bool = False  # the match must start and end at token boundaries
    group: int | str = 0  # the group whose span is reported

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        import regex

        try:
            regex.compile(v, regex.V1)
        except regex.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        return v


class DomainMatch(_Strict):
    domains: list[str] = []
    dictionaries: list[str] = []  # files under dictionaries/: one domain a line

    @model_validator(mode="after")
    def _some(self):
        if not self.domains and not self.dictionaries:
            raise ValueError("a domain matcher needs domains or dictionaries")
        return self


class PythonMatch(_Strict):
    checker: str = Field(pattern=r"^[a-z_][a-z0-9_]*$")  # the module of postlint.checks that registers it
    options: dict[str, Any] = {}


class _RuleBase(_Strict):
    code: str = Field(pattern=r"^[A-Z]{2}\d{3}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    category: Category
    severity: SeverityName
    guideline: str = Field(pattern=r"^(?:\d+(?:\.\d+)?|※\d+)(?:\s*,\s*(?:\d+(?:\.\d+)?|※\d+))*$")
    message: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    summary: str = ""  # one line for `postlint rules`; defaults to the first line of the rationale
    default: bool = True  # selected unless the config says otherwise
    personal: bool = False  # findings are a private person's data: masked in output
    mask: Literal["auto", "digits", "email", "name", "all"] = "auto"
    approval: Literal["consultation", "approver"] | None = None  # a finding raises the draft to this level
    fix: str = ""  # how the rule's findings are fixed (``postlint --fix``), for the docs; "" if they are not
    # standards or other guidelines behind the rule besides the Tokushima guideline (keys of guideline.STANDARDS)
    standards: list[str] = []
    examples: list[Example] = Field(min_length=2)

    @field_validator("standards")
    @classmethod
    def _known_standards(cls, v: list[str]) -> list[str]:
        unknown = [s for s in v if s not in STANDARDS]
        if unknown:
            raise ValueError(f"unknown standard(s) {unknown}: one of {sorted(STANDARDS)}")
        return v

    @model_validator(mode="after")
    def _examples_both_ways(self):
        if not any(e.spans for e in self.examples):
            raise ValueError("a rule needs at least one failing example (with spans)")
        if not any(not e.spans for e in self.examples):
            raise ValueError("a rule needs at least one passing example (without spans)")
        return self


class PhraseRule(_RuleBase):
    kind: Literal["phrase"]
    match: PhraseMatch


class RegexRule(_RuleBase):
    kind: Literal["regex"]
    match: RegexMatch


class DomainRule(_RuleBase):
    kind: Literal["domain"]
    match: DomainMatch


class PythonRule(_RuleBase):
    kind: Literal["python"]
    match: PythonMatch


Rule = Annotated[Union[PhraseRule, RegexRule, DomainRule, PythonRule], Field(discriminator="kind")]
