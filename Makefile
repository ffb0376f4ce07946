# tcpspec - one Makefile, no recursion, objects out of tree in build/.
# `make V=1` shows the commands; `make SAN=1` builds with ASan and UBSan;
# `make CC=clang` builds with clang.

CC      ?= gcc
BUILD   ?= build
CSTD     = -std=c11 -D_GNU_SOURCE
WARN     = -Wall -Wextra -Werror
OPT     ?= -O2 -g
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
CFLAGS  += $(CSTD) $(WARN) $(OPT) $(if $(SAN),$(SANFLAGS))
LDFLAGS += $(if $(SAN),$(SANFLAGS))
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)
# Agents that link a stack: the files of build/tcpspec-agent-NAME get
# AGENT_CFLAGS_NAME, the program AGENT_LIBS_NAME (lwip/: Debian's liblwip;
# slirp/: libslirp, whose header needs nothing of glib's) and the libraries
# of this tree it uses besides agentline, AGENT_USES_NAME.
AGENT_CFLAGS_lwip := $(shell pkg-config --cflags lwip 2>/dev/null)
AGENT_LIBS_lwip   := $(shell pkg-config --libs lwip 2>/dev/null) -lpthread
AGENT_LIBS_slirp  := -lslirp
AGENT_USES_slirp  := base

ifeq ($(V),1)
Q =
else
Q = @
endif

# One static library per folder of one idea; a program links the ones it
# uses (the linker takes only the objects it needs from each; libpcap is
# linked --as-needed, so a program without the wire does not depend on it).
# Layers, lowest first (scripts/layering.sh checks the includes):
#   model  base  profiles  scenario  docgen  explore  |  net  targets  run  report  walk  cli
LIBS      = model base profiles scenario docgen explore net targets run report walk agentline testsupport
model_SRC    = $(wildcard model/*.c)
base_SRC     = $(wildcard conformance/base/*.c)
profiles_SRC = $(wildcard conformance/profiles/*.c)
scenario_SRC = $(wildcard conformance/scenario/*.c)
docgen_SRC   = $(wildcard conformance/docgen/*.c)
explore_SRC  = $(wildcard conformance/explore/*.c)
net_SRC      = $(wildcard conformance/net/*.c)
targets_SRC  = $(wildcard conformance/targets/*.c)
run_SRC      = $(wildcard conformance/run/*.c)
report_SRC   = $(wildcard conformance/report/*.c)
walk_SRC     = $(wildcard conformance/walk/*.c)
agentline_SRC = $(AGENT_DIR)/agentline.c $(AGENT_DIR)/privs.c
testsupport_SRC = $(wildcard tests/support/*.c)
lib       = $(BUILD)/lib$(1).a
ALL_LIBS  = $(foreach l,$(LIBS),$(call lib,$(l)))

# Agent NAME is the folder $(AGENT_DIR)/NAME, its main file agent_NAME.c.
AGENT_DIR   = conformance/targets/agents
AGENT_NAMES = $(patsubst $(AGENT_DIR)/%/,%,$(dir $(wildcard $(AGENT_DIR)/*/agent_*.c)))
agent_obj   = $(patsubst %.c,$(BUILD)/%.o,$(wildcard $(AGENT_DIR)/$(1)/*.c))
CLI_SRC   = $(wildcard conformance/cli/*.c)
TEST_SRC  = $(wildcard tests/check_*.c)

CLI_OBJ   = $(CLI_SRC:%.c=$(BUILD)/%.o)
AGENTS    = $(AGENT_NAMES:%=$(BUILD)/tcpspec-agent-%)
TESTS     = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

TCPSPEC   = $(BUILD)/tcpspec
SCENARIOS = $(wildcard conformance/scenarios/*.scn)
INCLUDES  = -I. -Iconformance
# Link a list of libraries in one group (their order does not matter).
LINK_LIBS = -Wl,--start-group $(1) -Wl,--end-group -Wl,--as-needed -lpcap -Wl,--no-as-needed

.PHONY: all deps test unit prove prove-mutants conformance results smoke docs docs-check \
	bench coverage fuzz clean layering libs robust san generated

all: $(TCPSPEC) $(AGENTS) $(TESTS)

# The libraries alone (scripts/fuzz.sh builds them instrumented).
libs: $(ALL_LIBS)

deps:
	$(Q)scripts/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(INCLUDES) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/$(AGENT_DIR)/%.o: $(AGENT_DIR)/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(INCLUDES) $(AGENT_CFLAGS) -MMD -MP -c $< -o $@

define LIB_RULE
$(call lib,$(1)): $$($(1)_SRC:%.c=$$(BUILD)/%.o)
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  AR      $$@")
	$$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^
endef
$(foreach l,$(LIBS),$(eval $(call LIB_RULE,$(l))))

$(TCPSPEC): $(CLI_OBJ) $(ALL_LIBS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) $(CLI_OBJ) $(call LINK_LIBS,$(ALL_LIBS)) -o $@

# Each agent is its own program: its folder, the shared line-protocol code
# (agentline), what else of this tree it uses, and its stack.
define AGENT_RULE
$(call agent_obj,$(1)): AGENT_CFLAGS := $(AGENT_CFLAGS_$(1))
$(BUILD)/tcpspec-agent-$(1): $(call agent_obj,$(1)) $(call lib,agentline) \
		$(foreach l,$(AGENT_USES_$(1)),$(call lib,$(l)))
	@$$(if $$(Q),echo "  LD      $$@")
	$$(Q)$$(CC) $$(LDFLAGS) $$^ $(AGENT_LIBS_$(1)) -o $$@
endef
$(foreach a,$(AGENT_NAMES),$(eval $(call AGENT_RULE,$(a))))

# A Check suite links the libraries it names (TEST_LIBS_<suite>; default:
# the model alone).
TEST_LIBS_check_ack          = testsupport model
TEST_LIBS_check_closed       = testsupport model
TEST_LIBS_check_data         = testsupport model
TEST_LIBS_check_emit         = testsupport model
TEST_LIBS_check_exchanges    = testsupport model
TEST_LIBS_check_exec         = targets net profiles scenario base model agentline testsupport
TEST_LIBS_check_explore      = explore run targets docgen profiles scenario base model
TEST_LIBS_check_listen       = testsupport model
TEST_LIBS_check_lwip_slirp   = targets net profiles scenario base model agentline testsupport
TEST_LIBS_check_match        = testsupport profiles scenario model base
TEST_LIBS_check_modelrun     = testsupport profiles scenario model base
TEST_LIBS_check_netns_agent  = targets net profiles scenario base model testsupport
TEST_LIBS_check_oracle       = testsupport model
TEST_LIBS_check_other        = testsupport model
TEST_LIBS_check_packet       = net base
TEST_LIBS_check_profile      = testsupport model
TEST_LIBS_check_profiles     = profiles run targets scenario base model
TEST_LIBS_check_props        = testsupport model
TEST_LIBS_check_report       = report run targets docgen profiles scenario base model testsupport
TEST_LIBS_check_reqs         = docgen profiles scenario base model
TEST_LIBS_check_results      = docgen profiles scenario base model
TEST_LIBS_check_runner       = run targets profiles scenario base model testsupport
TEST_LIBS_check_scenario     = scenario model base
TEST_LIBS_check_seq          = testsupport model
TEST_LIBS_check_seqsim       = docgen profiles scenario base model
TEST_LIBS_check_syn_sent     = testsupport model
TEST_LIBS_check_text         = scenario model base
TEST_LIBS_check_text_names   = testsupport model
TEST_LIBS_check_timer        = testsupport model
TEST_LIBS_check_user         = testsupport model
TEST_LIBS_check_walk         = walk run targets net explore docgen profiles scenario base model testsupport
TEST_LIBS_check_wire         = targets net profiles scenario base model testsupport
test_libs = $(foreach l,$(or $(TEST_LIBS_$(1)),model),$(call lib,$(l)))
.SECONDARY:
.SECONDEXPANSION:
$(BUILD)/tests/%: $(BUILD)/tests/%.o $$(call test_libs,$$*)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) $< $(call LINK_LIBS,$(call test_libs,$*)) $(CHECK_LIBS) -o $@

$(BUILD)/bench_model: $(BUILD)/tests/bench_model.o $(call lib,docgen) $(call lib,profiles) $(call lib,scenario) $(call lib,base) $(call lib,model)
	$(Q)$(CC) $(LDFLAGS) $< $(call LINK_LIBS,$(filter %.a,$^)) -o $@

# Which folder may include which (the layers above).
layering:
	$(Q)scripts/layering.sh

# Unit, property and scenario tests (Check); each suite is its own program.
unit: $(TESTS) $(TCPSPEC) $(AGENTS)
	$(Q)scripts/unit.sh $(TESTS)

# CI: everything a change must keep green, the proofs included (every goal
# proved by a prover: no prover result is committed; build/wp-cache speeds up
# a developer's machine only).
test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory unit
	$(Q)$(MAKE) --no-print-directory layering
	$(Q)$(MAKE) --no-print-directory docs-check
	$(Q)tests/check_docs.sh $(TCPSPEC)
	$(Q)$(MAKE) --no-print-directory prove
	$(Q)$(MAKE) --no-print-directory smoke
	$(Q)$(MAKE) --no-print-directory robust
	$(Q)$(MAKE) --no-print-directory san
	$(Q)FUZZ_SMOKE=1 $(MAKE) --no-print-directory fuzz

# Faults, concurrency and kills (root): a failing target is an ERROR with
# its cause and is replaced; two runs at once never meet; a run killed at
# any moment (KILLS times, default 10) leaves nothing behind; the wire target
# across a veth it did not create gives lwip's verdicts (about 50 s).
KILLS ?= 10
robust: $(TCPSPEC) $(AGENTS)
	$(Q)echo "== faults, concurrent runs, kills"
	$(Q)tests/check_faults.sh $(TCPSPEC)
	$(Q)tests/check_concurrent.sh $(TCPSPEC)
	$(Q)tests/check_kill.sh $(TCPSPEC) $(KILLS)
	$(Q)KILL_TARGET=lwip tests/check_kill.sh $(TCPSPEC) $(KILLS)
	$(Q)tests/check_wire.sh $(TCPSPEC)

# The unit tests and the smoke run again, built with ASan and UBSan.
san: deps
	$(Q)echo "== AddressSanitizer and UBSan: unit tests and the smoke run"
	$(Q)$(MAKE) --no-print-directory SAN=1 BUILD=$(BUILD)/san all
	$(Q)ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		scripts/unit.sh $(TESTS:$(BUILD)/%=$(BUILD)/san/%)
	$(Q)ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		scripts/smoke.sh $(BUILD)/san/tcpspec

# Frama-C WP: every goal of model/ against spec/ (spec/README.md)
prove: deps
	$(Q)scripts/prove.sh

# Proofs that can fail: mutants of model/ must each lose a proof
prove-mutants: deps
	$(Q)scripts/mutants.sh

# make generated: the generated suite of each profile in GEN_PROFILES,
# build/generated/PROFILE/*.scn (tcpspec explore --suite: paths covering
# every rule and every transition the model reaches, GEN_DEPTH steps deep).
GEN_DEPTH    ?= 8
GEN_PROFILES ?= linux lwip bsd
GENERATED     = $(BUILD)/generated
generated: $(TCPSPEC)
	$(Q)for p in $(GEN_PROFILES); do \
		rm -rf $(GENERATED)/$$p && mkdir -p $(GENERATED) && \
		$(TCPSPEC) explore --profile $$p --depth $(GEN_DEPTH) --suite $(GENERATED)/$$p \
			> $(GENERATED)/$$p.txt || exit 1; \
		grep '^  suite ' $(GENERATED)/$$p.txt | sed "s/^  suite  */generated $$p: /"; \
	done

# make conformance                      the corpus and the generated suite of the
#                                       target's profile against the running kernel,
#                                       then the coverage on the target
# make conformance TARGETS="linux lwip slirp"   the matrix across stacks (the corpus)
TARGETS ?= linux
comma := ,
empty :=
space := $(empty) $(empty)
# a target's own profile (tcpspec run --help): slirp is a 4.4BSD TCP
own_profile = $(if $(filter slirp,$(1)),bsd,$(1))
CONF_PROFILE = $(call own_profile,$(strip $(TARGETS)))
conformance: deps
	$(Q)$(MAKE) --no-print-directory all
ifeq ($(words $(TARGETS)),1)
	$(Q)$(MAKE) --no-print-directory generated GEN_PROFILES=$(CONF_PROFILE)
	$(Q)$(TCPSPEC) run --target $(TARGETS) --jobs 2 \
		--json $(BUILD)/conformance.json --junit $(BUILD)/conformance.xml \
		--html $(BUILD)/conformance.html --pcap-dir $(BUILD)/pcap \
		$(SCENARIOS) $(GENERATED)/$(CONF_PROFILE)/*.scn; rc=$$?; \
	$(TCPSPEC) explore --profile $(CONF_PROFILE) --depth $(GEN_DEPTH) \
		--coverage $(BUILD)/conformance.json | sed -n '/^coverage on/,$$p'; exit $$rc
else
	$(Q)$(TCPSPEC) run --target $(subst $(space),$(comma),$(strip $(TARGETS))) --jobs 2 \
		--matrix-md $(BUILD)/matrix.md --matrix-json $(BUILD)/matrix.json $(SCENARIOS)
endif

# make results: the corpus against each of RESULTS_TARGETS (own profile and
# rfc9293), recorded with the date and versions in conformance/results/*.json;
# then docs/ (matrix.md, requirements.md) from them.  Root; about a minute.
RESULTS_TARGETS ?= linux lwip slirp
results: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/results.sh $(TCPSPEC) $(RESULTS_TARGETS)
	$(Q)scripts/docs.sh $(TCPSPEC)

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
