# tcpspec profile rfc9293-5961, as `tcpspec profile show rfc9293-5961` writes it; the format:
# tcpspec(1), PROFILE FILES.  Each switch: what it does when set and what
# RFC 9293 says; a switch that is set has its source (FILE:FUNCTION or a
# document) and its RFC status: permitted (a choice the RFCs leave open), or
# departure with the requirement label (or section) it breaks.
# Departures from RFC 9293: none.

name = rfc9293-5961
describes = RFC 9293 with the RFC 5961 challenge ACKs (sections 3, 4) and ACK check (5)

# rst_challenge: RFC 5961 3.2: an in-window RST not at RCV.NXT gets a
#   challenge ACK.
# RFC 9293 3.10.7.4 (second check; RFC 5961 3.2): If the RST bit is set and
#   the sequence number is in the window, reset the connection; "For stacks
#   implementing the protection described in RFC 5961, the three checks below
#   apply".
# Set: permitted (RFC 9293 describes RFC 5961's challenge ACK as an optional
#   mitigation).
rst_challenge = true
rst_challenge.source = RFC 5961 3.2
rst_challenge.status = permitted

# syn_challenge: RFC 5961 4.2: a SYN in a synchronized state gets a challenge
#   ACK.
# RFC 9293 3.10.7.4 (fourth check; RFC 5961 4.2): A SYN in the window of a
#   synchronized connection is an error: send a reset (RFC 793's rule), or,
#   following RFC 5961, a challenge ACK.
# Set: permitted (RFC 9293 describes RFC 5961's challenge ACK as an optional
#   mitigation).
syn_challenge = true
syn_challenge.source = RFC 5961 4.2
syn_challenge.status = permitted

# ack_check_5961: RFC 5961 5.2: an ACK below SND.UNA-MAX.SND.WND gets an ACK
#   and is dropped.
# RFC 9293 3.10.7.4 (fifth check; RFC 5961 5.2), MAY-12: The RFC 5961
#   ACK-value check against blind data injection.
# Set: permitted (MAY-12).
ack_check_5961 = true
ack_check_5961.source = RFC 5961 5.2
ack_check_5961.status = permitted

# ack_unsent_silent: an ACK of unsent data is dropped without the RFC's ACK.
# RFC 9293 3.10.7.4 (fifth check): If the ACK acks something not yet sent
#   (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and return.
# Set: departure RFC 9293 3.10.7.4 (the RFC's ACK is not sent).
ack_unsent_silent = false

# tw_ignore_rst: RFC 1337: a RST in TIME-WAIT is ignored.
# RFC 9293 3.10.7.4 (second check, TIME-WAIT): If the RST bit is set, then
#   enter the CLOSED state, delete the TCB, and return.
# Set: departure RFC 9293 3.10.7.4 (RFC 1337 (Informational) recommends
#   ignoring it against TIME-WAIT assassination; RFC 9293 does not adopt
#   that).
tw_ignore_rst = false

# tw_accept_syn: MAY-2, RFC 6191: a SYN beyond RCV.NXT reopens a connection in
#   TIME-WAIT.
# RFC 9293 3.6.1 (RFC 6191), MAY-2: Accept a new SYN in TIME-WAIT to reopen
#   the connection.
# Set: permitted (MAY-2).
tw_accept_syn = false

# tw_rst_inexact_dropped: TIME-WAIT: a RST not at RCV.NXT is dropped without a
#   challenge ACK.
# RFC 9293 3.10.7.4 (second check, TIME-WAIT; RFC 5961 3.2): An in-window RST
#   not at RCV.NXT gets a challenge ACK (RFC 5961), or resets the connection
#   (without it); it is not dropped in silence.
# Set: departure RFC 9293 3.10.7.4 (neither the RFC 9293 nor the RFC 5961
#   answer is sent).
tw_rst_inexact_dropped = false

# rst_on_close_unread: MAY-1, SHLD-3: CLOSE with unread data, or data after
#   CLOSE, sends RST.
# RFC 9293 3.6.1, SHLD-3: A half-duplex close that loses data (CLOSE with data
#   unread, or data after CLOSE) sends RST.
# Set: permitted (SHLD-3 recommends it (with MAY-1, a half-duplex close)).
rst_on_close_unread = false

# fin_wait_2_timeout: FIN-WAIT-2 is left after a timeout.
# RFC 9293 3.3.2 (Figure 5; 3.10.7.4, eighth check): FIN-WAIT-2 is left when
#   the peer's FIN arrives; no timer ends it.
# Set: departure RFC 9293 3.3.2 (4.4BSD and Linux time out a FIN-WAIT-2 the
#   application has closed; RFC 9293 has no such rule, and no labelled
#   sentence forbids it).
fin_wait_2_timeout = false

# abort_rst_ack: resets the stack originates carry ACK=RCV.NXT.
# RFC 9293 3.10.5 (and 3.10.7.1): ABORT sends <SEQ=SND.NXT><CTL=RST>; a reset
#   in reply to a segment with ACK is <SEQ=SEG.ACK><CTL=RST>.
# Set: permitted (the ACK field rides along: the receiver of a reset in a
#   synchronized state reads its SEQ only (3.10.7.4, second check)).
abort_rst_ack = false

# keepalive_rst: a connection given up by keep-alive is reset.
# RFC 9293 3.8.4, MAY-5: Keep-alives are optional (MAY-5); how a connection
#   they find dead ends is not specified.
# Set: permitted (left open).
keepalive_rst = false

# listen_drop_syn_fin: a SYN with FIN in LISTEN is dropped.
# RFC 9293 3.10.7.2 (LISTEN, third check): "any other control or text should
#   be queued for processing later".
# Set: permitted (a lower-case should; what is not acknowledged is sent again
#   by the peer).
listen_drop_syn_fin = false

# listen_drop_syn_text: text on a SYN in LISTEN is dropped, not held until
#   ESTABLISHED.
# RFC 9293 3.10.7.2 (LISTEN, third check): "any other control or text should
#   be queued for processing later".
# Set: permitted (a lower-case should; text that is not acknowledged is sent
#   again by the peer).
listen_drop_syn_text = false

# synrcvd_rst_is_reset: a RST in active SYN-RECEIVED is reported as a reset,
#   not refused.
# RFC 9293 3.10.7.4 (second check, SYN-RECEIVED): If this connection was
#   initiated with an active OPEN (i.e., came from SYN-SENT state), then the
#   connection was refused; signal the user "connection refused".
# Set: departure RFC 9293 3.10.7.4 (the application is told "connection
#   reset").
synrcvd_rst_is_reset = false

# synrcvd_syn_resets: a SYN in passive SYN-RECEIVED gets a RST, then LISTEN.
# RFC 9293 3.10.7.4 (fourth check, SYN-RECEIVED): If the connection was
#   initiated with a passive OPEN, then return this connection to the LISTEN
#   state and return.
# Set: departure RFC 9293 3.10.7.4 (a reset is sent first).
synrcvd_syn_resets = false

# synrcvd_syn_again: the peer's SYN again in SYN-RECEIVED gets the SYN,ACK
#   again.
# RFC 9293 3.10.7.4 (first check): An unacceptable segment gets
#   <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
# Set: permitted (the SYN,ACK sent instead carries the same acknowledgment and
#   retransmits the unacknowledged SYN (3.8.1)).
synrcvd_syn_again = false

# zwp_no_data: a zero-window probe is <SEQ=SND.UNA-1> without data.
# RFC 9293 3.8.6.1, MUST-36: Support probing of zero windows.
# Set: permitted (MUST-36 does not fix the probe's form; a segment at
#   SND.UNA-1 draws the receiver's window as one octet of new data would).
zwp_no_data = false

# rst_reply_ack: a reset answering a segment with ACK carries
#   ACK=SEG.SEQ+SEG.LEN.
# RFC 9293 3.10.7.1 (3.5.2 group 1, 3.10.7.2, 3.10.7.3): A reset answering a
#   segment with the ACK bit on is <SEQ=SEG.ACK><CTL=RST>.
# Set: permitted (the ACK field rides along with the RFC's SEQ: the receiver
#   of a reset reads its SEQ (3.10.7.4, second check) or, in SYN-SENT, its ACK
#   bit and ACK (3.10.7.3, which then finds the segment's ACK acceptable only
#   when it acknowledges its SYN)).
rst_reply_ack = false

# abort_rst_always: ABORT sends a reset in SYN-SENT, CLOSING and LAST-ACK too.
# RFC 9293 3.10.5 (SYN-SENT; CLOSING, LAST-ACK): SYN-SENT: "delete the TCB,
#   enter CLOSED state"; CLOSING, LAST-ACK, TIME-WAIT: "respond with ok and
#   delete the TCB": no reset is sent.
# Set: departure RFC 9293 3.10.5 (a reset the RFC does not send (the peer has
#   no connection to reset in SYN-SENT's case)).
abort_rst_always = false

# no_simultaneous_open: SYN-SENT: a SYN without ACK is dropped (no
#   simultaneous open).
# RFC 9293 3.5 (3.10.7.3, fourth check), MUST-10: A TCP implementation MUST
#   support simultaneous open attempts.
# Set: departure MUST-10 (a SYN without ACK in SYN-SENT is dropped instead of
#   answered with SYN,ACK).
no_simultaneous_open = false

# syn_sent_ack_resets: SYN-SENT: an acceptable ACK without SYN gets a reset.
# RFC 9293 3.10.7.3 (fifth check): If neither of the SYN or RST bits is set,
#   then drop the segment and return.
# Set: departure RFC 9293 3.10.7.3 (a reset is sent for an acceptable ACK, as
#   if the peer's connection were half-open).
syn_sent_ack_resets = false

# text_without_ack: the text and FIN of a segment without ACK are taken, not
#   dropped.
# RFC 9293 3.10.7.4 (fifth check): If the ACK bit is off, drop the segment and
#   return.
# Set: departure RFC 9293 3.10.7.4 (the text and FIN of a segment without ACK
#   are taken in and acknowledged).
text_without_ack = false

# ack_unsent_takes_text: an ACK of unsent data gets the RFC's ACK, then its
#   text is taken and acknowledged.
# RFC 9293 3.10.7.4 (fifth check): If the ACK acks something not yet sent
#   (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and return.
# Set: departure RFC 9293 3.10.7.4 (the segment's text is taken in after that
#   ACK and acknowledged by a second one).
ack_unsent_takes_text = false

# fin_again_silent: CLOSE-WAIT, CLOSING, LAST-ACK: a FIN at RCV.NXT (after the
#   peer's FIN) is not acknowledged.
# RFC 9293 3.10.7.4 (eighth check, CLOSE-WAIT, CLOSING, LAST-ACK): CLOSE-WAIT
#   STATE: Remain in the CLOSE-WAIT state. CLOSING STATE: Remain in the
#   CLOSING state. LAST-ACK STATE: Remain in the LAST-ACK state..
# Set: permitted (a FIN at RCV.NXT in those states (a second FIN, which no
#   correct peer sends) is dropped without an ACK; the RFC says only to remain
#   in the state).
fin_again_silent = false

# synack_text_dropped: SYN-SENT: text and FIN on the SYN,ACK are dropped; the
#   ACK covers the SYN only.
# RFC 9293 3.10.7.3 (fourth check): If there are other controls or text in the
#   segment, then continue processing at the sixth step below where the URG
#   bit is checked; otherwise, return.
# Set: departure RFC 9293 3.10.7.3 (the SYN,ACK's text and FIN are dropped and
#   the ACK covers the SYN only (no data is lost: the peer retransmits what is
#   not acknowledged, 3.8.1)).
synack_text_dropped = false

# rst_answers_rst: a RST is answered with a reset where any other segment
#   would be.
# RFC 9293 3.10.7.1 (3.5.2; 3.10.7.2, 3.10.7.3): An incoming segment
#   containing a RST is discarded; a reset is sent "unless the incoming
#   segment has the RST bit set".
# Set: departure RFC 9293 3.10.7.1 (a reset answers a reset (two stacks doing
#   this answer each other's resets)).
rst_answers_rst = false

# listen_as_closed: LISTEN answers anything but a lone SYN as CLOSED does (no
#   LISTEN TCB).
# RFC 9293 3.10.7.2 (first, second and fourth checks): LISTEN: an incoming RST
#   should be ignored; an ACK gets <SEQ=SEG.ACK><CTL=RST>; any other segment
#   without SYN is dropped; a SYN's other control or text is queued.
# Set: departure RFC 9293 3.10.7.2 (no LISTEN TCB: a segment other than a lone
#   SYN gets the reset of 3.10.7.1 CLOSED).
listen_as_closed = false

# data_after_close_acked: only CLOSE with unread data resets
#   (rst_on_close_unread); data after CLOSE is taken in.
# RFC 9293 3.6.1, SHLD-3: If such a host issues a CLOSE call while received
#   data is still pending ..., or if new data is received after CLOSE is
#   called, its TCP implementation SHOULD send a RST to show that data was
#   lost.
# Set: departure SHLD-3 (with rst_on_close_unread: the RST for unread data
#   only; data after CLOSE is acknowledged (as 3.10.7.4's seventh check would
#   for a full-duplex close)).
data_after_close_acked = false

# fin_repeat: while our FIN is unacknowledged, an ACK carries the FIN again at
#   its own sequence number.
# RFC 9293 3.10.7.4 (first check, fifth to eighth checks): The acknowledgment
#   is <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
# Set: permitted (the ACK rides on a retransmission of the unacknowledged FIN
#   (<SEQ=SND.NXT-1>), which the peer acknowledges as a duplicate (3.10.7.4,
#   first check); no new sequence number is used).
fin_repeat = false

# syn_reset_twice: an in-window SYN that resets draws two: ABORT's
#   <SEQ=SND.NXT>, then the reply reset.
# RFC 9293 3.10.7.4 (fourth check; RFC 793): If the SYN bit is set ... (RFC
#   793's reading) send a reset, ... enter the CLOSED state.
# Set: departure RFC 9293 3.10.7.4 (two resets answer the SYN: ABORT's
#   <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, then the reply reset of
#   3.10.7.1).
syn_reset_twice = false

# text_after_fin: CLOSE-WAIT, CLOSING and LAST-ACK take segment text too.
# RFC 9293 3.10.7.4 (seventh check (CLOSE-WAIT, CLOSING, LAST-ACK)): This
#   should not occur since a FIN has been received from the remote side.
#   Ignore the segment text.
# Set: departure RFC 9293 3.10.7.4 (the text is taken in and acknowledged).
text_after_fin = false

# rst_ack_skips_fin: the reset for a segment without ACK does not count its
#   FIN in <ACK=SEG.SEQ+SEG.LEN>.
# RFC 9293 3.10.7.1 (3.3.1 (SEG.LEN)): If the ACK bit is off,
#   <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, and SEG.LEN counts the FIN.
# Set: departure RFC 9293 3.10.7.1 (the reset acknowledges one octet less for
#   a segment with FIN).
rst_ack_skips_fin = false

# keepalive_probes: unanswered keep-alive probes before giving up.
# RFC 9293 3.8.4, MUST-29: No answer to one particular keep-alive probe is not
#   taken as a dead connection.
# Set: permitted at 2 or more, departure MUST-29 below (the count is left
#   open; fewer than 2 unanswered probes breaks MUST-29).
keepalive_probes = 9
keepalive_probes.source = RFC 9293 3.8.4 leaves the count open; 9, as 4.4BSD and Linux
keepalive_probes.status = permitted

# syn_retries: SYN retransmissions before giving up (0: never).
# RFC 9293 3.8.3, MUST-23: R2 for a SYN allows retransmission for at least 3
#   minutes.
# Set: permitted (R2 is a time; the model counts retransmissions, so a count
#   alone is not judged).
syn_retries = 0

# synack_retries: SYN,ACK retransmissions before giving up (0: never).
# RFC 9293 3.8.3, MUST-20: Handle excessive retransmissions with thresholds R1
#   (advise IP) and R2 (close the connection).
# Set: permitted (R2 is a time; the model counts retransmissions, so a count
#   alone is not judged).
synack_retries = 0

# data_retries: data retransmissions before giving up (0: never).
# RFC 9293 3.8.3, SHLD-11: R2 is at least 100 seconds.
# Set: permitted (R2 is a time; the model counts retransmissions, so a count
#   alone is not judged).
data_retries = 0
