"""Rendering a report context through Jinja2 templates, as Markdown or HTML.

Two environments, one per format, both with ``StrictUndefined`` so a
misspelt label or field fails loudly instead of printing nothing:

- HTML turns autoescape on explicitly.  ``select_autoescape()`` decides by
  the file name's ending, and ``report.html.j2`` ends in ``.j2``: it would be
  rendered raw (tests/test_report_escape.py proves both).
- Markdown has no autoescape, so the environment's ``finalize`` escapes every
  ``{{ … }}`` that is not already Markup: forgetting a filter cannot let
  recorded text through as Markdown.  ``md``, ``cell`` and ``link`` mark what
  they escape as Markup.

Templates are looked up first in ``--templates DIR``, then in the built-in
folder (a ``ChoiceLoader``), so a municipality can replace any one of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator
from markupsafe import Markup

from lofte.errors import LofteError, UsageError
from lofte.render.escape import clean, html_text, md_cell, md_link, md_text, safe_link
from lofte.words import WORDS, long_date

FORMATS = ("md", "html")
TEMPLATE_NAMES = {"md": "report.md.j2", "html": "report.html.j2"}


def templates_dir() -> Path:
    """The built-in templates: ``lofte/templates`` in an installed wheel, else the repo's.

    The wheel gets them through hatch's force-include; a source checkout or
    an editable install runs from ``src/lofte``, two levels below the
    repository's ``templates/``.
    """
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    if installed.is_dir():
        return installed
    return package.parent.parent / "templates"


def _date(lang: str) -> Any:
    def format_date(value: dt.date) -> str:
        # Month names from the catalogue, never the locale module: the report
        # must read the same on every machine.
        return long_date(value, lang)

    return format_date


def _html_finalize(value: Any) -> Any:
    # Autoescape runs after this: drop invisible and control characters first.
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


def _html_link(value: object) -> Markup:
    """An evidence link as an HTML anchor when safe, else escaped text; the URL is the text."""
    link = safe_link(value)
    if link is None:
        return Markup.escape(clean(str(value)))
    text = Markup.escape(link)  # a non-ASCII host is shown as the punycode it goes to
    return Markup('<a href="{}" rel="nofollow noopener">{}</a>').format(link, text)


def _html_titled_link(url: object, text: object) -> Markup:
    """A link with words of its own ("Läs hela medborgarlöftet"); escaped text if unsafe."""
    link = safe_link(url)
    words = Markup.escape(clean(str(text)))
    if link is None:
        return words
    return Markup('<a href="{}" rel="noopener">{}</a>').format(link, words)


def _md_titled_link(url: object, text: object) -> Markup:
    """``[text](<url>)`` in Markdown, or the escaped text alone if the URL is unsafe."""
    link = safe_link(url)
    if link is None:
        return md_text(text)
    return Markup(f"[{md_text(text)}](<{link}>)")


def _html_join(items: Any, separator: str = "") -> Markup:
    """Jinja's join, cleaning each item too (its own join returns Markup, past finalize)."""
    return Markup(separator).join(Markup.escape(_html_finalize(item)) for item in items)


class _HtmlGenerator(CodeGenerator):
    """Jinja's code generator, with each autoescaped ``{{ … }}`` one call: `html_text`.

    Stock Jinja writes ``escape(environment.finalize(value))``: two calls and
    a Markup object per value.  Here it is ``environment.html_text(value)``,
    which cleans and escapes the same characters and returns plain text.
    Anywhere autoescape is off or decided at run time the stock code is written.
    """

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if _one_step(frame):
            self.write("environment.html_text(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        if _one_step(frame):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


def _one_step(frame: Any) -> bool:
    return bool(frame.eval_ctx.autoescape) and not frame.eval_ctx.volatile


class _BuiltinHtml(jinja2.Environment):
    """The environment of lofte's own HTML templates (no ``--templates``)."""

    code_generator_class = _HtmlGenerator
    html_text = staticmethod(html_text)


def environment(fmt: str, lang: str, overrides: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment of one format and language."""
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None:
        loaders.append(jinja2.FileSystemLoader(overrides))
    loaders.append(jinja2.FileSystemLoader(templates_dir()))
    common: dict[str, Any] = {
        "loader": jinja2.ChoiceLoader(loaders),
        "undefined": jinja2.StrictUndefined,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    # Sandboxed when --templates is given: a template from that folder is code
    # someone else may have written (a design agency); it may format the report,
    # never reach Python (``cycler.__init__.__globals__.os`` and the like raise
    # SecurityError).  The built-in templates are ours: they run in a plain
    # environment, whose attribute look-ups cost a fifth of the sandbox's (a
    # site renders millions).  Escaping is the same in both (autoescape and
    # ``finalize``); only what a template may reach differs.
    kind: type[jinja2.Environment] = jinja2.Environment
    if overrides is not None:
        from jinja2.sandbox import SandboxedEnvironment

        kind = SandboxedEnvironment
    else:
        common["auto_reload"] = False  # the built-in templates do not change during a run
    if fmt == "html":
        html = kind if overrides is not None else _BuiltinHtml
        env = html(autoescape=True, finalize=_html_finalize, **common)
        env.filters["link"] = _html_link
        env.filters["titled_link"] = _html_titled_link
        env.filters["join"] = _html_join
    elif fmt == "md":
        env = kind(autoescape=False, finalize=md_text, **common)
        env.filters["md"] = md_text
        env.filters["cell"] = md_cell
        env.filters["link"] = md_link
        env.filters["titled_link"] = _md_titled_link
    else:
        raise ValueError(f"unknown format {fmt!r}")
    env.filters["date"] = _date(lang)
    env.globals["words"] = WORDS[lang]
    env.globals["lang"] = lang
    # Language of parts (WCAG 3.1.2): the promise files' own texts are Swedish,
    # so on a page in another language they are marked lang="sv".  In Swedish
    # these are empty and the page is as it was.
    source = lang != "sv" and fmt == "html"
    env.globals["src_lang"] = Markup(' lang="sv"') if source else Markup("")
    env.globals["sv_open"] = Markup('<span lang="sv">') if source else Markup("")
    env.globals["sv_close"] = Markup("</span>") if source else Markup("")
    return env


def render(context: Any, fmt: str, lang: str, overrides: Path | None = None) -> str:
    """The report ``context`` rendered as ``fmt`` (md or html) in ``lang``."""
    if overrides is not None and not overrides.is_dir():
        raise UsageError(f"{overrides}: templates directory not found")
    return render_template(environment(fmt, lang, overrides), TEMPLATE_NAMES[fmt], report=context)


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Template ``name`` of ``env`` rendered with ``context``; its errors as a `LofteError`."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise LofteError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise LofteError(f"{_where(exc)}{exc.message}") from None
    except UnicodeDecodeError as exc:
        # The loader read a template that is not UTF-8; say which, and where.
        where = _template_file(env, name)
        head = bytes(exc.object[: exc.start])
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise LofteError(
            f"{where}:{line}:{col}: invalid UTF-8 byte 0x{exc.object[exc.start]:02x}; "
            "save the template as UTF-8"
        ) from None
    except Exception as exc:
        if not _overridden(env):
            raise  # the built-in templates do not fail: this is a bug, show it
        # A template's own error ({{ 1/0 }}): one located line, not a traceback.
        raise LofteError(f"{_where(exc)}{type(exc).__name__}: {exc}") from None


def _overridden(env: jinja2.Environment) -> bool:
    """Whether ``env`` reads templates of a ``--templates`` folder before the built-in ones."""
    loader = env.loader
    return isinstance(loader, jinja2.ChoiceLoader) and len(loader.loaders) > 1


def _template_file(env: jinja2.Environment, name: str) -> str:
    """The file the loader would read for ``name`` (an override before the built-in one)."""
    loader = env.loader
    assert isinstance(loader, jinja2.ChoiceLoader)
    for choice in loader.loaders:
        assert isinstance(choice, jinja2.FileSystemLoader)
        for folder in choice.searchpath:
            candidate = Path(folder) / name
            if candidate.is_file():
                return str(candidate)
    return name


def _where(exc: BaseException) -> str:
    """``path:line: `` of the innermost template frame (Jinja2 rewrites tracebacks so)."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return "template error: "
    return f"{frames[-1].filename}:{frames[-1].lineno}: "
