# Stands in for a lint tool that is not installed: the lint test fails and says what to install.
message(FATAL_ERROR "${TOOL} is missing: install the Debian package ${PACKAGE} "
                    "(packaging/setup-debian.sh installs it)")
