/*
 * proto.h - the target line protocol, version 1: its constants and the one
 * description of its grammar, for both sides: the harness that sends the
 * commands (target.h, target_exec.c) and the programs that answer them
 * (agents/agentline.h).  The whole protocol, meaning included, is
 * conformance/TARGETS.md; this is its section 2 ("Lines") and the syntax
 * of section 4 ("Commands").
 *
 *	line     = at most TARGET_LINE_MAX bytes, the "\n" included; a "\r"
 *	           before it is ignored; ASCII
 *	command  = NAME *(BLANK WORD)   BLANK: one or more spaces or tabs;
 *	                                NAME and its words: TARGET_COMMANDS
 *	reply    = "ok" *(" " VALUE)
 *	         | "err" " " CODE " " MESSAGE
 *	CODE     = an errno name as Linux's <errno.h> spells it ("ECONNRESET")
 *	MESSAGE  = free text for humans, maybe empty, no newline
 *	hello    -> "ok" " " TARGET_PROTOCOL_NAME " " VERSION " " STACK
 *	advance  -> "ok" " " TICK   (optional: the stack's timer tick in ms,
 *	                             1..TARGET_TICK_MAX_MS; TARGETS.md 4)
 *
 * Exactly one reply line to every command line, even an empty, unknown or
 * malformed one; one command outstanding at a time.
 */
#ifndef TCPSPEC_TARGETS_PROTO_H
#define TCPSPEC_TARGETS_PROTO_H

#include <errno.h>

#define TARGET_PROTOCOL_NAME "tcpspec-target"
#define TARGET_PROTOCOL_VERSION 1
#define TARGET_LINE_MAX 256	   /* bytes per line, newline included */
#define TARGET_IO_MAX (1L << 30) /* largest N of send and recv */
#define TARGET_ADVANCE_MAX_MS 3600000L /* largest MS of advance: one hour */
#define TARGET_TICK_MAX_MS 60000L      /* largest TICK an advance may report */
#define TARGET_REPLY_OK "ok"
#define TARGET_REPLY_ERR "err"

/* Codes with a fixed meaning in the protocol (TARGETS.md, section 2). */
#define TARGET_EMALFORMED EINVAL   /* unknown name, wrong word count, bad number or word */
#define TARGET_ENOSOCKET EBADF	   /* the socket ID does not exist */
#define TARGET_EUNSUPPORTED ENOSYS /* the target cannot do this command or option */
#define TARGET_ENOTNOW EAGAIN	   /* nothing to do now (accept, recv, send) */

/*
 * The commands: X(ID, NAME, MIN, MAX, USAGE), MIN and MAX the number of
 * words after NAME, USAGE the text of `err EINVAL usage: USAGE`.
 */
#define TARGET_COMMANDS(X)                                             \
	X(HELLO, "hello", 0, 0, "hello")                               \
	X(LISTEN, "listen", 1, 2, "listen PORT [BACKLOG]")             \
	X(ACCEPT, "accept", 1, 1, "accept ID")                         \
	X(CONNECT, "connect", 3, 3, "connect LPORT RADDR RPORT")       \
	X(SEND, "send", 2, 2, "send ID N")                             \
	X(RECV, "recv", 2, 2, "recv ID N")                             \
	X(SHUTDOWN, "shutdown", 2, 2, "shutdown ID wr|rd|rdwr")        \
	X(CLOSE, "close", 1, 1, "close ID")                            \
	X(ABORT, "abort", 1, 1, "abort ID")                            \
	X(SETOPT, "setopt", 3, 3, "setopt ID NAME VALUE")              \
	X(STATE, "state", 2, 2, "state LPORT RPORT")                   \
	X(ERROR, "error", 1, 1, "error ID")                            \
	X(RESET, "reset", 0, 0, "reset")                               \
	X(ADVANCE, "advance", 1, 1, "advance MS")                      \
	X(QUIT, "quit", 0, 0, "quit")

#define TARGET_CMD_ENUM_(id, name, min, max, usage) TARGET_CMD_##id,
enum target_command { TARGET_COMMANDS(TARGET_CMD_ENUM_) TARGET_NCOMMANDS };
#undef TARGET_CMD_ENUM_

#endif
