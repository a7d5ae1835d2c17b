import MarkdownIt from "markdown-it";

/**
 * Markdown for bios, job descriptions and notes. Raw HTML is not rendered
 * (`html: false` escapes it), and markdown-it's link validator refuses
 * `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs.
 * Every rendered link that leaves the site opens with rel="noopener noreferrer nofollow".
 * Images (`![alt](url)`) render as links to the image, never as `<img>`: a
 * remote image would tell its host who read the page, and when.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

const SAFE_PROTOCOL = /^(https?:|mailto:|\/|#)/i;
md.validateLink = (url: string) => SAFE_PROTOCOL.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx].attrGet("href") ?? "");
  // Protocol-relative "//host/…" leaves the site too.
  if (/^(https?:|\/\/)/i.test(href)) tokens[idx].attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = String(token.attrGet("src") ?? "");
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
  const rel = /^(https?:|\/\/)/i.test(src) ? ' rel="noopener noreferrer nofollow"' : "";
  return `<a href="${md.utils.escapeHtml(src)}"${rel}>${md.utils.escapeHtml(alt)}</a>`;
};

/** Renders untrusted Markdown to HTML that is safe to inject. */
export function renderMarkdown(source: string): string {
  return md.render(source ?? "");
}

/** Plain-text excerpt of Markdown (for meta descriptions and cards). */
export function markdownExcerpt(source: string, max = 200): string {
  const text = source
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`/g, "")
    .replace(/[#>*_~]+|(^|\s)-+(?=\s)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
