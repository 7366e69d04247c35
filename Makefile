# sandbox-seccomp: set-up, build and packaging entry points. npm scripts do the work; this file
# adds what npm cannot: the Debian/Ubuntu system packages the tests need, and `make install`.

# System packages: bwrap to run sandboxes; libseccomp (python3-seccomp, scmp_sys_resolver) as the
# independent oracle; gcc (+ multilib for 32-bit probes) for the real-kernel probes; strace and
# util-linux (unshare, setpriv) for the tests that show what a filter breaks.
SYSTEM_PACKAGES := bubblewrap libseccomp-dev seccomp python3-seccomp gcc gcc-multilib libc6-dev strace util-linux make
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: setup system-packages test
setup: system-packages
	npm install

system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	else echo "System packages already installed."; fi

test:
	npm test
