"""`coach` and `python -m coach`: Ctrl-C is handled (coach.interrupts) before anything
else loads, so even an interruption during start-up is one line and exit status 130."""

from __future__ import annotations


def main() -> None:
    from coach import interrupts

    interrupts.install()
    from coach.cli import main as run

    run()


if __name__ == "__main__":
    main()
