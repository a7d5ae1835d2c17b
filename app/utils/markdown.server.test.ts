import { describe, expect, test } from "vitest";
import { markdownExcerpt, renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  test("renders ordinary Markdown", () => {
    const html = renderMarkdown("# Title\n\nSome **bold** and a [link](/people).\n\n- one\n- two");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="/people">link</a>');
    expect(html).toContain("<li>one</li>");
  });

  test.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://evil.example'></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
  ])("escapes raw HTML: %s", (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<(script|img|iframe|svg)\b/i);
    expect(html).not.toMatch(/<a href="javascript:/i);
    // No real tag carries an event handler (escaped text may still show "onerror=").
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i);
    expect(html).toContain("&lt;");
  });

  test("a remote image renders as a link to it, never as <img>", () => {
    const html = renderMarkdown('See ![my "poster"](https://tracker.example/p.png?u=1&x=2).');
    expect(html).not.toMatch(/<img\b/i);
    expect(html).toContain(
      '<a href="https://tracker.example/p.png?u=1&amp;x=2" rel="noopener noreferrer nofollow">my &quot;poster&quot;</a>',
    );
    // An image without alt text is still a visible link; a javascript: source renders nothing clickable.
    expect(renderMarkdown("![](https://a.example/i.png)")).toContain(
      '<a href="https://a.example/i.png" rel="noopener noreferrer nofollow">https://a.example/i.png</a>',
    );
    expect(renderMarkdown("![x](javascript:alert(1))")).not.toMatch(/<a href="javascript:/i);
  });

  test("inline raw HTML inside a paragraph is escaped too", () => {
    const html = renderMarkdown("Hello <b onclick=x>world</b>");
    expect(html).not.toContain("<b ");
    expect(html).toContain("&lt;b onclick=x&gt;");
  });

  test.each([
    "[click](javascript:alert(1))",
    "[click](JavaScript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](file:///etc/passwd)",
    "![x](javascript:alert(1))",
  ])("does not render an unsafe URL as a link: %s", (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<a\s/);
    expect(html).not.toMatch(/<img\s/);
    expect(html).not.toMatch(/(href|src)="(javascript|vbscript|data|file):/i);
  });

  test("autolinked javascript: text is not a link", () => {
    expect(renderMarkdown("<javascript:alert(1)>")).not.toMatch(/<a\s/);
  });

  test("external links get rel=noopener noreferrer nofollow; internal ones do not", () => {
    const external = renderMarkdown("[site](https://example.org) and https://example.com/x");
    expect(external.match(/rel="noopener noreferrer nofollow"/g)).toHaveLength(2);
    expect(renderMarkdown("[home](/)")).not.toContain("rel=");
    expect(renderMarkdown("[elsewhere](//evil.example/x)")).toContain(
      'rel="noopener noreferrer nofollow"',
    );
    expect(renderMarkdown("[mail](mailto:a@example.org)")).toContain('href="mailto:a@example.org"');
  });

  test("an empty bio renders to nothing", () => {
    expect(renderMarkdown("")).toBe("");
  });
});

describe("markdownExcerpt", () => {
  test("strips Markdown syntax and keeps link text", () => {
    const out = markdownExcerpt(
      "## Hello\n\nI work on **[robots](https://x.example)** and _things_.",
    );
    expect(out).toMatch(/^Hello I work on robots and things ?\.$/);
    expect(out).not.toMatch(/[#*_[\]()]|https:/);
  });

  test("cuts long text with an ellipsis", () => {
    const out = markdownExcerpt("word ".repeat(100), 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith("…")).toBe(true);
  });
});
