/*
 * procstatus.h - what /proc/PID/status says about a process the tests
 * started (its uid, its effective capabilities): for the agents, which
 * give up their privileges once their stack is up.
 */
#ifndef TCPSPEC_TESTS_PROCSTATUS_H
#define TCPSPEC_TESTS_PROCSTATUS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* The hexadecimal or decimal value of the first number after "NAME:" in
 * /proc/pid/status ("CapEff" is hexadecimal, "Uid" decimal); false when
 * the process or the field is not there. */
bool proc_status_hex(pid_t pid, const char *name, uint64_t *value);
bool proc_status_dec(pid_t pid, const char *name, uint64_t *value);

#endif
