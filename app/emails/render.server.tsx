/**
 * Turns a template (a subject and a Markdown body with `{{field}}` merge
 * fields) and a message's values into the three things that go out: the
 * subject, the plain-text part and the HTML part.
 *
 * Merge values never pass through Markdown or HTML. The template is parsed
 * first, with each field replaced by an inert placeholder; the values are put
 * in afterwards as plain text nodes, which the text part prints as they are
 * and React escapes in the HTML part. So a name like `<img src=x>` or
 * `[click](http://evil)` stays those characters. Links come only from fields
 * of type "url", whose values the app builds itself; Markdown's own link,
 * image, autolink and HTML syntax is switched off, so neither a template nor
 * a value can add one.
 */
import MarkdownIt from "markdown-it";
import { renderToStaticMarkup } from "react-dom/server";
import type { FieldSpec, TemplateText } from "./kind";
import { EmailLayout, type Block, type EmailBrand, type Inline } from "./layout.server";

const md = new MarkdownIt("default", {
  html: false,
  linkify: false,
  typographer: false,
  // Line breaks in a template are kept: people write emails line by line.
  breaks: true,
});
md.disable([
  "table",
  "reference",
  "html_block",
  "link",
  "image",
  "autolink",
  "html_inline",
  "linkify",
]);

type Token = ReturnType<typeof md.parse>[number];

/** `{{ name }}` or `{{name.part}}`. */
const FIELD = /\{\{\s*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\s*\}\}/g;
/** Private-use characters that stand for a field while the Markdown is parsed. */
const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const PLACEHOLDER_CHARS = /[\uE000\uE001]/g;

type Parsed = { tokens: Token[]; fields: string[] };

/** Parsed bodies, by their text: bulk actions send one template to many people. */
const parsedCache = new Map<string, Parsed>();
const CACHE_LIMIT = 200;

function parseBody(body: string): Parsed {
  const cached = parsedCache.get(body);
  if (cached) return cached;
  const fields: string[] = [];
  const source = body.replace(PLACEHOLDER_CHARS, "").replace(FIELD, (_m, name: string) => {
    fields.push(name);
    return `${OPEN}${fields.length - 1}${CLOSE}`;
  });
  const parsed = { tokens: md.parse(source, {}), fields };
  if (parsedCache.size >= CACHE_LIMIT) parsedCache.clear();
  parsedCache.set(body, parsed);
  return parsed;
}

/** Values as the renderer uses them: text without control characters. */
type Values = Readonly<Record<string, string | null | undefined>>;

/** C0 controls (but tab and line feed), DEL and C1 controls never reach a message. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

function clean(value: string | null | undefined): string {
  return (value ?? "").replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** `record[key]` when it is the record's own (a template may say `{{constructor}}`). */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

class Filler {
  /** Set when an empty optional field was met: the block holding it is left out. */
  emptyOptional = false;
  constructor(
    private readonly parsed: Parsed,
    private readonly fields: Readonly<Record<string, FieldSpec>>,
    private readonly values: Values,
  ) {}

  /** The inline nodes of a text run, with its fields filled in. */
  text(content: string, out: Inline[], plain = false) {
    let last = 0;
    for (const match of content.matchAll(PLACEHOLDER)) {
      if (match.index > last) out.push({ t: "text", v: content.slice(last, match.index) });
      last = match.index + match[0].length;
      this.field(this.parsed.fields[Number(match[1])], out, plain);
    }
    if (last < content.length) out.push({ t: "text", v: content.slice(last) });
  }

  /** A text run where nothing but text may appear (code), as one string. */
  string(content: string): string {
    const out: Inline[] = [];
    this.text(content, out, true);
    return out.map((n) => (n.t === "text" ? n.v : n.t === "br" ? "\n" : "")).join("");
  }

  private field(name: string | undefined, out: Inline[], plain: boolean) {
    // A field this kind does not have: the template was checked when saved,
    // so only a field removed from the code since then lands here. Left out.
    const spec = name ? own(this.fields, name) : undefined;
    if (!name || !spec) return;
    const value = clean(own(this.values, name));
    if (!value.trim()) {
      if (spec.optional) this.emptyOptional = true;
      return;
    }
    const type = spec.type ?? "text";
    if (type === "url" && !plain && isWebAddress(value.trim())) {
      out.push({ t: "link", href: value.trim() });
    } else if (type === "multiline" && !plain) {
      value.split("\n").forEach((line, i) => {
        if (i > 0) out.push({ t: "br" });
        if (line) out.push({ t: "text", v: line });
      });
    } else {
      out.push({ t: "text", v: type === "multiline" ? value : value.replace(/\s*\n\s*/g, " ") });
    }
  }
}

/** Reads markdown-it's flat token stream into blocks, filling in the fields. */
function toBlocks(parsed: Parsed, filler: Filler): Block[] {
  const tokens = parsed.tokens;
  let i = 0;

  function inline(token: Token): Inline[] {
    const stack: Inline[][] = [[]];
    const kinds: Array<"strong" | "em" | "s"> = [];
    for (const child of token.children ?? []) {
      const top = stack[stack.length - 1];
      switch (child.type) {
        case "text":
          filler.text(child.content, top);
          break;
        case "softbreak":
        case "hardbreak":
          top.push({ t: "br" });
          break;
        case "code_inline":
          top.push({ t: "code", v: filler.string(child.content) });
          break;
        case "strong_open":
        case "em_open":
        case "s_open":
          kinds.push(child.type.slice(0, -5) as "strong" | "em" | "s");
          stack.push([]);
          break;
        case "strong_close":
        case "em_close":
        case "s_close": {
          const c = stack.pop()!;
          stack[stack.length - 1].push({ t: kinds.pop()!, c });
          break;
        }
        default:
          // Any other inline token (an entity already decoded into text, …): its text.
          if (child.content) filler.text(child.content, top);
      }
    }
    return stack[0];
  }

  /** Reads blocks until the token of type `until` (or the end); returns them. */
  function blocks(until?: string): Block[] {
    const out: Block[] = [];
    while (i < tokens.length && tokens[i].type !== until) {
      const token = tokens[i];
      switch (token.type) {
        case "paragraph_open":
        case "heading_open": {
          filler.emptyOptional = false;
          const c = inline(tokens[i + 1]);
          const dropped = filler.emptyOptional;
          if (!dropped && c.length) {
            out.push(
              token.type === "heading_open"
                ? { t: "h", level: Number(token.tag.slice(1)), c }
                : { t: "p", c },
            );
          }
          i += 3;
          break;
        }
        case "bullet_list_open":
        case "ordered_list_open": {
          const ordered = token.type === "ordered_list_open";
          const start = Number(token.attrGet("start") ?? 1);
          const close = ordered ? "ordered_list_close" : "bullet_list_close";
          i++;
          const items: Block[][] = [];
          while (i < tokens.length && tokens[i].type !== close) {
            // list_item_open … list_item_close
            i++;
            const item = blocks("list_item_close");
            i++;
            if (item.length) items.push(item);
          }
          i++;
          if (items.length) out.push({ t: "list", ordered, start, items });
          break;
        }
        case "blockquote_open": {
          i++;
          const c = blocks("blockquote_close");
          i++;
          if (c.length) out.push({ t: "quote", c });
          break;
        }
        case "hr":
          out.push({ t: "hr" });
          i++;
          break;
        case "code_block":
        case "fence":
          out.push({ t: "pre", v: filler.string(token.content).replace(/\n$/, "") });
          i++;
          break;
        default:
          i++;
      }
    }
    return out;
  }

  return blocks();
}

// ───────────────────────────── the plain-text part ─────────────────────────────

function inlineText(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case "text":
        case "code":
          return n.v;
        case "br":
          return "\n";
        case "link":
          return n.href;
        default:
          return inlineText(n.c);
      }
    })
    .join("");
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join("\n");
}

function blockText(block: Block): string {
  switch (block.t) {
    case "p":
    case "h":
      return inlineText(block.c);
    case "list":
      return block.items
        .map((item, n) => {
          const marker = block.ordered ? `${block.start + n}. ` : "- ";
          return indent(blocksText(item), marker, " ".repeat(marker.length));
        })
        .join("\n");
    case "quote":
      return indent(blocksText(block.c), "> ", "> ");
    case "hr":
      return "—".repeat(8);
    case "pre":
      return block.v;
  }
}

function blocksText(blocks: Block[]): string {
  return blocks.map(blockText).join("\n\n");
}

// ───────────────────────────── putting it together ─────────────────────────────

/** What goes out: the subject and both parts. */
export type RenderedEmail = { subject: string; text: string; html: string };

/** A subject with its fields filled in: one line, no markup. */
export function renderSubject(
  subject: string,
  fields: Readonly<Record<string, FieldSpec>>,
  values: Values,
): string {
  return subject
    .replace(FIELD, (_m, name: string) => (own(fields, name) ? clean(own(values, name)) : ""))
    .replace(CONTROL, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

/**
 * The hidden line inbox lists show after the subject: the first paragraph
 * that is not a greeting ("Hello Ada,").
 */
function previewOf(blocks: Block[]): string {
  const paragraphs = blocks
    .filter((b) => b.t === "p")
    .map((b) => blockText(b).replace(/\s+/g, " ").trim());
  return paragraphs.find((p) => !p.endsWith(",")) ?? paragraphs[0] ?? "";
}

const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * Renders a template with `values` (every field of the kind, the global ones
 * included). Synchronous, so a message is rendered inside the transaction
 * that queues it.
 */
export function renderTemplate(
  template: TemplateText,
  input: {
    fields: Readonly<Record<string, FieldSpec>>;
    values: Values;
    brand: EmailBrand;
    locale: string;
  },
): RenderedEmail {
  const parsed = parseBody(template.body);
  const blocks = toBlocks(parsed, new Filler(parsed, input.fields, input.values));
  const subject = renderSubject(template.subject, input.fields, input.values);
  const html =
    DOCTYPE +
    renderToStaticMarkup(
      <EmailLayout
        brand={input.brand}
        locale={input.locale}
        subject={subject}
        preview={previewOf(blocks)}
        blocks={blocks}
      />,
    );
  return { subject, text: blocksText(blocks), html };
}

// ───────────────────────────── checking a template ─────────────────────────────

export type TemplateProblems = { subject?: string[]; body?: string[] };

/** Loose `{{…}}`, to report what FIELD would not accept. */
const ANY_BRACES = /\{\{([^{}]*)\}\}/g;

function fieldProblems(text: string, fields: Readonly<Record<string, FieldSpec>>): string[] {
  const problems: string[] = [];
  const known = Object.keys(fields);
  for (const match of text.matchAll(ANY_BRACES)) {
    const name = match[1].trim();
    if (!Object.hasOwn(fields, name)) {
      problems.push(
        `{{${name}}} is not a merge field of this message. It can use: ${known.map((f) => `{{${f}}}`).join(", ")}.`,
      );
    }
  }
  const rest = text.replace(ANY_BRACES, "");
  if (rest.includes("{{") || rest.includes("}}"))
    problems.push("A merge field is written {{name}}: a “{{” or “}}” here has no partner.");
  return problems;
}

/** Markdown's link and image syntax, which emails do not turn into links. */
const MARKDOWN_LINK = /!?\[[^\]\n]*\]\([^)\n]*\)|<(?:https?|mailto):[^>\s]*>/i;

/**
 * What is wrong with a subject and body for a kind with these fields, per
 * part; null when nothing is. Unknown merge fields are refused, and so are
 * Markdown links (links come only from the message's link fields).
 */
export function checkTemplate(
  template: TemplateText,
  fields: Readonly<Record<string, FieldSpec>>,
): TemplateProblems | null {
  const subject = fieldProblems(template.subject, fields);
  if (!template.subject.trim()) subject.push("A message needs a subject.");
  if (/[\r\n]/.test(template.subject)) subject.push("A subject is one line.");
  if (template.subject.length > 200) subject.push("A subject has at most 200 characters.");
  const body = fieldProblems(template.body, fields);
  if (!template.body.trim()) body.push("A message needs a body.");
  if (template.body.length > 20_000) body.push("A body has at most 20,000 characters.");
  if (MARKDOWN_LINK.test(template.body)) {
    const links = Object.entries(fields)
      .filter(([, f]) => f.type === "url")
      .map(([name]) => `{{${name}}}`);
    body.push(
      `Links are not written by hand: they come from this message's link fields${links.length ? ` (${links.join(", ")})` : ""}.`,
    );
  }
  const problems: TemplateProblems = {};
  if (subject.length) problems.subject = subject;
  if (body.length) problems.body = body;
  return subject.length || body.length ? problems : null;
}
