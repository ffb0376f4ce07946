# tcpspec - one Makefile, no recursion, objects out of tree in build/.
# `make V=1` shows the commands; `make SAN=1` builds with ASan and UBSan;
# `make CC=clang` builds with clang.

CC      ?= gcc
BUILD   ?= build
CSTD     = -std=c11 -D_GNU_SOURCE
WARN     = -Wall -Wextra -Werror
OPT     ?= -O2 -g
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer
CFLAGS  += $(CSTD) $(WARN) $(OPT) $(if $(SAN),$(SANFLAGS))
LDFLAGS += $(if $(SAN),$(SANFLAGS))
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)
# Agents that link a stack: build/tcpspec-agent-NAME gets AGENT_CFLAGS_NAME
# and AGENT_LIBS_NAME (agent_lwip.c: Debian's liblwip; agent_slirp.c: libslirp,
# whose header needs nothing of glib's).
AGENT_CFLAGS_lwip := $(shell pkg-config --cflags lwip 2>/dev/null)
AGENT_LIBS_lwip   := $(shell pkg-config --libs lwip 2>/dev/null) -lpthread
AGENT_LIBS_slirp  := -lslirp

ifeq ($(V),1)
Q =
else
Q = @
endif

MODEL_SRC = $(wildcard model/*.c)
AGENT_SRC = $(wildcard conformance/agent_*.c)
LIB_SRC   = $(filter-out $(AGENT_SRC),$(wildcard conformance/*.c))
CLI_SRC   = $(wildcard conformance/cli/*.c)
TEST_SRC  = $(wildcard tests/check_*.c)

MODEL_OBJ = $(MODEL_SRC:%.c=$(BUILD)/%.o)
LIB_OBJ   = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   = $(CLI_SRC:%.c=$(BUILD)/%.o)
AGENTS    = $(AGENT_SRC:conformance/agent_%.c=$(BUILD)/tcpspec-agent-%)
TESTS     = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

TCPSPEC   = $(BUILD)/tcpspec
SCENARIOS = $(wildcard conformance/scenarios/*.scn)

.PHONY: all deps test unit prove prove-mutants conformance smoke docs docs-check \
	bench coverage fuzz clean

all: $(TCPSPEC) $(AGENTS) $(TESTS)

deps:
	$(Q)scripts/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/conformance/agent_%.o: conformance/agent_%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(AGENT_CFLAGS_$*) -MMD -MP -c $< -o $@

$(TCPSPEC): $(MODEL_OBJ) $(LIB_OBJ) $(CLI_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) $^ -lpcap -o $@

$(BUILD)/tcpspec-agent-%: $(BUILD)/conformance/agent_%.o
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) $^ $(AGENT_LIBS_$*) -o $@
$(BUILD)/tcpspec-agent-linux $(BUILD)/tcpspec-agent-lwip $(BUILD)/tcpspec-agent-slirp: $(BUILD)/conformance/agentline.o

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(MODEL_OBJ) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) $^ $(CHECK_LIBS) -lpcap -o $@

$(BUILD)/bench_model: $(BUILD)/tests/bench_model.o $(MODEL_OBJ) $(BUILD)/conformance/table.o $(BUILD)/conformance/text.o
	$(Q)$(CC) $(LDFLAGS) $^ -o $@

# Unit, property and scenario tests (Check); each suite is its own program.
unit: $(TESTS) $(TCPSPEC) $(AGENTS)
	$(Q)scripts/unit.sh $(TESTS)

# CI: everything a change must keep green, the proofs included (they replay
# from the committed WP cache; only goals a change touches go to a prover).
test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory unit
	$(Q)$(MAKE) --no-print-directory docs-check
	$(Q)tests/check_docs.sh $(TCPSPEC)
	$(Q)$(MAKE) --no-print-directory prove
	$(Q)$(MAKE) --no-print-directory smoke

# Frama-C WP: every goal of model/ against spec/ (spec/README.md)
prove: deps
	$(Q)scripts/prove.sh

# Proofs that can fail: mutants of model/ must each lose a proof
prove-mutants: deps
	$(Q)scripts/mutants.sh

# make conformance                      the corpus against the running kernel
# make conformance TARGETS="linux lwip slirp"   the matrix across stacks
TARGETS ?= linux
comma := ,
empty :=
space := $(empty) $(empty)
conformance: deps
	$(Q)$(MAKE) --no-print-directory all
ifeq ($(words $(TARGETS)),1)
	$(Q)$(TCPSPEC) run --target $(TARGETS) --jobs 2 \
		--json $(BUILD)/conformance.json --junit $(BUILD)/conformance.xml \
		--html $(BUILD)/conformance.html --pcap-dir $(BUILD)/pcap $(SCENARIOS)
else
	$(Q)$(TCPSPEC) run --target $(subst $(space),$(comma),$(strip $(TARGETS))) --jobs 2 \
		--matrix-md $(BUILD)/matrix.md --matrix-json $(BUILD)/matrix.json $(SCENARIOS)
endif

smoke: $(TCPSPEC) $(AGENTS)
	$(Q)scripts/smoke.sh $(TCPSPEC)

docs: $(TCPSPEC)
	$(Q)scripts/docs.sh $(TCPSPEC)

docs-check: $(TCPSPEC)
	$(Q)scripts/docs.sh $(TCPSPEC) --check

bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/bench.sh $(TCPSPEC)

coverage: deps
	$(Q)scripts/coverage.sh

fuzz: deps
	$(Q)scripts/fuzz.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
