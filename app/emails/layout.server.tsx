/**
 * The HTML layout every message shares, built from React Email's components
 * (tables and inline styles that mail clients render alike). The message's
 * own words arrive as blocks (render.server.tsx), never as an HTML string, so
 * React escapes every piece of text.
 *
 * Inline `style` attributes are how email is styled (many clients drop a
 * <style> block or its classes). This markup is never part of an app page:
 * the outbox shows it in a sandboxed frame with a policy of its own.
 *
 * Dark mode: the <style> block switches to dark surfaces under
 * `prefers-color-scheme: dark` (and Outlook.com's `[data-ogsc]` markers);
 * clients that invert colours themselves get a layout whose colours still
 * read inverted: text is near-black on white, the header white on the brand
 * colour, and nothing depends on a background image or transparency.
 */
import { Body } from "@react-email/body";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { CSSProperties, ReactNode } from "react";
import type { Brand } from "~/utils/site";

/** The brand with its logo's absolute address (a message is read far from the site). */
export type EmailBrand = Brand & { logoUrl?: string | null };

/** The logo's height in the header, in CSS pixels (the PNG has three times as many). */
const LOGO_HEIGHT = 44;

export type Inline =
  | { t: "text"; v: string }
  | { t: "br" }
  | { t: "code"; v: string }
  | { t: "link"; href: string }
  | { t: "strong" | "em" | "s"; c: Inline[] };

export type Block =
  | { t: "p"; c: Inline[] }
  | { t: "h"; level: number; c: Inline[] }
  | { t: "list"; ordered: boolean; start: number; items: Block[][] }
  | { t: "quote"; c: Block[] }
  | { t: "hr" }
  | { t: "pre"; v: string };

const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const TEXT = "#1b1f27";
const MUTED = "#4a5263";
const PAGE = "#f4f3ef";
const BORDER = "#d9d6cc";

/** Dark surfaces for clients that honour the reader's colour scheme. */
function darkCss(brand: Brand): string {
  const rules: Array<[selectors: string[], declarations: string]> = [
    // React Email's Body repeats the page colour on its wrapping cell.
    [[".em-page", ".em-page>table>tbody>tr>td"], "background-color:#11161f"],
    [[".em-card"], "background-color:#1b2230;border-color:#2e3849"],
    [[".em-text"], "color:#e7eaf0"],
    [[".em-muted"], "color:#b3bac7"],
    [[".em-link"], `color:${brand.accent}`],
    [[".em-code"], "background-color:#2a3242;color:#e7eaf0"],
    [[".em-rule"], "border-top-color:#2e3849"],
  ];
  const css = (prefix: string) =>
    rules
      .map(([selectors, declarations]) => {
        const important = declarations
          .split(";")
          .map((d) => `${d} !important`)
          .join(";");
        return `${selectors.map((sel) => prefix + sel).join(",")}{${important}}`;
      })
      .join("");
  return [
    ":root{color-scheme:light dark;supported-color-schemes:light dark}",
    `@media (prefers-color-scheme: dark){${css("")}}`,
    // Outlook.com marks what it has darkened with data-ogsc.
    css("[data-ogsc] "),
  ].join("\n");
}

const paragraph: CSSProperties = {
  margin: "0 0 16px",
  fontSize: "16px",
  lineHeight: "24px",
  color: TEXT,
};

function Inlines({ nodes, brand }: { nodes: Inline[]; brand: Brand }): ReactNode {
  return nodes.map((n, i) => {
    switch (n.t) {
      case "text":
        return n.v;
      case "br":
        return <br key={i} />;
      case "code":
        return (
          <code
            key={i}
            className="em-code"
            style={{
              fontFamily: "Menlo, Consolas, monospace",
              fontSize: "14px",
              backgroundColor: "#eef0f4",
              padding: "1px 4px",
              borderRadius: "4px",
            }}
          >
            {n.v}
          </code>
        );
      case "link":
        return (
          <Link
            key={i}
            href={n.href}
            className="em-link"
            style={{ color: brand.primary, textDecoration: "underline", wordBreak: "break-all" }}
          >
            {n.href}
          </Link>
        );
      case "strong":
        return (
          <strong key={i}>
            <Inlines nodes={n.c} brand={brand} />
          </strong>
        );
      case "em":
        return (
          <em key={i}>
            <Inlines nodes={n.c} brand={brand} />
          </em>
        );
      case "s":
        return (
          <s key={i}>
            <Inlines nodes={n.c} brand={brand} />
          </s>
        );
    }
  });
}

function Blocks({ blocks, brand }: { blocks: Block[]; brand: Brand }): ReactNode {
  return blocks.map((b, i) => {
    switch (b.t) {
      case "p":
        return (
          <Text key={i} className="em-text" style={paragraph}>
            <Inlines nodes={b.c} brand={brand} />
          </Text>
        );
      case "h":
        return (
          <Heading
            key={i}
            as={b.level <= 1 ? "h1" : b.level === 2 ? "h2" : "h3"}
            className="em-text"
            style={{
              margin: "24px 0 12px",
              fontSize: b.level <= 1 ? "22px" : b.level === 2 ? "19px" : "17px",
              lineHeight: "1.3",
              color: TEXT,
            }}
          >
            <Inlines nodes={b.c} brand={brand} />
          </Heading>
        );
      case "list": {
        const Tag = b.ordered ? "ol" : "ul";
        return (
          <Tag
            key={i}
            start={b.ordered && b.start !== 1 ? b.start : undefined}
            className="em-text"
            style={{ ...paragraph, paddingLeft: "24px" }}
          >
            {b.items.map((item, j) => (
              <li key={j} style={{ margin: "0 0 4px" }}>
                {item.length === 1 && item[0].t === "p" ? (
                  <Inlines nodes={item[0].c} brand={brand} />
                ) : (
                  <Blocks blocks={item} brand={brand} />
                )}
              </li>
            ))}
          </Tag>
        );
      }
      case "quote":
        return (
          <blockquote
            key={i}
            style={{
              margin: "0 0 16px",
              padding: "0 0 0 14px",
              borderLeft: `4px solid ${brand.accent}`,
            }}
          >
            <Blocks blocks={b.c} brand={brand} />
          </blockquote>
        );
      case "hr":
        return (
          <Hr
            key={i}
            className="em-rule"
            style={{ borderTop: `1px solid ${BORDER}`, margin: "24px 0" }}
          />
        );
      case "pre":
        return (
          <pre
            key={i}
            className="em-code"
            style={{
              margin: "0 0 16px",
              padding: "12px",
              backgroundColor: "#eef0f4",
              borderRadius: "6px",
              fontFamily: "Menlo, Consolas, monospace",
              fontSize: "14px",
              whiteSpace: "pre-wrap",
              color: TEXT,
            }}
          >
            {b.v}
          </pre>
        );
    }
  });
}

/** A whole message: the organisation's header, the message, a quiet footer. */
export function EmailLayout(props: {
  brand: EmailBrand;
  locale: string;
  subject: string;
  preview: string;
  blocks: Block[];
}) {
  const { brand } = props;
  return (
    <Html lang={props.locale}>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.subject}</title>
        <style dangerouslySetInnerHTML={{ __html: darkCss(brand) }} />
      </Head>
      <Body
        className="em-page"
        style={{ backgroundColor: PAGE, margin: 0, padding: "24px 0", fontFamily: FONT }}
      >
        <Preview>{props.preview}</Preview>
        <Container style={{ maxWidth: "600px", margin: "0 auto", padding: "0 12px" }}>
          <Section
            style={{
              // A logo may be dark or light: it sits on white, the brand colour stays in the rule.
              backgroundColor: brand.logoUrl ? "#ffffff" : brand.primary,
              border: brand.logoUrl ? `1px solid ${BORDER}` : undefined,
              borderBottom: `4px solid ${brand.logoUrl ? brand.primary : brand.accent}`,
              borderRadius: "10px 10px 0 0",
              padding: brand.logoUrl ? "14px 28px" : "18px 28px",
            }}
          >
            {brand.logoUrl && brand.logo ? (
              <img
                src={brand.logoUrl}
                alt={brand.name}
                height={LOGO_HEIGHT}
                width={Math.round((LOGO_HEIGHT * brand.logo.width) / brand.logo.height)}
                style={{ display: "block", border: 0, height: `${LOGO_HEIGHT}px`, width: "auto" }}
              />
            ) : (
              <Text
                style={{
                  margin: 0,
                  fontSize: "18px",
                  lineHeight: "24px",
                  fontWeight: 700,
                  color: "#ffffff",
                  fontFamily: FONT,
                }}
              >
                {brand.name}
              </Text>
            )}
          </Section>
          <Section
            className="em-card"
            style={{
              backgroundColor: "#ffffff",
              border: `1px solid ${BORDER}`,
              borderTop: "none",
              borderRadius: "0 0 10px 10px",
              padding: "28px 28px 12px",
              fontFamily: FONT,
            }}
          >
            <Blocks blocks={props.blocks} brand={brand} />
          </Section>
          <Text
            className="em-muted"
            style={{
              margin: "16px 0 0",
              fontSize: "13px",
              lineHeight: "20px",
              color: MUTED,
              textAlign: "center",
            }}
          >
            {brand.name}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
