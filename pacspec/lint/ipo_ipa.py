"""IPO/IPA scales: thresholds and notes lie on the declared note scale, and notes name known
criteria."""

from __future__ import annotations

from pacspec.lint._common import suggest
from pacspec.lint._registry import Code, Context, register

CODES = {
    "threshold-scale": Code(
        "error",
        "An IPO or IPA threshold lies outside the note scale.",
        "Set a threshold between `scale.min` and `scale.max`.",
    ),
    "note-scale": Code(
        "error",
        "A note in `ipo_ipa.notes` lies outside the note scale.",
        "Give a note on the scale.",
    ),
    "unresolved-ref": Code(
        "error",
        "A criterion in `ipo_ipa.notes` is neither an IPO nor an IPA criterion. The hint "
        "suggests the closest one or lists them.",
        "Fix the criterion id, or declare the criterion.",
    ),
}


@register(CODES, order=80)
def check_ipo_ipa(ctx: Context) -> None:
    spec = ctx.plan.ipo_ipa
    if spec is None:
        return
    lo, hi = spec.scale.min, spec.scale.max
    for axis, value in (("ipo", spec.thresholds.ipo), ("ipa", spec.thresholds.ipa)):
        if value is not None and not lo <= value <= hi:
            ctx.add("error", "threshold-scale", ("ipo_ipa", "thresholds", axis),
                    ctx.text("msg_threshold_scale", axis=axis.upper(), value=f"{value:g}",
                             lo=f"{lo:g}", hi=f"{hi:g}"))
    criteria = {c.id for c in [*spec.ipo, *spec.ipa]}
    for client, notes in spec.notes.items():
        for crit, note in notes.items():
            path = ("ipo_ipa", "notes", client, crit)
            if crit not in criteria:
                ctx.add("error", "unresolved-ref", path,
                        ctx.text("msg_unknown_criterion", ref=crit),
                        suggest(crit, sorted(criteria), ctx.lang), at_key=True)
            elif not lo <= note <= hi:
                ctx.add("error", "note-scale", path,
                        ctx.text("msg_note_scale", value=f"{note:g}", lo=f"{lo:g}",
                                 hi=f"{hi:g}"))
