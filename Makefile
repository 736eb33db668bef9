# The two commands: `make run` installs what is missing and starts Bandleader's web app at
# http://127.0.0.1:7860 (`bandleader chat` is the terminal chat); `make test` installs the same way
# and runs the whole test suite.
.PHONY: setup run test lint bench constraints

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/bandleader run

test:
	@bash scripts/setup.sh --test
	.venv/bin/python -m pytest -q -p no:cacheprovider

lint: setup
	.venv/bin/ruff check .

bench: setup
	.venv/bin/python benchmarks/agent_overhead.py

# Re-pin every installed package after changing dependencies (commit the result).
constraints:
	.venv/bin/python -m pip freeze --exclude-editable | grep -v '^bandleader' > constraints.txt
