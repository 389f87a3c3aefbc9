# Every target sets itself up: a fresh machine needs only `make run` or `make test`.
PY      ?= python3
VENV    := .venv
VPY     := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
QT_DEBS := libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0

.PHONY: run demo test bench i18n clean sysdeps

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory sysdeps
	$(PY) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Qt needs a few system libraries even offscreen; install the missing ones (Debian/Ubuntu).
sysdeps:
	@missing=""; for p in $(QT_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Qt system libraries:$$missing"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	  else echo "please install the Qt system libraries:$$missing"; fi; \
	fi

# The window where there is a display; a headless training run on the bundled sample otherwise.
run: $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; then \
	  $(VPY) main.py; \
	else \
	  echo "No display: training on the bundled diabetes sample headless (python main.py train ...)"; \
	  $(MAKE) --no-print-directory demo; \
	fi

demo: $(STAMP)
	$(VPY) main.py train resources/samples/diabetes.csv --label progression --out runs/diabetes
	$(VPY) main.py predict runs/diabetes/model.json resources/samples/diabetes.csv -o runs/diabetes/predictions.csv

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(VPY) bench/run_all.py

# Refresh the Chinese translation source from every tr() in the GUI (and the QT_TRANSLATE_NOOP-marked
# sample titles in dlstudio/resources.py), then compile it for the app. tests/ui/test_i18n.py fails on
# any message left untranslated: translate the new ones in the .ts, then run this again.
i18n: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete dlstudio/resources.py $$(find dlstudio/ui -name '*.py' | sort) -ts resources/i18n/dlstudio_zh_CN.ts -target-language zh_CN
	$(VENV)/bin/pyside6-lrelease resources/i18n/dlstudio_zh_CN.ts -qm resources/i18n/dlstudio_zh_CN.qm

clean:
	rm -rf $(VENV) runs .pytest_cache
