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

# id ~ file ~ function proved ~ what the mutant does ~ old text ~ new text
# ("\n" and "\t" stand for a newline and a tab; the old text occurs once)
cat >"$WORK/list" <<'EOF'
1 ~ tcp_seq.h ~ seq_dist ~ modular distance off by one ~ UINT32_MAX - (b - a - 1u) ~ UINT32_MAX - (b - a)
2 ~ tcp_seq.h ~ seq_lt ~ "precedes" at distance 2^31 ~ return d != 0 && d < SEQ_HALF; ~ return d != 0 && d <= SEQ_HALF;
3 ~ tcp_accept.c ~ tcp_seg_acceptable ~ last octet of the segment off by one ~ seq_add(seq, seglen - 1u) ~ seq_add(seq, seglen)
4 ~ tcp_accept.c ~ tcp_seg_acceptable ~ text accepted into a zero window ~ \t\treturn false; ~ \t\treturn true;
5 ~ tcp_emit.c ~ tcp_emit_reset_for ~ SEG.LEN without SYN and FIN in the reset's ACK ~ seq_add(s.seq, tcp_seglen(s)) ~ seq_add(s.seq, s.len)
6 ~ tcp_emit.c ~ tcp_emit_reset_for ~ ACK flag dropped from <CTL=RST,ACK> ~ tcp_emit(out, TCP_RST | TCP_ACK, 0, ~ tcp_emit(out, TCP_RST, 0,
7 ~ tcp_emit.c ~ tcp_emit_reset_for ~ the reset's SEQ off by one ~ tcp_emit(out, TCP_RST, s.ack, 0, 0, 0); ~ tcp_emit(out, TCP_RST, s.ack + 1u, 0, 0, 0);
8 ~ tcp_emit.c ~ tcp_emit_ack ~ ACK sent from SND.UNA instead of SND.NXT ~ tcp_emit(out, TCP_ACK, t.snd_nxt, ~ tcp_emit(out, TCP_ACK, t.snd_una,
9 ~ tcp_emit.c ~ tcp_output ~ FIN sent before the queued data ~ fin = t.fin_queued && !t.fin_sent && len == t.snd_queued; ~ fin = t.fin_queued && !t.fin_sent;
10 ~ tcp_emit.c ~ tcp_output ~ a queued CLOSE enters FIN-WAIT-2 ~ \t\tt.state = TCP_FIN_WAIT_1; ~ \t\tt.state = TCP_FIN_WAIT_2;
11 ~ tcp_closed.c ~ tcp_seg_closed ~ CLOSED answers a RST with a RST ~ if (s.flags & TCP_RST) { ~ if (s.flags & TCP_SYN) {
12 ~ tcp_listen.c ~ tcp_seg_listen ~ LISTEN's reset from SEG.SEQ ~ tcp_emit(out, TCP_RST, s.ack, 0, 0, 0); ~ tcp_emit(out, TCP_RST, s.seq, 0, 0, 0);
13 ~ tcp_listen.c ~ tcp_seg_listen ~ LISTEN does not ignore a RST ~ if (s.flags & TCP_RST) { ~ if (s.flags & TCP_URG) {
14 ~ tcp_syn_sent.c ~ tcp_seg_syn_sent ~ SYN-SENT resets an acceptable ACK ~ if (ack && !tcp_ack_acceptable(t, s.ack)) { ~ if (ack && tcp_ack_acceptable(t, s.ack)) {
15 ~ tcp_syn_sent.c ~ synsent_syn ~ ESTABLISHED before our SYN is acknowledged ~ if (seq_gt(t.snd_una, t.iss)) { ~ if (seq_ge(t.snd_una, t.iss)) {
16 ~ tcp_ack.c ~ syn_received_ack ~ SYN-RECEIVED enters CLOSE-WAIT on the ACK ~ t.state = t.fin_queued ? TCP_FIN_WAIT_1 : TCP_ESTABLISHED; ~ t.state = t.fin_queued ? TCP_FIN_WAIT_1 : TCP_CLOSE_WAIT;
17 ~ tcp_ack.c ~ fin_acked_moves ~ CLOSING enters TIME-WAIT before our FIN is acknowledged ~ \t\tif (tcp_fin_acked(t)) {\n\t\t\tt.state = TCP_TIME_WAIT; ~ \t\tif (true) {\n\t\t\tt.state = TCP_TIME_WAIT;
18 ~ tcp_ack.c ~ tcp_seg_ack ~ an ACK of SND.NXT taken for an ACK of unsent data ~ if (seq_gt(s.ack, t.snd_nxt)) { ~ if (seq_ge(s.ack, t.snd_nxt)) {
19 ~ tcp_other.c ~ rst_arrives ~ RFC 5961 check inverted: a RST acted on off RCV.NXT ~ if (p.rst_challenge && s.seq != t.rcv_nxt) ~ if (p.rst_challenge && s.seq == t.rcv_nxt)
20 ~ tcp_other.c ~ syn_arrives ~ RFC 5961 SYN challenge switch inverted ~ \tif (p.syn_challenge) ~ \tif (!p.syn_challenge)
21 ~ tcp_other.c ~ unacceptable ~ an unacceptable RST is acknowledged ~ \tif (s.flags & TCP_RST)\n\t\treturn drop(t, R_3_10_7_4_UNACCEPTABLE_RST, out); ~ \tif (s.flags & TCP_URG)\n\t\treturn drop(t, R_3_10_7_4_UNACCEPTABLE_RST, out);
22 ~ tcp_data.c ~ fin ~ a FIN in ESTABLISHED enters LAST-ACK ~ \t\tt.state = TCP_CLOSE_WAIT; ~ \t\tt.state = TCP_LAST_ACK;
23 ~ tcp_data.c ~ fin ~ a FIN in FIN-WAIT-1 enters TIME-WAIT before our FIN is acknowledged ~ \t\tt.state = TCP_CLOSING; ~ \t\tt.state = TCP_TIME_WAIT;
24 ~ tcp_data.c ~ text ~ RCV.WND not reduced by the text taken in ~ \tt.rcv_wnd -= accept;\n ~ 
25 ~ tcp_user.c ~ user_close ~ CLOSE: FIN-WAIT-1 and LAST-ACK swapped ~ TCP_ESTABLISHED ? TCP_FIN_WAIT_1 : TCP_LAST_ACK; ~ TCP_ESTABLISHED ? TCP_LAST_ACK : TCP_FIN_WAIT_1;
26 ~ tcp_user.c ~ send_syn ~ the SYN not sent at ISS ~ tcp_emit(out, TCP_SYN, t.iss, 0, t.rcv_wnd, 0); ~ tcp_emit(out, TCP_SYN, t.snd_nxt, 0, t.rcv_wnd, 0);
27 ~ tcp_timer.c ~ give_up ~ any passive connection given up returns to LISTEN ~ if (t.state == TCP_SYN_RECEIVED && t.passive) ~ if (t.passive)
28 ~ tcp_ack.c ~ syn_received_ack ~ SND.WND not taken from the ACK that ends SYN-RECEIVED ~ \tt.snd_wnd = s.wnd;\n\tt.snd_wl1 = s.seq; ~ \tt.snd_wl1 = s.seq;
29 ~ tcp_tcb.c ~ tcp_tcb_open ~ SND.NXT not advanced over our SYN ~ t.snd_nxt = seq_add(iss, 1); ~ t.snd_nxt = iss;
30 ~ tcp_other.c ~ tcp_seg_other ~ a RST in the window processed as no RST ~ \tif (s.flags & TCP_RST)\n\t\treturn rst_arrives(t, s, p, out); ~ \tif (s.flags & TCP_PSH)\n\t\treturn rst_arrives(t, s, p, out);
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
    mid, fname, fn, desc, old = [x.strip() for x in f[:5]]
    new = f[5] if len(f) > 5 else ""
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
        m.write("\n".join([mid, fname, fn, desc, "ok" if n == 1 else "stale"]) + "\n")
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

for dir in "$WORK"/m*; do
	[ -f "$dir/run" ] || continue
	{ read -r id; read -r file; read -r fn; read -r desc; read -r state; } <"$dir/meta"
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
	if [ "$rc" -eq 0 ]; then
		verdict="SURVIVED"
		survivors="$survivors $id"
	else
		verdict="killed"
		killed=$((killed + 1))
		# the functions that lost a proof, and how many goals each
		why=$(sed -n 's/^.* \([a-z_][a-z_0-9]*\)  *[0-9][0-9]*  *[0-9][0-9]* .*<-- \([0-9][0-9]*\) unproved.*/\1 -\2/p' \
			"$dir/prove.log" | head -3 | tr '\n' ' ' | sed 's/ $//')
	fi
	printf 'mutant %2s: %-8s %4ss  %-18s %s%s\n' "$id" "$verdict" \
		"$(cat "$dir/secs" 2>/dev/null || echo 0)" "$fn" "$desc" \
		"${why:+  [$why]}"
done

echo "killed $killed/$total"
[ -n "$survivors" ] && echo "survivors:$survivors (a property is missing)"
if [ $stale -gt 0 ]; then
	echo "$stale mutant(s) did not apply or did not run: update scripts/mutants.sh" >&2
	exit 2
fi
[ $total -ge 20 ] && [ $((killed * 100)) -ge $((total * 95)) ] && exit 0
exit 1
