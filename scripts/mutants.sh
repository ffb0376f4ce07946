#!/usr/bin/env bash
# scripts/mutants.sh - proofs that can fail: make small mutants of model/,
# prove each one, and count the mutants that the proofs kill.
#
#   scripts/mutants.sh            every mutant
#   scripts/mutants.sh 3 7        mutants 3 and 7 only
#
# Each mutant is one textual change in one function of a copy of model/ (the
# tree itself is never touched): a flipped comparison, an off-by-one in an
# ACK, a swapped state, a dropped flag.  The copy must still compile; it is
# then proved with scripts/prove.sh (the mutated function's own target,
# since every caller sees the function through its contract), reusing the
# WP cache of this machine (build/wp-cache) for the goals the change leaves alone.  A
# mutant is killed when at least one goal is no longer proved.  A survivor
# names a property the contracts do not state: add it to spec/ and model/.
#
# Prints one line per mutant and "killed K/N"; exits 0 when K/N >= 95%,
# 1 otherwise, 2 when a mutant no longer applies (its text has moved).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tcpspec-mutants.XXXXXX") || exit 3
trap 'rm -rf "$WORK"' EXIT INT TERM

# id ~ property ~ file ~ function proved ~ what the mutant does ~ old text ~ new text
# ("\n" and "\t" stand for a newline and a tab; the old text occurs once).
# The property is the one of issue 12 that the bug breaks (spec/README.md,
# "Mutants"): a first check, b RST, c required moves, d state diagram,
# e segments sent by timers, f timers armed/restarted, g send window and
# SND.WL1/WL2, h RCV.NXT over text and FIN, i notifications, j termination;
# and seq (sequence arithmetic), reset (the resets we send, 3.5.2), ack
# (SND.UNA, fifth check), close (the FIN after the queued data).
cat >"$WORK/list" <<'EOF'
1 ~ seq ~ tcp_seq.h ~ seq_dist ~ modular distance off by one ~ UINT32_MAX - (b - a - 1u) ~ UINT32_MAX - (b - a)
2 ~ seq ~ tcp_seq.h ~ seq_lt ~ "precedes" at distance 2^31 ~ return d != 0 && d < SEQ_HALF; ~ return d != 0 && d <= SEQ_HALF;
3 ~ a ~ tcp_accept.c ~ tcp_seg_acceptable ~ last octet of the segment off by one ~ seq_add(seq, seglen - 1u) ~ seq_add(seq, seglen)
4 ~ a ~ tcp_accept.c ~ tcp_seg_acceptable ~ text accepted into a zero window ~ \t\treturn false; ~ \t\treturn true;
5 ~ reset ~ tcp_emit.c ~ tcp_emit_reset_for ~ SEG.LEN without SYN and FIN in the reset's ACK ~ \telse\n\t\ttcp_emit(out, TCP_RST | TCP_ACK, 0,\n\t\t\t seq_add(s.seq, tcp_seglen(s)), 0, 0); ~ \telse\n\t\ttcp_emit(out, TCP_RST | TCP_ACK, 0,\n\t\t\t seq_add(s.seq, s.len), 0, 0);
6 ~ reset ~ tcp_emit.c ~ tcp_emit_reset_for ~ ACK flag dropped from <CTL=RST,ACK> ~ \telse\n\t\ttcp_emit(out, TCP_RST | TCP_ACK, 0, ~ \telse\n\t\ttcp_emit(out, TCP_RST, 0,
7 ~ reset ~ tcp_emit.c ~ tcp_emit_reset_for ~ the reset's SEQ off by one ~ tcp_emit(out, TCP_RST, s.ack, 0, 0, 0); ~ tcp_emit(out, TCP_RST, s.ack + 1u, 0, 0, 0);
8 ~ a ~ tcp_emit.c ~ tcp_emit_ack ~ ACK sent from SND.UNA instead of SND.NXT ~ tcp_emit(out, TCP_ACK, t.snd_nxt, ~ tcp_emit(out, TCP_ACK, t.snd_una,
9 ~ close ~ tcp_emit.c ~ tcp_output ~ FIN sent before the queued data ~ fin = t.fin_queued && !t.fin_sent && len == t.snd_queued; ~ fin = t.fin_queued && !t.fin_sent;
10 ~ d ~ tcp_emit.c ~ tcp_output ~ a queued CLOSE enters FIN-WAIT-2 ~ \t\tt.state = TCP_FIN_WAIT_1; ~ \t\tt.state = TCP_FIN_WAIT_2;
11 ~ b ~ tcp_closed.c ~ tcp_seg_closed ~ CLOSED answers a RST with a RST ~ if ((s.flags & TCP_RST) && !p.rst_answers_rst) { ~ if ((s.flags & TCP_SYN) && !p.rst_answers_rst) {
12 ~ reset ~ tcp_emit.c ~ tcp_emit_reset_for ~ the reset for an ACK from SEG.SEQ ~ tcp_emit(out, TCP_RST, s.ack, 0, 0, 0); ~ tcp_emit(out, TCP_RST, s.seq, 0, 0, 0);
13 ~ b ~ tcp_listen.c ~ tcp_seg_listen ~ LISTEN does not ignore a RST ~ if (s.flags & TCP_RST) { ~ if (s.flags & TCP_URG) {
14 ~ c ~ tcp_syn_sent.c ~ tcp_seg_syn_sent ~ SYN-SENT resets an acceptable ACK ~ if (ack && !tcp_ack_acceptable(t, s.ack)) { ~ if (ack && tcp_ack_acceptable(t, s.ack)) {
15 ~ c ~ tcp_syn_sent.c ~ synsent_syn ~ ESTABLISHED before our SYN is acknowledged ~ if (seq_gt(t.snd_una, t.iss)) { ~ if (seq_ge(t.snd_una, t.iss)) {
16 ~ d ~ tcp_ack.c ~ syn_received_ack ~ SYN-RECEIVED enters CLOSE-WAIT on the ACK ~ t.state = t.fin_queued ? TCP_FIN_WAIT_1 : TCP_ESTABLISHED; ~ t.state = t.fin_queued ? TCP_FIN_WAIT_1 : TCP_CLOSE_WAIT;
17 ~ d ~ tcp_ack.c ~ fin_acked_moves ~ CLOSING enters TIME-WAIT before our FIN is acknowledged ~ \t\tif (tcp_fin_acked(t)) {\n\t\t\tt.state = TCP_TIME_WAIT; ~ \t\tif (true) {\n\t\t\tt.state = TCP_TIME_WAIT;
18 ~ ack ~ tcp_ack.c ~ tcp_seg_ack ~ an ACK of SND.NXT taken for an ACK of unsent data ~ if (seq_gt(s.ack, t.snd_nxt)) { ~ if (seq_ge(s.ack, t.snd_nxt)) {
19 ~ b ~ tcp_other.c ~ rst_arrives ~ RFC 5961 check inverted: a RST acted on off RCV.NXT ~ if (p.rst_challenge && s.seq != t.rcv_nxt) ~ if (p.rst_challenge && s.seq == t.rcv_nxt)
20 ~ b ~ tcp_other.c ~ syn_arrives ~ RFC 5961 SYN challenge switch inverted ~ \tif (p.syn_challenge) ~ \tif (!p.syn_challenge)
21 ~ a ~ tcp_other.c ~ unacceptable ~ an unacceptable RST is acknowledged ~ \tif (s.flags & TCP_RST)\n\t\treturn drop(t, R_3_10_7_4_UNACCEPTABLE_RST, out); ~ \tif (s.flags & TCP_URG)\n\t\treturn drop(t, R_3_10_7_4_UNACCEPTABLE_RST, out);
22 ~ d ~ tcp_data.c ~ fin ~ a FIN in ESTABLISHED enters LAST-ACK ~ \t\tt.state = TCP_CLOSE_WAIT; ~ \t\tt.state = TCP_LAST_ACK;
23 ~ d ~ tcp_data.c ~ fin ~ a FIN in FIN-WAIT-1 enters TIME-WAIT before our FIN is acknowledged ~ \t\tt.state = TCP_CLOSING; ~ \t\tt.state = TCP_TIME_WAIT;
24 ~ h ~ tcp_data.c ~ text ~ RCV.WND not reduced by the text taken in ~ \tt.rcv_wnd -= accept;\n ~ 
25 ~ d ~ tcp_user.c ~ close_sending ~ CLOSE: FIN-WAIT-1 and LAST-ACK swapped ~ TCP_ESTABLISHED ? TCP_FIN_WAIT_1 : TCP_LAST_ACK; ~ TCP_ESTABLISHED ? TCP_LAST_ACK : TCP_FIN_WAIT_1;
26 ~ c ~ tcp_user.c ~ send_syn ~ the SYN not sent at ISS ~ tcp_emit(out, TCP_SYN, t.iss, 0, t.rcv_wnd, 0); ~ tcp_emit(out, TCP_SYN, t.snd_nxt, 0, t.rcv_wnd, 0);
27 ~ e ~ tcp_timer.c ~ give_up ~ any passive connection given up returns to LISTEN ~ if (t.state == TCP_SYN_RECEIVED && t.passive) ~ if (t.passive)
28 ~ g ~ tcp_ack.c ~ syn_received_ack ~ SND.WND not taken from the ACK that ends SYN-RECEIVED ~ \tt.snd_wnd = s.wnd;\n\tt.snd_wl1 = s.seq; ~ \tt.snd_wl1 = s.seq;
29 ~ c ~ tcp_tcb.c ~ tcp_tcb_open ~ SND.NXT not advanced over our SYN ~ t.snd_nxt = seq_add(iss, 1); ~ t.snd_nxt = iss;
30 ~ b ~ tcp_other.c ~ tcp_seg_other ~ a RST in the window processed as no RST ~ \tif (s.flags & TCP_RST)\n\t\treturn rst_arrives(t, s, p, out); ~ \tif (s.flags & TCP_PSH)\n\t\treturn rst_arrives(t, s, p, out);
31 ~ e ~ tcp_timer.c ~ front_segment ~ retransmission sent from SND.NXT, not from SND.UNA ~ \tr.seq = t.snd_una; ~ \tr.seq = t.snd_nxt;
32 ~ e ~ tcp_timer.c ~ front_segment ~ a retransmitted FIN counted twice: data beyond SND.NXT ~ \t\tr.len = flight - 1u; ~ \t\tr.len = flight;
33 ~ e ~ tcp_timer.c ~ front_segment ~ SYN-RECEIVED resends its SYN without the ACK ~ \t\tr.flags = TCP_SYN | TCP_ACK; ~ \t\tr.flags = TCP_SYN;
34 ~ e ~ tcp_timer.c ~ front_segment ~ our FIN dropped from the retransmission ~ \t\tr.flags = r.len > 0 ? TCP_ACK | TCP_PSH | TCP_FIN : TCP_ACK | TCP_FIN; ~ \t\tr.flags = TCP_ACK | TCP_PSH;
35 ~ e ~ tcp_timer.c ~ zero_window_probe ~ the zero-window probe carries no octet although the profile sends one ~ \t\t t.snd_nxt, t.rcv_nxt, t.rcv_wnd, 1); ~ \t\t t.snd_nxt, t.rcv_nxt, t.rcv_wnd, 0);
36 ~ e ~ tcp_timer.c ~ keepalive ~ keep-alive probe at SND.NXT instead of SND.NXT-1 ~ tcp_emit(out, TCP_ACK, seq_sub(t.snd_nxt, 1), t.rcv_nxt, ~ tcp_emit(out, TCP_ACK, t.snd_nxt, t.rcv_nxt,
37 ~ e ~ tcp_timer.c ~ retransmit ~ one retransmission more than the profile's limit ~ if (limit != 0 && t.retransmits >= limit) ~ if (limit != 0 && t.retransmits > limit)
38 ~ e ~ tcp_timer.c ~ give_up ~ giving up without telling the user ~ \tout->notify = TCP_N_TIMED_OUT;\n\treturn tcp_tcb_deleted(t);\n}\n\n/* Our SYN ~ \treturn tcp_tcb_deleted(t);\n}\n\n/* Our SYN
39 ~ e ~ tcp_timer.c ~ keepalive ~ keep-alive give-up RST sent when the profile says not to ~ \t\tif (p.keepalive_rst)\n ~ \t\tif (!p.keepalive_rst)\n
40 ~ e ~ tcp_timer.c ~ retransmit ~ a stale retransmission timer resends with nothing outstanding ~ \tif (!outstanding(t)) { ~ \tif (!outstanding(t) && t.state == TCP_CLOSED) {
41 ~ f ~ tcp_data.c ~ fin ~ TIME-WAIT does not restart the 2 MSL timer on a retransmitted FIN ~ \t\t\tout->timers_arm |= TCP_TIMER_BIT(TCP_T_TIME_WAIT);\n\t\t\tnote(out, R_3_10_7_4_FIN_TIME_WAIT_RESTART); ~ \t\t\tnote(out, R_3_10_7_4_FIN_TIME_WAIT_RESTART);
42 ~ f ~ tcp_ack.c ~ tcp_seg_ack ~ the retransmission timer not restarted when an ACK acknowledges new data (RFC 6298 5.3) ~ \t\tif (t.snd_una != t.snd_nxt)\n\t\t\tout->timers_arm |= TCP_TIMER_BIT(TCP_T_RETRANSMIT);\n ~ 
43 ~ g ~ tcp_emit.c ~ usable_window ~ the usable window ignores the data in flight ~ return flight < t.snd_wnd ? t.snd_wnd - flight : 0; ~ return flight < t.snd_wnd ? t.snd_wnd : 0;
44 ~ g ~ tcp_emit.c ~ tcp_output ~ all queued data sent once the window is open at all ~ len = tcp_min32(t.snd_queued, usable_window(t)); ~ len = usable_window(t) > 0 ? t.snd_queued : 0;
45 ~ g ~ tcp_ack.c ~ window_update ~ SND.WL2 test reversed ~ (t.snd_wl1 == s.seq && seq_le(t.snd_wl2, s.ack))) { ~ (t.snd_wl1 == s.seq && seq_le(s.ack, t.snd_wl2))) {
46 ~ g ~ tcp_ack.c ~ window_update ~ SND.WL1 not recorded with the new window ~ \t\tt.snd_wnd = s.wnd;\n\t\tt.snd_wl1 = s.seq;\n ~ \t\tt.snd_wnd = s.wnd;\n
47 ~ g ~ tcp_ack.c ~ window_update ~ an old segment updates the window ~ if (seq_lt(t.snd_wl1, s.seq) || ~ if (true ||
48 ~ g ~ tcp_ack.c ~ window_update ~ only an ACK of new data updates the window ~ if (!(seq_le(t.snd_una, s.ack) && seq_le(s.ack, t.snd_nxt))) ~ if (!(seq_lt(t.snd_una, s.ack) && seq_le(s.ack, t.snd_nxt)))
49 ~ g ~ tcp_other.c ~ synack_completes ~ simultaneous open: SND.WND not taken from the SYN,ACK ~ \tt.snd_una = s.ack;\n\tt.snd_wnd = s.wnd;\n ~ \tt.snd_una = s.ack;\n
50 ~ h ~ tcp_data.c ~ text ~ text taken in beyond the receive window ~ \taccept = tcp_min32(accept, t.rcv_wnd);\n ~ 
51 ~ h ~ tcp_data.c ~ absorb ~ held text taken in across a gap ~ if (!t.held || seq_gt(t.held_seq, t.rcv_nxt) || ~ if (!t.held ||
52 ~ h ~ tcp_data.c ~ fin ~ RCV.NXT not advanced over the FIN ~ \tt.rcv_nxt = seq_add(t.rcv_nxt, 1);\n\t/* nothing follows ~ \t/* nothing follows
53 ~ h ~ tcp_data.c ~ text ~ out-of-order text taken in as if in order ~ \tif (seq_gt(first, t.rcv_nxt)) { ~ \tif (false) {
54 ~ i ~ tcp_data.c ~ fin ~ a FIN not signalled as "connection closing" ~ \tout->notify = TCP_N_REMOTE_CLOSE;\n ~ 
55 ~ i ~ tcp_other.c ~ syn_arrives ~ the reset of an in-window SYN not signalled ~ \tout->notify = TCP_N_RESET;\n\treturn drop(tcp_tcb_deleted(t), R_3_10_7_4_SYN_RESET, out); ~ \treturn drop(tcp_tcb_deleted(t), R_3_10_7_4_SYN_RESET, out);
56 ~ i ~ tcp_timer.c ~ tcp_timeout ~ user timeout signalled as a plain time-out ~ out->notify = TCP_N_USER_TIMEOUT; ~ out->notify = TCP_N_TIMED_OUT;
57 ~ a ~ tcp_other.c ~ unacceptable ~ an unacceptable segment dropped without the ACK ~ \ttcp_emit_ack_for(t, p, out);\n\tif (tw_fin_again(t, s)) { ~ \tif (tw_fin_again(t, s)) {
58 ~ a ~ tcp_other.c ~ seq_check ~ a SYN at RCV.NXT accepted into a zero window ~ if (t.rcv_wnd == 0 && s.seq == t.rcv_nxt && !(s.flags & TCP_SYN)) { ~ if (t.rcv_wnd == 0 && s.seq == t.rcv_nxt) {
59 ~ b ~ tcp_other.c ~ rst_arrives ~ passive SYN-RECEIVED closed by a RST instead of returning to LISTEN ~ return drop(tcp_tcb_to_listen(t),\n\t\t\t\t    R_3_10_7_4_RST_SYN_RECEIVED_PASSIVE, out); ~ return drop(tcp_tcb_deleted(t),\n\t\t\t\t    R_3_10_7_4_RST_SYN_RECEIVED_PASSIVE, out);
60 ~ b ~ tcp_other.c ~ rst_arrives ~ a RST in ESTABLISHED signalled as "connection refused" ~ \t\tout->notify = TCP_N_RESET;\n\t\treturn drop(tcp_tcb_deleted(t), R_3_10_7_4_RST, out); ~ \t\tout->notify = TCP_N_REFUSED;\n\t\treturn drop(tcp_tcb_deleted(t), R_3_10_7_4_RST, out);
61 ~ c ~ tcp_listen.c ~ listen_syn ~ LISTEN + SYN enters SYN-SENT ~ \tt.state = TCP_SYN_RECEIVED;\n\tif (!p.listen_drop_syn_text ~ \tt.state = TCP_SYN_SENT;\n\tif (!p.listen_drop_syn_text
62 ~ c ~ tcp_listen.c ~ listen_syn ~ RCV.NXT not advanced over the peer's SYN ~ \tt.rcv_nxt = seq_add(s.seq, 1);\n\tt.rcv_up = t.rcv_nxt; ~ \tt.rcv_nxt = s.seq;\n\tt.rcv_up = t.rcv_nxt;
63 ~ j ~ tcp_other.c ~ tcp_seg_other_trimmed ~ the SYN not trimmed off before processing the rest again (no progress) ~ rest.flags = (uint8_t)(s.flags & (TCP_FIN | TCP_RST | TCP_PSH | TCP_ACK | ~ rest.flags = (uint8_t)(s.flags & (TCP_FIN | TCP_RST | TCP_PSH | TCP_ACK | TCP_SYN |
64 ~ c ~ tcp_syn_sent.c ~ tcp_seg_syn_sent ~ no_simultaneous_open drops a SYN,ACK too ~ if ((s.flags & TCP_SYN) && !ack && p.no_simultaneous_open) { ~ if ((s.flags & TCP_SYN) && p.no_simultaneous_open) {
65 ~ c ~ tcp_syn_sent.c ~ tcp_seg_syn_sent ~ syn_sent_ack_resets resets a segment without ACK ~ if (ack && p.syn_sent_ack_resets) { ~ if (p.syn_sent_ack_resets) {
66 ~ a ~ tcp_emit.c ~ tcp_emit_ack_for ~ fin_repeat's FIN at a new sequence number ~ seq_sub(t.snd_nxt, 1u) ~ t.snd_nxt
67 ~ b ~ tcp_closed.c ~ tcp_seg_closed ~ a RST answered where the profile drops it ~ if ((s.flags & TCP_RST) && !p.rst_answers_rst) { ~ if ((s.flags & TCP_RST) && p.rst_answers_rst) {
68 ~ c ~ tcp_listen.c ~ tcp_seg_listen ~ listen_as_closed answers a lone SYN as CLOSED ~ if (p.listen_as_closed && !lone_syn(s)) { ~ if (p.listen_as_closed) {
69 ~ ack ~ tcp_other.c ~ ack_text_fin ~ the text of an ACK of unsent data taken whatever the profile ~ if (dropped && p.ack_unsent_takes_text && ~ if (dropped &&
70 ~ h ~ tcp_data.c ~ text ~ CLOSE-WAIT takes text whatever the profile ~ \t    !(p.text_after_fin && (t.state == TCP_CLOSE_WAIT || ~ \t    !((p.text_after_fin || 1) && (t.state == TCP_CLOSE_WAIT ||
71 ~ reset ~ tcp_other.c ~ syn_arrives ~ two resets for an in-window SYN whatever the profile ~ \tif (p.syn_reset_twice) {\n\t\t/* 4.4BSD: tcp_drop(tp, 0); goto dropwithreset; */\n\t\ttcp_emit_abort_rst(t, p, out);\n\t\ttcp_emit_reset_again(s, p, out);\n\t} else {\n\t\ttcp_emit_reset_for(s, p, out);\n\t}\n\tout->notify = TCP_N_RESET; ~ \tif (true) {\n\t\t/* 4.4BSD: tcp_drop(tp, 0); goto dropwithreset; */\n\t\ttcp_emit_abort_rst(t, p, out);\n\t\ttcp_emit_reset_again(s, p, out);\n\t} else {\n\t\ttcp_emit_reset_for(s, p, out);\n\t}\n\tout->notify = TCP_N_RESET;
72 ~ i ~ tcp_user.c ~ user_send ~ SEND in CLOSED told "connection closing" ~ return reply(t, TCP_N_NOT_EXIST, R_3_10_2_SEND_CLOSED, out); ~ return reply(t, TCP_N_CLOSING, R_3_10_2_SEND_CLOSED, out);
73 ~ c ~ tcp_user.c ~ user_abort ~ ABORT in ESTABLISHED deletes the TCB without its reset ~ \ttcp_emit_abort_rst(t, p, out);\n\treturn reply(tcp_tcb_deleted(t), TCP_N_OK, R_3_10_5_ABORT_RST, out); ~ \treturn reply(tcp_tcb_deleted(t), TCP_N_OK, R_3_10_5_ABORT_RST, out);
74 ~ c ~ tcp_user.c ~ user_close ~ CLOSE in SYN-RECEIVED holds the FIN although nothing waits ~ if (t.snd_queued > 0) ~ if (t.snd_queued > 0 || t.fin_queued)
75 ~ i ~ tcp_user.c ~ user_receive ~ RECEIVE in FIN-WAIT-2 refused (the half-closed side may still read) ~ \tcase TCP_CLOSING:\n\tcase TCP_LAST_ACK:\n\tcase TCP_TIME_WAIT:\n\t\treturn reply(t, TCP_N_CLOSING, R_3_10_3_RECEIVE_CLOSING, out); ~ \tcase TCP_FIN_WAIT_2:\n\tcase TCP_CLOSING:\n\tcase TCP_LAST_ACK:\n\tcase TCP_TIME_WAIT:\n\t\treturn reply(t, TCP_N_CLOSING, R_3_10_3_RECEIVE_CLOSING, out);
76 ~ h ~ tcp_data.c ~ fin ~ a FIN at RCV.NXT in CLOSE-WAIT never acknowledged, whatever the profile ~ \t\t\tif (ack_again)\n ~ \t\t\tif (ack_again && t.state == TCP_TIME_WAIT)\n
EOF

# Make the selected mutants, each in its own copy of model/.
python3 - "$WORK" "$*" <<'PY' || exit 3
import os, shutil, sys
work, only = sys.argv[1], sys.argv[2].split()
def text(s):
    return s.replace("\\n", "\n").replace("\\t", "\t")
for line in open(os.path.join(work, "list")):
    if not line.strip():
        continue
    f = [x[1:] if x.startswith(" ") else x for x in line.rstrip("\n").split(" ~")]
    mid, prop, fname, fn, desc, old = [x.strip() for x in f[:6]]
    new = f[6] if len(f) > 6 else ""
    if only and mid not in only:
        continue
    old, new = text(old), text(new.strip())
    d = os.path.join(work, "m%03d" % int(mid))
    shutil.copytree("model", os.path.join(d, "model"))
    path = os.path.join(d, "model", fname)
    src = open(path).read()
    n = src.count(old)
    if n == 1:
        open(path, "w").write(src.replace(old, new))
    with open(os.path.join(d, "meta"), "w") as m:
        m.write("\n".join([mid, fname, fn, desc, "ok" if n == 1 else "stale", prop]) + "\n")
PY

JOBS=${WP_JOBS:-$(nproc 2>/dev/null || echo 2)}

# prove_mutant DIR: prove the mutated function; DIR/rc, DIR/secs
prove_mutant() {
	{ read -r _; read -r _; read -r pfn; } <"$1/meta"
	t0=$(date +%s)
	MODEL="$1/model" OUT="$1/out" WP_SMOKE=0 WP_JOBS=1 \
		FRAMAC_WP_CACHE=replay scripts/prove.sh "$pfn" >"$1/prove.log" 2>&1
	echo $? >"$1/rc"
	echo $(($(date +%s) - t0)) >"$1/secs"
}
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"; exit 130' INT TERM

# Check that each mutant applies and compiles, then prove them, JOBS at a
# time (each one Frama-C run with one prover process).
total=0; killed=0; stale=0; survivors=""
for dir in "$WORK"/m*; do
	[ -d "$dir" ] || continue
	{ read -r id; read -r file; read -r fn; read -r desc; read -r state; } <"$dir/meta"
	if [ "$state" != ok ]; then
		echo "mutant $id: STALE ($file: the text to mutate has moved)"
		stale=$((stale + 1))
		continue
	fi
	ok=1
	for c in "$dir"/model/*.c; do
		gcc -std=c11 -Wall -Wextra -Werror -c "$c" -o "$dir/x.o" \
			>>"$dir/gcc.log" 2>&1 || ok=0
	done
	if [ $ok = 0 ]; then
		echo "mutant $id: does not compile (fix the mutant): $desc"
		stale=$((stale + 1))
		continue
	fi
	touch "$dir/run"
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
	prove_mutant "$dir" &
done
wait

declare -A ptotal pkilled
for dir in "$WORK"/m*; do
	[ -f "$dir/run" ] || continue
	{ read -r id; read -r file; read -r fn; read -r desc; read -r state; read -r prop; } <"$dir/meta"
	rc=$(cat "$dir/rc" 2>/dev/null || echo 3)
	total=$((total + 1))
	why=""
	if [ "$rc" -ne 0 ] && { [ "$rc" -ne 1 ] ||
		grep -q "^frama-c run failed" "$dir/prove.log" ||
		! grep -q "unproved" "$dir/prove.log"; }; then
		# not a proof that failed: Frama-C did not run, or rejected the
		# mutant (a parse or typing error is a broken mutant, not a kill)
		echo "mutant $id: ERROR, prove.sh exit $rc: $desc"
		tail -5 "$dir/prove.log" | sed 's/^/    /'
		total=$((total - 1))
		stale=$((stale + 1))
		continue
	fi
	ptotal[$prop]=$((${ptotal[$prop]:-0} + 1))
	if [ "$rc" -eq 0 ]; then
		verdict="SURVIVED"
		survivors="$survivors $id"
	else
		verdict="killed"
		killed=$((killed + 1))
		pkilled[$prop]=$((${pkilled[$prop]:-0} + 1))
		# the functions that lost a proof, and how many goals each
		why=$(sed -n 's/^.* \([a-z_][a-z_0-9]*\)  *[0-9][0-9]*  *[0-9][0-9]* .*<-- \([0-9][0-9]*\) unproved.*/\1 -\2/p' \
			"$dir/prove.log" | head -3 | tr '\n' ' ' | sed 's/ $//')
	fi
	printf 'mutant %2s: %-5s %-8s %4ss  %-18s %s%s\n' "$id" "$prop" "$verdict" \
		"$(cat "$dir/secs" 2>/dev/null || echo 0)" "$fn" "$desc" \
		"${why:+  [$why]}"
done

echo "killed per property:"
for prop in $(printf '%s\n' "${!ptotal[@]}" | sort); do
	printf '  %-6s %s/%s\n' "$prop" "${pkilled[$prop]:-0}" "${ptotal[$prop]}"
done
echo "killed $killed/$total"
[ -n "$survivors" ] && echo "survivors:$survivors (a property is missing)"
if [ $stale -gt 0 ]; then
	echo "$stale mutant(s) did not apply or did not run: update scripts/mutants.sh" >&2
	exit 2
fi
min=60
[ $# -gt 0 ] && min=1
[ $total -ge $min ] && [ $((killed * 100)) -ge $((total * 95)) ] && exit 0
exit 1
