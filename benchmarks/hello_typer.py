"""The baseline for start-up: a bare Typer hello-world, as its tutorial writes it.

Typer's defaults are kept (rich help, the parameter checked through
pydantic): this is what any Typer program pays before doing anything.
"""

import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    """Say hello."""
    print(f"Hello {name}")


if __name__ == "__main__":
    app()
