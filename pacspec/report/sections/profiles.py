"""Client profiles and typologies: clients and revenue per rule."""

from __future__ import annotations

from pacspec.i18n import label
from pacspec.report.cells import (
    rule_table,
)
from pacspec.report.document import (
    Block,
    Paragraph,
    Section,
)
from pacspec.report.scoped import scoped_profiles
from pacspec.report.sections import Context, SectionSpec, Sheet


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, cur = ev.locale, ev.plan.header.currency
    blocks: list[Block] = []
    profiles = ev.rule_summary("profile")
    if profiles:
        blocks.append(rule_table("profiles", None, label("profile", loc), profiles, loc, cur))
    else:
        blocks.append(Paragraph(label("rep_not_stated", loc), "note"))
    typologies = ev.rule_summary("typology")
    if typologies:
        blocks.append(rule_table("typologies", label("rep_typologies", loc),
                                  label("typology", loc), typologies, loc, cur))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="profiles", order=50, title=lambda loc: label("title_profiles", loc), build=build,
    xlsx=Sheet(lambda loc: label("rep_sheet_profiles", loc), 70),
    terminal=True, scoped=scoped_profiles,
)
