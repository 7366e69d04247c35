# sandbox-seccomp: set-up, build and packaging entry points. npm scripts do the work; this file
# adds what npm cannot: the Debian/Ubuntu system packages the tests need, and `make install`.

# System packages: bwrap to run sandboxes; libseccomp (python3-seccomp, scmp_sys_resolver) as the
# independent oracle; gcc (+ multilib for 32-bit probes) for the real-kernel probes; strace and
# gdb and util-linux (unshare, setpriv, setarch) for the tests that show what a filter breaks; git and Python's own
# regression tests (libpython3.11-testsuite) as real software run inside the filters. gcc-12-multilib,
# not the gcc-multilib metapackage, which conflicts with the cross compilers `npm run test:arch` installs.
SYSTEM_PACKAGES := bubblewrap libseccomp-dev seccomp python3-seccomp gcc gcc-12-multilib libc6-dev strace gdb util-linux make libpython3.11-testsuite git
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

PREFIX ?= /usr/local
DESTDIR ?=
datadir := $(DESTDIR)$(PREFIX)/share/sandbox-seccomp

.PHONY: all setup system-packages build verify test bench install uninstall
all: build

setup: system-packages
	npm install

system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	else echo "System packages already installed."; fi

# Rebuilds dist-bpf/ from profiles/ (all or nothing) and the JavaScript of the runtime and CLI.
build:
	npm run build

# Fails, naming each file, if dist-bpf/ is not what a fresh build of profiles/ gives.
verify:
	npm run verify

test:
	npm test

bench:
	npm run bench

# The filters and the profiles they came from, for other programs to use:
#   $(PREFIX)/share/sandbox-seccomp/dist-bpf/<arch>/<preset>.{bpf,asm}, manifest.json
#   $(PREFIX)/share/sandbox-seccomp/profiles/*.toml, profiles/examples/*.toml
install:
	@test -f dist-bpf/manifest.json || { echo "dist-bpf/ is missing: run make build first" >&2; exit 1; }
	install -d $(datadir)/dist-bpf $(datadir)/profiles/examples
	cd dist-bpf && for f in $$(find . -type f | sort); do \
	  install -D -m 644 "$$f" "$(datadir)/dist-bpf/$$f" || exit 1; done
	install -m 644 profiles/*.toml $(datadir)/profiles/
	install -m 644 profiles/examples/*.toml $(datadir)/profiles/examples/

uninstall:
	rm -rf $(datadir)
