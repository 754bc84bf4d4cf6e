"""EMOFF (SWOT): environment, the facts by kind and the TOWS strategies with their actions."""

from __future__ import annotations

from pacspec.i18n import label
from pacspec.report.cells import (
    lines_cell,
    text_cell,
)
from pacspec.report.document import (
    Block,
    Column,
    Paragraph,
    Row,
    Section,
    Table,
)
from pacspec.report.sections import Context, SectionSpec, Sheet

_CROSSINGS: tuple[str, ...] = ("so", "st", "wo", "wt")


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc = ev.locale
    title = SECTION.title(loc)
    emoff = ev.plan.emoff
    if emoff is None:
        return Section(SECTION.id, title, (Paragraph(label("rep_not_stated", loc), "note"),))
    blocks: list[Block] = []
    if emoff.environment:
        blocks.append(Paragraph(emoff.environment, "lead"))
    kinds = (("threats", emoff.threats), ("opportunities", emoff.opportunities),
             ("strengths", emoff.strengths), ("weaknesses", emoff.weaknesses))

    def fact_text(text: str, weight: int | None) -> str:
        return text if weight is None else f"{text} ({label('rep_weight', loc)} {weight})"

    blocks.append(Table(
        "emoff-facts", label("rep_emoff_facts", loc),
        tuple(Column(k, label(f"rep_{k}", loc), wide=True) for k, _ in kinds),
        (Row(tuple(lines_cell(fact_text(f.text, f.weight) for f in facts)
                   for _, facts in kinds)),),
    ))
    facts = emoff.facts()
    rows: list[Row] = []
    for crossing in _CROSSINGS:
        for strategy in getattr(emoff.strategies, crossing):
            actions = [a.title for a in ev.plan.actions if strategy.id in a.strategies]
            rows.append(Row((
                text_cell(label(f"rep_tows_{crossing}", loc), strong=True),
                text_cell(strategy.text),
                lines_cell(facts[u][1].text if u in facts else u for u in strategy.uses),
                lines_cell(actions),
            ), key=strategy.id))
    if rows:
        blocks.append(Table("emoff-strategies", label("rep_emoff_strategies", loc), (
            Column("crossing", label("rep_crossing", loc)),
            Column("strategy", label("rep_strategy", loc), wide=True),
            Column("uses", label("rep_uses", loc), wide=True),
            Column("actions", label("rep_actions", loc), wide=True),
        ), tuple(rows)))
    return Section(SECTION.id, title, tuple(blocks))


SECTION = SectionSpec(
    id="emoff", order=20, title=lambda loc: label("rep_title_emoff", loc), build=build,
    xlsx=Sheet(lambda loc: "EMOFF", 40), terminal=False,
)
