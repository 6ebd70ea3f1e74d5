"""The document's own facts agree: a 시행문's 시행일 is not before its approval, and its 수신
line and its list of recipients say the same."""

from __future__ import annotations

from ..locale.words import Words
from .base import Context, rule

LISTED_RECIPIENTS = "수신자 참조"
"""What the 수신 line says when the recipients are listed under the sender."""


@rule("dispatch-date", "시행일과 결재일 / A notice is sent on or after its approval")
def dispatch_date(ctx: Context) -> None:
    """A 시행문's 시행일 (``dispatch.enforced_on``) is on or after the approval date
    (``header.approved_on``): a document is sent once it is approved."""
    dispatch = ctx.plan.dispatch
    if dispatch is None or dispatch.enforced_on is None:
        return
    approved, sent = ctx.plan.header.approved_on, dispatch.enforced_on
    ctx.compare(ctx.path(dispatch) + ("enforced_on",), Words("date sent (시행일)"),
                Words("on or after {date}", date=approved.isoformat()), sent.isoformat(),
                sent >= approved,
                Words("the notice is sent on {sent}, before it is approved on {approved}",
                      sent=sent.isoformat(), approved=approved.isoformat()),
                Words("check the 시행일 and the approval date (header.approved_on)"))


@rule("dispatch-recipients", "수신과 수신자 목록 / The addressee line and the recipient list agree")
def dispatch_recipients(ctx: Context) -> None:
    """The 수신 line says 수신자 참조 exactly when the recipients are listed
    (``dispatch.recipients``), as the form requires: a list beside a named addressee, or
    수신자 참조 with no list, leaves the reader without the addressees."""
    dispatch = ctx.plan.dispatch
    if dispatch is None:
        return
    refers = "".join(dispatch.recipient.ko.split()) == "".join(LISTED_RECIPIENTS.split())
    listed = bool(dispatch.recipients)
    path = ctx.path(dispatch) + (("recipients",) if listed and not refers else ("recipient",))
    ctx.compare(path, Words("recipients (수신)"),
                Words("a list") if refers else Words("no list"),
                Words("a list") if listed else Words("no list"), refers == listed,
                Words("the 수신 line says {line}, but no recipients are listed", line=LISTED_RECIPIENTS)
                if refers else Words("recipients are listed, but the 수신 line names {line}",
                                     line=dispatch.recipient.ko),
                Words("list the recipients under dispatch.recipients") if refers
                else Words("write the 수신 line as {line}, or drop the list",
                           line=LISTED_RECIPIENTS))
