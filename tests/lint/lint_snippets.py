"""Plan sections shared by the lint tests of several families.

Texts are built with ``pac.text`` (conftest): a valid six-line header (the plan runs from
2026-01-01 to 2026-12-31, 4 RFM quarters), then the sections given, from line 7 on.
"""

from __future__ import annotations

# One commercial action, lines 7-14; extra keys of the action go on line 15 and after,
# indented by four spaces.
ACTION = """\
actions:
  - id: a1
    title: Action
    type: commercial
    subtype: win_back
    priority: 1
    owner: DC
    due: 2026-06
"""

IPO_IPA = """\
ipo_ipa:
  ipo: [{id: size, label: Taille}]
  ipa: [{id: relation, label: Relation}]
"""

PORTFOLIO = "portfolio:\n  thresholds: [50000, 10000]\n"

EMOFF = """\
emoff:
  threats:
    - {id: t1, text: T}
  strengths:
    - {id: s1, text: S}
  opportunities:
    - {id: o1, text: O}
  strategies:
    so:
      - id: so1
        text: Strategy
"""  # lines 7-17; the strategy's 'uses' goes on line 18
