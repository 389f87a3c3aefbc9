"""One entry for main.py and `python -m dlstudio`: no arguments → window, a subcommand → headless."""
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        from .cli import main as cli_main
        return cli_main(argv)
    from .ui.app import main as gui_main
    return gui_main()
