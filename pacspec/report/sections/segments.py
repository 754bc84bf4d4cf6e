"""RFM segments: clients and revenue per segment (on the RFM sheet of the workbook)."""

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
from pacspec.report.sections import Context, SectionSpec, Sheet


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, cur = ev.locale, ev.plan.header.currency
    segments = ev.rule_summary("segment")
    blocks: tuple[Block, ...] = (
        (rule_table("segments", None, label("segment", loc), segments, loc, cur),) if segments
        else (Paragraph(label("rep_not_stated", loc), "note"),))
    return Section(SECTION.id, SECTION.title(loc), blocks)


SECTION = SectionSpec(
    id="segments", order=60, title=lambda loc: label("title_segments", loc), build=build,
    xlsx=Sheet(lambda loc: "RFM", 60), terminal=True,
)
